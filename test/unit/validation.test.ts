import { isoPartialDate, meetingInput } from '../../src/curation/inputs';
import { BadInputError } from '../../src/errors';
import { callerFromHeader } from '../../src/graphql/auth';
import { encodeCursor, pageArgs } from '../../src/graphql/validation';
import { parseArgs } from '../../src/validation';

const meeting = {
  name: 'Partner meeting',
  kind: 'PARTNER_MEETING',
  status: 'PLANNED',
  year: 2012,
  source: { document: 'Minutes', section: '1', quote: 'We meet.' },
};

function errorOf(run: () => unknown): BadInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return error as BadInputError;
  }
  throw new Error('expected an error');
}

describe('argument validation', () => {
  it.each(['2011', '2012-03', '2012-02-29'])('accepts the ISO date %s', (date) => {
    expect(isoPartialDate.safeParse(date).success).toBe(true);
  });

  it.each(['2011-13', '2011-02-29', '12.03.2012', '2012-3', 'March 2012'])(
    'rejects the date %s',
    (date) => {
      expect(isoPartialDate.safeParse(date).success).toBe(false);
    },
  );

  it('names the bad field in a BadInputError', () => {
    const error = errorOf(() => parseArgs(meetingInput, { ...meeting, year: 1200 }));
    expect(error.message).toBe('year: a year from 1900');
    expect(error.field).toBe('year');
    expect(errorOf(() => parseArgs(meetingInput, { ...meeting, name: '  ' })).field).toBe('name');
    expect(errorOf(() => parseArgs(meetingInput, { ...meeting, date: '2011-05' })).field).toBe(
      'date',
    );
  });

  it('pages with cursors it gave out, and refuses others and huge pages', () => {
    expect(parseArgs(pageArgs, { first: 5, after: encodeCursor(9) })).toEqual({
      first: 5,
      after: 10,
    });
    expect(errorOf(() => parseArgs(pageArgs, { first: 5, after: 'bogus' })).field).toBe('after');
    expect(errorOf(() => parseArgs(pageArgs, { first: 1_000_000_000 })).field).toBe('first');
  });
});

describe('callerFromHeader', () => {
  const keys = new Map([['secret-key-0001', 'alice']]);
  it('names the holder of a valid key', () => {
    expect(callerFromHeader('Bearer secret-key-0001', keys)).toEqual({ name: 'alice' });
  });
  it.each([undefined, '', 'Bearer wrong-key', 'secret-key-0001', 'Basic secret-key-0001'])(
    'is anonymous for %s',
    (header) => {
      expect(callerFromHeader(header, keys)).toBeNull();
    },
  );
});
