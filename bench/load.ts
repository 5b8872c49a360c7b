// `npm run bench:load`: only the load part of the benchmark (issue 6): generates the synthetic
// graph of each scale and loads it through writeGraph as bench/run.ts does (loadScale), a few
// times per scale into an emptied database, on a throwaway Neo4j; prints relationships/s and,
// per load, the CPU time Neo4j's threads spent on it by kind (Linux): the queries (Bolt
// workers), the JIT compilers, the garbage collector.
//
// Options (also as env BENCH_*): --scales 1,10,100  --runs 3  --batch-size 2000
//   --concurrency 2  --heap 512m --page-cache 64m (the launcher's defaults when not given)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase } from '../src/db/database';
import { startNeo4j, type LocalNeo4j } from '../src/neo4j/launcher';
import { loadScale, median } from './harness';
import { describeCpu, jvmCpuSeconds } from './jvm-threads';

function option(name: string, fallback = ''): string {
  const flag = process.argv.indexOf(`--${name}`);
  if (flag >= 0 && process.argv[flag + 1]) return process.argv[flag + 1] as string;
  return process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`] ?? fallback;
}

const settings = {
  scales: option('scales', '1,10,100').split(',').filter(Boolean).map(Number),
  runs: Number(option('runs', '3')),
  batchSize: Number(option('batch-size', '2000')),
  concurrency: Number(option('concurrency', '2')),
  heap: option('heap') || undefined,
  pageCache: option('page-cache') || undefined,
};

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bench-load-'));
  let neo4j: LocalNeo4j | undefined;
  try {
    neo4j = await startNeo4j({
      dataDir,
      quiet: true,
      memory: { heap: settings.heap, pageCache: settings.pageCache },
    });
    console.log(`Neo4j ${neo4j.uri}; settings ${JSON.stringify(settings)}`);
    const db = createDatabase({
      uri: neo4j.uri,
      user: neo4j.user,
      password: neo4j.password,
      database: 'neo4j',
    });
    try {
      const rows: string[] = [];
      for (const scale of settings.scales) {
        const rates: number[] = [];
        const seconds: number[] = [];
        let size = '';
        for (let run = 1; run <= settings.runs; run++) {
          const cpu: Array<ReturnType<typeof jvmCpuSeconds>> = [];
          const pid = neo4j.pid;
          const load = await loadScale(db, scale, {
            batchSize: settings.batchSize,
            concurrency: settings.concurrency,
            around: {
              before: () => cpu.push(jvmCpuSeconds(pid)),
              after: () => cpu.push(jvmCpuSeconds(pid)),
            },
          });
          size = `${load.nodes} | ${load.relationships}`;
          rates.push(load.relationshipsPerSecond);
          seconds.push(load.seconds);
          console.log(
            `scale ${scale} run ${run}: ${load.nodes} nodes, ${load.relationships} relationships ` +
              `in ${load.seconds.toFixed(2)} s = ${Math.round(load.relationshipsPerSecond)} rel/s ` +
              `(then indexes built in ${load.indexSeconds.toFixed(2)} s)\n  ` +
              describeCpu(cpu[0], cpu[1]),
          );
        }
        const all = rates.map(Math.round).join(', ');
        rows.push(
          `| ${scale} | ${size} | ${median(seconds).toFixed(2)} | ${Math.round(median(rates))} | ${all} |`,
        );
      }
      console.log(
        [
          '',
          '| scale | nodes | relationships | seconds (median) | rel/s (median) | rel/s (runs) |',
          '| ----: | ----: | ------------: | ---------------: | -------------: | ------------ |',
          ...rows,
        ].join('\n'),
      );
    } finally {
      await db.close();
    }
  } finally {
    await neo4j?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
