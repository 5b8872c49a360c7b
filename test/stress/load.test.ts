// A sustained mixed load (reads, searches, paths, neighbourhoods, some writes) at high
// concurrency against the API in its own process: error rate 0; heap and RSS drift (after
// GC) and event-loop delay p99 reported. STRESS_SECONDS (default 90), STRESS_CONCURRENCY (32).
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '../../src/db/database';
import { resetGraph } from '../support/api-server';
import { percentile, READ_OPERATIONS, sleep, startLoad, type Operation } from '../support/faults';
import { neo4jTestEnv } from '../support/neo4j-env';

const SECONDS = Number(process.env.STRESS_SECONDS ?? 90);
const CONCURRENCY = Number(process.env.STRESS_CONCURRENCY ?? 32);
const WARM_UP_MS = 10_000;

interface Stats {
  heapUsed: number;
  rss: number;
  eventLoopDelayP99Ms: number;
  eventLoopDelayMaxMs: number;
}

const actors = ['city/genoa', 'city/gdansk', 'city/pecs', 'city/ljubljana', 'city/leipzig'];
const pickActor = () => actors[Math.floor(Math.random() * actors.length)];
const WRITES: Operation[] = [
  {
    kind: 'assignLead',
    weight: 1,
    write: true,
    query:
      'mutation($a: ID!, $b: ID!) { assignLead(actionId: $a, actorId: $b) { id leads { id } } }',
    variables: () => ({ a: 'action/swot-analysis', b: pickActor() }),
  },
  {
    kind: 'removeLead',
    weight: 0.5,
    write: true,
    query:
      'mutation($a: ID!, $b: ID!) { removeLead(actionId: $a, actorId: $b) { id leads { id } } }',
    variables: () => ({ a: 'action/swot-analysis', b: pickActor() }),
  },
  {
    kind: 'createInstitution',
    weight: 0.5,
    write: true,
    query:
      'mutation($name: String!) { createInstitution(input: {name: $name, kind: OTHER}) { id } }',
    variables: () => ({ name: `Stress ${randomUUID()}` }),
  },
];

let db: Database;
let child: ChildProcess;

function ask(message: 'stats' | 'reset'): Promise<Stats> {
  return new Promise((resolve) => {
    child.once('message', (stats) => resolve(stats as Stats));
    child.send(message);
  });
}

beforeAll(async () => {
  db = createDatabase(neo4jTestEnv());
  await resetGraph(db);
  child = fork(path.join(__dirname, 'serve.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await db?.close();
});

it(`sustains ${CONCURRENCY} concurrent clients for ${SECONDS} s with no error and stable memory`, async () => {
  const { port } = await new Promise<{ port: number }>((resolve) =>
    child.once('message', (m) => resolve(m as { port: number })),
  );
  const url = `http://127.0.0.1:${port}`;
  const load = startLoad(url, [...READ_OPERATIONS, ...WRITES], CONCURRENCY);
  await sleep(WARM_UP_MS);
  const start = await ask('reset');
  const samples: Stats[] = [start];
  const measuredFrom = Date.now();
  while (Date.now() - load.started < SECONDS * 1000) {
    await sleep(10_000);
    samples.push(await ask('stats'));
  }
  const answers = await load.stop();
  const end = samples.at(-1)!;
  const measured = answers.filter((a) => a.at >= measuredFrom - load.started);
  const errors = answers.filter((a) => !a.ok);
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const byKind = Object.fromEntries(
    [...new Set(answers.map((a) => a.kind))].map((kind) => {
      const ms = answers.filter((a) => a.kind === kind).map((a) => a.ms);
      return [kind, { n: ms.length, p50: percentile(ms, 50), p99: percentile(ms, 99) }];
    }),
  );
  const figures = {
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    requests: answers.length,
    requestsPerSecond: Math.round(measured.length / ((Date.now() - measuredFrom) / 1000)),
    errors: errors.length,
    errorCodes: [...new Set(errors.map((e) => e.code))],
    latencyMs: {
      p50: percentile(
        answers.map((a) => a.ms),
        50,
      ),
      p99: percentile(
        answers.map((a) => a.ms),
        99,
      ),
    },
    byKind,
    heapMb: {
      start: mb(start.heapUsed),
      end: mb(end.heapUsed),
      drift: mb(end.heapUsed - start.heapUsed),
    },
    rssMb: { start: mb(start.rss), end: mb(end.rss), drift: mb(end.rss - start.rss) },
    heapSamplesMb: samples.map((s) => mb(s.heapUsed)),
    eventLoopDelayMs: {
      p99: Math.round(end.eventLoopDelayP99Ms * 10) / 10,
      max: Math.round(end.eventLoopDelayMaxMs * 10) / 10,
    },
  };
  console.log(`load figures: ${JSON.stringify(figures, null, 2)}`);

  expect(errors.slice(0, 5)).toEqual([]);
  expect(answers.length).toBeGreaterThan(SECONDS * 20);
  // After GC the heap of a stateless API returns to its level: no growth per request.
  expect(end.heapUsed - start.heapUsed).toBeLessThan(30 * 1024 * 1024);
});
