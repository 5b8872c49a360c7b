/**
 * What can go wrong, in the domain's words. These errors know nothing of GraphQL: the API's
 * edge (src/graphql/format-error.ts) gives each its `extensions.code`. Any other error is a
 * bug or an unexpected failure, and is masked there.
 */
export abstract class DomainError extends Error {
  override get name(): string {
    return this.constructor.name;
  }
}

/** The caller's input is wrong. `field` is the path of the offending input, e.g. `input.year`. */
export class BadInputError extends DomainError {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** An entity the caller asked for does not exist; `field` names the argument that gave its id. */
export class NotFoundError extends DomainError {
  constructor(
    readonly entityId: string,
    readonly field?: string,
  ) {
    super(`${field ? `${field}: ` : ''}no entity with id '${entityId}'.`);
  }
}

/** The write would contradict what is stored (e.g. a duplicate). */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    /** The stored entity the write collides with, when there is one to name. */
    readonly existingId?: string,
  ) {
    super(message);
  }
}

/** The caller did not say who they are (or not in a way we accept). */
export class UnauthenticatedError extends DomainError {}

/**
 * The database cannot serve now (down, restarting, too slow); trying again later may work.
 * `reason` says why: `timeout`, or the driver's code.
 */
export class ServiceUnavailableError extends DomainError {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}
