import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import {
  BadInputError,
  ConflictError,
  DomainError,
  NotFoundError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from '../errors';

/**
 * The one place where domain errors become GraphQL errors: each kind's `extensions.code`,
 * and the details a client can act on (the offending field, why the database is unavailable).
 */
function extensionsOf(error: DomainError): { code: string; [detail: string]: unknown } {
  if (error instanceof BadInputError) return { code: 'BAD_USER_INPUT', field: error.field };
  if (error instanceof NotFoundError) {
    return error.field ? { code: 'NOT_FOUND', field: error.field } : { code: 'NOT_FOUND' };
  }
  if (error instanceof ConflictError) {
    return error.existingId
      ? { code: 'CONFLICT', existingId: error.existingId }
      : { code: 'CONFLICT' };
  }
  if (error instanceof UnauthenticatedError) return { code: 'UNAUTHENTICATED' };
  if (error instanceof ServiceUnavailableError) {
    return { code: 'SERVICE_UNAVAILABLE', cause: error.reason };
  }
  // A new kind of domain error without a code here is a bug: masked like any other.
  return { code: 'INTERNAL_SERVER_ERROR' };
}

/** Codes of errors that Apollo and graphql-js raise themselves, meant for the client. */
const PUBLIC_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'SERVICE_UNAVAILABLE',
  'CONFLICT',
  'RATE_LIMITED',
  'HEAVY_QUERY_QUEUE_FULL',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Errors that Apollo and graphql-js raise without a code or without a reason, by their
 * message: what the client is told instead.
 */
const CLEARER_ANSWERS = new Map<string, { code: string; message: string }>([
  [
    'provided sha does not match query',
    {
      code: 'PERSISTED_QUERY_HASH_MISMATCH',
      message: "The persisted query's sha256Hash is not the SHA-256 of its query.",
    },
  ],
  [
    'Unsupported persisted query version',
    {
      code: 'PERSISTED_QUERY_NOT_SUPPORTED',
      message: 'Only version 1 of automatic persisted queries is supported.',
    },
  ],
  [
    // graphql-js's budget for comparing fields of the same name (and for fragment spreads)
    'Validation aborted.',
    {
      code: 'GRAPHQL_VALIDATION_FAILED',
      message:
        'Validation aborted: the document repeats fields or fragments more often than the ' +
        'validator checks (its limit on comparing same-named fields); send each field once.',
    },
  ],
]);

/** The code an error answers with: its domain error's, or the one Apollo or graphql-js gave it. */
function codeOf(error: GraphQLError | GraphQLFormattedError): unknown {
  const original = unwrapResolverError(error);
  return original instanceof DomainError ? extensionsOf(original).code : error.extensions?.code;
}

/** Whether the client is told what went wrong; anything else is logged in full and masked. */
export function isPublicError(error: GraphQLError | GraphQLFormattedError): boolean {
  const code = codeOf(error);
  return typeof code === 'string' && PUBLIC_CODES.has(code);
}

/**
 * graphql-js names the place of a variable it cannot coerce only in its message: the variable,
 * the path inside it (`at "input.kind"`) and, for a missing or unknown field, that field's name.
 * The value it quotes cannot fake either: strings in it are printed with their quotes escaped.
 */
export function variablePathOf(message: string): string | undefined {
  const variable = /^Variable "\$(\w+)" /.exec(message)?.[1];
  if (!variable) return undefined;
  const path = new RegExp(` at "(${variable}[^"]*)"; `).exec(message)?.[1] ?? variable;
  const field = /; Field "(\w+)" (?:of required type|is not defined by type) /.exec(message)?.[1];
  return field ? `${path}.${field}` : path;
}

/**
 * Gives domain errors their code, keeps the other public errors as they are and masks
 * everything else (the logging plugin has already logged it in full with the request id).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const clearer = CLEARER_ANSWERS.get(formatted.message);
  if (clearer) {
    return { message: clearer.message, extensions: { code: clearer.code } };
  }
  if (original instanceof DomainError) {
    const extensions = extensionsOf(original);
    if (PUBLIC_CODES.has(extensions.code)) {
      return { ...formatted, extensions: { ...formatted.extensions, ...extensions } };
    }
  } else if (isPublicError(formatted)) {
    const field =
      formatted.extensions?.code === 'BAD_USER_INPUT'
        ? variablePathOf(formatted.message)
        : undefined;
    return field ? { ...formatted, extensions: { ...formatted.extensions, field } } : formatted;
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
