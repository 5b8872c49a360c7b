import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import bodyParser from 'body-parser';
import type { Logger } from 'pino';

const BODY_LIMIT = '100kb';

/** The request's id: the client's X-Request-Id (at most 100 characters) or a new one. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const requestId = String(req.headers['x-request-id'] ?? randomUUID()).slice(0, 100);
  res.setHeader('x-request-id', requestId);
  return requestId;
}

/** An HTTP-level failure (body too large or not JSON, …) as GraphQL-shaped JSON with a code. */
export function sendHttpError(
  res: ServerResponse,
  error: unknown,
  logger: Logger,
  requestId: string,
): void {
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
  if (status >= 500) logger.error({ err: error, requestId }, 'http error');
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** Whether the request is for the GraphQL endpoint (/graphql, with or without a query string). */
export function isGraphQLRequest(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  const end = url.indexOf('?');
  const path = end < 0 ? url : url.slice(0, end);
  return path === '/graphql' || path === '/graphql/';
}

/**
 * The GraphQL endpoint on plain node:http, the way Apollo's own standalone server serves it
 * (body-parser's JSON reader, then executeHTTPGraphQLRequest), not through Express: Express's
 * router, request decoration and res.send (which hashes every body for an ETag) cost
 * ≈ 0.4 ms per request on a 2-core machine, a third of a small operation's time
 * (bench/floor.ts).
 */
export function graphqlEndpoint<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  contextOf: (req: IncomingMessage, requestId: string) => Promise<TContext>,
  logger: Logger,
): RequestListener {
  const readJson = bodyParser.json({ limit: BODY_LIMIT });

  async function respond(req: IncomingMessage, res: ServerResponse, requestId: string) {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: query < 0 ? '' : url.slice(query),
        body: (req as { body?: unknown }).body,
      },
      context: () => contextOf(req, requestId),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(response.body.string));
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  return (req, res) => {
    const requestId = assignRequestId(req, res);
    readJson(req, res, (error?: unknown) => {
      if (error) return sendHttpError(res, error, logger, requestId);
      respond(req, res, requestId).catch((failure: unknown) => {
        if (!res.headersSent) return sendHttpError(res, failure, logger, requestId);
        // A streamed response cannot change its status any more: end the connection.
        logger.error({ err: failure, requestId }, 'http error');
        res.destroy();
      });
    });
  };
}
