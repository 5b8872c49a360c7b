import type { Database } from '../db/database';
import type {
  ActionRecord,
  CityRecord,
  CountryRecord,
  EntityRecord,
  FieldOfActionRecord,
  InstitutionRecord,
  MeetingRecord,
  PageRecord,
} from './records';
import { relationQuery, relations, type RelationName } from './relations';

/** Hard cap of every list the API returns; connections page beyond it. */
export const MAX_LIST = 500;

const projection = (v: string) => `${v} {.*, labels: labels(${v})}`;
const chronological = 'coalesce(m.date, toString(m.year)), m.order, m.id';

export interface MeetingFilter {
  year?: number | null;
  cityId?: string | null;
  status?: string | null;
  kind?: string | null;
}
export interface ActionFilter {
  fieldId?: string | null;
  leadId?: string | null;
  kind?: string | null;
  meetingId?: string | null;
  orderBy?: 'NAME' | 'START' | null;
}
export interface InstitutionFilter {
  kind?: string | null;
  cityId?: string | null;
}
export interface Page {
  offset: number;
  limit: number;
}

// Filters are fixed Cypher fragments switched on by null-checks of their $params,
// so one query text serves every combination (and its plan is cached).
const meetingWhere = `
WHERE ($year IS NULL OR m.year = $year)
  AND ($status IS NULL OR m.status = $status)
  AND ($kind IS NULL OR m.kind = $kind)
  AND ($cityId IS NULL OR EXISTS { (m)-[:HELD_IN]->(:City {id: $cityId}) })`;
const actionWhere = `
WHERE ($kind IS NULL OR a.kind = $kind)
  AND ($fieldId IS NULL OR EXISTS { (a)-[:IN_FIELD]->(:FieldOfAction {id: $fieldId}) })
  AND ($leadId IS NULL OR EXISTS { (a)<-[:LEADS]-(:Entity {id: $leadId}) })
  AND ($meetingId IS NULL OR EXISTS { (a)<-[:ADDRESSED]-(:Meeting {id: $meetingId}) })`;
const institutionWhere = `
WHERE ($kind IS NULL OR i.kind = $kind)
  AND ($cityId IS NULL OR EXISTS { (i)-[:BASED_IN]->(:City {id: $cityId}) })`;

function actionOrder(orderBy: ActionFilter['orderBy']): string {
  return orderBy === 'START' ? 'a.start IS NULL, a.start, a.name, a.id' : 'a.name, a.id';
}

function pagedQuery(match: string, variable: string, order: string): string {
  return `
CALL () { ${match} RETURN count(${variable}) AS totalCount }
CALL () { ${match} WITH ${variable} ORDER BY ${order} SKIP $offset LIMIT $limit
  RETURN collect(${projection(variable)}) AS items }
RETURN totalCount, items`;
}

/** Reads of entities: lists with filters, pages, lookups by id, and batched relations. */
export class EntityRepository {
  constructor(private readonly db: Database) {}

  async byIds(ids: readonly string[]): Promise<Map<string, EntityRecord>> {
    const rows = await this.db.read<{ node: EntityRecord }>(
      `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN ${projection('n')} AS node`,
      { ids },
    );
    return new Map(rows.map((row) => [row.node.id, row.node]));
  }

  async relatedByIds<T>(relation: RelationName, ids: readonly string[]): Promise<Map<string, T[]>> {
    const rows = await this.db.read<{ id: string; items: T[] }>(
      relationQuery(relations[relation]),
      { ids },
    );
    return new Map(rows.map((row) => [row.id, row.items]));
  }

  countries(): Promise<CountryRecord[]> {
    return this.list(`MATCH (n:Country) RETURN ${projection('n')} AS node ORDER BY n.name`);
  }

  cities(page: Page = { offset: 0, limit: MAX_LIST }): Promise<PageRecord<CityRecord>> {
    return this.page('MATCH (c:City)', 'c', 'c.name, c.id', {}, page);
  }

  fieldsOfAction(): Promise<FieldOfActionRecord[]> {
    return this.list(`MATCH (n:FieldOfAction) RETURN ${projection('n')} AS node ORDER BY n.name`);
  }

  meetings(filter: MeetingFilter, page: Page): Promise<PageRecord<MeetingRecord>> {
    return this.page(
      `MATCH (m:Meeting) ${meetingWhere}`,
      'm',
      chronological,
      nulls(filter, ['year', 'cityId', 'status', 'kind']),
      page,
    );
  }

  actions(filter: ActionFilter, page: Page): Promise<PageRecord<ActionRecord>> {
    const params = nulls(filter, ['fieldId', 'leadId', 'kind', 'meetingId']);
    return this.page(
      `MATCH (a:Action) ${actionWhere}`,
      'a',
      actionOrder(filter.orderBy),
      params,
      page,
    );
  }

  institutions(filter: InstitutionFilter, page: Page): Promise<PageRecord<InstitutionRecord>> {
    const params = nulls(filter, ['kind', 'cityId']);
    return this.page(
      `MATCH (i:Institution) ${institutionWhere}`,
      'i',
      'i.name, i.id',
      params,
      page,
    );
  }

  private async list<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const rows = await this.db.read<{ node: T }>(`${cypher} LIMIT ${MAX_LIST}`, params);
    return rows.map((row) => row.node);
  }

  private async page<T>(
    match: string,
    variable: string,
    order: string,
    params: Record<string, unknown>,
    page: Page,
  ): Promise<PageRecord<T>> {
    const [row] = await this.db.read<{ totalCount: number; items: T[] }>(
      pagedQuery(match, variable, order),
      { ...params, offset: page.offset, limit: page.limit },
    );
    return { items: row?.items ?? [], totalCount: row?.totalCount ?? 0, offset: page.offset };
  }
}

/** Every named filter key present, absent ones as null (Cypher needs each $param bound). */
function nulls(filter: object, keys: string[]): Record<string, unknown> {
  const values = filter as Record<string, unknown>;
  return Object.fromEntries(keys.map((key) => [key, values[key] ?? null]));
}
