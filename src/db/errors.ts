import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function apiError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

// Driver codes meaning "the database cannot be reached or is not serving now".
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/** The one place that turns Neo4j failures into GraphQL errors with a code. */
export function translateNeo4jError(error: unknown): Error {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Neo4jError) {
    const code = error.code ?? '';
    if (
      UNAVAILABLE_CODES.has(code) ||
      code.startsWith('Neo.TransientError') ||
      /connection acquisition timed out|Pool is closed|connect ECONNREFUSED|Connection was closed/i.test(
        error.message,
      )
    ) {
      return apiError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The graph database is not available now; try again shortly.',
        {
          cause: code || 'unreachable',
        },
      );
    }
    if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return apiError(
        ErrorCode.CONFLICT,
        'That would create a duplicate: an entity with this id exists.',
      );
    }
  }
  // Anything else is a bug or an unexpected database failure: masked at the API edge.
  return error instanceof Error ? error : new Error(String(error));
}
