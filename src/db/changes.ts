import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';

/** One recorded change of the graph, as stored on its (:Change) node. */
export interface ChangeRecord {
  id: string;
  /** ISO 8601 date-time. */
  at: string;
  /** The API key's name, or `load` for a document's load. */
  by: string;
  /** The mutation, or `load`. */
  operation: string;
  entityId: string | null;
  /** What changed, in one line. */
  summary: string;
}

/**
 * Appends a change to the history inside the writing transaction, so that it commits or
 * rolls back with the write it describes. Changes are never updated or deleted. The one
 * writer of the history: curators' writes (src/curation) and loads (src/ingest) both use it.
 */
export async function recordChange(
  tx: Pick<ManagedTransaction, 'run'>,
  change: Omit<ChangeRecord, 'id'>,
): Promise<void> {
  await tx.run(
    `CREATE (:Change {id: $id, at: $at, by: $by, operation: $operation, entityId: $entityId,
       summary: $summary})`,
    { id: `change/${randomUUID()}`, ...change },
  );
}
