import type { Database } from '../db/database';

/** The first answer to a request sent with an Idempotency-Key, as stored. */
export interface IdempotentAnswer {
  /** Hash of the request it answered: the same key with another request is a conflict. */
  hash: string;
  /** The answer's JSON. */
  response: string;
}

/**
 * The stored answer for the key of this API key's holder, if any. Answers are kept (never
 * deleted by the API), so a retry gets its first answer however late it comes (at least 24 h).
 */
export async function findAnswer(
  db: Database,
  key: string,
  by: string,
): Promise<IdempotentAnswer | null> {
  const [row] = await db.read<IdempotentAnswer>(
    `MATCH (i:Idempotency {key: $key, by: $by}) RETURN i.hash AS hash, i.response AS response`,
    { key, by },
  );
  return row ?? null;
}

/** Stores the first answer for the key; a concurrent twin's answer, stored first, stays. */
export async function storeAnswer(
  db: Database,
  key: string,
  by: string,
  answer: IdempotentAnswer,
): Promise<void> {
  await db.write(
    `MERGE (i:Idempotency {key: $key, by: $by})
     ON CREATE SET i.hash = $hash, i.response = $response, i.at = $at`,
    { key, by, ...answer, at: new Date().toISOString() },
  );
}
