import type { GraphQLError, GraphQLFormattedError } from 'graphql';

/** Codes whose message is meant for the client; anything else is masked. */
const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SERVICE_UNAVAILABLE',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function isPublicError(error: GraphQLError | GraphQLFormattedError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}

/**
 * Keeps coded errors as they are and masks everything else (the logging plugin has
 * already logged it in full with the request id).
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isPublicError(formatted)) return formatted;
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
