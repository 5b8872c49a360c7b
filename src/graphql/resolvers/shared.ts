import type { Context } from '../context';
import {
  fieldRelations,
  type EntityTypeWithRelations,
  type RelationName,
} from '../../repositories/relations';
import type { ActorRecord, AuditFields, EntityRecord } from '../../repositories/records';

/** The nodes related to `id` by a named relation (batched per request). */
export function related<T>(ctx: Context, relation: RelationName, id: string): Promise<T[]> {
  return ctx.loaders.related[relation].load(id) as Promise<T[]>;
}

/** The one node related by a to-one relation, or null. */
export async function relatedOne<T>(
  ctx: Context,
  relation: RelationName,
  id: string,
): Promise<T | null> {
  const [first] = await related<T>(ctx, relation, id);
  return first ?? null;
}

const ENTITY_TYPES = [
  'Country',
  'City',
  'Institution',
  'Meeting',
  'Action',
  'FieldOfAction',
] as const;
export type EntityTypeName = (typeof ENTITY_TYPES)[number];

/** The GraphQL type of a stored node, from its labels. */
export function typeOf(record: { labels: string[] }): EntityTypeName {
  const type = ENTITY_TYPES.find((name) => record.labels.includes(name));
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
      ? (e, _, ctx) => relatedOne(ctx, relation, e.id)
      : (e, _, ctx) => related(ctx, relation, e.id);
  }
  return resolvers;
}

export const resolveEntityType = (record: EntityRecord) => typeOf(record);
export const resolveActorType = (record: ActorRecord) => typeOf(record) as 'City' | 'Institution';
