// `npm run bench:memory`: does our API process keep its memory under a long mixed load? The
// graph of a scale bulk-imported into a throwaway Neo4j sized for it, our API in its own
// process (as in bench/run.ts, with --expose-gc), then autocannon cycling through every
// contract read operation for `--minutes`; the API's V8 heap after a full GC is sampled at the
// start (after a warm-up of the same mix) and every `--sample-seconds`, each time once the
// requests autocannon left in flight have been answered (`--settle-seconds`). Target (issue
// 19): the heap after GC at the end within +10 % of its start.
//
// Options (also as env BENCH_*): --scale 10000  --minutes 5  --connections 8
//   --sample-seconds 30  --warmup-seconds 20  --settle-seconds 3
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { sampleIds } from './generate';
import { option, withServedScale, type BenchServer } from './harness';
import { contractDocuments, READ_OPERATIONS, variablesOf } from './operations';

process.env.NODE_ENV = 'production';
process.setSourceMapsEnabled(false);

const settings = {
  scale: Number(option('scale', '10000')),
  minutes: Number(option('minutes', '5')),
  connections: Number(option('connections', '8')),
  sampleSeconds: Number(option('sample-seconds', '30')),
  warmupSeconds: Number(option('warmup-seconds', '20')),
  settleSeconds: Number(option('settle-seconds', '3')),
};

/**
 * The API's memory once the requests autocannon left in flight when it stopped (up to one per
 * connection) have been answered: read while they run, the heap after GC counts their working
 * memory too (up to 12 MB at scale 10,000, where a MeetingTimeline answer is large), which is
 * not what stays. The slowest operation there takes under 0.5 s (p99), so 3 s is ample.
 */
async function settledStats(server: BenchServer) {
  await sleep(settings.settleSeconds * 1000);
  return server.stats({ gc: true });
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/** Every contract read operation, with the scale's parameters: what each connection cycles through. */
function mixedRequests(scale: number): autocannon.Request[] {
  const documents = contractDocuments();
  const sample = sampleIds(scale);
  return READ_OPERATIONS.map((operation) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: documents.get(operation),
      variables: variablesOf(operation, sample),
    }),
  }));
}

/** Runs the mix for `seconds`; resolves with autocannon's result. */
function mixedLoad(server: BenchServer, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: new URL(server.url).origin,
    requests: mixedRequests(settings.scale),
    connections: settings.connections,
    duration: seconds,
  });
}

async function main(): Promise<void> {
  console.log(`settings ${JSON.stringify(settings)}`);
  await withServedScale(settings.scale, async (server) => {
    await mixedLoad(server, settings.warmupSeconds);
    const start = await settledStats(server);
    console.log(`start: heap after GC ${mb(start.heapUsed)} MB, RSS ${mb(start.rss)} MB`);
    const samples = [start.heapUsed];
    let requests = 0;
    let errors = 0;
    const total = settings.minutes * 60;
    for (let elapsed = 0; elapsed < total; elapsed += settings.sampleSeconds) {
      const seconds = Math.min(settings.sampleSeconds, total - elapsed);
      const result = await mixedLoad(server, seconds);
      requests += result.requests.total;
      errors += result.errors + result.non2xx;
      const stats = await settledStats(server);
      samples.push(stats.heapUsed);
      console.log(
        `${elapsed + seconds} s: ${Math.round(result.requests.total / seconds)} req/s, ` +
          `heap after GC ${mb(stats.heapUsed)} MB, RSS ${mb(stats.rss)} MB`,
      );
    }
    const end = await settledStats(server);
    const growth = (end.heapUsed / start.heapUsed - 1) * 100;
    console.log(
      [
        '',
        `| scale | minutes | requests | errors | heap after GC at start MB | at end MB | max MB | growth | RSS at end MB |`,
        `| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
        `| ${settings.scale} | ${settings.minutes} | ${requests} | ${errors} | ${mb(start.heapUsed)} | ` +
          `${mb(end.heapUsed)} | ${mb(Math.max(...samples))} | ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % | ` +
          `${mb(end.rss)} |`,
        '',
        `Heap after GC within +10 % of its start: ${growth <= 10 ? 'yes' : 'NO'}.`,
      ].join('\n'),
    );
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
