// Tracing of `npm start` (src/main.ts, src/tracing.ts): spans sent over OTLP/HTTP to a
// collector of the test's own, continuing the caller's trace; the trace id in the log lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { createDatabase } from '../../src/db/database';
import { neo4jTestEnv } from '../support/neo4j-env';

const root = path.join(__dirname, '..', '..');
/** A start-up loads the report into an empty database first: ≈ 20 s, over a minute when busy. */
const START_UP_MS = 240_000;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP's enum: 1 internal, 2 server, 3 client. */
  kind: number;
  scope: string;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP collector (JSON encoding) that keeps every span it receives. */
async function startCollector(): Promise<{ url: string; spans: ExportedSpan[]; close(): void }> {
  const spans: ExportedSpan[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        for (const resource of (JSON.parse(body) as Row).resourceSpans) {
          for (const scope of resource.scopeSpans) {
            for (const span of scope.spans) {
              spans.push({
                ...span,
                scope: scope.scope.name,
                attributes: Object.fromEntries(
                  (span.attributes as Row[]).map(({ key, value }) => [
                    key,
                    Object.values(value as Row)[0],
                  ]),
                ),
              });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, spans, close: () => server.close() };
}

interface RunningApi {
  url: string;
  /** The JSON log lines written so far. */
  logs: Row[];
  stop(): Promise<void>;
}

/** src/main.ts in production mode against the test Neo4j, with these variables. */
async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const test = neo4jTestEnv();
  const child: ChildProcess = spawn(process.execPath, [require.resolve('tsx/cli'), 'src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NEO4J_URI: test.uri,
      NEO4J_USER: test.user,
      NEO4J_PASSWORD: test.password,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      PORT: '0',
      METRICS: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Row[] = [];
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines.filter((l) => l.trim())) {
        const row = JSON.parse(line) as Row;
        logs.push(row);
        if (typeof row.msg === 'string' && row.msg.startsWith('API ready')) {
          resolve(`http://127.0.0.1:${row.port}`);
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`the API exited before it was ready:\n${output}`)));
  });
  return {
    url,
    logs,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A W3C traceparent header of a sampled trace, as a proxy or a client would send it. */
function traceparent(): { header: string; traceId: string; parentId: string } {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { header: `00-${traceId}-${parentId}-01`, traceId, parentId };
}

async function ask(url: string, headers: Record<string, string>): Promise<Row> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: 'query Cities { cities { id } }' }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Row;
}

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let tries = 0; tries < 200; tries += 1) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let collector: Awaited<ReturnType<typeof startCollector>>;
beforeAll(async () => {
  collector = await startCollector();
});
afterAll(async () => {
  collector.close();
  // The start-ups recorded the report as loaded into the test database: forget that.
  const db = createDatabase(neo4jTestEnv());
  await db.write("MATCH (l:ReportLoad {id: 'report'}) DELETE l");
  await db.close();
});

describe('tracing', () => {
  it(
    'exports spans of the request, the GraphQL operation and each Neo4j query, in the caller’s trace',
    async () => {
      const api = await startApi({
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
      });
      try {
        const caller = traceparent();
        const answer = await ask(api.url, { traceparent: caller.header });
        expect(answer.errors).toBeUndefined();

        const inTrace = () => collector.spans.filter((span) => span.traceId === caller.traceId);
        const request = await until(
          () => inTrace().find((span) => span.kind === 2),
          'the HTTP request span',
        );
        expect(request).toMatchObject({
          name: 'POST /graphql',
          parentSpanId: caller.parentId,
          scope: '@opentelemetry/instrumentation-http',
        });
        const operation = await until(
          () =>
            inTrace().find(
              (span) =>
                span.name === 'graphql.execute' &&
                span.attributes['graphql.operation.type'] === 'query',
            ),
          'the GraphQL execution span',
        );
        expect(operation.attributes['graphql.operation.name']).toBe('Cities');
        const query = await until(
          () => inTrace().find((span) => span.name === 'neo4j query'),
          'the Neo4j query span',
        );
        expect(query).toMatchObject({
          kind: 3,
          scope: 'creative-cities-graph/db',
          attributes: { 'db.system.name': 'neo4j', 'db.namespace': 'neo4j' },
        });
        expect(query.attributes['db.query.text']).toMatch(/MATCH/);

        // The query's span lies under the operation's, which lies under the request's.
        const byId = new Map(inTrace().map((span) => [span.spanId, span]));
        const ancestors = (span: ExportedSpan): string[] => {
          const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
          return parent ? [parent.spanId, ...ancestors(parent)] : [];
        };
        expect(ancestors(query)).toEqual(
          expect.arrayContaining([operation.spanId, request.spanId]),
        );
        expect(ancestors(operation)).toContain(request.spanId);

        const accessLine = await until(
          () => api.logs.find((line) => line.msg === 'graphql request'),
          'the access log line',
        );
        expect(accessLine.traceId).toBe(caller.traceId);
      } finally {
        await api.stop();
      }
    },
    START_UP_MS,
  );

  it(
    'exports nothing and logs no trace ids without OTEL_EXPORTER_OTLP_ENDPOINT',
    async () => {
      const before = collector.spans.length;
      // A variable the exporter would read: only OTEL_EXPORTER_OTLP_ENDPOINT turns tracing on.
      const api = await startApi({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${collector.url}/v1/traces`,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      });
      try {
        expect(api.logs.find((line) => line.msg.startsWith('API ready'))?.tracing).toBe('off');
        await ask(api.url, { traceparent: traceparent().header });
        const accessLine = await until(
          () => api.logs.find((line) => line.msg === 'graphql request'),
          'the access log line',
        );
        expect(accessLine.traceId).toBeUndefined();
        await new Promise((resolve) => setTimeout(resolve, 500));
      } finally {
        await api.stop();
      }
      expect(collector.spans.length).toBe(before);
    },
    START_UP_MS,
  );
});
