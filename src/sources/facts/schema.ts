import { z } from 'zod';
import { isoDate, text } from '../../ingest/annotations';

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
]);
export type FactEntity = z.infer<typeof factEntitySchema>;

export const RELATION_TYPES = ['PARTNER_OF', 'LEADS', 'HELD', 'OPENED', 'HOUSED_AT'] as const;

export const factRelationSchema = z.strictObject({
  from: localId,
  type: z.enum(RELATION_TYPES),
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
