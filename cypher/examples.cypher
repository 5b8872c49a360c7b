// Ready queries for Neo4j Browser. Paste one at a time (or drag this file onto the Browser's
// favourites pane). Queries that RETURN a path draw a graph; the others return tables.
// Style the graph with cypher/browser-style.grass (drag it onto the Browser window).

// Who leads which action ("Federführung")
MATCH (lead)-[l:LEADS]->(a:Action)
OPTIONAL MATCH (a)-[:IN_FIELD]->(f:FieldOfAction)
RETURN a.name AS action, a.nameDe AS actionDe, lead.name AS lead, l.role AS leadOf,
       f.name AS field, a.start AS start, a.end AS end
ORDER BY action;

// Who leads which action, as a graph
MATCH p = (:Entity)-[:LEADS]->(:Action)
RETURN p;

// Who contributes to which action, and in what role (English and German)
MATCH (actor:Entity)-[c:CONTRIBUTES_TO]->(a:Action)
RETURN a.name AS action, actor.name AS contributor, c.role AS role, c.roleDe AS roleDe
ORDER BY action, contributor;

// The timeline: meetings in chronological order, where they were and what they addressed
MATCH (m:Meeting)
OPTIONAL MATCH (m)-[:HELD_IN]->(c:City)
OPTIONAL MATCH (m)-[:AT_VENUE]->(v:Institution)
OPTIONAL MATCH (m)-[:ADDRESSED]->(a:Action)
WITH m, c, v, collect(a.name) AS actions
ORDER BY m.date, m.order
RETURN m.date AS date, m.name AS meeting, m.kind AS kind, m.status AS status,
       c.name AS city, v.name AS venue, actions;

// The timeline as a graph: the chain of meetings (NEXT) and where they were held
MATCH chain = (first:Meeting)-[:NEXT*]->(last:Meeting)
WHERE NOT ()-[:NEXT]->(first) AND NOT (last)-[:NEXT]->()
OPTIONAL MATCH place = (:Meeting)-[:HELD_IN]->(:City)
RETURN chain, collect(place) AS places;

// What Leipzig and Ljubljana share: actions and meetings both take part in
// (directly or through an institution based in the city)
MATCH (a:City {id: 'city/leipzig'}), (b:City {id: 'city/ljubljana'})
CALL (a, b) {
  MATCH (a)<-[:BASED_IN*0..1]-(:Entity)-[:LEADS|CONTRIBUTES_TO]->(x:Action)
        <-[:LEADS|CONTRIBUTES_TO]-(:Entity)-[:BASED_IN*0..1]->(b)
  RETURN collect(DISTINCT x.name) AS sharedActions
}
CALL (a, b) {
  MATCH (a)<-[:BASED_IN*0..1]-(:Entity)-[:TOOK_PART_IN|HELD_IN]-(m:Meeting)
        -[:TOOK_PART_IN|HELD_IN]-(:Entity)-[:BASED_IN*0..1]->(b)
  RETURN collect(DISTINCT m.name) AS sharedMeetings
}
RETURN sharedActions, sharedMeetings;

// What Leipzig and Ljubljana share, as a graph
MATCH p = (:City {id: 'city/leipzig'})-[:LEADS|CONTRIBUTES_TO]->(:Action)
          <-[:LEADS|CONTRIBUTES_TO]-(:City {id: 'city/ljubljana'})
RETURN p;

// The shortest path from HGB Leipzig to Genoa (over the facts, not the passages)
MATCH (from:Entity {id: 'institution/hgb-leipzig'}), (to:Entity {id: 'city/genoa'})
MATCH p = shortestPath((from)-[:IN_COUNTRY|BASED_IN|HELD_IN|AT_VENUE|NEXT|HELD_WITH|ADDRESSED|LEADS|CONTRIBUTES_TO|IN_FIELD|PART_OF|MEMBER_OF|TOOK_PART_IN*..6]-(to))
RETURN p;

// Everything a meeting decided: the results of Genoa 2011, German and English
MATCH (m:Meeting {id: 'meeting/genoa-2011'})-[:HAS_OUTCOME]->(s:Statement)
RETURN s.order AS item, s.section AS section, s.text AS german, s.textEn AS english
ORDER BY item;

// Everything a meeting decided, as a graph: the actions it addressed and who leads or contributes
MATCH p = (:Meeting {id: 'meeting/genoa-2011'})-[:ADDRESSED]->(a:Action)
OPTIONAL MATCH q = (a)<-[:LEADS|CONTRIBUTES_TO]-(:Entity)
RETURN p, collect(q) AS actors;

// The inter-departmental working group: its members and its lead
MATCH (member:Institution)-[r:MEMBER_OF]->(g:Institution {id: 'institution/interdepartmental-working-group-leipzig'})
RETURN g.name AS workingGroup, member.name AS member, member.nameDe AS memberDe, r.role AS role
ORDER BY role, member;

// The sources of a fact: where does the report say that Ljubljana leads the transnational study?
MATCH (:City {id: 'city/ljubljana'})-[l:LEADS]->(:Action {id: 'action/transnational-study'})
UNWIND l.sourceIds AS sourceId
MATCH (src:Source {id: sourceId})
OPTIONAL MATCH (st:Statement {id: src.statementId})
RETURN src.document AS document, src.section AS section, src.quote AS quote, st.textEn AS english;

// The sources of an entity: every passage that names the Academy of Fine Arts Leipzig (HGB)
MATCH (e:Entity {id: 'institution/hgb-leipzig'})-[:STATED_IN]->(src:Source)
OPTIONAL MATCH (st:Statement {id: src.statementId})
RETURN e.name AS entity, src.section AS section, src.quote AS quote, st.textEn AS english;

// Search names and statements, German or English, accents optional ("gdansk" finds "Gdańsk")
CALL db.index.fulltext.queryNodes('searchFolded_v2', 'sala dogana') YIELD node, score
RETURN labels(node) AS labels, node.id AS id, coalesce(node.name, node.text) AS text, score
LIMIT 10;

// What the report only implies: facts recorded as inferred, with the reason
MATCH (n:Entity) WHERE n.inferred
RETURN n.id AS fact, n.note AS why
UNION ALL
MATCH (a)-[r]->(b) WHERE r.inferred
RETURN a.id + ' -[:' + type(r) + ']-> ' + b.id AS fact, r.note AS why;

// The whole network of facts (without statements and passages)
MATCH p = (:Entity)-[r]->(:Entity)
WHERE NOT type(r) IN ['STATED_IN', 'MENTIONS']
RETURN p;
