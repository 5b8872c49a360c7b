import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import fastifyCors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { trace } from '@opentelemetry/api';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { createRepositories } from '../repositories';
import { callerFromHeader } from './auth';
import type { Caller, Context } from './context';
import { maskSchemaNames } from './mask-schema-names';
import { formatError, isPublicError } from './format-error';
import { jitExecution } from './execution';
import { DocumentCosts, HeavyQueryGate, heavyQueryPlugin } from './heavy-queries';
import { createMetrics, type Metrics } from './metrics';
import { idempotencyPlugin } from './idempotency';
import { resolvers } from './resolvers';
import { warmUp, type WarmUpSummary } from './warm-up';

export const SCHEMA_PATH = path.join(__dirname, '..', '..', 'schema.graphql');
const WEB_DIST = path.join(__dirname, '..', '..', 'web', 'dist');
const GRAPHIQL_DIST = path.join(__dirname, '..', '..', 'graphiql', 'dist');
const MAX_TOKENS = 2000;
const BODY_LIMIT_KB = 100;

export interface ApiServer {
  /** Answers every request (GraphQL, health, explorer page): give it to http.createServer. */
  handler: http.RequestListener;
  apollo: ApolloServer<Context>;
  /** Runs the contract's queries once, so that their first client does not wait for plans. */
  warmUp(): Promise<WarmUpSummary>;
  /** GET /metrics alone, for main.ts to serve on METRICS_PORT; null without metrics or port. */
  metricsHandler: http.RequestListener | null;
  stop(): Promise<void>;
}

/** The operations settings are optional here: absent means off (no metrics, CORS or limits). */
export interface ServerOptions {
  config: Pick<Config, 'apiKeys' | 'production'> &
    Partial<
      Pick<
        Config,
        | 'metrics'
        | 'metricsPort'
        | 'corsOrigins'
        | 'rateLimits'
        | 'trustProxyHops'
        | 'heavyQueries'
        | 'explorer'
      >
    >;
  db: Database;
  logger: Logger;
}

/** What the access log line and the metrics say about one request to /graphql. */
interface RequestRecord {
  clientAddress: string;
  /** The name of the caller's API key (never the key). */
  keyName: string | null;
  operationName: string | null;
  operationType: string | null;
  errorCodes: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for requests to /graphql (not for CORS preflights, which end before). */
    record: RequestRecord | null;
    caller: Caller | null;
  }
}

/**
 * The record travels with the request's context under this key, unknown to resolvers. A
 * symbol-keyed property rather than a WeakMap by context: Apollo copies the context object
 * for each operation, and the copy keeps own properties but not its identity.
 */
const RECORD = Symbol('request record');
type RecordedContext = Context & { [RECORD]?: RequestRecord };

/** Rate limits per minute; a limit of 0 is none. */
const limiterFor = (perMinute: number | undefined) =>
  perMinute ? new RateLimiterMemory({ points: perMinute, duration: 60 }) : null;

/** The seconds until a rate limiter lets `key` in again, or null if it lets it in now. */
async function secondsToWait(limiter: RateLimiterMemory, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  }
}

/**
 * Per request: fills its record (operation, error codes); refuses subscriptions (this API
 * has none, and graphql-js would fail on one with an internal error) and writes over the
 * rate limit; logs internal errors in full. The ids go into each line rather than into a
 * child logger per request, which would cost every request ≈ 25 µs.
 */
function requestPlugin(writeLimiter: RateLimiterMemory | null): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const record = (contextValue as RecordedContext)[RECORD];
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? null;
          if (record) {
            record.operationName = operationName ?? null;
            record.operationType = type;
          }
          if (type === 'subscription') {
            throw new GraphQLError('Subscriptions are not supported: send queries and mutations.', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
          if (type === 'mutation' && writeLimiter && record) {
            const key = record.keyName
              ? `key:${record.keyName}`
              : `address:${record.clientAddress}`;
            const wait = await secondsToWait(writeLimiter, key);
            if (wait !== null) {
              throw new GraphQLError(`Too many writes: try again in ${wait} s.`, {
                extensions: {
                  code: 'RATE_LIMITED',
                  http: { status: 429, headers: new HeaderMap([['retry-after', String(wait)]]) },
                },
              });
            }
          }
        },
        async didEncounterErrors({ errors, contextValue: ctx }) {
          for (const error of errors) {
            if (!isPublicError(error)) {
              ctx.logger.error(
                {
                  requestId: ctx.requestId,
                  operationName: record?.operationName,
                  err: error.originalError ?? error,
                  path: error.path,
                },
                'internal error',
              );
            }
          }
        },
        async willSendResponse({ response }) {
          if (!record || response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            record.errorCodes.push(String(error.extensions?.code ?? 'UNKNOWN'));
          }
        },
      };
    },
  };
}

/** Builds the whole HTTP app (GraphQL, health, explorer page) without listening. */
export async function createServer({ config, db, logger }: ServerOptions): Promise<ApiServer> {
  const costs = new DocumentCosts();
  const armor = new ApolloArmor({
    // a fragment spread is no level of its own: the depth is that of the fields it selects
    maxDepth: { n: 8, flattenFragments: true },
    maxAliases: { n: 15 },
    maxDirectives: { n: 10 },
    // Tokens are limited by graphql-js's own parser below: armor's token plugin re-parses the
    // document and turns every syntax error into an HTTP 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: 5000, onAccept: [costs.onAccept] },
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();
  const heavyQueryGate = config.heavyQueries?.maxConcurrent
    ? new HeavyQueryGate(config.heavyQueries)
    : null;
  const metrics = config.metrics
    ? createMetrics({
        neo4jPool: () => db.poolUsage(),
        heavyQueries: heavyQueryGate ? () => heavyQueryGate.usage() : undefined,
      })
    : null;
  const authFailureLimiter = limiterFor(config.rateLimits?.authFailuresPerMinute);
  const schema = makeExecutableSchema({
    typeDefs: fs.readFileSync(SCHEMA_PATH, 'utf8'),
    resolvers,
  });
  const apollo = new ApolloServer<Context>({
    gateway: jitExecution(schema),
    parseOptions: { maxTokens: MAX_TOKENS },
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // main.ts owns the signals: it drains HTTP, then stops Apollo, the driver and Neo4j in order.
    stopOnTerminationSignals: false,
    validationRules: protection.validationRules,
    plugins: [
      ...protection.plugins,
      requestPlugin(limiterFor(config.rateLimits?.writesPerMinute)),
      ...(heavyQueryGate ? [heavyQueryPlugin<Context>(costs, heavyQueryGate)] : []),
      idempotencyPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      // no cache hints in this schema: skip the per-field cache-control bookkeeping
      ApolloServerPluginCacheControlDisabled(),
      ...(config.production ? [maskSchemaNames<Context>()] : []),
    ],
    formatError,
  });
  await apollo.start();

  const repos = createRepositories(db);
  const contextOf = (caller: Caller | null, requestId: string): Context => ({
    db,
    repos,
    caller,
    requestId,
    logger,
  });

  const trustProxyHops = config.trustProxyHops ?? 0;
  // Fastify rather than Express, with Apollo's Fastify integration (of the same family as
  // expressMiddleware): Express's router and middleware chain cost a small request 0.2–0.4 ms
  // more on this 2-core machine, 9–19 % of it (bench/README.md, "Fastify instead of Express").
  const app = fastify({
    bodyLimit: BODY_LIMIT_KB * 1024,
    // Behind N proxies, the client's address is the Nth from the right in X-Forwarded-For:
    // the hops nearest to us are trusted (Fastify takes no hop count of its own).
    trustProxy: (_address, hop) => hop < trustProxyHops,
    // The request's id, named in its log lines and sent back: the client's X-Request-Id (at
    // most 100 characters) or a new one.
    requestIdHeader: false,
    genReqId: (req) => String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 100),
    // No logger of Fastify's own: it would make a child logger per request (≈ 25 µs each);
    // the access log line below carries the request's id instead.
    logger: false,
  });
  app.decorateRequest('record', null);
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  app.setErrorHandler(httpErrorHandler(logger));
  app.setNotFoundHandler((request, reply) =>
    refuse(reply, 404, 'NOT_FOUND', `Nothing at ${request.method} ${request.url}.`),
  );

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    try {
      await withTimeout(db.ping(), 1000);
      return { status: 'ready', neo4j: 'up' };
    } catch {
      return reply.code(503).send({ status: 'not ready', neo4j: 'unreachable' });
    }
  });
  if (metrics && !config.metricsPort) app.get('/metrics', metricsRoute(metrics));
  // The explorer page's settings: what only the server knows (Neo4j Browser's address).
  app.get('/explorer-config.json', async () => ({
    neo4jBrowserUrl: config.explorer?.neo4jBrowserUrl ?? null,
    nodeCap: config.explorer?.nodeCap ?? null,
  }));

  /** Starts the request's record: the access log line and the metrics read it when it is sent. */
  const trackRequest = async (request: FastifyRequest) => {
    // The request's span (when tracing, src/tracing.ts) knows no routes: it is told its own.
    trace
      .getActiveSpan()
      ?.updateName(`${request.method} /graphql`)
      .setAttribute(ATTR_HTTP_ROUTE, '/graphql');
    request.record = {
      clientAddress: request.ip,
      keyName: null,
      operationName: null,
      operationType: null,
      errorCodes: [],
    };
  };

  const logRequest = async (request: FastifyRequest, reply: FastifyReply) => {
    const record = request.record;
    if (!record) return;
    const ms = reply.elapsedTime;
    metrics?.record({ ...record, seconds: ms / 1000 });
    logger.info(
      {
        requestId: request.id,
        method: request.method,
        status: reply.statusCode,
        ms: Math.round(ms * 10) / 10,
        operationName: record.operationName,
        operationType: record.operationType,
        errorCodes: record.errorCodes,
        keyName: record.keyName,
        clientAddress: record.clientAddress,
      },
      'graphql request',
    );
  };

  /**
   * Names the caller; a key that is given but unknown is a failed authentication: logged,
   * counted per client address, and refused with 429 once there are too many. The request
   * then goes on as an anonymous one (reads are public, writes will be refused).
   */
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const caller = callerFromHeader(header, config.apiKeys);
    const record = request.record!;
    request.caller = caller;
    record.keyName = caller?.name ?? null;
    if (header === undefined || caller) return;
    const wait = authFailureLimiter
      ? await secondsToWait(authFailureLimiter, record.clientAddress)
      : null;
    if (wait !== null) {
      record.errorCodes.push('RATE_LIMITED');
      void reply.header('retry-after', String(wait));
      return refuse(
        reply,
        429,
        'RATE_LIMITED',
        `Too many failed authentications from this address: try again in ${wait} s.`,
      );
    }
    logger.warn(
      { requestId: request.id, clientAddress: record.clientAddress },
      'authentication failed: the Authorization header names no known API key',
    );
  };

  const graphqlHandler = fastifyApolloHandler<RecordedContext>(apollo, {
    context: async (request) => ({
      ...contextOf(request.caller, request.id),
      [RECORD]: request.record ?? undefined,
    }),
  });
  // /graphql itself (with or without a slash), in a scope of its own: CORS and the body
  // parsing below apply to it alone.
  await app.register(
    async (scope) => {
      // No origins: no CORS headers at all, so browsers allow the same origin only.
      if (config.corsOrigins?.length)
        await scope.register(fastifyCors, corsOptions(config.corsOrigins));
      // Bodies of any other type reach Apollo unread: it refuses them with its own errors
      // (CSRF prevention, "invalid Content-Type") rather than Fastify with a bare 415.
      scope.addContentTypeParser('*', (_request, payload, done) => {
        payload.resume();
        payload.on('end', () => done(null, undefined));
      });
      scope.all(
        '/',
        { onRequest: [trackRequest, authenticate], onResponse: logRequest },
        graphqlHandler,
      );
    },
    { prefix: '/graphql' },
  );

  if (fs.existsSync(GRAPHIQL_DIST)) {
    await app.register(fastifyStatic, {
      root: GRAPHIQL_DIST,
      prefix: '/graphiql',
      redirect: true,
      decorateReply: false,
    });
  }
  if (fs.existsSync(WEB_DIST)) await app.register(fastifyStatic, { root: WEB_DIST });
  await app.ready();

  return {
    handler: app.routing,
    apollo,
    warmUp: () => warmUp(apollo, () => contextOf(null, 'warm-up')),
    metricsHandler: metrics && config.metricsPort ? await metricsOnly(metrics) : null,
    stop: async () => {
      await app.close();
      await apollo.stop();
    },
  };
}

/** GET /metrics: every metric in Prometheus's text format. */
const metricsRoute = (metrics: Metrics) => async (_request: FastifyRequest, reply: FastifyReply) =>
  reply.type(metrics.contentType).send(await metrics.render());

/** An app that serves GET /metrics and nothing else, for a port of its own. */
async function metricsOnly(metrics: Metrics): Promise<http.RequestListener> {
  const app = fastify({ logger: false });
  app.get('/metrics', metricsRoute(metrics));
  await app.ready();
  return app.routing;
}

/**
 * CORS for the listed origins: their requests and preflights get the headers browsers need
 * (Apollo's CSRF prevention wants a preflighted header or a JSON body, both allowed here);
 * other origins get none, and their browsers refuse.
 */
function corsOptions(origins: readonly string[]) {
  return {
    origin: [...origins],
    methods: 'GET,POST',
    allowedHeaders: [
      'content-type',
      'authorization',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'x-request-id',
    ],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  };
}

/** Answers with a GraphQL-shaped error, so that clients read it like the endpoint's own. */
function refuse(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ errors: [{ message, extensions: { code } }] });
}

/**
 * HTTP-level failures (a body too large or not JSON, …) on every route, as GraphQL-shaped
 * JSON with a code, so that clients read them like the GraphQL endpoint's own errors.
 */
function httpErrorHandler(logger: Logger) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) logger.error({ err: error, requestId: request.id }, 'http error');
    if (status === 413) {
      return refuse(
        reply,
        413,
        'PAYLOAD_TOO_LARGE',
        `Request body larger than ${BODY_LIMIT_KB}kb.`,
      );
    }
    if (status >= 500)
      return refuse(reply, status, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    return refuse(reply, status, 'BAD_REQUEST', 'Malformed request: the body must be valid JSON.');
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
