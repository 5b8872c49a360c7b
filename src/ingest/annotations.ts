import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AnnotationError } from './errors';
import {
  ACTION_KINDS,
  INSTITUTION_KINDS,
  MEETING_KINDS,
  MEETING_STATUSES,
  STATEMENT_KINDS,
} from './model';

/**
 * The curated annotations (data/annotations/*.yaml): the entities and relationships the report
 * states, each pointing at the passages that state them. Validated strictly at load time, so a
 * typo in a field name is an error rather than a silently missing fact.
 */

export const text = z.string().trim().min(1);
export const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD');

/** Where a fact is stated: a quote from a statement, a meeting's heading, or the title/footer. */
export const sourceRefSchema = z.union([
  z.strictObject({ statement: text, quote: text }),
  z.strictObject({ heading: text.describe('meeting id'), quote: text }),
  z.strictObject({ document: z.enum(['title', 'footer']), quote: text }),
]);
export type SourceRef = z.infer<typeof sourceRefSchema>;

const provenance = {
  sources: z.array(sourceRefSchema).min(1),
  /** True where the report implies rather than states it; `note` then says why it is there. */
  inferred: z.boolean().optional(),
  note: text.optional(),
};

/** A relationship from the entry to the entity `id`. */
const link = z.strictObject({ id: text, ...provenance });
const roleLink = z.strictObject({ id: text, role: text, roleDe: text, ...provenance });
const optionalRoleLink = z.strictObject({
  id: text,
  role: text.optional(),
  roleDe: text.optional(),
  ...provenance,
});
export type Link = z.infer<typeof optionalRoleLink>;

const entity = {
  id: text,
  name: text,
  nameDe: text,
  /** Other spellings the report itself uses for it (each must occur in the report's text). */
  aliases: z.array(text).min(1).optional(),
  ...provenance,
};

export const countrySchema = z.strictObject(entity);
export const fieldSchema = z.strictObject(entity);
export const citySchema = z.strictObject({
  ...entity,
  country: link,
  memberOf: z.array(optionalRoleLink).optional(),
});
export const projectSchema = z.strictObject({
  ...entity,
  city: link.optional(),
});
export const institutionSchema = z.strictObject({
  ...entity,
  kind: z.enum(INSTITUTION_KINDS),
  city: link.optional(),
  memberOf: z.array(optionalRoleLink).optional(),
});
export const meetingSchema = z.strictObject({
  ...entity,
  // a meeting of the report gets its heading as a source automatically
  sources: z.array(sourceRefSchema).default([]),
  /** The report's Ort cell, verbatim; absent for meetings the report only announces. */
  heading: text.optional(),
  kind: z.enum(MEETING_KINDS),
  status: z.enum(MEETING_STATUSES),
  year: z.number().int().min(1900).max(2100),
  /** As precise as the report; absent where it gives none (the planned final conference). */
  date: isoDate.optional(),
  city: link.optional(),
  venue: link.optional(),
  heldWith: z.array(link).optional(),
  participants: z.array(roleLink).optional(),
  /** role: what happened to the action there (discussed, decided, adopted, presented, planned). */
  addressed: z.array(optionalRoleLink).optional(),
  /**
   * Properties the report does not state but the entry must have (a planned meeting's year):
   * each is stored as an INFERRED claim of the meeting (Entity.claims), with its reason.
   */
  inferredProperties: z
    .array(
      z.strictObject({
        property: z.enum(['year', 'date']),
        note: text,
        sources: z.array(sourceRefSchema).min(1),
      }),
    )
    .optional(),
  /** IN_PROJECT: a project the meeting was held with (Ljubljana 2011 with Second Chance). */
  projects: z.array(optionalRoleLink).optional(),
});
export const meetingsFileSchema = z.strictObject({
  /** Meeting ids in chronological order: consecutive ones are linked by NEXT. */
  timeline: z.array(text).min(1),
  meetings: z.array(meetingSchema),
});
export const actionSchema = z.strictObject({
  ...entity,
  kind: z.enum(ACTION_KINDS),
  description: text.optional(),
  descriptionDe: text.optional(),
  start: isoDate.optional(),
  end: isoDate.optional(),
  field: link.optional(),
  partOf: link.optional(),
  leads: z.array(optionalRoleLink).optional(),
  contributors: z.array(roleLink).optional(),
});
export const statementsEnSchema = z.record(text, text);
export const statementKindsSchema = z.record(text, z.enum(STATEMENT_KINDS));

export type CountryEntry = z.infer<typeof countrySchema>;
export type CityEntry = z.infer<typeof citySchema>;
export type InstitutionEntry = z.infer<typeof institutionSchema>;
export type ProjectEntry = z.infer<typeof projectSchema>;
export type FieldEntry = z.infer<typeof fieldSchema>;
export type MeetingEntry = z.infer<typeof meetingSchema>;
export type ActionEntry = z.infer<typeof actionSchema>;

export const ANNOTATION_FILES = {
  countries: 'countries.yaml',
  cities: 'cities.yaml',
  institutions: 'institutions.yaml',
  projects: 'projects.yaml',
  fields: 'fields.yaml',
  meetings: 'meetings.yaml',
  actions: 'actions.yaml',
  statementsEn: 'statements-en.yaml',
  statementKinds: 'statement-kinds.yaml',
} as const;

export type Annotations = {
  countries: CountryEntry[];
  cities: CityEntry[];
  institutions: InstitutionEntry[];
  projects: ProjectEntry[];
  fields: FieldEntry[];
  timeline: string[];
  meetings: MeetingEntry[];
  actions: ActionEntry[];
  statementsEn: Record<string, string>;
  /** The kind of each outcome statement, by statement id. */
  statementKinds: Record<string, (typeof STATEMENT_KINDS)[number]>;
};

/** The parsed YAML of `file` in `dataDir`; an AnnotationError naming the file if it cannot be. */
export function readYaml(dataDir: string, file: string): unknown {
  let content: string;
  try {
    content = readFileSync(path.join(dataDir, file), 'utf8');
  } catch (error) {
    throw new AnnotationError(file, '(file)', `cannot be read: ${(error as Error).message}`);
  }
  try {
    return parseYaml(content);
  } catch (error) {
    throw new AnnotationError(file, '(file)', `is not valid YAML: ${(error as Error).message}`);
  }
}

/** Names the entry a validation issue is in: its id where it has one, else its position. */
function entryName(data: unknown, issuePath: PropertyKey[]): { entry: string; rest: string } {
  let node: unknown = data;
  let entry = '(file)';
  let consumed = 0;
  for (const [index, key] of issuePath.entries()) {
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
    if (typeof key === 'number' || (typeof key === 'string' && issuePath.length === 1)) {
      const id = (node as { id?: unknown } | undefined)?.id;
      entry = typeof id === 'string' ? id : `${issuePath.slice(0, index + 1).join('.')}`;
      consumed = index + 1;
      break;
    }
  }
  return { entry, rest: issuePath.slice(consumed).join('.') };
}

/** The data as the schema types it, or an AnnotationError naming the file, entry and field. */
export function validate<T>(file: string, data: unknown, schema: z.ZodType<T>): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new AnnotationError(file, '(file)', 'is invalid');
  const { entry, rest } = entryName(data, issue.path);
  throw new AnnotationError(file, entry, `${rest ? `${rest}: ` : ''}${issue.message}`);
}

export function loadAnnotations(dataDir: string): Annotations {
  const list = <T>(file: string, schema: z.ZodType<T>): T[] =>
    validate(file, readYaml(dataDir, file), z.array(schema));
  const meetingsFile = validate(
    ANNOTATION_FILES.meetings,
    readYaml(dataDir, ANNOTATION_FILES.meetings),
    meetingsFileSchema,
  );
  return {
    countries: list(ANNOTATION_FILES.countries, countrySchema),
    cities: list(ANNOTATION_FILES.cities, citySchema),
    institutions: list(ANNOTATION_FILES.institutions, institutionSchema),
    projects: list(ANNOTATION_FILES.projects, projectSchema),
    fields: list(ANNOTATION_FILES.fields, fieldSchema),
    timeline: meetingsFile.timeline,
    meetings: meetingsFile.meetings,
    actions: list(ANNOTATION_FILES.actions, actionSchema),
    statementsEn: validate(
      ANNOTATION_FILES.statementsEn,
      readYaml(dataDir, ANNOTATION_FILES.statementsEn),
      statementsEnSchema,
    ),
    statementKinds: validate(
      ANNOTATION_FILES.statementKinds,
      readYaml(dataDir, ANNOTATION_FILES.statementKinds),
      statementKindsSchema,
    ),
  };
}
