import { Neo4jError } from 'neo4j-driver';
import { ConflictError, DomainError, ServiceUnavailableError } from '../errors';

// Driver codes meaning "the database cannot be reached or is not serving now".
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  // the driver's code for a connection cut in the middle of a message
  'ProtocolError',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);
const CONNECTIVITY_MESSAGE =
  /connection acquisition timed out|Pool is closed|connect ECONNREFUSED|Connection was closed|ECONNRESET|socket hang up/i;

// Neo4j ended the transaction because it ran beyond its timeout (LockClientStopped: while
// it waited for a lock that another transaction held).
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.ClientError.Transaction.LockClientStopped',
  'Neo.TransientError.Transaction.LockClientStopped',
  'Neo.ClientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.Terminated',
]);

// Lost a conflict with another transaction and was rolled back: safe to try again.
const CONFLICT_CODES = new Set([
  'Neo.TransientError.Transaction.DeadlockDetected',
  'Neo.TransientError.Transaction.Outdated',
  'Neo.TransientError.Transaction.ConstraintsChanged',
  'Neo.TransientError.Transaction.LeaderSwitch',
]);

const CONSTRAINT_VIOLATION = 'Neo.ClientError.Schema.ConstraintValidationFailed';

const codeOf = (error: unknown) => (error instanceof Neo4jError ? (error.code ?? '') : '');

/** The connection to Neo4j failed (not the query): the server is down or restarting. */
export function isConnectivityError(error: unknown): boolean {
  return (
    error instanceof Neo4jError &&
    (UNAVAILABLE_CODES.has(codeOf(error)) || CONNECTIVITY_MESSAGE.test(error.message))
  );
}

/**
 * A deadlock or similar conflict between transactions: retrying the whole one is safe. A
 * write that hit a uniqueness constraint may have lost a race (a concurrent writer took the
 * id it had found free): one more try sees that id taken; a true duplicate fails again.
 */
export function isRetryableConflict(error: unknown, mode: 'READ' | 'WRITE'): boolean {
  const code = codeOf(error);
  return CONFLICT_CODES.has(code) || (mode === 'WRITE' && code === CONSTRAINT_VIOLATION);
}

/** The one place that turns Neo4j failures into domain errors; others pass unchanged. */
export function translateNeo4jError(error: unknown): Error {
  if (error instanceof DomainError) return error;
  if (error instanceof Neo4jError) {
    const code = error.code ?? '';
    if (TIMEOUT_CODES.has(code)) {
      return new ServiceUnavailableError(
        'The graph database did not answer in time; try again shortly.',
        'timeout',
      );
    }
    if (isConnectivityError(error) || code.startsWith('Neo.TransientError')) {
      return new ServiceUnavailableError(
        'The graph database is not available now; try again shortly.',
        code || 'unreachable',
      );
    }
    if (code === CONSTRAINT_VIOLATION) {
      return new ConflictError('That would create a duplicate: an entity with this id exists.');
    }
  }
  // Anything else is a bug or an unexpected database failure: masked at the API edge.
  return error instanceof Error ? error : new Error(String(error));
}
