// Helpers for the fault and load tests: an API over a Database of the test's choosing, a
// transaction that holds a lock, a load generator that records every answer.
import http from 'node:http';
import pino from 'pino';
import neo4j from 'neo4j-driver';
import type { Database } from '../../src/db/database';
import { createServer } from '../../src/graphql/server';
import { TEST_API_KEY, TEST_API_KEYS } from './api-server';
import type { Neo4jTestEnv } from './neo4j-env';

export const AUTH = { authorization: `Bearer ${TEST_API_KEY}` };

export interface ServedApi {
  url: string;
  stop(): Promise<void>;
}

/** The real server over the given Database (its pool, timeouts, Neo4j), on a free port. */
export async function serveApi(db: Database): Promise<ServedApi> {
  const api = await createServer({
    config: { apiKeys: TEST_API_KEYS, production: false },
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const server = http.createServer(api.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await api.stop();
    },
  };
}

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * Writes to the node with this id in a transaction left open: every other transaction that
 * writes the node waits for the lock, as behind a slow or stuck writer.
 */
export async function holdWriteLock(env: Neo4jTestEnv, id: string): Promise<HeldLock> {
  const driver = neo4j.driver(env.uri, neo4j.auth.basic(env.user, env.password));
  const session = driver.session({ database: env.database });
  const tx = session.beginTransaction();
  const result = await tx.run(
    'MATCH (n {id: $id}) SET n.lockedByTest = true RETURN count(n) AS n',
    {
      id,
    },
  );
  if (result.records[0]?.get('n').toNumber() !== 1) throw new Error(`no node ${id} to lock`);
  return {
    async release() {
      await tx.rollback();
      await session.close();
      await driver.close();
    },
  };
}

export interface Answer {
  /** When the request was sent, ms since the load started. */
  at: number;
  ms: number;
  kind: string;
  ok: boolean;
  /** The first error's code, or the transport failure (e.g. ECONNREFUSED). */
  code?: string;
  message?: string;
  data?: Record<string, unknown>;
  variables: Record<string, unknown>;
}

export interface Operation {
  kind: string;
  weight: number;
  query: string;
  variables: () => Record<string, unknown>;
  write?: boolean;
}

/** POSTs one operation; never throws (transport failures become an Answer too). */
export async function send(
  url: string,
  op: Pick<Operation, 'kind' | 'query' | 'write'>,
  variables: Record<string, unknown>,
  started: number,
  timeoutMs = 15_000,
): Promise<Answer> {
  const at = Date.now();
  const base = { at: at - started, kind: op.kind, variables };
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(op.write ? AUTH : {}) },
      body: JSON.stringify({ query: op.query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    const code = body.errors?.[0]?.extensions?.code;
    const message = body.errors?.[0]?.message;
    return {
      ...base,
      ms: Date.now() - at,
      ok: response.ok && !code,
      code,
      message,
      data: body.data,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    const code = cause?.code ?? (error as Error).name;
    return { ...base, ms: Date.now() - at, ok: false, code, message: (error as Error).message };
  }
}

/** Runs `concurrency` clients, each sending weighted random operations back to back. */
export function startLoad(
  url: string,
  operations: Operation[],
  concurrency: number,
): { answers: Answer[]; started: number; stop(): Promise<Answer[]> } {
  const answers: Answer[] = [];
  const started = Date.now();
  let running = true;
  const total = operations.reduce((sum, op) => sum + op.weight, 0);
  const pick = () => {
    let r = Math.random() * total;
    for (const op of operations) if ((r -= op.weight) < 0) return op;
    return operations.at(-1)!;
  };
  const clients = Array.from({ length: concurrency }, async () => {
    while (running) {
      const op = pick();
      answers.push(await send(url, op, op.variables(), started));
    }
  });
  return {
    answers,
    started,
    async stop() {
      running = false;
      await Promise.all(clients);
      return answers;
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The mixed read/search/path load of the fault and stress tests (writes added by them). */
export const READ_OPERATIONS: Operation[] = [
  {
    kind: 'cities',
    weight: 3,
    query: '{ cities { id name country { name } partners { city { id } } } }',
    variables: () => ({}),
  },
  {
    kind: 'actions',
    weight: 3,
    query: '{ actions { id name leads { id name } contributors { role actor { id } } } }',
    variables: () => ({}),
  },
  {
    kind: 'search',
    weight: 3,
    query: 'query($t: String!) { search(text: $t, first: 5) { score entity { id name } } }',
    variables: () => ({
      t: ['Leipzig', 'Pecs', 'Sala Dogana', 'Kreativwirtschaft', 'study', 'Genua'][
        Math.floor(Math.random() * 6)
      ],
    }),
  },
  {
    kind: 'path',
    weight: 2,
    query: 'query($a: ID!, $b: ID!) { connection(fromId: $a, toId: $b) { length nodes { id } } }',
    variables: () => {
      const ids = ['city/leipzig', 'city/genoa', 'city/gdansk', 'city/pecs', 'city/ljubljana'];
      return { a: ids[Math.floor(Math.random() * 5)], b: 'institution/hgb-leipzig' };
    },
  },
  {
    kind: 'neighbourhood',
    weight: 1,
    query: '{ neighbourhood(id: "city/leipzig", depth: 2) { nodes { id } truncated } }',
    variables: () => ({}),
  },
];
