// The arguments of the curation service's operations: the first step of every write.
import { z } from 'zod';
import { id } from '../validation';

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

const name = z.string().trim().min(1, 'must not be empty').max(300, 'at most 300 characters');
const optionalText = z.string().trim().max(5000, 'at most 5000 characters').nullish();
const year = z.number().int().min(1900, 'a year from 1900').max(2100, 'a year up to 2100');

const sourceInput = z.object({
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

const actionInput = z
  .object({ name, kind: z.string(), ...actionFields })
  .refine(startBeforeEnd, { message: 'end must not be before start', path: ['end'] });
const actionPatch = z
  .object({ name: name.optional(), kind: z.string().optional(), ...actionFields })
  .refine(startBeforeEnd, { message: 'end must not be before start', path: ['end'] });

const institutionInput = z.object({
  name,
  nameDe: name.nullish(),
  kind: z.string(),
  cityId: id.nullish(),
  source: sourceInput.nullish(),
});
const institutionPatch = z.object({
  name: name.optional(),
  nameDe: name.nullish(),
  kind: z.string().optional(),
  cityId: id.nullish(),
  source: sourceInput.nullish(),
});

const role = z.string().trim().min(1, 'must not be empty').max(300, 'at most 300 characters');

export const upsertMeetingArgs = z.object({ input: meetingInput });
export const createActionArgs = z.object({ input: actionInput });
export const updateActionArgs = z.object({ id, patch: actionPatch });
export const createInstitutionArgs = z.object({ input: institutionInput });
export const updateInstitutionArgs = z.object({ id, patch: institutionPatch });
const reason = z.string().trim().max(500, 'at most 500 characters');

/** A delete's: the entity, and why (for the history and the retraction). */
export const deleteArgs = z.object({ id, reason: reason.min(1, 'say why it is deleted') });

/** A restore's: the entity, and why if given. */
export const restoreArgs = z.object({
  id,
  reason: reason.nullish().transform((given) => given || 'no reason given'),
});

export const leadArgs = z.object({ actionId: id, actorId: id, source: sourceInput.nullish() });
export const contributorArgs = z.object({
  actionId: id,
  actorId: id,
  role,
  source: sourceInput.nullish(),
});
export const participantArgs = z.object({
  meetingId: id,
  actorId: id,
  role: role.nullish(),
  source: sourceInput.nullish(),
});
export const actionActorArgs = z.object({ actionId: id, actorId: id });
export const meetingActorArgs = z.object({ meetingId: id, actorId: id });

export type SourceInput = z.output<typeof sourceInput>;
export type MeetingFields = Omit<z.output<typeof meetingInput>, 'id' | 'source'>;
