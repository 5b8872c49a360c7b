import type { Database } from '../db/database';
import { builtOnce } from './built-once';
import { partnersOfC } from './graph';
import type { EntityRecord, PageRecord } from './records';
import {
  nodeProjection,
  relationQuery,
  relations,
  WHOLE_NODE,
  type Projection,
  type RelationName,
  type Selection,
} from './relations';

/** Hard cap of every list the API returns; connections page beyond it. */
export const MAX_LIST = 500;

export interface Page {
  offset: number;
  limit: number;
}

interface ListSpec {
  match: string;
  /** The filter arguments the match uses; each is bound (null when absent). */
  filters: string[];
  order: (filter: Record<string, unknown>) => string;
}

// Filters are fixed Cypher fragments switched on by null-checks of their $params, so one
// query text serves every combination (and its plan is cached). The listed node is (n).
const byName = () => 'n.name, n.id';
const LISTS = {
  Country: { match: 'MATCH (n:Country)', filters: [], order: byName },
  City: { match: 'MATCH (n:City)', filters: [], order: byName },
  FieldOfAction: { match: 'MATCH (n:FieldOfAction)', filters: [], order: byName },
  Meeting: {
    match: `MATCH (n:Meeting)
      WHERE ($year IS NULL OR n.year = $year)
        AND ($status IS NULL OR n.status = $status)
        AND ($kind IS NULL OR n.kind = $kind)
        AND ($cityId IS NULL OR EXISTS { (n)-[:HELD_IN]->(:City {id: $cityId}) })`,
    filters: ['year', 'status', 'kind', 'cityId'],
    order: () => 'coalesce(n.date, toString(n.year)), n.order, n.id',
  },
  Action: {
    match: `MATCH (n:Action)
      WHERE ($kind IS NULL OR n.kind = $kind)
        AND ($fieldId IS NULL OR EXISTS { (n)-[:IN_FIELD]->(:FieldOfAction {id: $fieldId}) })
        AND ($leadId IS NULL OR EXISTS { (n)<-[:LEADS]-(:Entity {id: $leadId}) })
        AND ($meetingId IS NULL OR EXISTS { (n)<-[:ADDRESSED]-(:Meeting {id: $meetingId}) })`,
    filters: ['kind', 'fieldId', 'leadId', 'meetingId'],
    order: (filter) =>
      filter.orderBy === 'START' ? 'n.start IS NULL, n.start, n.name, n.id' : 'n.name, n.id',
  },
  Institution: {
    match: `MATCH (n:Institution)
      WHERE ($kind IS NULL OR n.kind = $kind)
        AND ($cityId IS NULL OR EXISTS { (n)-[:BASED_IN]->(:City {id: $cityId}) })`,
    filters: ['kind', 'cityId'],
    order: byName,
  },
} as const satisfies Record<string, ListSpec>;

export type ListKind = keyof typeof LISTS;

// The loaders' queries fetch whole nodes: built once.
const wholeNode = nodeProjection('n', WHOLE_NODE);
const relationQueries = Object.fromEntries(
  Object.entries(relations).map(([name, spec]) => [name, relationQuery(spec)]),
) as Record<RelationName, ReturnType<typeof relationQuery>>;

/**
 * The end of a select() query, from the matched (n) on: its RETURN and the decoder of the
 * returned node.
 */
const selectedProjection = builtOnce((selection: Selection): Projection => {
  // A city's partners come from subqueries of their own, run once per listed node.
  const partners = selection.partners ? partnersOfC(selection.partners) : null;
  const node = nodeProjection('n', selection, {
    prefetched: partners ? [{ key: 'partners', cypher: 'partners', decode: partners.decode }] : [],
  });
  return {
    cypher: `${partners ? `CALL (n) { WITH n AS c ${partners.cypher} RETURN partners }` : ''}
      RETURN ${node.cypher} AS node`,
    decode: node.decode,
  };
});

/** Reads of entities: filtered lists and pages, lookups by id, and batched relations. */
export class EntityRepository {
  constructor(private readonly db: Database) {}

  async byIds(ids: readonly string[]): Promise<Map<string, EntityRecord>> {
    const rows = await this.db.read<{ node: unknown }>(
      `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN ${wholeNode.cypher} AS node`,
      { ids },
    );
    const nodes = rows.map((row) => wholeNode.decode(row.node) as unknown as EntityRecord);
    return new Map(nodes.map((node) => [node.id, node]));
  }

  async relatedByIds<T>(relation: RelationName, ids: readonly string[]): Promise<Map<string, T[]>> {
    const query = relationQueries[relation];
    const rows = await this.db.read<{ id: string; items: unknown[] }>(query.cypher, { ids });
    return new Map(rows.map((row) => [row.id, row.items.map(query.decodeItem) as T[]]));
  }

  /**
   * One page of a filtered list, in one query together with what the request reads of every
   * listed node (`selection`: properties and related nodes, nested), so no field needs
   * another round trip.
   */
  list<T extends EntityRecord>(
    kind: ListKind,
    filter: Record<string, unknown>,
    page: Page,
    selection: Selection = WHOLE_NODE,
  ): Promise<T[]> {
    const spec: ListSpec = LISTS[kind];
    return this.select<T>(
      `${spec.match} WITH n ORDER BY ${spec.order(filter)} SKIP $offset LIMIT $limit`,
      {
        ...bound(filter, spec.filters),
        offset: page.offset,
        limit: Math.min(page.limit, MAX_LIST),
      },
      selection,
    );
  }

  /** One entity by id, with what the request reads of it, in one query. */
  async lookup(id: string, selection: Selection = WHOLE_NODE): Promise<EntityRecord | null> {
    const [node] = await this.select('MATCH (n:Entity {id: $id})', { id }, selection);
    return node ?? null;
  }

  /** The nodes (n) that `match` finds, projected as `selection` says. */
  private async select<T extends EntityRecord>(
    match: string,
    params: Record<string, unknown>,
    selection: Selection,
  ): Promise<T[]> {
    const projection = selectedProjection(selection);
    const rows = await this.db.read<{ node: unknown }>(`${match} ${projection.cypher}`, params);
    return rows.map((row) => projection.decode(row.node) as unknown as T);
  }

  /** A page with the total count of the filtered list, for the Relay-style connections. */
  async page<T extends EntityRecord>(
    kind: ListKind,
    filter: Record<string, unknown>,
    page: Page,
  ): Promise<PageRecord<T>> {
    const spec: ListSpec = LISTS[kind];
    const [items, counted] = await Promise.all([
      this.list<T>(kind, filter, page),
      this.db.read<{ totalCount: number }>(`${spec.match} RETURN count(n) AS totalCount`, {
        ...bound(filter, spec.filters),
      }),
    ]);
    return { items, totalCount: counted[0]?.totalCount ?? 0, offset: page.offset };
  }
}

/** Every filter the query uses, absent ones as null (Cypher needs each $param bound). */
function bound(filter: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, filter[key] ?? null]));
}
