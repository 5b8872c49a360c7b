// A burst of curators' writes to one entity over real HTTP: each write waits its turn and
// none is answered SERVICE_UNAVAILABLE, even with a transaction timeout far below what the
// whole burst takes; none is lost (the graph and the history hold every one).
import http from 'node:http';
import pino from 'pino';
import { createDatabase, type Database } from '../../src/db/database';
import { createServer, type ApiServer } from '../../src/graphql/server';
import { gql, resetGraph, TEST_API_KEY, TEST_API_KEYS } from '../support/api-server';
import { neo4jTestEnv } from '../support/neo4j-env';

/** Long enough for one write on a busy machine, far too short for the burst in a row. */
const TRANSACTION_TIMEOUT_MS = 2_000;
const auth = { authorization: `Bearer ${TEST_API_KEY}` };

let db: Database;
let api: ApiServer;
let server: http.Server;
let url: string;

beforeAll(async () => {
  // the load runs with the ordinary timeout: it is not what this test measures
  const loader = createDatabase(neo4jTestEnv());
  await resetGraph(loader).finally(() => loader.close());
  db = createDatabase({ ...neo4jTestEnv(), transactionTimeoutMs: TRANSACTION_TIMEOUT_MS });
  api = await createServer({
    config: { apiKeys: TEST_API_KEYS, production: false },
    db,
    logger: pino({ level: 'silent' }),
  });
  server = http.createServer(api.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 180_000);

afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await api?.stop();
  await db?.close();
});

const leadsOf = async (actionId: string) =>
  (
    await db.read<{ id: string }>(
      'MATCH (a:Entity)-[:LEADS]->(:Action {id: $actionId}) RETURN a.id AS id ORDER BY id',
      { actionId },
    )
  ).map((row) => row.id);

const changesOf = (actionId: string) =>
  db.read<{ operation: string; summary: string }>(
    'MATCH (c:Change {entityId: $actionId}) RETURN c.operation AS operation, c.summary AS summary',
    { actionId },
  );

it('runs a burst of lead assignments and removals on one action without a timeout or a lost write', async () => {
  // the action the report gives most leads: they are removed while others are assigned
  const [action] = await db.read<{ id: string }>(
    `MATCH (:Entity)-[:LEADS]->(action:Action)
     WITH action.id AS id, count(*) AS leads
     RETURN id ORDER BY leads DESC, id LIMIT 1`,
  );
  const ACTION = action!.id;
  const before = await leadsOf(ACTION);
  const newLeads = (
    await db.read<{ id: string }>(
      `MATCH (a:Institution|City) WHERE NOT (a)-[:LEADS]->(:Action {id: $actionId})
       RETURN a.id AS id ORDER BY id LIMIT 40`,
      { actionId: ACTION },
    )
  ).map((row) => row.id);
  const actors = [...before, ...newLeads];
  expect(actors.length).toBeGreaterThanOrEqual(20);

  const mutation = (name: string, actorId: string, role?: string) =>
    gql(
      url,
      `mutation($a: ID!, $b: ID!${role ? ', $role: String!' : ''}) {
         ${name}(actionId: $a, actorId: $b${role ? ', role: $role' : ''}) { id } }`,
      { a: ACTION, b: actorId, ...(role ? { role } : {}) },
      auth,
    );
  // every one of them waits for the same action's lock
  const answers = await Promise.all([
    ...newLeads.map((actorId) => mutation('assignLead', actorId)),
    ...before.map((actorId) => mutation('removeLead', actorId)),
    ...actors.map((actorId) => mutation('addContributor', actorId, 'burst')),
  ]);

  expect(answers.filter((answer) => answer.errors)).toEqual([]);
  expect(await leadsOf(ACTION)).toEqual([...newLeads].sort());
  const changes = await changesOf(ACTION);
  expect(changes.filter((c) => c.operation === 'assignLead')).toHaveLength(newLeads.length);
  expect(changes.filter((c) => c.operation === 'removeLead')).toHaveLength(before.length);
  expect(changes.filter((c) => c.operation === 'addContributor')).toHaveLength(actors.length);
  const contributors = await db.read<{ id: string }>(
    `MATCH (a:Entity)-[:CONTRIBUTES_TO {role: 'burst'}]->(:Action {id: $actionId})
     RETURN a.id AS id ORDER BY id`,
    { actionId: ACTION },
  );
  expect(contributors.map((row) => row.id)).toEqual([...actors].sort());
});
