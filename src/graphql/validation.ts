import { z } from 'zod';
import { apiError, ErrorCode } from '../db/errors';

/** Checks arguments against a zod schema; the first problem becomes BAD_USER_INPUT naming the field. */
export function parseArgs<T extends z.ZodType>(schema: T, args: unknown): z.output<T> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.');
  throw apiError(ErrorCode.BAD_USER_INPUT, `${field}: ${issue.message}`, { field });
}

const isoDate = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

/** ISO 8601 calendar date as precise as known: 2011, 2012-03, 2012-06-15 (a real day). */
export const isoPartialDate = z
  .string()
  .regex(isoDate, 'expected an ISO 8601 date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((text) => {
    const [year, month, day] = text.split('-').map(Number);
    if (day === undefined) return true;
    const date = new Date(Date.UTC(year!, month! - 1, day));
    return date.getUTCDate() === day;
  }, 'no such day');

export const id = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const name = z.string().trim().min(1, 'must not be empty').max(300, 'at most 300 characters');
const optionalText = z.string().trim().max(5000, 'at most 5000 characters').nullish();
export const year = z.number().int().min(1900, 'a year from 1900').max(2100, 'a year up to 2100');

export const sourceInput = z.object({
  document: name,
  section: name,
  quote: z.string().trim().min(1, 'must not be empty').max(5000, 'at most 5000 characters'),
});

export const meetingInput = z
  .object({
    id: id.nullish(),
    name,
    nameDe: name.nullish(),
    kind: z.string(),
    status: z.string(),
    year,
    date: isoPartialDate.nullish(),
    cityId: id.nullish(),
    venueId: id.nullish(),
    source: sourceInput,
  })
  .refine((m) => !m.date || m.date.startsWith(String(m.year)), {
    message: 'the date must lie in the given year',
    path: ['date'],
  });

const actionFields = {
  nameDe: name.nullish(),
  description: optionalText,
  descriptionDe: optionalText,
  start: isoPartialDate.nullish(),
  end: isoPartialDate.nullish(),
  fieldId: id.nullish(),
  partOfId: id.nullish(),
  source: sourceInput.nullish(),
};
const startBeforeEnd = <T extends { start?: string | null; end?: string | null }>(a: T) =>
  !a.start || !a.end || a.start <= a.end;

export const actionInput = z
  .object({ name, kind: z.string(), ...actionFields })
  .refine(startBeforeEnd, { message: 'end must not be before start', path: ['end'] });
export const actionPatch = z
  .object({ name: name.optional(), kind: z.string().optional(), ...actionFields })
  .refine(startBeforeEnd, { message: 'end must not be before start', path: ['end'] });

export const institutionInput = z.object({
  name,
  nameDe: name.nullish(),
  kind: z.string(),
  cityId: id.nullish(),
  source: sourceInput.nullish(),
});
export const institutionPatch = z.object({
  name: name.optional(),
  nameDe: name.nullish(),
  kind: z.string().optional(),
  cityId: id.nullish(),
  source: sourceInput.nullish(),
});

export const role = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(300, 'at most 300 characters');

export const searchArgs = z.object({
  text: z.string().max(200, 'at most 200 characters'),
  first: z.number().int().min(1, 'at least 1').max(50, 'at most 50'),
});
export const neighbourhoodArgs = z.object({
  id,
  depth: z.number().int().min(1, 'at least 1').max(3, 'at most 3'),
  limit: z.number().int().min(1, 'at least 1').max(500, 'at most 500'),
});
export const connectionArgs = z.object({
  fromId: id,
  toId: id,
  maxHops: z.number().int().min(1, 'at least 1').max(10, 'at most 10'),
});

/** Connections page with opaque cursors that encode an offset, as the Neo4j GraphQL Library does. */
export const MAX_PAGE = 100;
export const pageArgs = z.object({
  first: z.number().int().min(0, 'at least 0').max(MAX_PAGE, `at most ${MAX_PAGE}`),
  after: z
    .string()
    .nullish()
    .transform((cursor, ctx) => {
      if (cursor == null) return 0;
      const offset = decodeCursor(cursor);
      if (offset === null) {
        ctx.addIssue({ code: 'custom', message: 'not a cursor this API gave out' });
        return z.NEVER;
      }
      return offset + 1;
    }),
});

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

function decodeCursor(cursor: string): number | null {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : null;
}
