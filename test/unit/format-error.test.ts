import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  BadInputError,
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from '../../src/errors';
import { formatError, isPublicError } from '../../src/graphql/format-error';

/** What a resolver's throw becomes on its way to formatError: a located GraphQLError. */
function thrownByResolver(error: Error): GraphQLError {
  return new GraphQLError(error.message, { path: ['field'], originalError: error });
}

function formatted(error: GraphQLError): GraphQLFormattedError {
  const json = error.toJSON();
  return { ...json, extensions: { ...json.extensions, code: 'INTERNAL_SERVER_ERROR' } };
}

describe('domain errors at the API edge', () => {
  it.each([
    [
      new BadInputError('input.year', 'a year from 1900'),
      { code: 'BAD_USER_INPUT', field: 'input.year' },
    ],
    [new NotFoundError('city/atlantis', 'id'), { code: 'NOT_FOUND', field: 'id' }],
    [new ConflictError('duplicate'), { code: 'CONFLICT' }],
    [new UnauthenticatedError('no key'), { code: 'UNAUTHENTICATED' }],
    [
      new ServiceUnavailableError('down', 'timeout'),
      { code: 'SERVICE_UNAVAILABLE', cause: 'timeout' },
    ],
  ])('%s answers with its code and message', (domain, extensions) => {
    const error = thrownByResolver(domain);
    expect(isPublicError(error)).toBe(true);
    expect(formatError(formatted(error), error)).toEqual({
      message: domain.message,
      path: ['field'],
      extensions,
    });
  });

  it('masks any other error', () => {
    const error = thrownByResolver(new TypeError('secret detail'));
    expect(isPublicError(error)).toBe(false);
    expect(formatError(formatted(error), error)).toEqual({
      message: 'Internal server error',
      path: ['field'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it("keeps Apollo's and graphql-js's own coded errors", () => {
    const error = new GraphQLError('Syntax Error', {
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
    expect(formatError(error.toJSON(), error)).toEqual(error.toJSON());
  });
});
