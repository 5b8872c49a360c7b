import path from 'node:path';
import { z } from 'zod';
import { isoDate, readYaml, text, validate } from './annotations';
import { AnnotationError } from './errors';

/**
 * The registry of the documents the graph draws on: data/documents.yaml (the report, the
 * curators' entries) and the `documents:` section of the fact file, read as it stands (it is
 * vendored unchanged from the shared source). Each becomes a Document node; every Source node
 * points at the one it is in (IN_DOCUMENT).
 */

const DATA_ROOT = path.resolve(__dirname, '../../data');
export const DEFAULT_DOCUMENTS_PATH = path.join(DATA_ROOT, 'documents.yaml');
export const DEFAULT_FACTS_PATH = path.join(DATA_ROOT, 'sources/creative-cities-facts.yaml');

/** The values of contract/core.graphql's DocumentKind (a unit test holds the two together). */
export const DOCUMENT_KINDS = ['REPORT', 'PRESENTATION', 'NEWS', 'WEB_PAGE', 'CURATION'] as const;

/** Where facts entered through the API without a cited document are recorded as coming from. */
export const CURATION_DOCUMENT_ID = 'document/curation';

const ID_PREFIX = 'document/';

/** What the contract's Document shows, as stated by the document (nothing guessed). */
const metadata = {
  title: text,
  kind: z.enum(DOCUMENT_KINDS),
  issuer: text.optional(),
  /** ISO 8601, only as precise as the document states it. */
  date: isoDate.optional(),
  /** BCP 47 language tag. */
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 tag such as "de" or "en"')
    .optional(),
  url: z.url().optional(),
};

const registryEntrySchema = z.strictObject({
  id: text.regex(/^document\/[a-z0-9-]+$/, 'expected "document/" and a lower-case slug'),
  ...metadata,
  /** The document's text under data/, for the documents the loader parses. */
  file: text.optional(),
});

/** The fact file's own description of a document; its ids are local to that file. */
const factFileDocumentSchema = z.strictObject({
  id: text.regex(/^[a-z0-9-]+$/, 'expected a lower-case slug'),
  ...metadata,
  /** What it was made for, e.g. a press conference. */
  occasion: text.optional(),
});

/** The rest of the fact file is the fact loader's to validate. */
const factFileSchema = z.looseObject({ documents: z.array(factFileDocumentSchema).min(1) });

export type DocumentEntry = z.infer<typeof registryEntrySchema> & { occasion?: string };

export type RegistryPaths = { registry?: string; facts?: string };

/** The document ids of the fact file's documents: `factsheet-2012` → `document/factsheet-2012`. */
export const factFileDocumentId = (localId: string): string => `${ID_PREFIX}${localId}`;

/** Reads and validates the registry: every field checked, ids unique across both files. */
export function loadDocuments(paths: RegistryPaths = {}): DocumentEntry[] {
  const registryPath = paths.registry ?? DEFAULT_DOCUMENTS_PATH;
  const factsPath = paths.facts ?? DEFAULT_FACTS_PATH;
  const read = (file: string) => readYaml(path.dirname(file), path.basename(file));
  const registryFile = path.basename(registryPath);
  const factsFile = path.basename(factsPath);

  const registered = validate(registryFile, read(registryPath), z.array(registryEntrySchema));
  const fromFacts = validate(factsFile, read(factsPath), factFileSchema).documents.map(
    ({ id, ...rest }) => ({ id: factFileDocumentId(id), ...rest }),
  );
  if (!registered.some((document) => document.id === CURATION_DOCUMENT_ID)) {
    throw new AnnotationError(registryFile, CURATION_DOCUMENT_ID, 'is missing');
  }
  const seen = new Set<string>();
  for (const [file, documents] of [
    [registryFile, registered],
    [factsFile, fromFacts],
  ] as const) {
    for (const document of documents) {
      if (seen.has(document.id)) throw new AnnotationError(file, document.id, 'id is used twice');
      seen.add(document.id);
    }
  }
  return [...registered, ...fromFacts];
}

/** The registry's REPORT whose `file` is the given report. */
export function reportDocumentOf(documents: DocumentEntry[], reportPath: string): DocumentEntry {
  const report = documents.find(
    (document) =>
      document.kind === 'REPORT' &&
      document.file !== undefined &&
      path.resolve(DATA_ROOT, document.file) === path.resolve(reportPath),
  );
  if (!report) {
    throw new AnnotationError(
      path.basename(DEFAULT_DOCUMENTS_PATH),
      '(file)',
      `no REPORT has file "${path.relative(DATA_ROOT, reportPath)}"`,
    );
  }
  return report;
}

const placeSources = (match: string): string => `
MATCH (curation:Document {id: $curationId})
${match}
WHERE NOT EXISTS { (s)-[:IN_DOCUMENT]->(:Document) }
OPTIONAL MATCH (named:Document {title: s.document})
WHERE s.enteredBy IS NULL
WITH s, curation, collect(named) AS named
WITH s, CASE size(named) WHEN 1 THEN named[0] ELSE curation END AS document
MERGE (s)-[:IN_DOCUMENT]->(document)
SET s.verbatim = coalesce(s.verbatim, false)`;

/**
 * Places every Source that is in no document yet: in the document its `document` title names,
 * where exactly one does (a curator citing a passage the annotations do not), otherwise in the
 * curators' entries (what curators entered through the API, `enteredBy`). Neither was checked
 * against the document's text, so neither is verbatim. Run by each load, after the documents.
 * Parameters: `curationId` (CURATION_DOCUMENT_ID).
 */
export const PLACE_UNPLACED_SOURCES = placeSources('MATCH (s:Source)');

/**
 * The same for the one Source `$sourceId`, so that it is placed before the next load.
 */
export const PLACE_SOURCE = placeSources('MATCH (s:Source {id: $sourceId})');

/** The same for the Source bound to `s`: the body of a `CALL (s) { … }` in the write of it. */
export const PLACE_THIS_SOURCE = placeSources('WITH s, curation');
