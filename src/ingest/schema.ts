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
  return ['Entity', ...ENTITY_LABELS, ...RECORD_LABELS].map(
    (label) =>
      `CREATE CONSTRAINT ${snakeCase(label)}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  );
}

/**
 * A range index on every entity kind's name, named `<label in snake_case>_name`: the lists
 * ordered by name read it in order and stop after their page (src/translate/queries.ts).
 */
export function nameIndexes(): string[] {
  return ENTITY_LABELS.map(
    (label) => `CREATE INDEX ${snakeCase(label)}_name IF NOT EXISTS FOR (n:${label}) ON (n.name)`,
  );
}

const snakeCase = (label: string) => label.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase();

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
 * Creates the model's id constraints and name indexes, then the constraints and indexes of
 * cypher/schema.cypher (all IF NOT EXISTS, so safe to run at every start). One statement per
 * transaction: Neo4j runs schema commands on their own.
 * `constraintsOnly` leaves out the other indexes: a bulk load into an empty database is
 * faster when they are built once afterwards (by applying the whole schema again).
 */
export async function applySchema(
  db: Pick<Database, 'write'>,
  schemaPath = CYPHER_SCHEMA_PATH,
  { constraintsOnly = false }: { constraintsOnly?: boolean } = {},
): Promise<void> {
  const statements = [
    ...idConstraints(),
    ...nameIndexes(),
    ...cypherStatements(readFileSync(schemaPath, 'utf8')),
  ];
  for (const statement of statements) {
    if (constraintsOnly && !/^CREATE CONSTRAINT\b/.test(statement)) continue;
    await db.write(statement);
  }
}
