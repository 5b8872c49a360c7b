// Operations over real HTTP against the real server: /metrics, the access log, CORS, rate
// limits, the cap on heavy queries and the answer to a subscription.
import http from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createDatabase, type Database } from '../../src/db/database';
import { createServer, type ServerOptions } from '../../src/graphql/server';
import { gql, TEST_API_KEY, TEST_API_KEYS } from '../support/api-server';
import { neo4jTestEnv } from '../support/neo4j-env';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface OpsApi {
  url: string;
  /** Every log line the server wrote, parsed. */
  logs: Row[];
  stop(): Promise<void>;
}

let db: Database;
beforeAll(() => {
  db = createDatabase(neo4jTestEnv());
});
afterAll(async () => {
  await db.close();
});

const servers: OpsApi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

/** The real server with the given operations settings, on a free port, logging into `logs`. */
async function startOpsApi(
  config: Partial<ServerOptions['config']>,
  database: Database = db,
): Promise<OpsApi> {
  const logs: Row[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()) as Row);
      done();
    },
  });
  const api = await createServer({
    config: { apiKeys: TEST_API_KEYS, production: false, ...config },
    db: database,
    logger: pino({ level: 'info' }, sink),
  });
  const server = http.createServer(api.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const opsApi = {
    url: `http://127.0.0.1:${port}`,
    logs,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await api.stop();
    },
  };
  servers.push(opsApi);
  return opsApi;
}

const auth = { authorization: `Bearer ${TEST_API_KEY}` };
const wrongKey = { authorization: 'Bearer not-a-key-of-ours' };
// A write that changes nothing: the action does not exist.
const harmlessWrite =
  'mutation UpdateNothing { updateAction(id: "action/none", patch: {}) { id } }';

describe('metrics', () => {
  it('counts requests, their duration and errors per operation on /metrics', async () => {
    const api = await startOpsApi({ metrics: true });
    for (let i = 0; i < 3; i += 1) {
      expect((await gql(api.url, 'query Cities { cities { id } }')).errors).toBeUndefined();
    }
    expect((await gql(api.url, 'query Broken { cities { noSuchField } }')).status).toBe(400);

    const response = await fetch(`${api.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain(
      'graphql_requests_total{operation_name="Cities",operation_type="query"} 3',
    );
    expect(text).toContain(
      'graphql_request_duration_seconds_count{operation_name="Cities",operation_type="query"} 3',
    );
    // Validation fails before the operation is resolved: its type is not known yet.
    expect(text).toContain(
      'graphql_errors_total{operation_name="",operation_type="unknown",code="GRAPHQL_VALIDATION_FAILED"} 1',
    );
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    // The requests' sessions are closed again; the pool's maximum is the driver's default.
    expect(text).toMatch(/^neo4j_sessions_in_use 0$/m);
    expect(text).toMatch(/^neo4j_sessions_waiting_for_connection 0$/m);
    expect(text).toMatch(/^neo4j_connection_pool_max_size 50$/m);
  });

  it('is not served when switched off, nor on the API port when it has its own', async () => {
    for (const config of [{ metrics: false }, { metrics: true, metricsPort: 9464 }]) {
      const api = await startOpsApi(config);
      expect((await fetch(`${api.url}/metrics`)).status).toBe(404);
    }
  });
});

describe('access log', () => {
  it('writes one info line per request with its id, operation, status, codes and key name', async () => {
    const api = await startOpsApi({});
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-42', ...auth },
      body: JSON.stringify({ query: harmlessWrite }),
    });
    expect(response.status).toBe(200);
    const lines = api.logs.filter((line) => line.msg === 'graphql request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      requestId: 'req-42',
      method: 'POST',
      status: 200,
      operationName: 'UpdateNothing',
      operationType: 'mutation',
      errorCodes: ['BAD_USER_INPUT'],
      keyName: 'curator',
    });
    expect(typeof lines[0]!.ms).toBe('number');
    expect(JSON.stringify(api.logs)).not.toContain(TEST_API_KEY);
  });

  it('takes the client address from X-Forwarded-For only as far back as TRUST_PROXY_HOPS', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.7, 198.51.100.2' };
    const addressWith = async (trustProxyHops: number) => {
      const api = await startOpsApi({ trustProxyHops });
      await gql(api.url, '{ cities { id } }', {}, forwarded);
      return api.logs.find((line) => line.msg === 'graphql request')?.clientAddress;
    };
    // No proxy trusted: the peer of the connection (this test) is the client.
    expect(await addressWith(0)).toMatch(/127\.0\.0\.1$/);
    // One proxy (the peer): the address it was asked from.
    expect(await addressWith(1)).toBe('198.51.100.2');
    expect(await addressWith(2)).toBe('203.0.113.7');
  });

  it('logs a failed authentication at warn, without the key', async () => {
    const api = await startOpsApi({});
    await gql(api.url, '{ cities { id } }', {}, wrongKey);
    const warnings = api.logs.filter((line) => line.level === 40);
    expect(warnings).toEqual([
      expect.objectContaining({ msg: expect.stringMatching(/^authentication failed/) }),
    ]);
    expect(JSON.stringify(api.logs)).not.toContain('not-a-key-of-ours');
  });
});

describe('CORS', () => {
  const allowed = 'https://app.example.org';

  it('answers a preflight from an allowed origin with the methods and headers it may use', async () => {
    const api = await startOpsApi({ corsOrigins: [allowed, 'http://localhost:5173'] });
    const response = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('gives an allowed origin its header on requests, and a denied origin none', async () => {
    const api = await startOpsApi({ corsOrigins: [allowed] });
    const ask = (origin: string) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ cities { id } }' }),
      });
    const fromAllowed = await ask(allowed);
    expect(fromAllowed.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(fromAllowed.headers.get('access-control-expose-headers')).toContain('x-request-id');
    const fromOther = await ask('https://evil.example');
    expect(fromOther.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${api.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS headers at all without CORS_ORIGINS (same origin only)', async () => {
    const api = await startOpsApi({});
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { origin: allowed, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ cities { id } }' }),
    });
    expect(response.status).toBe(200);
    for (const name of ['allow-origin', 'allow-credentials', 'expose-headers']) {
      expect(response.headers.get(`access-control-${name}`)).toBeNull();
    }
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After after repeated failed keys, and still lets the right key in', async () => {
    const api = await startOpsApi({ rateLimits: { authFailuresPerMinute: 3, writesPerMinute: 0 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await gql(api.url, '{ cities { id } }', {}, wrongKey)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...wrongKey },
      body: JSON.stringify({ query: '{ cities { id } }' }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as Row).errors[0].extensions.code).toBe('RATE_LIMITED');
    // Only failures are counted: the right key from the same address goes through.
    expect((await gql(api.url, harmlessWrite, {}, auth)).status).toBe(200);
    // Three failures logged at warn; the refused ones only in the access log.
    expect(api.logs.filter((line) => line.level === 40)).toHaveLength(3);
  });

  it('limits writes per key name with 429 and Retry-After; reads are not limited', async () => {
    const api = await startOpsApi({ rateLimits: { authFailuresPerMinute: 0, writesPerMinute: 2 } });
    const codes: unknown[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await gql(api.url, harmlessWrite, {}, auth);
      codes.push([response.status, response.errors?.[0]?.extensions?.code]);
    }
    expect(codes).toEqual([
      [200, 'BAD_USER_INPUT'],
      [200, 'BAD_USER_INPUT'],
      [429, 'RATE_LIMITED'],
    ]);
    const refused = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: harmlessWrite }),
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 3; i += 1) {
      expect((await gql(api.url, '{ cities { id } }', {}, auth)).status).toBe(200);
    }
  });
});

describe('clear answers', () => {
  it('answers a subscription with 400 "subscriptions are not supported"', async () => {
    const api = await startOpsApi({ production: true });
    const response = await gql(api.url, 'subscription { cities { id } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/subscriptions are not supported/i);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('answers APQ mistakes with PERSISTED_QUERY_* codes', async () => {
    const api = await startOpsApi({ production: true });
    const post = async (body: Row) => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const { errors } = (await response.json()) as Row;
      return [response.status, errors[0].extensions.code, errors[0].message];
    };
    const persistedQuery = (version: number) => ({ version, sha256Hash: 'a'.repeat(64) });
    expect(await post({ extensions: { persistedQuery: persistedQuery(1) } })).toEqual([
      200,
      'PERSISTED_QUERY_NOT_FOUND',
      'PersistedQueryNotFound',
    ]);
    expect(
      await post({ query: '{ cities { id } }', extensions: { persistedQuery: persistedQuery(1) } }),
    ).toEqual([400, 'PERSISTED_QUERY_HASH_MISMATCH', expect.stringMatching(/sha256Hash/)]);
    expect(
      await post({ query: '{ cities { id } }', extensions: { persistedQuery: persistedQuery(2) } }),
    ).toEqual([400, 'PERSISTED_QUERY_NOT_SUPPORTED', expect.stringMatching(/version 1/)]);
  });

  it('says which limit aborted validation', async () => {
    const api = await startOpsApi({ production: true });
    const repeated = await gql(api.url, `{ ${'__typename '.repeat(1000)}}`);
    expect(repeated.status).toBe(400);
    expect(repeated.errors?.[0]?.message).toMatch(/^Validation aborted: .*same-named fields/);
    const aliases = await gql(
      api.url,
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: cities { id }`).join(' ')} }`,
    );
    expect(aliases.errors?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);
  });
});

describe('heavy queries', () => {
  // graphql-armor's cost: 1287.5 (the literal `first: 100` multiplies its selection).
  const heavy = 'query Heavy { citiesConnection(first: 100) { edges { node { id } } } }';
  // Cost 1, and no database round trip: it cannot wait for the connection held below.
  const trivial = 'query Trivial { __typename }';

  /** A gauge's value on /metrics. */
  async function gauge(url: string, name: string): Promise<number> {
    const text = await (await fetch(`${url}/metrics`)).text();
    const value = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
    if (value === undefined) throw new Error(`no gauge ${name} on /metrics`);
    return Number(value);
  }

  async function until(check: () => Promise<boolean>): Promise<void> {
    for (let tries = 0; !(await check()); tries += 1) {
      if (tries > 200) throw new Error('timed out waiting for the gauges');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('runs N at a time, queues a few more, refuses the rest with 503 while cheap ones pass', async () => {
    // One pooled connection, held by the test: a heavy query that has its slot waits for it.
    // Held through the Database (a transaction of RETURN 1 that writes nothing) so that its
    // session counts in the neo4j_sessions_* gauges checked below.
    const database = createDatabase({
      ...neo4jTestEnv(),
      maxConnectionPoolSize: 1,
      connectionAcquisitionTimeoutMs: 30_000,
    });
    let releaseConnection = () => {};
    try {
      const held = new Promise<void>((resolve) => (releaseConnection = resolve));
      const holding = new Promise<void>((connected) => {
        void database.writeTransaction(async (tx) => {
          await tx.run('RETURN 1');
          connected();
          await held;
        });
      });
      await holding;
      const api = await startOpsApi(
        { metrics: true, heavyQueries: { cost: 1000, maxConcurrent: 1, maxQueued: 1 } },
        database,
      );
      const running = () => gauge(api.url, 'graphql_heavy_queries_running');
      const queued = () => gauge(api.url, 'graphql_heavy_queries_queued');

      const first = gql(api.url, heavy);
      let firstAnswered = false;
      void first.then(() => (firstAnswered = true));
      await until(async () => (await running()) === 1);
      const second = gql(api.url, heavy);
      await until(async () => (await queued()) === 1);

      const refused = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: heavy }),
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      const { errors } = (await refused.json()) as Row;
      expect(errors[0].extensions.code).toBe('HEAVY_QUERY_QUEUE_FULL');
      expect(errors[0].message).toMatch(/cost is 1288; from 1000 on, 1 run at a time/);
      // Cheap queries are not queued behind the heavy ones.
      expect(await gql(api.url, trivial)).toEqual({
        status: 200,
        data: { __typename: 'Query' },
      });
      // A cheap query that reads waits for a connection, not for a heavy slot.
      const cheapRead = gql(api.url, 'query Cheap { cities { id } }');
      await until(async () => (await gauge(api.url, 'neo4j_sessions_in_use')) === 3);
      expect(await gauge(api.url, 'neo4j_sessions_waiting_for_connection')).toBe(2);
      expect(await gauge(api.url, 'neo4j_connection_pool_max_size')).toBe(1);
      expect(firstAnswered).toBe(false);

      releaseConnection();
      for (const answer of await Promise.all([first, second, cheapRead])) {
        expect(answer.status).toBe(200);
        expect(answer.errors).toBeUndefined();
      }
      expect([await running(), await queued()]).toEqual([0, 0]);
      expect(await gauge(api.url, 'neo4j_sessions_in_use')).toBe(0);
      expect(
        api.logs.filter((line) => line.msg === 'graphql request').map((line) => line.errorCodes),
      ).toContainEqual(['HEAVY_QUERY_QUEUE_FULL']);
    } finally {
      releaseConnection();
      await database.close();
    }
  });

  it('does not cap when HEAVY_QUERIES_MAX_CONCURRENT is 0', async () => {
    const api = await startOpsApi({
      metrics: true,
      heavyQueries: { cost: 1000, maxConcurrent: 0, maxQueued: 0 },
    });
    const answers = await Promise.all([1, 2, 3].map(() => gql(api.url, heavy)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(await (await fetch(`${api.url}/metrics`)).text()).not.toContain('graphql_heavy_queries');
  });
});
