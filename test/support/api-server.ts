import http from 'node:http';
import pino from 'pino';
import type { ExplorerConfig } from '../../src/config';
import { createDatabase, type Database } from '../../src/db/database';
import { createServer, type ApiServer } from '../../src/graphql/server';
import { loadReport } from '../../src/ingest';
import { neo4jTestEnv } from './neo4j-env';

export interface TestApi {
  url: string;
  db: Database;
  /** Database round trips since the last reset (every query or transaction). */
  roundTrips: { count: number };
  /** The server's start-up warm-up (src/main.ts runs it after listening). */
  warmUp: ApiServer['warmUp'];
  stop(): Promise<void>;
}

export const TEST_API_KEYS = new Map([['test-key-curator-0001', 'curator']]);
export const TEST_API_KEY = 'test-key-curator-0001';

/** Empties the test database and loads the report's graph into it. */
export async function resetGraph(db: Database): Promise<void> {
  // a minute, not the API's 10 s: on a busy machine emptying the graph can take longer
  await db.writeTransaction((tx) => tx.run('MATCH (n) DETACH DELETE n'), { timeoutMs: 60_000 });
  await loadReport(db);
}

/**
 * The real API server over the real Neo4j of the test run, on a free port, with the
 * report's graph freshly loaded.
 */
export async function startTestApi(
  options: { production?: boolean; reset?: boolean; explorer?: ExplorerConfig } = {},
): Promise<TestApi> {
  const roundTrips = { count: 0 };
  const db = createDatabase({ ...neo4jTestEnv(), onRoundTrip: () => (roundTrips.count += 1) });
  if (options.reset !== false) await resetGraph(db);
  const api = await createServer({
    config: {
      apiKeys: TEST_API_KEYS,
      production: options.production ?? false,
      explorer: options.explorer,
    },
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const server = http.createServer(api.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    roundTrips,
    warmUp: () => api.warmUp(),
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await api.stop();
      await db.close();
    },
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs one GraphQL operation over real HTTP. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** The `data` of a request that must succeed (the test fails on any GraphQL error). */
export async function dataOf<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await gql<T>(url, query, variables);
  expect(response.errors).toBeUndefined();
  return response.data!;
}
