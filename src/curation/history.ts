import { z } from 'zod';
import type { ChangeRecord } from '../db/changes';
import type { Database } from '../db/database';
import { id, parseArgs } from '../validation';

export type { ChangeRecord } from '../db/changes';

const changesArgs = z.object({
  entityId: id.nullish(),
  first: z.number().int().min(1, 'at least 1').max(200, 'at most 200'),
});

const RETURN_NEWEST_FIRST = `RETURN c.id AS id, c.at AS at, c.by AS by, c.operation AS operation,
       c.entityId AS entityId, c.summary AS summary
     ORDER BY c.at DESC, c.id DESC
     LIMIT $first`;

/** The newest `first` changes; of one entity where `entityId` is given. */
export function readChanges(db: Database, args: unknown): Promise<ChangeRecord[]> {
  const { entityId, first } = parseArgs(changesArgs, args);
  // Two fixed queries rather than `$entityId IS NULL OR …`, so that each can use its index.
  return entityId
    ? db.read<ChangeRecord>(`MATCH (c:Change {entityId: $entityId}) ${RETURN_NEWEST_FIRST}`, {
        entityId,
        first,
      })
    : db.read<ChangeRecord>(`MATCH (c:Change) ${RETURN_NEWEST_FIRST}`, { first });
}
