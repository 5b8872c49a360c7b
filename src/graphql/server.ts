import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { createRepositories } from '../repositories';
import { callerFromHeader } from './auth';
import type { Context } from './context';
import { formatError, isPublicError } from './format-error';
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
  stop(): Promise<void>;
}

export interface ServerOptions {
  config: Pick<Config, 'apiKeys' | 'production'>;
  db: Database;
  logger: Logger;
}

/**
 * Logs every operation with its request id, name and duration; internal errors in full. The
 * ids go into each line rather than into a child logger per request, which would cost every
 * request ≈ 25 µs for lines that are rarely written.
 */
function loggingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let operationName: string | null = null;
      return {
        async didResolveOperation(request) {
          operationName = request.operationName ?? null;
        },
        async didEncounterErrors({ errors, contextValue: ctx }) {
          for (const error of errors) {
            if (!isPublicError(error)) {
              ctx.logger.error(
                {
                  requestId: ctx.requestId,
                  operationName,
                  err: error.originalError ?? error,
                  path: error.path,
                },
                'internal error',
              );
            }
          }
        },
        async willSendResponse({ contextValue: ctx }) {
          if (!ctx.logger.isLevelEnabled('debug')) return;
          const ms = Number(process.hrtime.bigint() - started) / 1e6;
          ctx.logger.debug(
            { requestId: ctx.requestId, operationName, ms: Math.round(ms * 10) / 10 },
            'graphql request',
          );
        },
      };
    },
  };
}

/** Builds the whole HTTP app (GraphQL, health, explorer page) without listening. */
export async function createServer({ config, db, logger }: ServerOptions): Promise<ApiServer> {
  const armor = new ApolloArmor({
    maxDepth: { n: 8 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 10 },
    // Tokens are limited by graphql-js's own parser below: armor's token plugin re-parses the
    // document and turns every syntax error into an HTTP 500.
    maxTokens: { enabled: false },
    costLimit: { maxCost: 5000 },
    blockFieldSuggestion: { enabled: config.production },
  });
  const protection = armor.protect();
  const schema = makeExecutableSchema({
    typeDefs: fs.readFileSync(SCHEMA_PATH, 'utf8'),
    resolvers,
  });
  const apollo = new ApolloServer<Context>({
    schema,
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
      loggingPlugin(),
      idempotencyPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      // no cache hints in this schema: skip the per-field cache-control bookkeeping
      ApolloServerPluginCacheControlDisabled(),
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
  app.set('trust proxy', false);
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

  // /graphql itself (with or without a slash), not the paths below it.
  app.all(
    '/graphql',
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        contextOf(
          callerFromHeader(req.headers.authorization, config.apiKeys),
          res.locals.requestId as string,
        ),
    }),
  );

  if (fs.existsSync(GRAPHIQL_DIST)) app.use('/graphiql', express.static(GRAPHIQL_DIST));
  if (fs.existsSync(WEB_DIST)) app.use(express.static(WEB_DIST, { index: 'index.html' }));
  app.use(httpErrorHandler(logger));

  return {
    handler: app,
    apollo,
    warmUp: () => warmUp(apollo, () => contextOf(null, 'warm-up')),
    stop: () => apollo.stop(),
  };
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
