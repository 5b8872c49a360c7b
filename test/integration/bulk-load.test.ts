// `npm run load -- --bulk`: every source through Neo4j's importer into a new database of the
// embedded Neo4j's data folder. The result must be the graph `npm run load` gives online
// (compared property by property), with a Change per document as an online load records it;
// a folder that holds a database is refused.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDatabase, type Database } from '../../src/db/database';
import { loadSources } from '../../src/ingest/load-report';
import { startNeo4j, type LocalNeo4j } from '../../src/neo4j/launcher';
import { fingerprint } from '../support/graph-checksum';
import { neo4jTestEnv } from '../support/neo4j-env';

jest.setTimeout(600_000); // two Neo4j starts and an import: ~1 min on an idle machine, far more on a busy one

const ROOT = path.join(__dirname, '..', '..');
const run = promisify(execFile);

/** `npm run load -- --bulk` with the data folder, and without NEO4J_URI (the suite sets it). */
function bulkLoadCli(dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_DATA_DIR: dataDir };
  delete env.NEO4J_URI;
  return run(process.execPath, ['--import', 'tsx', 'src/ingest/cli.ts', '--bulk'], {
    cwd: ROOT,
    env,
  });
}

/** The Changes by load per document; removed afterwards (their ids and times differ). */
async function takeLoadChanges(db: Database): Promise<Record<string, number>> {
  const rows = await db.read<{ document: string; changes: number }>(
    `MATCH (c:Change {by: 'load'}) RETURN c.entityId AS document, count(*) AS changes`,
  );
  await db.write('MATCH (c:Change) DETACH DELETE c');
  return Object.fromEntries(rows.map((row) => [row.document, row.changes]));
}

let online: Database;
let dataDir: string;
let bulk: LocalNeo4j | undefined;
let bulkDb: Database | undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bulk-load-'));
  // A first load into a fresh Neo4j on a busy machine may take longer than the API's 10 s.
  online = createDatabase({ ...neo4jTestEnv(), transactionTimeoutMs: 120_000 });
  await online.write('MATCH (n) DETACH DELETE n');
  await loadSources(online);
});

afterAll(async () => {
  await bulkDb?.close();
  await bulk?.stop();
  await online?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('bulk-loads the graph the online load gives, then refuses to load again', async () => {
  const { stdout } = await bulkLoadCli(dataDir);
  expect(stdout).toMatch(/Bulk-loaded \d+ nodes and \d+ relationships into the new database/);
  await expect(bulkLoadCli(dataDir)).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringMatching(/exists: --bulk only loads into a new database/),
  });

  bulk = await startNeo4j({ dataDir, quiet: true });
  bulkDb = createDatabase({
    uri: bulk.uri,
    user: 'neo4j',
    password: 'neo4j',
    database: 'neo4j',
    transactionTimeoutMs: 120_000,
  });
  const changes = await takeLoadChanges(bulkDb);
  expect(Object.keys(changes).length).toBeGreaterThan(0);
  expect(changes).toEqual(await takeLoadChanges(online));
  const imported = await fingerprint(bulkDb);
  expect(imported.nodes).toBeGreaterThan(100);
  expect(imported).toEqual(await fingerprint(online));
  // The schema is in place: the full-text search the API runs answers.
  const [hit] = await bulkDb.read<{ id: string }>(
    `CALL db.index.fulltext.queryNodes('searchFolded_v2', 'leipzig') YIELD node
     RETURN node.id AS id LIMIT 1`,
  );
  expect(hit?.id).toMatch(/leipzig/);
});
