import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { trace } from '@opentelemetry/api';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import cors from 'cors';
import express, {
  type ErrorRequestHandler,
  type Express,
  type RequestHandler,
  type Response,
} from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { createRepositories } from '../repositories';
import { callerFromHeader } from './auth';
import type { Context } from './context';
import { maskSchemaNames } from './mask-schema-names';
import { formatError, isPublicError } from './format-error';
import { jitExecution } from './execution';
import { DocumentCosts, HeavyQueryGate, heavyQueryPlugin } from './heavy-queries';
import { createMetrics } from './metrics';
import { idempotencyPlugin } from './idempotency';
import { resolvers } from './resolvers';
import { warmUp, type WarmUpSummary } from './warm-up';

export const SCHEMA_PATH = path.join(__dirname, '..', '..', 'schema.graphql');
const WEB_DIST = path.join(__dirname, '..', '..', 'web', 'dist');
const GRAPHIQL_DIST = path.join(__dirname, '..', '..', 'graphiql', 'dist');
const MAX_TOKENS = 2000;
const BODY_LIMIT = '100kb';

export interface ApiServer {
  /** The Express app that serves every request: give it to http.createServer. */
  handler: Express;
  apollo: ApolloServer<Context>;
  /** Runs the contract's queries once, so that their first client does not wait for plans. */
  warmUp(): Promise<WarmUpSummary>;
  /** GET /metrics, for main.ts to serve on its own port; null when metrics are off. */
  metricsHandler: RequestHandler | null;
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
  started: bigint;
  clientAddress: string;
  /** The name of the caller's API key (never the key). */
  keyName: string | null;
  operationName: string | null;
  operationType: string | null;
  errorCodes: string[];
}

const recordOf = (res: Response) => res.locals.request as RequestRecord;

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
  const contextOf = (caller: Context['caller'], requestId: string): Context => ({
    db,
    repos,
    caller,
    requestId,
    logger,
  });

  const app = express();
  app.disable('x-powered-by');
  // Behind N proxies, the client's address is the Nth from the right in X-Forwarded-For.
  app.set('trust proxy', config.trustProxyHops ?? 0);
  // No ETag on answers: no client revalidates them, and hashing each one (megabytes for a
  // large timeline) would cost every request CPU time in proportion to its answer.
  app.set('etag', false);
  app.use(assignRequestId);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await withTimeout(db.ping(), 1000);
      res.json({ status: 'ready', neo4j: 'up' });
    } catch {
      res.status(503).json({ status: 'not ready', neo4j: 'unreachable' });
    }
  });

  if (metrics && !config.metricsPort) app.get('/metrics', metrics.handler);
  // The explorer page's settings: what only the server knows (Neo4j Browser's address).
  app.get('/explorer-config.json', (_req, res) => {
    res.json({
      neo4jBrowserUrl: config.explorer?.neo4jBrowserUrl ?? null,
      nodeCap: config.explorer?.nodeCap ?? null,
    });
  });

  /** Starts the request's record; when the answer is sent, logs it and counts it. */
  const trackRequest: RequestHandler = (req, res, next) => {
    // The request's span (when tracing, src/tracing.ts) knows no routes: it is told its own.
    trace
      .getActiveSpan()
      ?.updateName(`${req.method} /graphql`)
      .setAttribute(ATTR_HTTP_ROUTE, '/graphql');
    const record: RequestRecord = {
      started: process.hrtime.bigint(),
      clientAddress: req.ip ?? '',
      keyName: null,
      operationName: null,
      operationType: null,
      errorCodes: [],
    };
    res.locals.request = record;
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - record.started) / 1e9;
      metrics?.record({ ...record, seconds });
      logger.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          status: res.statusCode,
          ms: Math.round(seconds * 1e4) / 10,
          operationName: record.operationName,
          operationType: record.operationType,
          errorCodes: record.errorCodes,
          keyName: record.keyName,
          clientAddress: record.clientAddress,
        },
        'graphql request',
      );
    });
    next();
  };

  /**
   * Names the caller; a key that is given but unknown is a failed authentication: logged,
   * counted per client address, and refused with 429 once there are too many. The request
   * then goes on as an anonymous one (reads are public, writes will be refused).
   */
  const authenticate: RequestHandler = async (req, res, next) => {
    const header = req.headers.authorization;
    const caller = callerFromHeader(header, config.apiKeys);
    const record = recordOf(res);
    res.locals.caller = caller;
    record.keyName = caller?.name ?? null;
    if (header === undefined || caller) return next();
    const wait = authFailureLimiter
      ? await secondsToWait(authFailureLimiter, record.clientAddress)
      : null;
    if (wait !== null) {
      record.errorCodes.push('RATE_LIMITED');
      res.setHeader('retry-after', String(wait));
      res.status(429).json({
        errors: [
          {
            message: `Too many failed authentications from this address: try again in ${wait} s.`,
            extensions: { code: 'RATE_LIMITED' },
          },
        ],
      });
      return;
    }
    logger.warn(
      { requestId: res.locals.requestId, clientAddress: record.clientAddress },
      'authentication failed: the Authorization header names no known API key',
    );
    next();
  };

  const corsOrigins = config.corsOrigins ?? [];
  // /graphql itself (with or without a slash), not the paths below it.
  app.all(
    '/graphql',
    // No origins: no CORS headers at all, so browsers allow the same origin only.
    ...(corsOrigins.length ? [corsFor(corsOrigins)] : []),
    trackRequest,
    authenticate,
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<RecordedContext> => ({
        ...contextOf(res.locals.caller as Context['caller'], res.locals.requestId),
        [RECORD]: recordOf(res),
      }),
    }),
  );

  if (fs.existsSync(GRAPHIQL_DIST)) app.use('/graphiql', express.static(GRAPHIQL_DIST));
  if (fs.existsSync(WEB_DIST)) app.use(express.static(WEB_DIST, { index: 'index.html' }));
  app.use(httpErrorHandler(logger));

  return {
    handler: app,
    apollo,
    warmUp: () => warmUp(apollo, () => contextOf(null, 'warm-up')),
    metricsHandler: metrics?.handler ?? null,
    stop: () => apollo.stop(),
  };
}

/**
 * CORS for the listed origins: their requests and preflights get the headers browsers need
 * (Apollo's CSRF prevention wants a preflighted header or a JSON body, both allowed here);
 * other origins get none, and their browsers refuse.
 */
function corsFor(origins: readonly string[]): RequestHandler {
  return cors({
    origin: [...origins],
    methods: ['GET', 'POST'],
    allowedHeaders: [
      'content-type',
      'authorization',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      'x-request-id',
    ],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
  });
}

/**
 * The request's id, named in its log lines and sent back: the client's X-Request-Id (at most
 * 100 characters) or a new one.
 */
const assignRequestId: RequestHandler = (req, res, next) => {
  const requestId = String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 100);
  res.locals.requestId = requestId;
  res.setHeader('x-request-id', requestId);
  next();
};

/**
 * HTTP-level failures (a body too large or not JSON, …) on every route, as GraphQL-shaped
 * JSON with a code, so that clients read them like the GraphQL endpoint's own errors.
 */
function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    // A streamed answer cannot change its status any more: Express ends the connection.
    if (res.headersSent) return next(error);
    const reported = (error as { status?: unknown } | null)?.status;
    const status = typeof reported === 'number' ? reported : 500;
    const code =
      status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    const message =
      status === 413
        ? `Request body larger than ${BODY_LIMIT}.`
        : status < 500
          ? 'Malformed request: the body must be valid JSON.'
          : 'Internal server error';
    if (status >= 500) logger.error({ err: error, requestId: res.locals.requestId }, 'http error');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
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
