// One API server in its own process, so that its CPU time is its own: `ours` (createServer of
// src/graphql/server.ts) or `peer` (@neo4j/graphql by Apollo), both served the same way:
// Fastify, its JSON body parser and Apollo's Fastify integration. Started by bench/run.ts with
// fork(); tells its port over IPC and answers {type: 'stats'} with CPU time, database round
// trips and memory so far (after a full garbage collection with {gc: true}: the process runs
// with --expose-gc), and {type: 'queries'} with the Cypher our API sent since the last time
// (the benchmark runs it again without the GraphQL layer). The third kind, `floor`, is the
// least any HTTP API over this Neo4j pays here: node:http and nothing else (no framework, no
// GraphQL), reading the JSON body and answering every request with the rows of the Cypher it
// was told over IPC ({type: 'serve', queries}: what our API sent), run through neo4j-driver
// as the raw side runs it. Environment: BENCH_SERVER (ours|peer|floor), NEO4J_URI.
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fastify from 'fastify';
import neo4j, { type Driver } from 'neo4j-driver';
import pino from 'pino';
import { createDatabase, type Database } from '../src/db/database';
import { createServer } from '../src/graphql/server';
import { generatedRows } from './harness';
import { peerSchema } from './peer';

export interface ServerStats {
  type: 'stats';
  /** User + system CPU time of this process, microseconds. */
  cpuMicros: number;
  /** Transactions / queries sent to Neo4j. */
  roundTrips: number;
  /** process.memoryUsage(): resident set and V8 heap, bytes. */
  rss: number;
  heapUsed: number;
  heapTotal: number;
}

/** A read our API sent to Neo4j, as its read path built it. */
export interface CapturedQuery {
  cypher: string;
  params: Record<string, unknown>;
}

// Run as deployed (compiled JavaScript, node without --enable-source-maps): tsx turns source
// maps on, and neo4j-driver's stack trace of every query would be mapped back to TypeScript.
process.setSourceMapsEnabled(false);

const counter = { roundTrips: 0 };
/** Reads since the last {type: 'queries'}; at most a few, so a long run does not pile them up. */
let captured: CapturedQuery[] = [];
const CAPTURE_LIMIT = 20;
/** What the floor server answers with: the queries it was last told. */
let served: CapturedQuery[] = [];

/** Counts every session's transactions and auto-commit queries of the peer's driver. */
function countingDriver(driver: Driver): Driver {
  const session = driver.session.bind(driver);
  driver.session = ((config) => {
    const s = session(config);
    for (const method of ['run', 'executeRead', 'executeWrite', 'beginTransaction'] as const) {
      const original = (s[method] as (...args: unknown[]) => unknown).bind(s);
      (s as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        counter.roundTrips += 1;
        return original(...args);
      };
    }
    return s;
  }) as Driver['session'];
  return driver;
}

async function main(): Promise<void> {
  const kind = process.env.BENCH_SERVER;
  const uri = process.env.NEO4J_URI;
  if (!uri || (kind !== 'ours' && kind !== 'peer' && kind !== 'floor')) {
    throw new Error('BENCH_SERVER (ours|peer|floor) and NEO4J_URI must be set');
  }
  let handler: http.RequestListener;
  let stop: () => Promise<void>;
  if (kind === 'ours') {
    const database = createDatabase({
      uri,
      user: 'neo4j',
      password: 'neo4j',
      database: 'neo4j',
      onRoundTrip: () => (counter.roundTrips += 1),
    });
    const db: Database = {
      ...database,
      read: (cypher, params = {}) => {
        if (captured.length < CAPTURE_LIMIT) captured.push({ cypher, params });
        return database.read(cypher, params);
      },
    };
    const api = await createServer({
      config: { apiKeys: new Map(), production: true },
      db,
      logger: pino({ level: 'silent' }),
    });
    handler = api.handler;
    stop = async () => {
      await api.stop();
      await db.close();
    };
  } else if (kind === 'floor') {
    // Integers as JS numbers, as our API's driver has them (src/db/database.ts).
    const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'), {
      disableLosslessIntegers: true,
    });
    handler = (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        // Read as any API must, though the answer does not depend on it.
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        generatedRows(driver, served).then(
          (rows) => {
            const body = JSON.stringify({ data: rows });
            response.writeHead(200, {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            });
            response.end(body);
          },
          (error: unknown) => {
            response.writeHead(500, { 'content-type': 'text/plain' });
            response.end(String(error));
          },
        );
      });
    };
    stop = () => driver.close();
  } else {
    const driver = countingDriver(neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j')));
    const apollo = new ApolloServer({ schema: await peerSchema(driver) });
    await apollo.start();
    // Served as ours is (src/graphql/server.ts), so that the difference is the GraphQL layer.
    const app = fastify({ bodyLimit: 100 * 1024 });
    app.all('/graphql', fastifyApolloHandler(apollo));
    await app.ready();
    handler = app.routing;
    stop = async () => {
      await apollo.stop();
      await driver.close();
    };
  }
  const server = http.createServer(handler);
  // The client keeps its connections between phases (index builds, other operations): with
  // Node's default of 5 s the server closes an idle one just as the client reuses it (ECONNRESET).
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };

  process.on('message', (message: { type: string; gc?: boolean }) => {
    if (message.type === 'stats') {
      if (message.gc) global.gc?.();
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      const stats: ServerStats = {
        type: 'stats',
        cpuMicros: cpu.user + cpu.system,
        roundTrips: counter.roundTrips,
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        heapTotal: memory.heapTotal,
      };
      process.send?.(stats);
    } else if (message.type === 'queries') {
      process.send?.({ type: 'queries', queries: captured });
      captured = [];
    } else if (message.type === 'serve') {
      served = (message as { queries?: CapturedQuery[] }).queries ?? [];
      process.send?.({ type: 'serve' });
    } else if (message.type === 'stop') {
      server.closeAllConnections();
      server.close();
      void stop().then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
