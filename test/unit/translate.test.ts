// The Cypher the read path builds per selection shape, and its parameters: what a reviewer
// reads to see what one request asks of Neo4j (as @neo4j/graphql's tests/tck do).
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, graphqlSync, type GraphQLResolveInfo } from 'graphql';
import {
  neighbourhoodSelectionOf,
  pageSelectionOf,
  pathSelectionOf,
  searchSelectionOf,
  selectionOf,
} from '../../src/graphql/selection';
import {
  listParams,
  listQuery,
  lookupQuery,
  neighbourhoodQuery,
  pageQuery,
  pathQuery,
} from '../../src/translate/queries';
import { changesQuery } from '../../src/translate/changes';
import { documentsQuery } from '../../src/translate/documents';
import { searchQuery } from '../../src/translate/search';

const schema = buildSchema(
  fs.readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8'),
);

/** The resolve info of the (first) root field of `query`, as a resolver would get it. */
function infoOf(query: string): GraphQLResolveInfo {
  let captured: GraphQLResolveInfo | undefined;
  const result = graphqlSync({
    schema,
    source: query,
    fieldResolver: (_source, _args, _context, info) => {
      captured ??= info;
      return null;
    },
  });
  if (result.errors?.some((error) => !/null/i.test(error.message))) throw result.errors[0];
  return captured!;
}

describe('the Cypher of a request', () => {
  it('a list with nested fields and a to-one field', () => {
    const info = infoOf(`{
      meetings(year: 2011) {
        id name year
        city { name }
        topics { text }
        venue { id }
      }
    }`);
    const query = listQuery('Meeting', undefined, selectionOf(info));
    expect(query.cypher).toMatchInlineSnapshot(`
     "MATCH (this0:Meeting)
     WHERE (($year IS NULL OR this0.year = $year) AND ($status IS NULL OR this0.status = $status) AND ($kind IS NULL OR this0.kind = $kind) AND ($cityId IS NULL OR EXISTS {
       MATCH (this0)-[:HELD_IN]->(:City { id: $cityId })
     }))
     WITH this0
     ORDER BY coalesce(this0.date, toString(this0.year)) ASC, this0.order ASC, this0.id ASC
     SKIP $offset
     LIMIT $limit
     RETURN [this0.id, this0.name, this0.year, head(COLLECT {
       MATCH (this0)-[:HELD_IN]->(this1:City)
       WITH DISTINCT this1
       ORDER BY this1.name ASC, this1.id ASC
       RETURN [this1.id, this1.name]
     }), COLLECT {
       MATCH (this0)-[:HAS_TOPIC]->(this2:Statement)
       WITH DISTINCT this2
       ORDER BY this2.order ASC
       RETURN [this2.id, this2.text]
     }, head(COLLECT {
       MATCH (this0)-[:AT_VENUE]->(this3:Institution)
       WITH DISTINCT this3
       ORDER BY this3.name ASC, this3.id ASC
       RETURN [this3.id]
     })] AS node"
    `);
    expect(listParams('Meeting', { year: 2011 }, { offset: 0, limit: 500 })).toMatchInlineSnapshot(`
     {
       "cityId": null,
       "kind": null,
       "limit": 500,
       "offset": 0,
       "status": null,
       "year": 2011,
     }
    `);
  });

  it('filter arguments of relationship fields: what was decided at a meeting', () => {
    const info = infoOf(`query ($roles: [AgendaRole!]) {
      meeting(id: "meeting/genoa-2011") {
        outcomes(kind: [DECISION, ADOPTION]) { text kind }
        agenda(role: $roles) { role action { id } }
        topics { text }
      }
    }`);
    const selection = selectionOf(info);
    // the values become parameters; the query text is the same for any values
    expect(selection.params).toEqual({
      filter_outcomes_kind: ['DECISION', 'ADOPTION'],
    });
    expect(lookupQuery('Meeting', selection).cypher).toMatchInlineSnapshot(`
     "MATCH (this0:Entity { id: $id })
     WHERE this0:Meeting
     RETURN [this0.id, COLLECT {
       MATCH (this0)-[:HAS_OUTCOME]->(this1:Statement)
       WHERE toUpper(this1.kind) IN $filter_outcomes_kind
       WITH DISTINCT this1
       ORDER BY this1.order ASC
       RETURN [this1.id, this1.text, this1.kind]
     }, COLLECT {
       MATCH (this0)-[this2:ADDRESSED]->(this3:Action)
       WITH this3, this2
       ORDER BY this3.name ASC, this3.id ASC
       RETURN [[this3.id], this2.role]
     }, COLLECT {
       MATCH (this0)-[:HAS_TOPIC]->(this4:Statement)
       WITH DISTINCT this4
       ORDER BY this4.order ASC
       RETURN [this4.id, this4.text]
     }] AS node"
    `);
  });

  it('filter arguments given by variables: parameters with the values of each request', () => {
    const query = `query ($roles: [AgendaRole!]) {
      meeting(id: "meeting/genoa-2011") { agenda(role: $roles) { role } }
    }`;
    let captured: GraphQLResolveInfo | undefined;
    graphqlSync({
      schema,
      source: query,
      variableValues: { roles: ['DECIDED', 'ADOPTED'] },
      fieldResolver: (_source, _args, _context, info) => {
        captured ??= info;
        return null;
      },
    });
    expect(selectionOf(captured!).params).toEqual({
      filter_agenda_role: ['DECIDED', 'ADOPTED'],
    });
  });

  it('refuses one field selected twice with different filters', () => {
    const info = infoOf(`{
      meeting(id: "meeting/genoa-2011") {
        decided: agenda(role: [DECIDED]) { role }
        adopted: agenda(role: [ADOPTED]) { role }
      }
    }`);
    expect(() => selectionOf(info)).toThrow(/agenda: is selected more than once/);
  });

  it('a link field with its qualification and sources', () => {
    const info = infoOf(`{
      actions {
        name
        leadership { role basis actor { name } sources { quote verbatim origin { id title } } }
        contributors { role roleDe note }
      }
    }`);
    expect(listQuery('Action', 'START', selectionOf(info)).cypher).toMatchInlineSnapshot(`
     "MATCH (this0:Action)
     WHERE (($kind IS NULL OR this0.kind = $kind) AND ($fieldId IS NULL OR EXISTS {
       MATCH (this0)-[:IN_FIELD]->(:FieldOfAction { id: $fieldId })
     }) AND ($leadId IS NULL OR EXISTS {
       MATCH (this0)<-[:LEADS]-(:Entity { id: $leadId })
     }) AND ($meetingId IS NULL OR EXISTS {
       MATCH (this0)<-[:ADDRESSED]-(:Meeting { id: $meetingId })
     }))
     WITH this0
     ORDER BY this0.start IS NULL ASC, this0.start ASC, this0.name ASC, this0.id ASC
     SKIP $offset
     LIMIT $limit
     RETURN [this0.id, this0.name, COLLECT {
       MATCH (this0)<-[this1:LEADS]-(this2:(City|Institution))
       WITH this2, this1
       ORDER BY this2.name ASC, this2.id ASC
       RETURN [[this2.id, labels(this2), this2.name], this1.role, CASE
         WHEN this1.createdBy IS NOT NULL THEN 'CURATED'
         WHEN this1.inferred = true THEN 'INFERRED'
         ELSE 'STATED'
       END, COLLECT {
         UNWIND coalesce(this1.sourceIds, []) AS var3
         MATCH (this4:Source { id: var3 })
         RETURN [this4.id, this4.quote, coalesce(this4.verbatim, true), head(COLLECT {
           MATCH (this4)-[:IN_DOCUMENT]->(this5:Document)
           WITH DISTINCT this5
           ORDER BY this5.id ASC
           RETURN [this5.id, this5.title]
         })]
       }]
     }, COLLECT {
       MATCH (this0)<-[this6:CONTRIBUTES_TO]-(this7:(City|Institution))
       WITH this7, this6
       ORDER BY this7.name ASC, this7.id ASC
       RETURN [[this7.id, labels(this7)], this6.role, this6.roleDe, this6.note]
     }] AS node"
    `);
  });

  it('an abstract selection: Entity with fragments, Actor', () => {
    const info = infoOf(`{
      entity(id: "city/leipzig") {
        __typename id aliases audit { createdBy }
        ... on City { meetings { id } leads { id } }
        ... on Institution { meetings { id } memberships { group { name } member { name } role } }
        ... on Action { leads { __typename name } }
      }
    }`);
    expect(lookupQuery(null, selectionOf(info)).cypher).toMatchInlineSnapshot(`
     "MATCH (this0:Entity { id: $id })
     RETURN [this0.id, labels(this0), coalesce(this0.aliases, []), CASE
       WHEN (this0.createdBy IS NOT NULL OR this0.updatedBy IS NOT NULL) THEN {createdBy: this0.createdBy, createdAt: this0.createdAt, updatedBy: this0.updatedBy, updatedAt: this0.updatedAt}
     END, CASE
       WHEN this0:City THEN COLLECT {
         MATCH (this0)-[:TOOK_PART_IN]->(this1:Meeting)
         WITH DISTINCT this1
         ORDER BY coalesce(this1.date, toString(this1.year)) ASC, this1.order ASC, this1.id ASC
         RETURN [this1.id]
       }
       WHEN this0:Institution THEN COLLECT {
         CALL (this0) {
           MATCH (this0)-[:TOOK_PART_IN]->(this2:Meeting)
           RETURN this2
           UNION
           MATCH (this0)<-[:AT_VENUE]-(this2:Meeting)
           RETURN this2
         }
         WITH DISTINCT this2
         ORDER BY coalesce(this2.date, toString(this2.year)) ASC, this2.order ASC, this2.id ASC
         RETURN [this2.id]
       }
     END, CASE
       WHEN this0:City THEN COLLECT {
         MATCH (this0)-[:LEADS]->(this3:Action)
         WITH DISTINCT this3
         ORDER BY this3.name ASC, this3.id ASC
         RETURN [this3.id, labels(this3), this3.name]
       }
       WHEN this0:Action THEN COLLECT {
         MATCH (this0)<-[:LEADS]-(this4:(City|Institution))
         WITH DISTINCT this4
         ORDER BY this4.name ASC, this4.id ASC
         RETURN [this4.id, labels(this4), this4.name]
       }
     END, COLLECT {
       MATCH (this0)-[this5:MEMBER_OF]->(this6:Institution)
       WITH this6, this5
       ORDER BY this6.name ASC, this6.id ASC
       RETURN [[this6.id, this6.name], [this0.id, this0.name], this5.role]
     }] AS node"
    `);
  });

  it('a connection page with its total count', () => {
    const info = infoOf(`{
      actionsConnection(first: 2, kind: STUDY) { totalCount edges { cursor node { name } } }
    }`);
    expect(pageQuery('Action', 'NAME', pageSelectionOf(info)).cypher).toMatchInlineSnapshot(`
     "CALL () {
       MATCH (this0:Action)
       WHERE (($kind IS NULL OR this0.kind = $kind) AND ($fieldId IS NULL OR EXISTS {
         MATCH (this0)-[:IN_FIELD]->(:FieldOfAction { id: $fieldId })
       }) AND ($leadId IS NULL OR EXISTS {
         MATCH (this0)<-[:LEADS]-(:Entity { id: $leadId })
       }) AND ($meetingId IS NULL OR EXISTS {
         MATCH (this0)<-[:ADDRESSED]-(:Meeting { id: $meetingId })
       }))
       RETURN count(this0) AS var1
     }
     CALL () {
       MATCH (this2:Action)
       WHERE (this2.name IS NOT NULL AND ($kind IS NULL OR this2.kind = $kind) AND ($fieldId IS NULL OR EXISTS {
         MATCH (this2)-[:IN_FIELD]->(:FieldOfAction { id: $fieldId })
       }) AND ($leadId IS NULL OR EXISTS {
         MATCH (this2)<-[:LEADS]-(:Entity { id: $leadId })
       }) AND ($meetingId IS NULL OR EXISTS {
         MATCH (this2)<-[:ADDRESSED]-(:Meeting { id: $meetingId })
       }))
       WITH this2
       ORDER BY this2.name ASC, this2.id ASC
       SKIP $offset
       LIMIT $limit
       RETURN collect([this2.id, this2.name]) AS var3
     }
     RETURN var1 AS totalCount, var3 AS items"
    `);
  });

  it('search, with the hits statements', () => {
    const info = infoOf(`{
      search(text: "Leipzig") { score entity { __typename name } statement { text } }
    }`);
    expect(searchQuery(searchSelectionOf(info)).cypher).toMatchInlineSnapshot(`
     "CALL () {
       CALL db.index.fulltext.queryNodes('searchFolded_v2', $folded, {limit: $candidates}) YIELD node AS this0, score AS var1
       RETURN this0, var1, false AS var2
       UNION ALL
       CALL db.index.fulltext.queryNodes('searchEnglish_v2', $stemmed, {limit: $candidates}) YIELD node AS this0, score AS var1
       RETURN this0, var1, false AS var2
       UNION ALL
       CALL db.index.fulltext.queryNodes('searchGerman_v2', $stemmed, {limit: $candidates}) YIELD node AS this0, score AS var1
       RETURN this0, var1, false AS var2
       UNION ALL
       CALL db.index.fulltext.queryNodes('searchFolded_v2', $foldedNames, {limit: $candidates}) YIELD node AS this0, score AS var1
       RETURN this0, var1, true AS var2
     }
     WITH this0, sum(var1) AS var1, max(var2) AS var2
     OPTIONAL MATCH (this3:Meeting)-[:(HAS_TOPIC|HAS_OUTCOME)]->(this0)
     WITH var1, var2, CASE
       WHEN this0:Statement THEN this3
       ELSE this0
     END AS this4, CASE
       WHEN this0:Statement THEN this0
     END AS this5
     WHERE this4 IS NOT NULL
     WITH this4, var1, var2, this5
     ORDER BY var1 DESC
     WITH this4, head(collect({relevance: var1, statement: this5})) AS var6, max(var2) AS var2
     WITH this4, var2, var6.relevance AS var1, var6.statement AS this5, [var7 IN ([this4.name, this4.nameDe] + coalesce(this4.aliases, [])) WHERE var7 IS NOT NULL | normalize(toLower(var7), NFD)] AS var8
     WITH this4, var1, this5, var8, CASE
       WHEN any(var7 IN var8 WHERE var7 =~ $exactName) THEN 4
       WHEN any(var7 IN var8 WHERE var7 =~ $namePrefix) THEN 3
       WHEN any(var7 IN var8 WHERE all(var9 IN $nameWords WHERE var7 =~ var9)) THEN 2
       WHEN var2 = true THEN 1
       ELSE 0
     END AS var10
     WITH this4, this5, ((var10 + CASE
       WHEN any(var7 IN var8 WHERE size(split(var7, ' ')) = size($nameWords)) THEN 0.5
       ELSE 0
     END) + (var1 / (2 * (var1 + 1)))) AS var11
     ORDER BY var11 DESC, this4.id ASC
     LIMIT $limit
     RETURN var11 AS score, [this4.id, labels(this4), this4.name] AS entity, CASE
       WHEN this5 IS NOT NULL THEN [this5.id, this5.text]
     END AS statement"
    `);
  });

  it("a city's partners", () => {
    const info = infoOf(`{
      city(id: "city/leipzig") {
        name
        partners { city { name } sharedActions { name } sharedMeetings { id } }
      }
    }`);
    expect(lookupQuery('City', selectionOf(info)).cypher).toMatchInlineSnapshot(`
     "MATCH (this0:Entity { id: $id })
     WHERE this0:City
     RETURN [this0.id, this0.name, COLLECT {
       WITH COLLECT {
         MATCH (this0)<-[:BASED_IN*0..1]-(:Entity)-[this1:(LEADS|CONTRIBUTES_TO)]->(this2:Action)
         WITH DISTINCT this2
         ORDER BY this2.name ASC
         RETURN this2
       } AS var3, COLLECT {
         MATCH (this0)<-[:BASED_IN*0..1]-(:Entity)-[this1:(TOOK_PART_IN|HELD_IN)]-(this4:Meeting)
         WITH DISTINCT this4
         ORDER BY coalesce(this4.date, toString(this4.year)) ASC, this4.order ASC, this4.id ASC
         RETURN this4
       } AS var5, (COLLECT {
         MATCH (this0)<-[:BASED_IN*0..1]-(:Entity)-[this1:(LEADS|CONTRIBUTES_TO)]->(this2:Action)
         WHERE this1.expansion IS NULL
         RETURN this2
       } + COLLECT {
         MATCH (this0)<-[:BASED_IN*0..1]-(:Entity)-[this1:(TOOK_PART_IN|HELD_IN)]-(this4:Meeting)
         WHERE this1.expansion IS NULL
         RETURN this4
       }) AS var6
       UNWIND (var3 + var5) AS this7
       MATCH (this7)-[:(LEADS|CONTRIBUTES_TO|TOOK_PART_IN|HELD_IN)]-(:Entity)-[:BASED_IN*0..1]->(this8:City)
       WHERE this8 <> this0
       WITH DISTINCT this8, var3, var5, var6
       WITH this8, var3, var5, var6, COLLECT {
         MATCH (this8)<-[:BASED_IN*0..1]-(:Entity)-[this1:(LEADS|CONTRIBUTES_TO)]->(this2:Action)
         RETURN DISTINCT this2
       } AS var9, COLLECT {
         MATCH (this8)<-[:BASED_IN*0..1]-(:Entity)-[this1:(TOOK_PART_IN|HELD_IN)]-(this4:Meeting)
         RETURN DISTINCT this4
       } AS var10, (COLLECT {
         MATCH (this8)<-[:BASED_IN*0..1]-(:Entity)-[this1:(LEADS|CONTRIBUTES_TO)]->(this2:Action)
         WHERE this1.expansion IS NULL
         RETURN this2
       } + COLLECT {
         MATCH (this8)<-[:BASED_IN*0..1]-(:Entity)-[this1:(TOOK_PART_IN|HELD_IN)]-(this4:Meeting)
         WHERE this1.expansion IS NULL
         RETURN this4
       }) AS var11
       WITH this8, var6, var11, [var12 IN var3 WHERE var12 IN var9] AS var13, [var14 IN var5 WHERE var14 IN var10] AS var15
       WITH this8, var13, var15, (size([var16 IN var13 WHERE (var16 IN var6 AND var16 IN var11)]) + size([var16 IN var15 WHERE (var16 IN var6 AND var16 IN var11)])) AS var17
       ORDER BY var17 DESC, (size(var13) + size(var15)) DESC, this8.name ASC
       RETURN [[this8.id, this8.name], [this2 IN var13 | [this2.id, this2.name]], [this4 IN var15 | [this4.id]]]
     }] AS node"
    `);
  });

  it('a path and a neighbourhood, with the sources of their relationships', () => {
    const path = infoOf(`{
      connection(fromId: "city/leipzig", toId: "city/genoa") {
        nodes { __typename name } relationships { type basis sources { quote } }
      }
    }`);
    const selection = pathSelectionOf(path);
    expect(pathQuery(3, selection.nodes, selection.sources).cypher).toMatchInlineSnapshot(`
     "OPTIONAL MATCH (this0:Entity { id: $fromId })
     OPTIONAL MATCH (this1:Entity { id: $toId })
     OPTIONAL CALL (this0, this1) {
       WITH this0, this1
       WHERE (this0 IS NOT NULL AND this1 IS NOT NULL AND this0 <> this1)
       MATCH p2 = shortestPath((this0)-[:(IN_COUNTRY|BASED_IN|HELD_IN|AT_VENUE|NEXT|HELD_WITH|ADDRESSED|LEADS|CONTRIBUTES_TO|IN_FIELD|PART_OF|MEMBER_OF|TOOK_PART_IN|IN_PROJECT|PARTNER_IN|OPENED|HOUSED_AT)*1..3]-(this1))
       RETURN p2
     }
     OPTIONAL CALL (this0, this1, p2) {
       WITH this0, this1, p2
       WHERE NOT (all(this3 IN nodes(p2) WHERE this3:Entity))
       MATCH p4 = shortestPath((this0)-[:(IN_COUNTRY|BASED_IN|HELD_IN|AT_VENUE|NEXT|HELD_WITH|ADDRESSED|LEADS|CONTRIBUTES_TO|IN_FIELD|PART_OF|MEMBER_OF|TOOK_PART_IN|IN_PROJECT|PARTNER_IN|OPENED|HOUSED_AT)*1..3]-(this1)) WHERE all(this5 IN nodes(p4) WHERE this5:Entity)
       RETURN p4
     }
     WITH this0, this1, CASE
       WHEN all(this6 IN nodes(p2) WHERE this6:Entity) THEN p2
       ELSE p4
     END AS p7
     WITH this0, this1, CASE
       WHEN (this0 IS NOT NULL AND this0 = this1) THEN [this0]
       ELSE nodes(p7)
     END AS var8, CASE
       WHEN (this0 IS NOT NULL AND this0 = this1) THEN []
       ELSE relationships(p7)
     END AS var9
     RETURN this0 IS NOT NULL AS fromExists, this1 IS NOT NULL AS toExists, [this10 IN var8 | [this10.id, labels(this10), this10.name]] AS nodes, [this11 IN var9 | [this11.key, type(this11), startNode(this11).id, endNode(this11).id, this11.role, this11.roleDe, CASE
       WHEN type(this11) IN ['NEXT', 'HELD_WITH', 'ADDRESSED', 'LEADS', 'CONTRIBUTES_TO', 'IN_FIELD', 'PART_OF', 'MEMBER_OF', 'TOOK_PART_IN', 'IN_PROJECT', 'PARTNER_IN', 'OPENED', 'HOUSED_AT'] THEN CASE
         WHEN this11.createdBy IS NOT NULL THEN 'CURATED'
         WHEN this11.inferred = true THEN 'INFERRED'
         ELSE 'STATED'
       END
       WHEN this11.inferred = true THEN 'INFERRED'
     END, this11.note, COLLECT {
       UNWIND coalesce(this11.sourceIds, []) AS var12
       MATCH (this13:Source { id: var12 })
       RETURN [this13.id, this13.quote]
     }]] AS relationships"
    `);
    const neighbourhood = infoOf(`{
      neighbourhood(id: "city/leipzig") { nodes { id } relationships { id role basis } }
    }`);
    expect(neighbourhoodQuery(2, neighbourhoodSelectionOf(neighbourhood).sources).cypher)
      .toMatchInlineSnapshot(`
     "MATCH (this0:Entity { id: $id })
     CALL (this0) {
       MATCH (this0)-[this1:(IN_COUNTRY|BASED_IN|HELD_IN|AT_VENUE|NEXT|HELD_WITH|ADDRESSED|LEADS|CONTRIBUTES_TO|IN_FIELD|PART_OF|MEMBER_OF|TOOK_PART_IN|IN_PROJECT|PARTNER_IN|OPENED|HOUSED_AT)*1..2]-(this2:Entity)
       WHERE all(this3 IN this1 WHERE ('Entity' IN labels(startNode(this3)) AND 'Entity' IN labels(endNode(this3))))
       WITH DISTINCT this2
       ORDER BY this2.id ASC
       LIMIT ($limit + 1)
       RETURN collect(this2) AS var4
     }
     WITH this0, var4, size(var4) > $limit AS var5
     WITH ([this0] + var4[..$limit]) AS var6, var5
     CALL (var6) {
       UNWIND var6 AS this7
       MATCH (this7)-[this8:(IN_COUNTRY|BASED_IN|HELD_IN|AT_VENUE|NEXT|HELD_WITH|ADDRESSED|LEADS|CONTRIBUTES_TO|IN_FIELD|PART_OF|MEMBER_OF|TOOK_PART_IN|IN_PROJECT|PARTNER_IN|OPENED|HOUSED_AT)]->(this9)
       WHERE this9 IN var6
       RETURN collect([this8.key, type(this8), this7.id, this9.id, this8.role, this8.roleDe, CASE
         WHEN type(this8) IN ['NEXT', 'HELD_WITH', 'ADDRESSED', 'LEADS', 'CONTRIBUTES_TO', 'IN_FIELD', 'PART_OF', 'MEMBER_OF', 'TOOK_PART_IN', 'IN_PROJECT', 'PARTNER_IN', 'OPENED', 'HOUSED_AT'] THEN CASE
           WHEN this8.createdBy IS NOT NULL THEN 'CURATED'
           WHEN this8.inferred = true THEN 'INFERRED'
           ELSE 'STATED'
         END
         WHEN this8.inferred = true THEN 'INFERRED'
       END, this8.note, []]) AS var10
     }
     RETURN [this2 IN var6 | [this2.id, this2.name, this2.nameDe, labels(this2)]] AS nodes, var10 AS relationships, var5 AS truncated"
    `);
  });

  it('documents and changes: flat records, one query each', () => {
    expect(documentsQuery().cypher).toMatchInlineSnapshot(`
     "MATCH (this0:Document)
     RETURN this0.id AS id, this0.title AS title, this0.kind AS kind, this0.issuer AS issuer, this0.date AS date, this0.language AS language, this0.url AS url
     ORDER BY this0.date ASC, this0.title ASC
     LIMIT 500"
    `);
    expect(changesQuery(true).cypher).toMatchInlineSnapshot(`
     "MATCH (this0:Change { entityId: $entityId })
     RETURN this0.id AS id, this0.at AS at, this0.by AS by, this0.operation AS operation, this0.entityId AS entityId, this0.summary AS summary
     ORDER BY this0.at DESC, this0.id DESC
     LIMIT $first"
    `);
    expect(changesQuery(false).cypher).toMatchInlineSnapshot(`
     "MATCH (this0:Change)
     RETURN this0.id AS id, this0.at AS at, this0.by AS by, this0.operation AS operation, this0.entityId AS entityId, this0.summary AS summary
     ORDER BY this0.at DESC, this0.id DESC
     LIMIT $first"
    `);
  });
});
