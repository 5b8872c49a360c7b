import type { Context } from '../context';
import { ENTITY_LABELS, type EntityLabel } from '../../ingest/model';
import {
  fieldRelations,
  type EntityTypeWithRelations,
  type RelationName,
} from '../../repositories/relations';
import type {
  ActorRecord,
  AuditFields,
  EntityRecord,
  Prefetched,
} from '../../repositories/records';

/**
 * The nodes related to `parent` by a named relation: what its own query fetched along
 * (synchronously, no promise per field), else batched per request by the relation's loader.
 */
export function related<T>(
  ctx: Context,
  relation: RelationName,
  parent: { id: string } & Prefetched,
): T[] | Promise<T[]> {
  const fetched = parent.prefetched?.[relation];
  if (fetched) return fetched as T[];
  return ctx.loaders.related(relation).load(parent.id) as Promise<T[]>;
}

/** The one node related by a to-one relation, or null. */
export function relatedOne<T>(
  ctx: Context,
  relation: RelationName,
  parent: { id: string } & Prefetched,
): T | null | Promise<T | null> {
  return then(related<T>(ctx, relation, parent), (items) => items[0] ?? null);
}

/** Applies `f` to a value that may or may not be a promise, staying synchronous if it is not. */
export function then<T, R>(value: T | Promise<T>, f: (value: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** The GraphQL type of a stored node, from its labels (the types are named like them). */
export function typeOf(record: { labels: string[] }): EntityLabel {
  const type = ENTITY_LABELS.find((name) => record.labels.includes(name));
  if (!type) throw new Error(`node without an entity label: ${record.labels.join(',')}`);
  return type;
}

function audit(record: AuditFields): AuditFields | null {
  return record.createdBy || record.updatedBy
    ? {
        createdBy: record.createdBy ?? null,
        createdAt: record.createdAt ?? null,
        updatedBy: record.updatedBy ?? null,
        updatedAt: record.updatedAt ?? null,
      }
    : null;
}

/** Fields of one record (to-one relationships); all others are lists. */
const SINGULAR = new Set(['country', 'city', 'venue', 'previous', 'next', 'field', 'partOf']);

type FieldResolver = (parent: EntityRecord, args: unknown, ctx: Context) => unknown;

/**
 * The resolvers of a type's relationship fields, made from `fieldRelations` (the same map
 * the list queries use to fetch selected fields along), plus the audit and nameDe fields.
 */
export function entityResolvers(type: EntityTypeWithRelations): Record<string, FieldResolver> {
  const resolvers: Record<string, FieldResolver> = {
    nameDe: (e) => e.nameDe ?? null,
    audit: (e) => audit(e),
  };
  for (const [field, relation] of Object.entries(fieldRelations[type]) as [
    string,
    RelationName,
  ][]) {
    resolvers[field] = SINGULAR.has(field)
      ? (e, _, ctx) => relatedOne(ctx, relation, e)
      : (e, _, ctx) => related(ctx, relation, e);
  }
  return resolvers;
}

export const resolveEntityType = (record: EntityRecord) => typeOf(record);
export const resolveActorType = (record: ActorRecord) => typeOf(record) as 'City' | 'Institution';
