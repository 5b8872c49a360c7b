// `npm run bench:load`: only the load part of the benchmark (issues 6 and 19): for each scale,
// on a throwaway Neo4j sized for it (neo4jMemoryFor, or --heap/--page-cache), the synthetic
// graph loaded online through writeGraph as bench/run.ts does (loadScale), `--runs` times into
// the emptied database, with the CPU time Neo4j's threads spent on each load by kind (Linux:
// the queries (Bolt workers), the JIT compilers, the garbage collector) and our client's own
// (this process: building rows, packing Bolt, its garbage collection); then Neo4j stopped
// and the same graph bulk-imported (neo4j-admin database import full, replacing the store),
// Neo4j started on it, its counts checked and its indexes built. Prints relationships/s.
//
// Options (also as env BENCH_*): --scales 1,10,100  --runs 3  --batch-size 2000
//   --concurrency 2  --heap 2g --page-cache 1g (default: neo4jMemoryFor(scale))
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../src/db/database';
import { startNeo4j, type LocalNeo4j } from '../src/neo4j/launcher';
import {
  benchDatabase,
  buildIndexes,
  bulkLoadScale,
  loadScale,
  median,
  neo4jMemoryFor,
  option,
} from './harness';
import { describeCpu, jvmCpuSeconds } from './jvm-threads';

const settings = {
  scales: option('scales', '1,10,100').split(',').filter(Boolean).map(Number),
  runs: Number(option('runs', '3')),
  batchSize: Number(option('batch-size', '2000')),
  concurrency: Number(option('concurrency', '2')),
  heap: option('heap') || undefined,
  pageCache: option('page-cache') || undefined,
};

async function main(): Promise<void> {
  console.log(`settings ${JSON.stringify(settings)}`);
  const rows: string[] = [];
  for (const scale of settings.scales) rows.push(await loadRuns(scale));
  console.log(
    [
      '',
      '| scale | nodes | relationships | Neo4j heap / page cache | online s (median) | online rel/s (median) | online rel/s (runs) | CSV s | import s | bulk rel/s | index build s |',
      '| ----: | ----: | ------------: | --- | ---------------: | -------------: | ------------ | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n'),
  );
}

/** The loads of one scale on a Neo4j of its own; one row of the table. */
async function loadRuns(scale: number): Promise<string> {
  const memory = {
    heap: settings.heap ?? neo4jMemoryFor(scale).heap,
    pageCache: settings.pageCache ?? neo4jMemoryFor(scale).pageCache,
  };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bench-load-'));
  const start = () => startNeo4j({ dataDir, quiet: true, memory });
  let neo4j: LocalNeo4j | undefined;
  let db: Database | undefined;
  try {
    neo4j = await start();
    db = benchDatabase(neo4j);
    console.log(
      `scale ${scale}: Neo4j ${neo4j.uri}, heap ${memory.heap}, page cache ${memory.pageCache}`,
    );
    const rates: number[] = [];
    const seconds: number[] = [];
    let size = '';
    for (let run = 1; run <= settings.runs; run++) {
      const cpu: Array<ReturnType<typeof jvmCpuSeconds>> = [];
      const pid = neo4j.pid;
      let client = process.cpuUsage();
      const load = await loadScale(db, scale, {
        batchSize: settings.batchSize,
        concurrency: settings.concurrency,
        around: {
          before: () => {
            cpu.push(jvmCpuSeconds(pid));
            client = process.cpuUsage();
          },
          after: () => {
            client = process.cpuUsage(client);
            cpu.push(jvmCpuSeconds(pid));
          },
        },
      });
      size = `${load.nodes} | ${load.relationships}`;
      rates.push(load.relationshipsPerSecond);
      seconds.push(load.seconds);
      console.log(
        `scale ${scale} online run ${run}: ${load.nodes} nodes, ${load.relationships} ` +
          `relationships in ${load.seconds.toFixed(2)} s = ` +
          `${Math.round(load.relationshipsPerSecond)} rel/s\n  ${describeCpu(cpu[0], cpu[1])}; ` +
          `our client's CPU ${((client.user + client.system) / 1e6).toFixed(1)} s`,
      );
    }
    await db.close();
    await neo4j.stop();

    const bulk = await bulkLoadScale(dataDir, scale, { overwrite: true });
    console.log(
      `scale ${scale} bulk: CSV written in ${bulk.csvSeconds.toFixed(2)} s, ` +
        `${bulk.relationships} relationships imported in ${bulk.importSeconds.toFixed(2)} s = ` +
        `${Math.round(bulk.relationshipsPerSecond)} rel/s`,
    );
    neo4j = await start();
    db = benchDatabase(neo4j);
    const [counts] = await db.read<{ nodes: number; relationships: number }>(
      'MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
    );
    if (counts?.nodes !== bulk.nodes || counts.relationships !== bulk.relationships) {
      throw new Error(`the imported store holds ${JSON.stringify(counts)}`);
    }
    const indexSeconds = await buildIndexes(db);
    console.log(
      `scale ${scale}: Neo4j serves the imported store; indexes built in ${indexSeconds.toFixed(2)} s`,
    );
    return (
      `| ${scale} | ${size || `${bulk.nodes} | ${bulk.relationships}`} | ${memory.heap} / ${memory.pageCache} | ` +
      `${median(seconds).toFixed(2)} | ${Math.round(median(rates))} | ` +
      `${rates.map(Math.round).join(', ')} | ${bulk.csvSeconds.toFixed(1)} | ` +
      `${bulk.importSeconds.toFixed(1)} | ${Math.round(bulk.relationshipsPerSecond)} | ` +
      `${indexSeconds.toFixed(1)} |`
    );
  } finally {
    await db?.close();
    await neo4j?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
