// The contract's read operations, each with the parameters the benchmarks send and one
// hand-written Cypher query that returns the same data (the "raw" limit): what a developer
// would write to answer the whole operation in one round trip, with the same ordering, list
// cap (500) and defaults as the API.
import fs from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { ENTITY_LABELS, ENTITY_RELATIONSHIP_TYPES } from '../src/model';
import { searchTerms } from '../src/translate';
import type { SampleIds } from './generate';

export const READ_OPERATIONS = [
  'Cities',
  'MeetingTimeline',
  'WhoLeadsWhat',
  'Institutions',
  'Partners',
  'Search',
  'Connection',
  'Neighbourhood',
  'Provenance',
] as const;
export type ReadOperation = (typeof READ_OPERATIONS)[number];

/** The operations of contract/operations.graphql by name, each as its own document. */
export function contractDocuments(): Map<string, string> {
  const file = path.join(__dirname, '..', 'contract', 'operations.graphql');
  const document = parse(fs.readFileSync(file, 'utf8'));
  return new Map(
    document.definitions
      .filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
      .map((d) => [d.name!.value, print(d)]),
  );
}

export function variablesOf(operation: ReadOperation, sample: SampleIds): Record<string, unknown> {
  switch (operation) {
    case 'Partners':
      return { cityId: sample.city };
    case 'Search':
      return { text: sample.searchText, first: 10 };
    case 'Connection':
      return { fromId: sample.city, toId: sample.otherCity };
    case 'Neighbourhood':
      return { id: sample.institution, depth: 1 };
    case 'Provenance':
      return { id: sample.action };
    default:
      return {};
  }
}

const LIMIT = 500;
const typename = (v: string) =>
  `head([l IN labels(${v}) WHERE l IN [${ENTITY_LABELS.map((l) => `'${l}'`).join(',')}]])`;
const chronological = (v: string) =>
  `coalesce(${v}.date, toString(${v}.year)), ${v}.order, ${v}.id`;
const ENTITY_RELATIONSHIPS = ENTITY_RELATIONSHIP_TYPES.join('|');
const rel = (r: string) => `{type: type(${r}), from: startNode(${r}).id, to: endNode(${r}).id}`;

export interface RawQuery {
  cypher: string;
  params: Record<string, unknown>;
}

/** One Cypher query whose single row's `data` column is the operation's GraphQL `data`. */
export function rawQuery(operation: ReadOperation, sample: SampleIds): RawQuery {
  const v = variablesOf(operation, sample);
  switch (operation) {
    case 'Cities':
      return {
        params: {},
        cypher: `
MATCH (c:City) WITH c ORDER BY c.name, c.id LIMIT ${LIMIT}
RETURN {cities: collect(c {.id, .name, .nameDe,
  country: COLLECT { MATCH (c)-[:IN_COUNTRY]->(k:Country) RETURN k {.id, .name} ORDER BY k.name }[0]
})} AS data`,
      };
    case 'MeetingTimeline':
      return {
        params: {},
        cypher: `
MATCH (m:Meeting) WITH m ORDER BY ${chronological('m')} LIMIT ${LIMIT}
RETURN {meetings: collect(m {.id, .name, .kind, .status, .year, .date,
  city: COLLECT { MATCH (m)-[:HELD_IN]->(t:City) RETURN t {.id, .name, .nameDe} ORDER BY t.name }[0],
  venue: COLLECT { MATCH (m)-[:AT_VENUE]->(t:Institution) RETURN t {.id, .name} ORDER BY t.name }[0],
  topics: COLLECT { MATCH (m)-[:HAS_TOPIC]->(t:Statement) RETURN t {.text, .textEn} ORDER BY t.order },
  outcomes: COLLECT { MATCH (m)-[:HAS_OUTCOME]->(t:Statement) RETURN t {.text, .textEn} ORDER BY t.order },
  actions: COLLECT { MATCH (m)-[:ADDRESSED]->(t:Action) RETURN t {.id, .name} ORDER BY t.name },
  previous: COLLECT { MATCH (m)<-[:NEXT]-(t:Meeting) RETURN t {.id} ORDER BY t.id }[0],
  next: COLLECT { MATCH (m)-[:NEXT]->(t:Meeting) RETURN t {.id} ORDER BY t.id }[0]
})} AS data`,
      };
    case 'WhoLeadsWhat':
      return {
        params: {},
        cypher: `
MATCH (a:Action) WITH a ORDER BY a.name, a.id LIMIT ${LIMIT}
RETURN {actions: collect(a {.id, .name, .nameDe, .kind, .start, .end,
  field: COLLECT { MATCH (a)-[:IN_FIELD]->(t:FieldOfAction) RETURN t {.id, .name, .nameDe} ORDER BY t.name }[0],
  leads: COLLECT { MATCH (a)<-[:LEADS]-(t) RETURN t {__typename: ${typename('t')}, .id, .name, .nameDe} ORDER BY t.name },
  contributors: COLLECT { MATCH (a)<-[r:CONTRIBUTES_TO]-(t)
    RETURN {role: coalesce(r.role, 'contributor'), actor: t {__typename: ${typename('t')}, .id, .name, .nameDe}} ORDER BY t.name },
  meetings: COLLECT { MATCH (a)<-[:ADDRESSED]-(t:Meeting)
    RETURN t {.id, .year, city: COLLECT { MATCH (t)-[:HELD_IN]->(c:City) RETURN c {.id, .name} ORDER BY c.name }[0]}
    ORDER BY ${chronological('t')} }
})} AS data`,
      };
    case 'Institutions':
      return {
        params: {},
        cypher: `
MATCH (i:Institution) WITH i ORDER BY i.name, i.id LIMIT ${LIMIT}
RETURN {institutions: collect(i {.id, .name, .nameDe, .kind,
  city: COLLECT { MATCH (i)-[:BASED_IN]->(t:City) RETURN t {.id, .name} ORDER BY t.name }[0],
  memberOf: COLLECT { MATCH (i)-[:MEMBER_OF]->(t:Institution) RETURN t {.id, .name} ORDER BY t.name },
  members: COLLECT { MATCH (i)<-[:MEMBER_OF]-(t:Institution) RETURN t {.id, .name} ORDER BY t.name },
  leads: COLLECT { MATCH (i)-[:LEADS]->(t:Action) RETURN t {.id, .name} ORDER BY t.name },
  contributesTo: COLLECT { MATCH (i)-[:CONTRIBUTES_TO]->(t:Action) RETURN t {.id, .name} ORDER BY t.name }
})} AS data`,
      };
    case 'Partners':
      // The same shape of query the repository runs (it is one query already), with the
      // city lookup folded in.
      return {
        params: v,
        cypher: `
OPTIONAL MATCH (c:City {id: $cityId})
CALL (c) {
  MATCH (c)<-[:BASED_IN*0..1]-(:Entity)-[:LEADS|CONTRIBUTES_TO]->(a:Action)
  WITH DISTINCT a ORDER BY a.name RETURN collect(a) AS myActions
}
CALL (c) {
  MATCH (c)<-[:BASED_IN*0..1]-(:Entity)-[:TOOK_PART_IN|HELD_IN]-(m:Meeting)
  WITH DISTINCT m ORDER BY ${chronological('m')} RETURN collect(m) AS myMeetings
}
CALL (c, myActions, myMeetings) {
  UNWIND myActions + myMeetings AS x
  MATCH (x)-[:LEADS|CONTRIBUTES_TO|TOOK_PART_IN|HELD_IN]-(:Entity)-[:BASED_IN*0..1]->(other:City)
  WHERE other <> c
  WITH DISTINCT other, myActions, myMeetings
  CALL (other) {
    OPTIONAL MATCH (other)<-[:BASED_IN*0..1]-(:Entity)-[:LEADS|CONTRIBUTES_TO]->(a:Action)
    RETURN collect(DISTINCT a) AS theirActions
  }
  CALL (other) {
    OPTIONAL MATCH (other)<-[:BASED_IN*0..1]-(:Entity)-[:TOOK_PART_IN|HELD_IN]-(m:Meeting)
    RETURN collect(DISTINCT m) AS theirMeetings
  }
  WITH other, [a IN myActions WHERE a IN theirActions] AS sharedActions,
    [m IN myMeetings WHERE m IN theirMeetings] AS sharedMeetings
  ORDER BY size(sharedActions) + size(sharedMeetings) DESC, other.name
  RETURN collect({city: other {.id, .name},
    sharedActions: [a IN sharedActions | a {.id, .name}],
    sharedMeetings: [m IN sharedMeetings | m {.id, .name}]}) AS partners
}
RETURN {city: CASE WHEN c IS NULL THEN null ELSE c {.id, .name, partners: partners} END} AS data`,
      };
    case 'Search':
      return {
        params: { ...searchTerms(String(v.text)), limit: v.first },
        cypher: `
CALL () {
  CALL db.index.fulltext.queryNodes('searchFolded_v2', $folded, {limit: $limit * 4}) YIELD node, score
  RETURN node, score, false AS inNames
  UNION ALL
  CALL db.index.fulltext.queryNodes('searchEnglish_v2', $stemmed, {limit: $limit * 4}) YIELD node, score
  RETURN node, score, false AS inNames
  UNION ALL
  CALL db.index.fulltext.queryNodes('searchGerman_v2', $stemmed, {limit: $limit * 4}) YIELD node, score
  RETURN node, score, false AS inNames
  UNION ALL
  CALL db.index.fulltext.queryNodes('searchFolded_v2', $foldedNames, {limit: $limit * 4}) YIELD node, score
  RETURN node, score, true AS inNames
}
WITH node, sum(score) AS relevance, max(inNames) AS inNames
OPTIONAL MATCH (meeting:Meeting)-[:HAS_TOPIC|HAS_OUTCOME]->(node:Statement)
WITH relevance, inNames, CASE WHEN node:Statement THEN meeting ELSE node END AS entity
WHERE entity IS NOT NULL
WITH entity, max(relevance) AS relevance, max(inNames) AS inNames,
  [name IN [entity.name, entity.nameDe] + coalesce(entity.aliases, []) WHERE name IS NOT NULL
   | normalize(toLower(name), NFD)] AS names
WITH entity, CASE
    WHEN any(name IN names WHERE name =~ $exactName) THEN 4
    WHEN any(name IN names WHERE name =~ $namePrefix) THEN 3
    WHEN any(name IN names WHERE all(word IN $nameWords WHERE name =~ word)) THEN 2
    WHEN inNames THEN 1
    ELSE 0
  END + CASE WHEN any(name IN names WHERE size(split(name, ' ')) = size($nameWords)) THEN 0.5 ELSE 0 END
  + relevance / (2 * (relevance + 1)) AS score
ORDER BY score DESC, entity.id LIMIT $limit
RETURN {search: collect({score: score,
  entity: entity {__typename: ${typename('entity')}, .id, .name, .nameDe}})} AS data`,
      };
    case 'Connection':
      return {
        params: v,
        cypher: `
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
OPTIONAL MATCH p = shortestPath((a)-[:${ENTITY_RELATIONSHIPS}*1..6]-(b))
RETURN {connection: CASE WHEN p IS NULL THEN null ELSE {length: length(p),
  nodes: [n IN nodes(p) | n {__typename: ${typename('n')}, .id, .name}],
  relationships: [r IN relationships(p) | ${rel('r')}]} END} AS data`,
      };
    case 'Neighbourhood':
      return {
        params: { ...v, limit: 150 },
        cypher: `
MATCH (start:Entity {id: $id})
CALL (start) {
  MATCH (start)-[:${ENTITY_RELATIONSHIPS}]-(n:Entity)
  WITH DISTINCT n ORDER BY n.id LIMIT $limit
  RETURN collect(n) AS reached
}
WITH [start] + reached AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r:${ENTITY_RELATIONSHIPS}]->(b) WHERE b IN nodes
  RETURN collect({id: a.id + '|' + type(r) + '|' + b.id + coalesce('|' + r.key, ''), type: type(r),
    from: a.id, to: b.id}) AS relationships
}
RETURN {neighbourhood: {nodes: [n IN nodes | n {.id, labels: labels(n), .name}],
  relationships: relationships}} AS data`,
      };
    case 'Provenance':
      return {
        params: v,
        cypher: `
OPTIONAL MATCH (e:Entity {id: $id})
RETURN {entity: CASE WHEN e IS NULL THEN null ELSE e {__typename: ${typename('e')}, .id, .name,
  sources: COLLECT { MATCH (e)-[:STATED_IN]->(s:Source) RETURN s {.document, .section, .quote} ORDER BY s.section, s.id }
} END} AS data`,
      };
  }
}

/**
 * A canonical form for comparing results: object keys sorted, and every list sorted by its
 * items' canonical text (ties in the API's orderings, e.g. two actions of the same name, may
 * come in either order), numbers rounded to 6 digits (scores).
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(canonical).sort((a, b) => {
      const x = JSON.stringify(a);
      const y = JSON.stringify(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  if (typeof value === 'number') return Math.round(value * 1e6) / 1e6;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key] ?? null)]),
    );
  }
  return value ?? null;
}
