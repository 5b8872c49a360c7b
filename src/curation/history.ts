import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import type { Database } from '../db/database';
import { id, parseArgs } from '../validation';

/** One recorded change of the graph, as stored on its (:Change) node. */
export interface ChangeRecord {
  id: string;
  /** ISO 8601 date-time. */
  at: string;
  /** The API key's name. */
  by: string;
  /** The mutation. */
  operation: string;
  entityId: string | null;
  /** What changed, in one line. */
  summary: string;
}

const changesArgs = z.object({
  entityId: id.nullish(),
  first: z.number().int().min(1, 'at least 1').max(200, 'at most 200'),
});

/**
 * Appends a change to the history inside the writing transaction, so that it commits or
 * rolls back with the write it describes. Changes are never updated or deleted.
 */
export async function recordChange(
  tx: ManagedTransaction,
  change: Omit<ChangeRecord, 'id'>,
): Promise<void> {
  await tx.run(
    `CREATE (:Change {id: $id, at: $at, by: $by, operation: $operation, entityId: $entityId,
       summary: $summary})`,
    { id: `change/${randomUUID()}`, ...change },
  );
}

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
