import type { GraphQLResolveInfo } from 'graphql';
import { entityLabelOf, type EntityLabel } from '../../model';
import type { NodeRecord } from '../../repositories/records';
import type { Context } from '../context';
import { selectionOf } from '../selection';

/** The object type of an entity read through an abstract field (Entity, Actor), from its labels. */
export function typeOf(record: NodeRecord): EntityLabel {
  const type = entityLabelOf(record.labels ?? []);
  if (!type) throw new Error(`node without an entity label: ${String(record.labels)}`);
  return type;
}

/**
 * Entity `id` of object type `type`, with what the request reads of it, in one query; null when
 * there is none. Mutations call it after a write with the written entity's id and their `info`.
 */
export function readEntity(
  ctx: Context,
  info: GraphQLResolveInfo,
  type: string | null,
  id: string,
): Promise<NodeRecord | null> {
  return ctx.repos.reader.lookup<NodeRecord>(id, type, selectionOf(info));
}
