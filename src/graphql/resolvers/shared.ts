import type { Context } from '../context';
import type { RelationName } from '../../repositories/relations';
import type {
  ActionRecord,
  ActorRecord,
  AuditFields,
  EntityRecord,
  SourceRecord,
} from '../../repositories/records';

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

/** Fields every entity type resolves the same way. */
export const entityFields = {
  nameDe: (e: EntityRecord) => e.nameDe ?? null,
  sources: (e: EntityRecord, _: unknown, ctx: Context) =>
    related<SourceRecord>(ctx, 'sourcesOfEntity', e.id),
  audit: (e: EntityRecord) => audit(e),
};

export const actorFields = {
  ...entityFields,
  leads: (e: EntityRecord, _: unknown, ctx: Context) => related<ActionRecord>(ctx, 'leads', e.id),
  contributesTo: (e: EntityRecord, _: unknown, ctx: Context) =>
    related<ActionRecord>(ctx, 'contributesTo', e.id),
};

export const resolveEntityType = (record: EntityRecord) => typeOf(record);
export const resolveActorType = (record: ActorRecord) => typeOf(record) as 'City' | 'Institution';
