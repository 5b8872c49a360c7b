// Faults that the API must survive, against the real Neo4j of the test run: a slow
// (lock-waiting or long-running) transaction, an exhausted connection pool, 200 concurrent
// curation writes on the same entities, and SIGTERM to the API process (compiled, as
// `npm start` runs it) during requests.
// Neo4j killed during load: test/stress/outage.test.ts (it needs a Neo4j of its own).
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { createDatabase, type Database } from '../../src/db/database';
import { ServiceUnavailableError } from '../../src/errors';
import { gql, resetGraph, TEST_API_KEY } from '../support/api-server';
import { AUTH, holdWriteLock, send, serveApi, sleep, type ServedApi } from '../support/faults';
import { fingerprint } from '../support/graph-checksum';
import { neo4jTestEnv } from '../support/neo4j-env';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const env = () => neo4jTestEnv();
const ACTION = 'action/swot-analysis';
const assignLead =
  'mutation($a: ID!, $b: ID!) { assignLead(actionId: $a, actorId: $b) { id leads { id } } }';

let setupDb: Database;
beforeAll(async () => {
  setupDb = createDatabase(env());
  await resetGraph(setupDb);
});
afterAll(async () => {
  await setupDb?.close();
});

async function withApi<T>(
  options: Parameters<typeof createDatabase>[0],
  run: (api: ServedApi, db: Database) => Promise<T>,
): Promise<T> {
  const db = createDatabase(options);
  const api = await serveApi(db);
  try {
    return await run(api, db);
  } finally {
    await api.stop();
    await db.close();
  }
}

describe('slow Neo4j: a clear error after a bounded wait, never a hang', () => {
  it('a write waiting for a lock held elsewhere ends with SERVICE_UNAVAILABLE at the transaction timeout', async () => {
    await withApi({ ...env(), transactionTimeoutMs: 1_500 }, async (api) => {
      const before = await fingerprint(setupDb);
      const lock = await holdWriteLock(env(), ACTION);
      try {
        const started = Date.now();
        const response = await gql(api.url, assignLead, { a: ACTION, b: 'city/genoa' }, AUTH);
        const waited = Date.now() - started;
        expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(response.errors?.[0]?.message).toMatch(/graph database/);
        expect(waited).toBeGreaterThanOrEqual(1_400);
        expect(waited).toBeLessThan(5_000);
      } finally {
        await lock.release();
      }
      expect(await fingerprint(setupDb)).toEqual(before);
    });
  });

  it('a query that runs too long is ended by Neo4j with cause timeout', async () => {
    const db = createDatabase({ ...env(), transactionTimeoutMs: 1_000 });
    try {
      const started = Date.now();
      const failure = await db
        .read('UNWIND range(1, 10000000000) AS x WITH x WHERE x % 7 = 12 RETURN count(x) AS n')
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceUnavailableError);
      expect(failure).toMatchObject({ reason: 'timeout' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await db.close();
    }
  });

  it('with the pool exhausted, others wait at most the acquisition timeout; all recover', async () => {
    const options = { ...env(), maxConnectionPoolSize: 1, connectionAcquisitionTimeoutMs: 1_000 };
    await withApi(options, async (api) => {
      const lock = await holdWriteLock(env(), ACTION);
      // This write takes the pool's only connection and waits for the lock.
      const stuck = gql<Row>(api.url, assignLead, { a: ACTION, b: 'city/genoa' }, AUTH);
      await sleep(300);
      const started = Date.now();
      const read = await gql(api.url, '{ cities { id } }');
      const waited = Date.now() - started;
      expect(read.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(waited).toBeGreaterThanOrEqual(900);
      expect(waited).toBeLessThan(3_000);
      await lock.release();
      const written = await stuck;
      expect(written.errors).toBeUndefined();
      expect(written.data?.assignLead.leads.map((l: Row) => l.id)).toContain('city/genoa');
      expect((await gql<Row>(api.url, '{ cities { id } }')).data?.cities).toHaveLength(5);
    });
  });
});

describe('concurrent curation', () => {
  it('200 parallel assignLead / addContributor / upsertMeeting on the same entities: no duplicate, no lost update', async () => {
    await withApi(env(), async (api) => {
      const actors = (
        await setupDb.read<{ id: string }>(
          'MATCH (a:City|Institution) RETURN a.id AS id ORDER BY id LIMIT 25',
        )
      ).map((r) => r.id);
      expect(actors.length).toBe(25);
      const created = await gql<Row>(
        api.url,
        `mutation { upsertMeeting(input: {name: "Concurrent", kind: PARTNER_MEETING, status: PLANNED,
           year: 2099, source: {document: "d", section: "s", quote: "q"}}) { id } }`,
        {},
        AUTH,
      );
      const meetingId = created.data!.upsertMeeting.id as string;
      const cities = ['city/leipzig', 'city/genoa', 'city/gdansk', 'city/pecs', 'city/ljubljana'];

      const requests: Array<Promise<Row>> = [];
      for (let i = 0; i < 50; i++) {
        // every actor leads the action twice over (same ids): one LEADS each, none lost
        requests.push(gql(api.url, assignLead, { a: ACTION, b: actors[i % 25] }, AUTH));
        requests.push(
          gql(
            api.url,
            'mutation($a: ID!, $b: ID!, $r: String!) { addContributor(actionId: $a, actorId: $b, role: $r) { id } }',
            { a: 'action/transnational-study', b: actors[i % 25], r: `role ${i % 25}` },
            AUTH,
          ),
        );
      }
      for (let i = 0; i < 100; i++) {
        requests.push(
          gql(
            api.url,
            `mutation($input: MeetingInput!) { upsertMeeting(input: $input) { id name } }`,
            {
              input: {
                id: meetingId,
                name: `Concurrent ${i}`,
                kind: 'PARTNER_MEETING',
                status: 'PLANNED',
                year: 2099,
                cityId: cities[i % 5],
                source: { document: 'd', section: 's', quote: `q ${i}` },
              },
            },
            AUTH,
          ),
        );
      }
      const answers = await Promise.all(requests);
      expect(answers.filter((a) => a.errors).map((a) => a.errors)).toEqual([]);

      const [leads] = await setupDb.read<Row>(
        `MATCH (a)-[r:LEADS]->(:Action {id: $id}) WHERE a.id IN $actors
         RETURN count(r) AS links, count(DISTINCT a) AS actors`,
        { id: ACTION, actors },
      );
      expect(leads).toEqual({ links: 25, actors: 25 });
      const [contributors] = await setupDb.read<Row>(
        `MATCH (a)-[r:CONTRIBUTES_TO]->(:Action {id: 'action/transnational-study'})
         WHERE a.id IN $actors AND r.role STARTS WITH 'role '
         RETURN count(r) AS links, count(DISTINCT a) AS actors`,
        { actors },
      );
      expect(contributors).toEqual({ links: 25, actors: 25 });
      const [meeting] = await setupDb.read<Row>(
        `MATCH (m:Meeting {id: $id})
         RETURN count(m) AS nodes, m.name AS name,
           COUNT { (m)-[:HELD_IN]->() } AS heldIn, COUNT { (m)-[:STATED_IN]->() } AS sources`,
        { id: meetingId },
      );
      // one node; one place (each upsert replaces it); every upsert's source kept
      expect(meeting).toMatchObject({ nodes: 1, heldIn: 1, sources: 101 });
      expect(meeting!.name).toMatch(/^Concurrent \d+$/);
      const [chain] = await setupDb.read<Row>(
        `MATCH (m:Meeting)
         RETURN max(COUNT { (m)-[:NEXT]->() }) AS maxOut, max(COUNT { (m)<-[:NEXT]-() }) AS maxIn`,
      );
      expect(chain).toEqual({ maxOut: 1, maxIn: 1 });
    });
    await resetGraph(setupDb);
  });
});

describe('SIGTERM to the compiled API process during requests', () => {
  const root = path.join(__dirname, '..', '..');
  beforeAll(() => {
    // The server's part of `npm run build`, so that the test runs the current sources' output.
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  }, 120_000);

  it('serves, finishes in-flight requests, refuses new ones, exits with 0', async () => {
    const child = spawn(process.execPath, [path.join('dist', 'main.js')], {
      cwd: root,
      env: {
        ...process.env,
        NEO4J_URI: env().uri,
        NEO4J_USER: env().user,
        NEO4J_PASSWORD: env().password,
        PORT: '0',
        API_KEYS: `curator:${TEST_API_KEY}`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /API ready: (http:\/\/localhost:\d+)/.exec(output);
          if (match) resolve(match[1]!.replace('localhost', '127.0.0.1'));
        });
        child.on('exit', () => reject(new Error(`API exited before it was ready:\n${output}`)));
      });
      expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(`${url}/ready`)).json()).toEqual({ status: 'ready', neo4j: 'up' });
      expect((await gql<Row>(url, '{ cities { id } }')).data?.cities).toHaveLength(5);

      // Ten writes held in flight by a lock on their action; then SIGTERM.
      const lock = await holdWriteLock(env(), ACTION);
      const started = Date.now();
      const op = { kind: 'assignLead', query: assignLead, write: true };
      const inFlight = ['city/genoa', 'city/gdansk', 'city/pecs', 'city/ljubljana', 'city/leipzig']
        .flatMap((b) => [b, b])
        .map((b) => send(url, op, { a: ACTION, b }, started));
      await sleep(500);
      child.kill('SIGTERM');
      await sleep(500);

      const refused = await send(url, { kind: 'cities', query: '{ cities { id } }' }, {}, started);
      expect(refused).toMatchObject({ ok: false, code: 'ECONNREFUSED' });
      expect(child.exitCode).toBeNull(); // still draining

      await lock.release();
      const answers = await Promise.all(inFlight);
      expect(answers.map((a) => [a.ok, a.code])).toEqual(answers.map(() => [true, undefined]));
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await setupDb.write("MATCH (l:ReportLoad {id: 'report'}) DELETE l");
    }
  });
});
