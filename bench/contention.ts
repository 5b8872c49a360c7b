// npm run bench:contention: does a trivial query keep its latency while heavy ones run?
// Prints the trivial query's p50 on an idle API and while 8 clients send heavy queries
// back to back, once with the heavy-query cap as configured (HEAVY_QUERY* variables, or their
// defaults) and once without it (HEAVY_QUERIES_MAX_CONCURRENT=0). Each API runs as `npm
// start` does in production (src/main.ts, its own process) on the report's graph, in a
// throwaway Neo4j (or NEO4J_URI's). About a minute; run it on an otherwise idle machine.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePorts, startNeo4j, type LocalNeo4j } from '../src/neo4j/launcher';

const ROOT = path.join(__dirname, '..');
const HEAVY_CLIENTS = 8;
const TRIVIAL_REQUESTS = 150;
/** Cost 3.5 by graphql-armor: one small read. */
const TRIVIAL = 'query Trivial { cities { id } }';
/**
 * Allowed (graphql-armor's cost 4577.5 of at most 5000) and heavy: every meeting with its
 * statements and their sources, its actions with their leads and meetings, its participants
 * with what they lead (the literal `first: 20` multiplies armor's cost of the page by 20).
 */
const HEAVY = `query Heavy {
  meetingsConnection(first: 20) {
    edges {
      node {
        id name date
        topics { text textEn source { quote quoteEn section } }
        outcomes { text textEn source { quote quoteEn section } }
        actions { id name leads { id name } meetings { id name } }
        participants { id name leads { id name } }
      }
    }
  }
}`;

interface Api {
  url: string;
  stop(): Promise<void>;
}

async function startApi(neo4j: Pick<LocalNeo4j, 'uri' | 'user' | 'password'>, env: object) {
  const [port] = await findFreePorts(1);
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      METRICS: 'off',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    if (child.exitCode !== null) throw new Error('the API exited before it was ready');
    if (tries > 600) throw new Error('the API was not ready after 60 s');
    const ready = await fetch(`${url}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await sleep(100);
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  } satisfies Api;
}

/** Milliseconds of one request; throws on any error in the answer. */
async function timed(url: string, query: string): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (!response.ok || body.errors) {
    throw new Error(`${response.status} ${JSON.stringify(body.errors)}`);
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function trivialP50(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < TRIVIAL_REQUESTS; i += 1) times.push(await timed(url, TRIVIAL));
  return median(times);
}

interface Figures {
  idleMs: number;
  loadedMs: number;
  heavyP50Ms: number;
  heavyPerSecond: number;
}

async function measure(url: string): Promise<Figures> {
  // Warm-up: plans, JIT, connections. Planning the heavy query's Cypher takes Neo4j seconds
  // (on a busy machine more than the 10 s a transaction may take): its first tries may fail.
  for (let i = 0; i < 30; i += 1) await timed(url, TRIVIAL);
  for (let answered = 0, tries = 0; answered < 5; tries += 1) {
    try {
      await timed(url, HEAVY);
      answered += 1;
    } catch (error) {
      if (tries >= 10) throw error;
    }
  }
  progress('warmed up');
  const idleMs = await trivialP50(url);

  let running = true;
  const heavyTimes: number[] = [];
  const clients = Array.from({ length: HEAVY_CLIENTS }, async () => {
    while (running) heavyTimes.push(await timed(url, HEAVY));
  });
  await sleep(1000);
  const started = Date.now();
  const loadedMs = await trivialP50(url);
  const seconds = (Date.now() - started) / 1000;
  const heavyBefore = heavyTimes.length;
  running = false;
  await Promise.all(clients);
  return {
    idleMs,
    loadedMs,
    heavyP50Ms: median(heavyTimes),
    heavyPerSecond: heavyBefore / seconds,
  };
}

async function main(): Promise<void> {
  let dataDir: string | null = null;
  let embedded: LocalNeo4j | null = null;
  const neo4j = process.env.NEO4J_URI
    ? {
        uri: process.env.NEO4J_URI,
        user: process.env.NEO4J_USER ?? 'neo4j',
        password: process.env.NEO4J_PASSWORD ?? 'neo4j',
      }
    : (embedded = await startNeo4j({
        dataDir: (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-contention-'))),
        quiet: true,
      }));
  const rows: string[] = [];
  try {
    const variants = [
      { name: 'capped (as configured)', env: {} },
      { name: 'uncapped', env: { HEAVY_QUERIES_MAX_CONCURRENT: '0' } },
    ];
    for (const variant of variants) {
      // The first start loads the report into an empty database.
      const api = await startApi(neo4j, variant.env);
      progress(`${variant.name}: API ready`);
      try {
        const f = await measure(api.url);
        progress(`${variant.name}: ${JSON.stringify(f)}`);
        rows.push(
          `| ${variant.name} | ${f.idleMs.toFixed(1)} | ${f.loadedMs.toFixed(1)} | ` +
            `${(f.loadedMs / f.idleMs).toFixed(2)}× | ${f.heavyP50Ms.toFixed(0)} | ` +
            `${f.heavyPerSecond.toFixed(1)} |`,
        );
      } finally {
        await api.stop();
      }
    }
  } finally {
    await embedded?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const limits = ['HEAVY_QUERY_COST', 'HEAVY_QUERIES_MAX_CONCURRENT', 'HEAVY_QUERIES_MAX_QUEUED']
    .map((name) => `${name}=${process.env[name] ?? '(default)'}`)
    .join(', ');
  console.log(
    [
      `Trivial query p50, idle and under ${HEAVY_CLIENTS} concurrent heavy queries (${limits}; goal ≤ 2×):`,
      '',
      '| API | idle p50 ms | loaded p50 ms | loaded ÷ idle | heavy p50 ms | heavy/s |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n'),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const benchStarted = Date.now();
/** Where the run is, on stderr: a slow machine shows where the time goes. */
const progress = (what: string) =>
  console.error(`[${((Date.now() - benchStarted) / 1000).toFixed(0)} s] ${what}`);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
