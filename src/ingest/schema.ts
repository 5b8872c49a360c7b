import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database';

export const SCHEMA_PATH = path.resolve(__dirname, '../../cypher/schema.cypher');

/** The statements of a .cypher file: `//` comment lines dropped, split where a line ends in `;`. */
export function cypherStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/**
 * Creates the constraints and indexes of cypher/schema.cypher (all IF NOT EXISTS, so safe to
 * run at every start). One statement per transaction: Neo4j runs schema commands on their own.
 * `constraintsOnly` leaves out the other indexes: a bulk load into an empty database is
 * faster when they are built once afterwards (by applying the whole schema again).
 */
export async function applySchema(
  db: Pick<Database, 'write'>,
  schemaPath = SCHEMA_PATH,
  { constraintsOnly = false }: { constraintsOnly?: boolean } = {},
): Promise<void> {
  for (const statement of cypherStatements(readFileSync(schemaPath, 'utf8'))) {
    if (constraintsOnly && !/^CREATE CONSTRAINT\b/.test(statement)) continue;
    await db.write(statement);
  }
}
