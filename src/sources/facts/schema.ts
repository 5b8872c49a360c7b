import { z } from 'zod';
import { isoDate, text } from '../../ingest/annotations';
import { entityKind, ENTITY_LABELS, RELATIONSHIP_TYPE_NAMES, type EntityLabel } from '../../model';

/**
 * The format of the fact file (data/sources/creative-cities-facts.yaml): every entity, property
 * and relation cites the place of a document that states it. Ids are local to the file.
 * Strict objects: a key the format does not know is an error, not silently dropped.
 */

const localId = text.regex(/^[a-z0-9-]+$/, 'expected a lower-case slug');
/** `DOC@PLACE`: the local id of one of the file's documents, and the place in it. */
const cite = text.regex(/^[a-z0-9-]+@.+$/, 'expected "DOCUMENT@PLACE"');
const cited = { cite, says: text.optional() };

/** The properties a Project may state, and how the graph stores each (see ./to-graph.ts). */
export const PROJECT_PROPERTIES = [
  'title',
  'programme',
  'fund',
  'call',
  'programmeMeasure',
  'start',
  'end',
  'budgetEur',
  'erdfEur',
  'partnerCount',
  'website',
  'objective',
  'cooperatesWith',
] as const;

const propertyFact = z.strictObject({
  property: z.enum(PROJECT_PROPERTIES),
  value: z.union([text, z.number()]),
  ...cited,
});
export type PropertyFact = z.infer<typeof propertyFact>;

const named = { id: localId, name: text, ...cited };

export const ORGANISATION_KINDS = [
  'MUNICIPALITY',
  'MUNICIPAL_OFFICE',
  'DEVELOPMENT_AGENCY',
  'ASSOCIATION',
  'FOUNDATION',
  'RESEARCH_INSTITUTE',
  'SCIENCE_PARK',
  'OTHER',
] as const;

/** The file's own words for kinds of the graph, and the kind each is there. */
const FILE_KINDS = {
  Project: 'Project',
  City: 'City',
  Organisation: 'Institution',
  // the report's venues are Institutions too (AT_VENUE)
  Venue: 'Institution',
  Centre: 'Institution',
  WorkPackage: 'Action',
  Result: 'Action',
  Event: 'Meeting',
} as const satisfies Record<string, EntityLabel>;

/**
 * The model's other kinds (src/model/entities.ts), which the file names as the graph does
 * (`type: Country`): an entity of one of them states its name only. A kind added to the model
 * can so be stated in the file without changing its format.
 */
type ModelKind = Exclude<EntityLabel, (typeof FILE_KINDS)[keyof typeof FILE_KINDS]>;
const fileKindLabels = new Set<EntityLabel>(Object.values(FILE_KINDS));
const MODEL_KINDS = ENTITY_LABELS.filter((label): label is ModelKind => !fileKindLabels.has(label));

export const factEntitySchema = z.discriminatedUnion('type', [
  // A project is stated by its properties, each cited.
  z.strictObject({
    id: localId,
    name: text,
    type: z.literal('Project'),
    properties: z.array(propertyFact).min(1),
  }),
  z.strictObject({ ...named, type: z.literal('City'), country: text }),
  z.strictObject({
    ...named,
    type: z.literal('Organisation'),
    kind: z.enum(ORGANISATION_KINDS),
    abbreviation: text.optional(),
    city: localId.optional(),
    country: text.optional(),
    partOf: localId.optional(),
  }),
  z.strictObject({ ...named, type: z.literal('Venue'), city: localId }),
  z.strictObject({ ...named, type: z.literal('WorkPackage'), project: localId }),
  z.strictObject({
    ...named,
    type: z.literal('Event'),
    date: isoDate,
    city: localId,
    venue: localId.optional(),
  }),
  z.strictObject({ ...named, type: z.literal('Centre'), city: localId }),
  z.strictObject({ ...named, type: z.literal('Result'), project: localId }),
  z.strictObject({ ...named, type: z.enum(MODEL_KINDS) }),
]);
export type FactEntity = z.infer<typeof factEntitySchema>;

/** What an entity type of the file is in the graph: its kind and that kind's id prefix. */
export function graphKindOf(type: FactEntity['type']): { label: EntityLabel; prefix: string } {
  const label: EntityLabel =
    type in FILE_KINDS ? FILE_KINDS[type as keyof typeof FILE_KINDS] : (type as ModelKind);
  return { label, prefix: entityKind(label).idPrefix };
}

/**
 * The file's words for relations (./read.ts checks their ends, ./to-graph.ts says what each is
 * in the graph). Any relationship type of the model is one too, stored as it is and its ends
 * checked against the model's.
 */
export const RELATION_TYPES = ['PARTNER_OF', 'LEADS', 'HELD', 'OPENED', 'HOUSED_AT'] as const;

export const factRelationSchema = z.strictObject({
  from: localId,
  type: z.union([z.enum(RELATION_TYPES), z.enum(RELATIONSHIP_TYPE_NAMES)]),
  to: localId,
  role: text.optional(),
  ...cited,
});
export type FactRelation = z.infer<typeof factRelationSchema>;

/** The `documents:` section is src/ingest/documents.ts's to validate (the document registry). */
export const factFileSchema = z.strictObject({
  documents: z.array(z.looseObject({ id: localId, title: text, date: isoDate.optional() })).min(1),
  entities: z.array(factEntitySchema).min(1),
  relations: z.array(factRelationSchema),
});
export type FactFile = z.infer<typeof factFileSchema>;
