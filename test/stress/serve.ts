// The API alone in a child process, so that its memory and event loop are measured apart from
// the load generator: started by load.test.ts with --expose-gc; answers 'stats' over IPC.
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { createDatabase } from '../../src/db/database';
import { createServer } from '../../src/graphql/server';
import { TEST_API_KEYS } from '../support/api-server';
import { neo4jTestEnv } from '../support/neo4j-env';

async function main() {
  const db = createDatabase(neo4jTestEnv());
  const api = await createServer({
    config: { apiKeys: TEST_API_KEYS, production: true },
    db,
    logger: pino({ level: 'warn' }),
  });
  const server = http.createServer(api.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('message', (message: string) => {
    if (message === 'reset') delay.reset();
    if (message !== 'stats' && message !== 'reset') return;
    (globalThis as { gc?: () => void }).gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    process.send!({
      heapUsed,
      rss,
      eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
      eventLoopDelayMaxMs: delay.max / 1e6,
    });
  });
  process.send!({ port: (server.address() as { port: number }).port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
