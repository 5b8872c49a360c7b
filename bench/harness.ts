// The pieces the benchmark (bench/run.ts), its smoke test and the other bench scripts share:
// loading a scale (online through writeGraph, and in bulk through Neo4j's importer), a scale
// served by our API over a throwaway Neo4j, the API servers in child processes, one request of
// each kind, timing.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import neo4j, { type Driver } from 'neo4j-driver';
import { createDatabase, type Database } from '../src/db/database';
import { applySchema, writeGraph } from '../src/ingest';
import { writeImportCsv } from '../src/ingest/bulk-import';
import { importIntoStore } from '../src/neo4j/import';
import { startNeo4j, type LocalNeo4j } from '../src/neo4j/launcher';
import { generateChunks, generateGraph, sampleIds, type SampleIds } from './generate';
import type { CapturedQuery, ServerStats } from './server';

/** A setting of a bench script: `--name value` on the command line, else BENCH_NAME, else `fallback`. */
export function option(name: string, fallback = ''): string {
  const flag = process.argv.indexOf(`--${name}`);
  if (flag >= 0 && process.argv[flag + 1]) return process.argv[flag + 1] as string;
  return process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback;
}

/**
 * Neo4j's memory for a scale, on a machine of 2 cores and 24 GiB. Up to scale 1000 the sizes
 * the benchmark always had (a store of ≈ 0.3 GB at scale 1000; the peer's large APOC queries
 * want the heap). Above it the page cache holds the whole store and its indexes (≈ 0.35 GB per
 * 1000 networks) and the heap the online load's batches and the index builds: 4 GB heap and
 * 4 GB page cache at scale 10,000, which leaves room for the benchmark's Node processes.
 */
export function neo4jMemoryFor(scale: number): { heap: string; pageCache: string } {
  if (scale <= 1000) return { heap: '2g', pageCache: '1g' };
  return { heap: '4g', pageCache: `${Math.ceil((scale * 0.4) / 1000)}g` };
}

export interface LoadResult {
  sample: SampleIds;
  nodes: number;
  relationships: number;
  seconds: number;
  relationshipsPerSecond: number;
}

/**
 * The benchmark's own connection to its Neo4j (not the API's): loads, constraint and index
 * builds of scale 10,000 run for minutes, far beyond the API's 10 s transaction timeout.
 */
export function benchDatabase(neo4j: { uri: string; user: string; password: string }): Database {
  const { uri, user, password } = neo4j;
  return createDatabase({
    uri,
    user,
    password,
    database: 'neo4j',
    transactionTimeoutMs: 3_600_000,
  });
}

/** Empties the database (in chunks, so a big graph fits the heap). */
export async function emptyDatabase(driver: Driver): Promise<void> {
  const session = driver.session({ database: 'neo4j' });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS');
  } finally {
    await session.close();
  }
}

/** Drops the indexes that back no constraint (those of the schema's searches and filters). */
async function dropIndexes(db: Database): Promise<void> {
  const indexes = await db.read<{ name: string }>(
    `SHOW INDEXES YIELD name, type, owningConstraint
     WHERE owningConstraint IS NULL AND type <> 'LOOKUP' RETURN name`,
  );
  for (const { name } of indexes) await db.write(`DROP INDEX \`${name}\` IF EXISTS`);
}

/**
 * Builds the whole schema (constraints, search and filter indexes) and waits until the indexes
 * are online, so that full-text results see every node before anything is measured. Seconds.
 */
export async function buildIndexes(db: Database): Promise<number> {
  const started = process.hrtime.bigint();
  await applySchema(db);
  await db.write('CALL db.awaitIndexes(3600)');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * The online load: generates the graph of a scale and loads it through writeGraph, timed: into
 * the emptied database (CREATE, not MERGE), batch by batch, `concurrency` batches at a time
 * (default 2, a transaction per core of our 2-core machine), with only the id constraints in
 * place (buildIndexes builds the rest after it, as a bulk load into an empty database should).
 * writeGraph takes the whole graph at once: at scale 10,000 about 5 GB of Node's heap.
 */
export async function loadScale(
  db: Database,
  scale: number,
  options: {
    batchSize?: number;
    concurrency?: number;
    /** Called just before and just after the timed write (e.g. to read Neo4j's CPU time). */
    around?: { before(): void; after(): void };
  } = {},
): Promise<LoadResult> {
  await emptyDatabase(db.driver);
  await dropIndexes(db);
  await applySchema(db, undefined, { constraintsOnly: true });
  const graph = generateGraph(scale);
  const size = { nodes: graph.nodes.length, relationships: graph.relationships.length };
  options.around?.before();
  const started = process.hrtime.bigint();
  await writeGraph(db, graph, {
    batchSize: options.batchSize ?? 1000,
    singleTransaction: false,
    intoEmptyDatabase: true,
    concurrency: options.concurrency ?? 2,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  options.around?.after();
  // Only its size and sample are returned: the measurements run without the graph in memory.
  return {
    sample: sampleIds(scale),
    ...size,
    seconds,
    relationshipsPerSecond: size.relationships / seconds,
  };
}

export interface BulkLoadResult {
  nodes: number;
  relationships: number;
  /** Writing the generated graph as import CSV (chunk by chunk). */
  csvSeconds: number;
  /** neo4j-admin database import full, JVM start included. */
  importSeconds: number;
  /** Relationships per second of the importer's run. */
  relationshipsPerSecond: number;
}

/**
 * The bulk load: writes the graph of a scale as import CSV, chunk by chunk (never all of it in
 * memory), and imports it with Neo4j's importer into the data folder's database, which no
 * Neo4j may have open (stop it first; startNeo4j on the folder then serves the new store).
 * `overwrite` replaces the database a former load left there.
 */
export async function bulkLoadScale(
  dataDir: string,
  scale: number,
  options: { overwrite?: boolean; importerHeap?: string } = {},
): Promise<BulkLoadResult> {
  const csvDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bench-csv-'));
  try {
    const writing = process.hrtime.bigint();
    const csv = await writeImportCsv(generateChunks(scale), csvDir);
    const csvSeconds = Number(process.hrtime.bigint() - writing) / 1e9;
    // (An empty list would need restoreEmptyLists on the started Neo4j: the generator has none.)
    if (csv.emptyLists.nodes.length + csv.emptyLists.relationships.length > 0) {
      throw new Error('the generated graph holds empty lists');
    }
    const imported = await importIntoStore({
      dataDir,
      ...csv,
      overwrite: options.overwrite,
      heap: options.importerHeap ?? (scale > 1000 ? '2g' : '1g'),
    });
    if (imported.nodes !== csv.nodeCount || imported.relationships !== csv.relationshipCount) {
      throw new Error(
        `the importer imported ${imported.nodes} nodes and ${imported.relationships} ` +
          `relationships of ${csv.nodeCount} and ${csv.relationshipCount}`,
      );
    }
    return {
      nodes: imported.nodes,
      relationships: imported.relationships,
      csvSeconds,
      importSeconds: imported.seconds,
      relationshipsPerSecond: imported.relationships / imported.seconds,
    };
  } finally {
    fs.rmSync(csvDir, { recursive: true, force: true });
  }
}

export interface BenchServer {
  kind: 'ours' | 'peer' | 'floor';
  url: string;
  /** CPU, round trips and memory so far; `gc`: after a full garbage collection. */
  stats(options?: { gc?: boolean }): Promise<ServerStats>;
  /** The queries the server sent to Neo4j since the last call (ours only; the peer: none). */
  queries(): Promise<CapturedQuery[]>;
  /** The floor server: answer every request with these queries' rows from now on. */
  serve(queries: CapturedQuery[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The graph of a scale bulk-imported into a throwaway Neo4j sized for it, every index built,
 * and our API over it in its own process (bench/server.ts): `use` gets the API. Everything is
 * stopped and removed afterwards, whatever `use` does.
 */
export async function withServedScale<T>(
  scale: number,
  use: (ours: BenchServer) => Promise<T>,
): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bench-scale-'));
  let neo4j: LocalNeo4j | undefined;
  let db: Database | undefined;
  let ours: BenchServer | undefined;
  try {
    const bulk = await bulkLoadScale(dataDir, scale);
    neo4j = await startNeo4j({ dataDir, quiet: true, memory: neo4jMemoryFor(scale) });
    db = benchDatabase(neo4j);
    const indexSeconds = await buildIndexes(db);
    console.log(
      `scale ${scale}: ${bulk.nodes} nodes, ${bulk.relationships} relationships imported in ` +
        `${bulk.importSeconds.toFixed(1)} s; indexes built in ${indexSeconds.toFixed(1)} s`,
    );
    ours = await startServer('ours', neo4j.uri);
    return await use(ours);
  } finally {
    await ours?.stop();
    await db?.close();
    await neo4j?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Starts bench/server.ts in its own Node process (tsx), on a free port. */
export async function startServer(
  kind: 'ours' | 'peer' | 'floor',
  neo4jUri: string,
): Promise<BenchServer> {
  const child: ChildProcess = fork(path.join(__dirname, 'server.ts'), [], {
    // --expose-gc: the memory figures after a full collection (stats({ gc: true })).
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, BENCH_SERVER: kind, NEO4J_URI: neo4jUri },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server ${kind} exited with ${code}`)));
    child.on('message', (message: { type: string; port?: number }) => {
      if (message.type === 'ready') resolve(message.port as number);
    });
  });
  /** Asks the server over IPC and waits for its answer of the same type. */
  const ask = <T extends { type: string }>(type: T['type'], extra: object = {}) =>
    new Promise<T>((resolve) => {
      const onMessage = (message: T) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ type, ...extra });
    });
  return {
    kind,
    url: `http://127.0.0.1:${port}/graphql`,
    stats: (options = {}) => ask<ServerStats>('stats', options),
    queries: async () =>
      (await ask<{ type: 'queries'; queries: CapturedQuery[] }>('queries')).queries,
    serve: async (queries) => {
      await ask('serve', { queries });
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      child.removeAllListeners('exit');
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string }>;
}

// Keep-alive connections and node:http rather than fetch: the client's own work (fetch's
// WHATWG streams cost ≈ 0.5 ms a request here) should not count towards the server's latency.
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** One GraphQL request over HTTP; throws on HTTP or GraphQL errors. */
export function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const payload = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLBody;
            if (response.statusCode !== 200 || body.errors?.length || !body.data) {
              throw new Error(
                `HTTP ${response.statusCode}: ${JSON.stringify(body.errors ?? body)}`,
              );
            }
            resolve(body.data);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * One query through neo4j-driver as our API sends its reads: an auto-commit transaction (RUN
 * and PULL in one round trip, no BEGIN or COMMIT), the fastest way the driver offers.
 */
async function runRead(driver: Driver, cypher: string, params: Record<string, unknown>) {
  const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
  try {
    return await session.run(cypher, params);
  } finally {
    await session.close();
  }
}

/** The hand-written raw query (bench/operations.ts); its `data` column, Integers as JS numbers. */
export async function rawData(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const result = await runRead(driver, cypher, toIntegers(params));
  return plain(result.records[0]?.get('data')) as Record<string, unknown>;
}

/**
 * The queries our API sent for a request (BenchServer.queries), run again directly through the
 * driver: the same Cypher and parameters without the GraphQL layer. Their rows as plain objects.
 */
export async function generatedRows(
  driver: Driver,
  queries: CapturedQuery[],
): Promise<Array<Record<string, unknown>>> {
  const rows: Array<Record<string, unknown>> = [];
  for (const query of queries) {
    const result = await runRead(driver, query.cypher, toIntegers(query.params));
    for (const record of result.records) rows.push(record.toObject());
  }
  return rows;
}

/**
 * Whole numbers as Neo4j Integers, at any depth (Cypher wants them for LIMIT and the like).
 * Unlike toNeo4jParams it converts objects of any realm: parameters that came over IPC into a
 * jest test are not of the test's Object.prototype.
 */
function toIntegers<T>(value: T): T {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value) as T;
  if (Array.isArray(value)) return value.map(toIntegers) as T;
  if (value && typeof value === 'object' && !neo4j.isInt(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toIntegers(v)])) as T;
  }
  return value;
}

function plain(value: unknown): unknown {
  if (neo4j.isInt(value)) return value.toNumber();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

export interface LatencySummary {
  /** Median over rounds of each round's p50 / p99, milliseconds. */
  p50: number;
  p99: number;
  samples: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Warm-up of each way: at least this long, besides the given number of requests. */
const WARMUP_MS = 3_000;

/**
 * Latency of two ways of doing the same thing, one request at a time: a warm-up (`warmup`
 * requests and at least WARMUP_MS, so that the JIT of both Node and Neo4j has settled on a
 * new query), then rounds that alternate between them (so drift hits both alike).
 */
export async function compareLatency(
  ways: Record<string, () => Promise<unknown>>,
  options: { warmup: number; rounds: number; perRound: number },
): Promise<Record<string, LatencySummary>> {
  const names = Object.keys(ways);
  for (const name of names) {
    const started = Date.now();
    for (let i = 0; i < options.warmup || Date.now() - started < WARMUP_MS; i++) {
      await ways[name]!();
    }
  }
  const perRound: Record<string, { p50: number[]; p99: number[] }> = Object.fromEntries(
    names.map((name) => [name, { p50: [], p99: [] }]),
  );
  for (let round = 0; round < options.rounds; round++) {
    for (const name of names) {
      const times: number[] = [];
      for (let i = 0; i < options.perRound; i++) {
        const started = process.hrtime.bigint();
        await ways[name]!();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      perRound[name]!.p50.push(percentile(times, 50));
      perRound[name]!.p99.push(percentile(times, 99));
    }
  }
  return Object.fromEntries(
    names.map((name) => [
      name,
      {
        p50: median(perRound[name]!.p50),
        p99: median(perRound[name]!.p99),
        samples: options.rounds * options.perRound,
      },
    ]),
  );
}

export interface ThroughputSummary {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU milliseconds per request. */
  cpuMsPerRequest: number;
}

/** One server and the request autocannon sends it. */
export interface ThroughputTarget {
  server: BenchServer;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * Throughput of servers answering the same thing, by autocannon: a warm-up run of each, then
 * `rounds` timed runs that alternate between them (median req/s of each), so that the host's
 * drift from one half-minute to the next hits all alike: on this 2-core VM it moved one side's
 * rate up to twofold between runs of five rounds in a row (bench/README.md).
 */
export async function compareThroughput<Name extends string>(
  targets: Record<Name, ThroughputTarget>,
  options: { connections: number; seconds: number; rounds: number },
): Promise<Record<Name, ThroughputSummary>> {
  const names = Object.keys(targets) as Name[];
  const run = ({ server, query, variables }: ThroughputTarget, seconds: number) =>
    autocannon({
      url: server.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      connections: options.connections,
      duration: seconds,
    });
  const rounds = {} as Record<Name, ThroughputSummary[]>;
  for (const name of names) {
    await run(targets[name], Math.max(1, Math.round(options.seconds / 2)));
    rounds[name] = [];
  }
  for (let round = 0; round < options.rounds; round++) {
    for (const name of names) {
      const target = targets[name];
      const before = await target.server.stats();
      const result = await run(target, options.seconds);
      const after = await target.server.stats();
      const requests = result.requests.total;
      rounds[name].push({
        requestsPerSecond: requests / options.seconds,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
        cpuMsPerRequest: (after.cpuMicros - before.cpuMicros) / 1000 / Math.max(1, requests),
      });
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const pick = (key: keyof ThroughputSummary) => median(rounds[name].map((r) => r[key]));
      return [
        name,
        {
          requestsPerSecond: pick('requestsPerSecond'),
          p50: pick('p50'),
          p99: pick('p99'),
          errors: rounds[name].reduce((sum, r) => sum + r.errors, 0),
          cpuMsPerRequest: pick('cpuMsPerRequest'),
        },
      ];
    }),
  ) as Record<Name, ThroughputSummary>;
}

/** Database round trips of one request (the server's counter before and after). */
export async function roundTripsOf(
  server: BenchServer,
  request: () => Promise<unknown>,
): Promise<number> {
  const before = await server.stats();
  await request();
  const after = await server.stats();
  return after.roundTrips - before.roundTrips;
}
