import type { Database } from '../db/database';
import type {
  EntityRecord,
  GraphNodeRecord,
  GraphRelationshipRecord,
  PartnershipRecord,
  PathRecord,
  SearchHitRecord,
  StatementRecord,
  SubgraphRecord,
} from './records';
import { builtOnce } from './built-once';
import { nodeProjection, WHOLE_NODE, type PartnersSelection, type Selection } from './relations';

const WHOLE_PARTNERS: PartnersSelection = {
  city: WHOLE_NODE,
  sharedActions: WHOLE_NODE,
  sharedMeetings: WHOLE_NODE,
};

/** Relationships between entities: what graph views draw and paths walk (no statements or sources). */
export const ENTITY_RELATIONSHIPS =
  'IN_COUNTRY|BASED_IN|HELD_IN|AT_VENUE|NEXT|HELD_WITH|ADDRESSED|LEADS|CONTRIBUTES_TO|IN_FIELD|PART_OF|MEMBER_OF|TOOK_PART_IN';

// Relationships and graph nodes travel as tuples (lists in a fixed order), decoded below:
// the driver decodes a map key by key (see nodeProjection in ./relations).
const relationshipTuple = (r: string, from = `startNode(${r}).id`, to = `endNode(${r}).id`) =>
  `[elementId(${r}), type(${r}), ${from}, ${to}, ${r}.role]`;

type RelationshipTuple = [string, string, string, string, string | null];

const decodeRelationship = ([
  id,
  type,
  from,
  to,
  role,
]: RelationshipTuple): GraphRelationshipRecord => ({
  id,
  type,
  from,
  to,
  role,
});

type GraphNodeTuple = [string, string, string | null, string[]];

const decodeGraphNode = ([id, name, nameDe, labels]: GraphNodeTuple): GraphNodeRecord => ({
  id,
  name,
  nameDe,
  labels,
});

// Depth and hop limits are validated integers; variable-length bounds cannot be $params,
// so there is one query text per allowed value.
function neighbourhoodQuery(depth: number): string {
  return `
MATCH (start:Entity {id: $id})
CALL (start) {
  MATCH (start)-[:${ENTITY_RELATIONSHIPS}*1..${depth}]-(n:Entity)
  WITH DISTINCT n ORDER BY n.id LIMIT $limit + 1
  RETURN collect(n) AS reached
}
WITH start, reached, size(reached) > $limit AS truncated
WITH [start] + reached[..$limit] AS nodes, truncated
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r:${ENTITY_RELATIONSHIPS}]->(b)
  WHERE b IN nodes
  RETURN collect(${relationshipTuple('r', 'a.id', 'b.id')}) AS relationships
}
RETURN [n IN nodes | [n.id, n.name, n.nameDe, labels(n)]] AS nodes, relationships, truncated`;
}

interface ConnectionQuery {
  cypher: string;
  decodeNode: (node: unknown) => EntityRecord;
}

// Per selection object, by hop limit.
const connectionQueriesOf = builtOnce((_: Selection) => new Map<number, ConnectionQuery>());

/** The shortest path between two entities, its nodes projected as the request reads them. */
function connectionQuery(maxHops: number, selection: Selection): ConnectionQuery {
  const byHops = connectionQueriesOf(selection);
  const cached = byHops.get(maxHops);
  if (cached) return cached;
  const node = nodeProjection('n', selection);
  const query: ConnectionQuery = {
    cypher: `
OPTIONAL MATCH (a:Entity {id: $fromId})
OPTIONAL MATCH (b:Entity {id: $toId})
OPTIONAL CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
  MATCH p = shortestPath((a)-[:${ENTITY_RELATIONSHIPS}*..${maxHops}]-(b))
  RETURN p LIMIT 1
}
WITH a, b, CASE WHEN a IS NOT NULL AND a = b THEN [a] ELSE nodes(p) END AS pathNodes,
  CASE WHEN a IS NOT NULL AND a = b THEN [] ELSE relationships(p) END AS pathRelationships
RETURN a IS NOT NULL AS fromExists, b IS NOT NULL AS toExists,
  [n IN pathNodes | ${node.cypher}] AS nodes,
  [r IN pathRelationships | ${relationshipTuple('r')}] AS relationships`,
    decodeNode: (value) => node.decode(value) as unknown as EntityRecord,
  };
  byHops.set(maxHops, query);
  return query;
}

/**
 * Clauses that end with `partners` of city (c): every other city, with the actions and
 * meetings both are involved in (a city is involved in what it does itself or through its
 * institutions), each node projected as the selection says.
 */
export function partnersOfC(selection: PartnersSelection = WHOLE_PARTNERS): {
  cypher: string;
  /** Turns the `partners` value into PartnershipRecords. */
  decode: (partners: unknown) => PartnershipRecord[];
} {
  const city = nodeProjection('other', selection.city);
  const action = nodeProjection('a', selection.sharedActions);
  const meeting = nodeProjection('m', selection.sharedMeetings);
  return {
    cypher: `
CALL (c) {
  MATCH (c)<-[:BASED_IN*0..1]-(:Entity)-[:LEADS|CONTRIBUTES_TO]->(a:Action)
  WITH DISTINCT a ORDER BY a.name
  RETURN collect(a) AS myActions
}
CALL (c) {
  MATCH (c)<-[:BASED_IN*0..1]-(:Entity)-[:TOOK_PART_IN|HELD_IN]-(m:Meeting)
  WITH DISTINCT m ORDER BY coalesce(m.date, toString(m.year)), m.order
  RETURN collect(m) AS myMeetings
}
CALL (c, myActions, myMeetings) {
  MATCH (other:City) WHERE other <> c
  CALL (other) {
    OPTIONAL MATCH (other)<-[:BASED_IN*0..1]-(:Entity)-[:LEADS|CONTRIBUTES_TO]->(a:Action)
    RETURN collect(DISTINCT a) AS theirActions
  }
  CALL (other) {
    OPTIONAL MATCH (other)<-[:BASED_IN*0..1]-(:Entity)-[:TOOK_PART_IN|HELD_IN]-(m:Meeting)
    RETURN collect(DISTINCT m) AS theirMeetings
  }
  WITH other,
    [a IN myActions WHERE a IN theirActions] AS sharedActions,
    [m IN myMeetings WHERE m IN theirMeetings] AS sharedMeetings
  ORDER BY size(sharedActions) + size(sharedMeetings) DESC, other.name
  RETURN collect([
    ${city.cypher},
    [a IN sharedActions | ${action.cypher}],
    [m IN sharedMeetings | ${meeting.cypher}]
  ]) AS partners
}`,
    decode: (partners) =>
      (partners as [unknown, unknown[], unknown[]][]).map(([other, actions, meetings]) => ({
        city: city.decode(other),
        sharedActions: actions.map(action.decode),
        sharedMeetings: meetings.map(meeting.decode),
      })) as unknown as PartnershipRecord[],
  };
}

const wholePartners = partnersOfC();
const partnersQuery = `
UNWIND $ids AS id
MATCH (c:City {id: id})
${wholePartners.cypher}
RETURN id, partners`;

/** What a search reads of its hits' entities and statements (null: the statement is not read). */
export interface SearchSelection {
  entity: Selection;
  statement: Selection | null;
}

const WHOLE_HITS: SearchSelection = { entity: WHOLE_NODE, statement: WHOLE_NODE };

interface SearchQuery {
  cypher: string;
  decode: (row: { score: number; entity: unknown; statement: unknown }) => SearchHitRecord;
}

// A statement hit stands for the meeting it belongs to; each entity comes once, with its
// best score (and the statement that scored it, if any). The hits are projected as the
// request reads them, after the ordering and the limit.
const searchQuery = builtOnce((selection: SearchSelection): SearchQuery => {
  const entity = nodeProjection('entity', selection.entity);
  const statement = selection.statement
    ? nodeProjection('statement', selection.statement, { labels: false })
    : null;
  return {
    cypher: `
CALL db.index.fulltext.queryNodes('entitySearch', $query, {limit: $limit * 4}) YIELD node, score
OPTIONAL MATCH (meeting:Meeting)-[:HAS_TOPIC|HAS_OUTCOME]->(node:Statement)
WITH score, CASE WHEN node:Statement THEN meeting ELSE node END AS entity,
  CASE WHEN node:Statement THEN node END AS statement
WHERE entity IS NOT NULL
WITH entity, score, statement ORDER BY score DESC
WITH entity, head(collect({score: score, statement: statement})) AS best
WITH entity, best.score AS score, best.statement AS statement
ORDER BY score DESC, entity.id
LIMIT $limit
RETURN score, ${entity.cypher} AS entity,
  ${statement ? `CASE WHEN statement IS NULL THEN null ELSE ${statement.cypher} END` : 'null'} AS statement`,
    decode: (row) => ({
      score: row.score,
      entity: entity.decode(row.entity) as unknown as EntityRecord,
      statement:
        statement && row.statement !== null
          ? (statement.decode(row.statement) as unknown as StatementRecord)
          : null,
    }),
  };
});

/** Graph-shaped reads: full-text search, neighbourhoods, paths, partnerships. */
export class GraphRepository {
  constructor(private readonly db: Database) {}

  async search(
    luceneQuery: string,
    limit: number,
    selection: SearchSelection = WHOLE_HITS,
  ): Promise<SearchHitRecord[]> {
    const query = searchQuery(selection);
    const rows = await this.db.read<Parameters<SearchQuery['decode']>[0]>(query.cypher, {
      query: luceneQuery,
      limit,
    });
    return rows.map(query.decode);
  }

  /** Null when the start entity does not exist. */
  async neighbourhood(id: string, depth: number, limit: number): Promise<SubgraphRecord | null> {
    const [row] = await this.db.read<{
      nodes: GraphNodeTuple[];
      relationships: RelationshipTuple[];
      truncated: boolean;
    }>(neighbourhoodQuery(depth), { id, limit });
    if (!row) return null;
    return {
      nodes: row.nodes.map(decodeGraphNode),
      relationships: row.relationships.map(decodeRelationship),
      truncated: row.truncated,
    };
  }

  async connection(
    fromId: string,
    toId: string,
    maxHops: number,
    selection: Selection = WHOLE_NODE,
  ): Promise<{ fromExists: boolean; toExists: boolean; path: PathRecord | null }> {
    const query = connectionQuery(maxHops, selection);
    const [row] = await this.db.read<{
      fromExists: boolean;
      toExists: boolean;
      nodes: unknown[] | null;
      relationships: RelationshipTuple[] | null;
    }>(query.cypher, { fromId, toId });
    if (!row) return { fromExists: false, toExists: false, path: null };
    const path =
      row.nodes && row.relationships
        ? {
            length: row.relationships.length,
            nodes: row.nodes.map(query.decodeNode),
            relationships: row.relationships.map(decodeRelationship),
          }
        : null;
    return { fromExists: row.fromExists, toExists: row.toExists, path };
  }

  async partnersByCityIds(ids: readonly string[]): Promise<Map<string, PartnershipRecord[]>> {
    const rows = await this.db.read<{ id: string; partners: unknown }>(partnersQuery, { ids });
    return new Map(rows.map((row) => [row.id, wholePartners.decode(row.partners)]));
  }
}
