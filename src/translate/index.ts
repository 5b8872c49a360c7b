/**
 * The read path: a root field's selection (./selection.ts) translated into one Cypher query
 * (./queries.ts, ./projection.ts), run, and decoded into plain records shaped like the GraphQL
 * types. Queries are kept per selection object (and variant): the GraphQL layer hands every
 * request of the same query text the same selection.
 */
import type { ChangeRecord } from '../db/changes';
import type { Database } from '../db/database';
import { builtOnce } from './built-once';
import { changesQuery } from './changes';
import { documentsQuery, type DocumentRecord } from './documents';
import {
  listParams,
  listQuery,
  lookupQuery,
  neighbourhoodQuery,
  pageQuery,
  pathQuery,
  type Built,
  type ListKind,
  type PathResult,
  type RelationshipSelection,
  type SubgraphResult,
} from './queries';
import { searchQuery, type SearchSelection } from './search';
import type { SearchTerms } from './search-terms';
import type { NodeSelection } from './selection';

export type { DocumentRecord } from './documents';
export { MAX_LIST, type ListKind } from './queries';
export type { SearchSelection } from './search';
export { searchTerms, type SearchTerms } from './search-terms';
export type { NodeSelection } from './selection';

export interface Page {
  offset: number;
  limit: number;
}

/** `build` once per key object and variant (a list's kind and order, a hop limit…). */
function variants<K extends object, V>(build: (key: K, variant: string) => V) {
  const byKey = builtOnce((_: K) => new Map<string, V>());
  return (key: K, variant: string): V => {
    const built = byKey(key);
    let value = built.get(variant);
    if (value === undefined) built.set(variant, (value = build(key, variant)));
    return value;
  };
}

const splitVariant = (variant: string) => variant.split(' ') as [string, string];

const lists = variants((selection: NodeSelection, variant) => {
  const [kind, orderBy] = splitVariant(variant);
  return listQuery(kind as ListKind, orderBy, selection);
});
const pages = variants((selection: NodeSelection, variant) => {
  const [kind, orderBy] = splitVariant(variant);
  return pageQuery(kind as ListKind, orderBy, selection);
});
const lookups = variants((selection: NodeSelection, type) => lookupQuery(type || null, selection));
const searches = builtOnce(searchQuery);
const paths = variants(
  (selection: { nodes: NodeSelection; sources: RelationshipSelection }, hops) =>
    pathQuery(Number(hops), selection.nodes, selection.sources),
);
// Documents and changes are flat records, every field a property: one query each, whatever
// the request selects.
const DOCUMENTS = documentsQuery();
const CHANGES = changesQuery(false);
const CHANGES_OF_ENTITY = changesQuery(true);
const neighbourhoods = variants((selection: { sources: RelationshipSelection }, depth) =>
  neighbourhoodQuery(Number(depth), selection.sources),
);

/** Reads of the graph, each in one query, shaped as the request selects. */
export class Reader {
  constructor(private readonly db: Database) {}

  private async run<T>(built: Built<T>, params: Record<string, unknown>): Promise<T> {
    return built.decode(await this.db.read(built.cypher, params));
  }

  /** One page of a filtered list of `kind` (Action lists also take `orderBy`). */
  list<T>(
    kind: ListKind,
    filter: Record<string, unknown>,
    page: Page,
    selection: NodeSelection,
  ): Promise<T[]> {
    const query = lists(selection, `${kind} ${String(filter.orderBy ?? '')}`);
    return this.run(query, {
      ...listParams(kind, filter, page),
      ...selection.params,
    }) as Promise<T[]>;
  }

  /** A page of a filtered list with the total count of the list. */
  page<T>(
    kind: ListKind,
    filter: Record<string, unknown>,
    page: Page,
    selection: NodeSelection,
  ): Promise<{ items: T[]; totalCount: number }> {
    const query = pages(selection, `${kind} ${String(filter.orderBy ?? '')}`);
    return this.run(query, { ...listParams(kind, filter, page), ...selection.params }) as Promise<{
      items: T[];
      totalCount: number;
    }>;
  }

  /** The documents the graph draws on, by date, then title. */
  documents(): Promise<DocumentRecord[]> {
    return this.run(DOCUMENTS, {});
  }

  /** The newest `first` recorded changes; of one entity where `entityId` is given. */
  changes(entityId: string | null, first: number): Promise<ChangeRecord[]> {
    return entityId
      ? this.run(CHANGES_OF_ENTITY, { entityId, first })
      : this.run(CHANGES, { first });
  }

  /** The entity with `id` if it is of object type `type` (null: of any type). */
  lookup<T>(id: string, type: string | null, selection: NodeSelection): Promise<T | null> {
    return this.run(lookups(selection, type ?? ''), {
      id,
      ...selection.params,
    }) as Promise<T | null>;
  }

  search(terms: SearchTerms, limit: number, selection: SearchSelection) {
    // Statement hits collapse into their meetings and tiers reorder the hits: ask each index
    // for more than `limit`.
    return this.run(searches(selection), {
      ...terms,
      limit,
      candidates: limit * 4,
      ...selection.entity.params,
      ...selection.statement?.params,
    });
  }

  path(
    fromId: string,
    toId: string,
    maxHops: number,
    selection: { nodes: NodeSelection; sources: RelationshipSelection },
  ): Promise<PathResult> {
    return this.run(paths(selection, String(maxHops)), {
      fromId,
      toId,
      ...selection.nodes.params,
      ...selection.sources?.params,
    });
  }

  neighbourhood(
    id: string,
    depth: number,
    limit: number,
    selection: { sources: RelationshipSelection },
  ): Promise<SubgraphResult | null> {
    return this.run(neighbourhoods(selection, String(depth)), { id, limit });
  }
}
