import { createDatabase, type Database } from '../../src/db/database';
import { applySchema } from '../../src/ingest';
import { ENTITY_LABELS, RECORD_LABELS } from '../../src/model';
import { neo4jTestEnv } from '../support/neo4j-env';

// The id constraints come from the model: a kind added there is unique by id in Neo4j too.

jest.setTimeout(120_000);

let db: Database;

beforeAll(async () => {
  db = createDatabase(neo4jTestEnv());
  await applySchema(db);
  await applySchema(db); // a second start changes nothing and fails on nothing
});

afterAll(async () => {
  await db?.close();
});

it('every label of the model, and Entity, has a uniqueness constraint on id', async () => {
  const rows = await db.read<{ labels: string[]; properties: string[] }>(
    `SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties
     WHERE type = 'UNIQUENESS'
     RETURN labelsOrTypes AS labels, properties`,
  );
  const unique = new Set(
    rows.filter((row) => row.properties.join() === 'id').map((row) => row.labels.join()),
  );
  const missing = ['Entity', ...ENTITY_LABELS, ...RECORD_LABELS].filter((l) => !unique.has(l));
  expect(missing).toEqual([]);
});
