import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database';
import { ENTITY_LABELS, RECORD_LABELS } from '../model';

export const CYPHER_SCHEMA_PATH = path.resolve(__dirname, '../../cypher/schema.cypher');

/**
 * Ids are unique on :Entity (what the loader MERGEs on) and on every label of the model (what
 * lookups match on): one constraint each, named `<label in snake_case>_id`, so a new kind in
 * src/model gets its constraint without an edit here or in cypher/schema.cypher.
 */
export function idConstraints(): string[] {
  return ['Entity', ...ENTITY_LABELS, ...RECORD_LABELS].map((label) => {
    const name = label.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase();
    return `CREATE CONSTRAINT ${name}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`;
  });
}

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
 * Creates the model's id constraints, then the constraints and indexes of cypher/schema.cypher
 * (all IF NOT EXISTS, so safe to run at every start). One statement per transaction: Neo4j runs schema commands on their own.
 * `constraintsOnly` leaves out the other indexes: a bulk load into an empty database is
 * faster when they are built once afterwards (by applying the whole schema again).
 */
export async function applySchema(
  db: Pick<Database, 'write'>,
  schemaPath = CYPHER_SCHEMA_PATH,
  { constraintsOnly = false }: { constraintsOnly?: boolean } = {},
): Promise<void> {
  const statements = [...idConstraints(), ...cypherStatements(readFileSync(schemaPath, 'utf8'))];
  for (const statement of statements) {
    if (constraintsOnly && !/^CREATE CONSTRAINT\b/.test(statement)) continue;
    await db.write(statement);
  }
}
