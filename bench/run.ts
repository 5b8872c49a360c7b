// `npm run bench`: everything in one run, on one throwaway Neo4j 5.26 (with APOC Core):
// for each scale factor, generate and load the synthetic graph through writeGraph (rel/s),
// then
//   1. latency of each contract read operation through our HTTP API vs one hand-written
//      Cypher query through neo4j-driver (p50, p99, ours ÷ raw),
//   2. requests/s of our API vs @neo4j/graphql 7 on Apollo (autocannon), server CPU/request,
//   3. growth: p50 of lookup, neighbourhood, connection, search per scale,
//   4. database round trips per operation.
// Prints markdown tables and writes them to bench/results/latest.md (+ .json).
//
// Options (also as env BENCH_*): --scales 1,10,100  --rounds 5  --per-round 20  --warmup 5
//   --seconds 3 (autocannon per round)  --connections 8  --peer-scales 1,100 (where 2. runs)
//   --batch-size 2000   Quick run: --scales 1,10 --peer-scales 1 --rounds 1 --seconds 1
//   Scale 1000 (≈300k nodes, 660k relationships): add it to --scales; loading alone takes long.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createDatabase } from '../src/db/database';
import { startNeo4j, type LocalNeo4j } from '../src/neo4j/launcher';
import {
  NEO4J_MEMORY,
  compareLatency,
  graphql,
  loadScale,
  rawData,
  roundTripsOf,
  startServer,
  throughput,
  type BenchServer,
  type LatencySummary,
  type LoadResult,
  type ThroughputSummary,
} from './harness';
import {
  canonical,
  contractDocuments,
  rawQuery,
  READ_OPERATIONS,
  variablesOf,
  type ReadOperation,
} from './operations';
import { PEER_OPERATIONS } from './peer';

// Both API servers (child processes) run as deployed: graphql-js, for one, skips its
// development-only checks (a slower instanceof on every type test) in production.
process.env.NODE_ENV = 'production';
// As src/main.ts does in production: no source-mapped stack traces (neo4j-driver formats one
// for every query), here for the raw side's driver calls, in the servers for theirs.
process.setSourceMapsEnabled(false);

function option(name: string, fallback: string): string {
  const flag = process.argv.indexOf(`--${name}`);
  if (flag >= 0 && process.argv[flag + 1]) return process.argv[flag + 1] as string;
  return process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback;
}
const numbers = (text: string) => text.split(',').filter(Boolean).map(Number);

const settings = {
  scales: numbers(option('scales', '1,10,100')),
  peerScales: numbers(option('peer-scales', '1,100')),
  rounds: Number(option('rounds', '5')),
  perRound: Number(option('per-round', '20')),
  warmup: Number(option('warmup', '5')),
  seconds: Number(option('seconds', '3')),
  connections: Number(option('connections', '8')),
  batchSize: Number(option('batch-size', '2000')),
};

/** Which operation stands for which kind of work in the growth table. */
const GROWTH = {
  lookup: 'Provenance',
  neighbourhood: 'Neighbourhood',
  connection: 'Connection',
  search: 'Search',
} as const satisfies Record<string, ReadOperation>;

interface ScaleResult {
  scale: number;
  load: Omit<LoadResult, 'graph'>;
  latency: Record<string, { ours: LatencySummary; raw: LatencySummary; same: boolean }>;
  roundTrips: Record<string, { ours: number; peer?: number }>;
  throughput: Record<string, { ours: ThroughputSummary; peer: ThroughputSummary }>;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

async function benchScale(
  neo4jUri: string,
  scale: number,
  servers: { ours: BenchServer; peer: BenchServer },
  db: ReturnType<typeof createDatabase>,
): Promise<ScaleResult> {
  const log = (text: string) => console.log(`[scale ${scale}] ${text}`);
  const loaded = await loadScale(db, scale, { batchSize: settings.batchSize });
  const { graph, ...load } = loaded;
  log(
    `loaded ${load.nodes} nodes, ${load.relationships} relationships in ${fmt(load.seconds)} s ` +
      `(${Math.round(load.relationshipsPerSecond)} rel/s), indexes built in ${fmt(load.indexSeconds)} s`,
  );
  const documents = contractDocuments();
  const result: ScaleResult = { scale, load, latency: {}, roundTrips: {}, throughput: {} };

  for (const operation of READ_OPERATIONS) {
    const document = documents.get(operation) as string;
    const variables = variablesOf(operation, graph.sample);
    const raw = rawQuery(operation, graph.sample);
    const ours = () => graphql(servers.ours.url, document, variables);
    const direct = () => rawData(db.driver, raw.cypher, raw.params);
    const same = isDeepStrictEqual(canonical(await ours()), canonical(await direct()));
    const latency = await compareLatency(
      { ours, raw: direct },
      { warmup: settings.warmup, rounds: settings.rounds, perRound: settings.perRound },
    );
    result.latency[operation] = { ours: latency.ours!, raw: latency.raw!, same };
    const peerQuery = PEER_OPERATIONS[operation];
    result.roundTrips[operation] = {
      ours: await roundTripsOf(servers.ours, ours),
      ...(peerQuery
        ? {
            peer: await roundTripsOf(servers.peer, () =>
              graphql(servers.peer.url, peerQuery, variables),
            ),
          }
        : {}),
    };
    log(
      `${operation}: ours p50 ${fmt(latency.ours!.p50, 2)} ms, raw ${fmt(latency.raw!.p50, 2)} ms` +
        (same ? '' : ' (RESULTS DIFFER)'),
    );

    if (peerQuery && settings.peerScales.includes(scale)) {
      const cannon = {
        connections: settings.connections,
        seconds: settings.seconds,
        rounds: settings.rounds,
      };
      const oursRps = await throughput(servers.ours, document, variables, cannon);
      const peerRps = await throughput(servers.peer, peerQuery, variables, cannon);
      result.throughput[operation] = { ours: oursRps, peer: peerRps };
      log(
        `${operation}: ours ${fmt(oursRps.requestsPerSecond)} req/s, ` +
          `@neo4j/graphql ${fmt(peerRps.requestsPerSecond)} req/s`,
      );
    }
  }
  return result;
}

function report(results: ScaleResult[], versions: Record<string, string>): string {
  const lines: string[] = [];
  const cpu = os.cpus();
  lines.push(
    `Run ${new Date().toISOString()} on ${os.type()} ${os.release()}, ${cpu.length} × ` +
      `${cpu[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB; ` +
      Object.entries(versions)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ') +
      '.',
    '',
    `Settings: ${JSON.stringify(settings)}; Neo4j heap ${NEO4J_MEMORY.heap}, page cache ${NEO4J_MEMORY.pageCache}.`,
    '',
    '### Load (writeGraph into the emptied database: CREATE, 2 batch transactions at a time; search and filter indexes built after)',
    '',
    '| scale | nodes | relationships | load seconds | relationships/s | index build seconds | relationships/s with index build |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.scale} | ${r.load.nodes} | ${r.load.relationships} | ${fmt(r.load.seconds)} | ` +
        `${Math.round(r.load.relationshipsPerSecond)} | ${fmt(r.load.indexSeconds)} | ` +
        `${Math.round(r.load.relationships / (r.load.seconds + r.load.indexSeconds))} |`,
    ),
    '',
    '### 1. Our API vs one raw Cypher query (latency, ms, one request at a time)',
    '',
    '| operation | scale | ours p50 | raw p50 | ours ÷ raw p50 | ours p99 | raw p99 | ours ÷ raw p99 | same data |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const operation of READ_OPERATIONS) {
    for (const r of results) {
      const l = r.latency[operation];
      if (!l) continue;
      lines.push(
        `| ${operation} | ${r.scale} | ${fmt(l.ours.p50, 2)} | ${fmt(l.raw.p50, 2)} | ` +
          `**${fmt(l.ours.p50 / l.raw.p50, 2)}** | ${fmt(l.ours.p99, 2)} | ${fmt(l.raw.p99, 2)} | ` +
          `${fmt(l.ours.p99 / l.raw.p99, 2)} | ${l.same ? 'yes' : '**no**'} |`,
      );
    }
  }
  lines.push(
    '',
    `### 2. Our API vs @neo4j/graphql (autocannon, ${settings.connections} connections, ` +
      `req/s median of ${settings.rounds} × ${settings.seconds} s; CPU = API process only)`,
    '',
    '| operation | scale | ours req/s | peer req/s | ours ÷ peer | ours p99 ms | peer p99 ms | ours CPU ms/req | peer CPU ms/req |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const operation of READ_OPERATIONS) {
    for (const r of results) {
      const t = r.throughput[operation];
      if (!t) continue;
      lines.push(
        `| ${operation} | ${r.scale} | ${fmt(t.ours.requestsPerSecond)} | ` +
          `${fmt(t.peer.requestsPerSecond)} | **${fmt(t.ours.requestsPerSecond / t.peer.requestsPerSecond, 2)}** | ` +
          `${fmt(t.ours.p99)} | ${fmt(t.peer.p99)} | ${fmt(t.ours.cpuMsPerRequest, 2)} | ` +
          `${fmt(t.peer.cpuMsPerRequest, 2)} |` +
          (t.ours.errors + t.peer.errors > 0 ? ` errors ${t.ours.errors}/${t.peer.errors}` : ''),
      );
    }
  }
  const first = results[0];
  lines.push(
    '',
    '### 3. Growth: our API p50 (ms) per scale factor',
    '',
    `| kind (operation) | ${results.map((r) => `scale ${r.scale}`).join(' | ')} | last ÷ first |`,
    `|---|${results.map(() => '---:').join('|')}|---:|`,
    ...Object.entries(GROWTH).map(([kind, operation]) => {
      const p50s = results.map((r) => r.latency[operation]?.ours.p50 ?? NaN);
      const ratio = (p50s[p50s.length - 1] as number) / (p50s[0] as number);
      return `| ${kind} (${operation}) | ${p50s.map((p) => fmt(p, 2)).join(' | ')} | ${fmt(ratio, 2)} |`;
    }),
    '',
    `### 4. Database round trips per operation (scale ${first?.scale})`,
    '',
    '| operation | ours | raw | @neo4j/graphql |',
    '|---|---:|---:|---:|',
    ...READ_OPERATIONS.map((operation) => {
      const t = first?.roundTrips[operation];
      return `| ${operation} | ${t?.ours ?? 'n/a'} | 1 | ${t?.peer ?? 'n/a'} |`;
    }),
    '',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bench-neo4j-'));
  let neo4j: LocalNeo4j | undefined;
  const servers: BenchServer[] = [];
  try {
    // Room for scale 1000 (a store of ~300 MB, and the peer's large APOC queries).
    neo4j = await startNeo4j({
      dataDir,
      quiet: true,
      plugins: ['apoc'],
      memory: NEO4J_MEMORY,
    });
    console.log(`Neo4j ${neo4j.uri} (data ${dataDir})`);
    const db = createDatabase({
      uri: neo4j.uri,
      user: neo4j.user,
      password: neo4j.password,
      database: 'neo4j',
    });
    const [version] = await db.read<{ version: string }>(
      'CALL dbms.components() YIELD versions RETURN versions[0] AS version',
    );
    const [apoc] = await db.read<{ version: string }>('RETURN apoc.version() AS version');
    const ours = await startServer('ours', neo4j.uri);
    servers.push(ours);
    const peer = await startServer('peer', neo4j.uri);
    servers.push(peer);
    const results: ScaleResult[] = [];
    for (const scale of settings.scales) {
      results.push(await benchScale(neo4j.uri, scale, { ours, peer }, db));
    }
    await db.close();
    const versions = {
      Node: process.version,
      Neo4j: version?.version ?? '?',
      APOC: apoc?.version ?? '?',
      'neo4j-driver': packageVersion('neo4j-driver'),
      '@apollo/server': packageVersion('@apollo/server'),
      '@neo4j/graphql': packageVersion('@neo4j/graphql'),
      autocannon: packageVersion('autocannon'),
    };
    const markdown = report(results, versions);
    console.log(`\n${markdown}\nTotal ${fmt((Date.now() - started) / 1000)} s`);
    const out = path.join(__dirname, 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'latest.md'), markdown);
    fs.writeFileSync(
      path.join(out, 'latest.json'),
      JSON.stringify({ versions, settings, results }, null, 2),
    );
  } finally {
    for (const server of servers) await server.stop();
    await neo4j?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Installed version of a package (some do not export their package.json). */
function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name, { paths: [__dirname] }));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name) return manifest.version ?? '?';
    }
    if (path.dirname(dir) === dir) return '?';
    dir = path.dirname(dir);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
