import { createDatabase, type Database } from '../../src/db/database';
import { applySchema } from '../../src/ingest';
import { ENTITY_LABELS, RECORD_LABELS } from '../../src/model';
import { listParams, listQuery } from '../../src/translate/queries';
import { neo4jTestEnv } from '../support/neo4j-env';

// The id constraints and name indexes come from the model: a kind added there is unique by id
// in Neo4j too, and its list by name reads an index.

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

it('every entity kind has a range index on name, which a list by name reads in order', async () => {
  const rows = await db.read<{ label: string }>(
    `SHOW INDEXES YIELD type, labelsOrTypes, properties
     WHERE type = 'RANGE' AND properties = ['name']
     RETURN labelsOrTypes[0] AS label`,
  );
  expect(rows.map((row) => row.label).sort()).toEqual([...ENTITY_LABELS].sort());

  const query = listQuery('Institution', undefined, {
    types: ['Institution'],
    fields: ['id', 'name'],
    related: new Map(),
  });
  const params = listParams('Institution', {}, { offset: 0, limit: 10 });
  const session = db.driver.session();
  try {
    const { summary } = await session.run(`EXPLAIN ${query.cypher}`, params);
    const operators: string[] = [];
    const walk = (plan: { operatorType: string; children: unknown[] }) => {
      operators.push(plan.operatorType.replace(/@.*/, ''));
      plan.children.forEach((child) => walk(child as typeof plan));
    };
    walk(summary.plan as never);
    // In index order, sorted only by id among equal names, and no full Sort of every node.
    expect(operators).toEqual(expect.arrayContaining(['NodeIndexScan', 'PartialTop']));
    expect(operators).not.toContain('Sort');
    expect(operators).not.toContain('Top');
  } finally {
    await session.close();
  }
});
