import path from 'node:path';
import { z } from 'zod';
import { readYaml, text, validate } from '../../ingest/annotations';
import { DEFAULT_FACTS_PATH, factFileDocumentId } from '../../ingest/documents';
import { AnnotationError } from '../../ingest/errors';
import { relationshipKind, type RelationshipTypeName } from '../../model';
import {
  FactEntity,
  FactFile,
  factFileSchema,
  FactRelation,
  factRelationSchema,
  graphKindOf,
  RELATION_TYPES,
} from './schema';

export const DEFAULT_IDENTITIES_PATH = path.resolve(__dirname, '../../../data/identities.yaml');

/**
 * data/identities.yaml: which entity of the fact file is which entity of the graph. `same`
 * merges them (the reason is kept in the merged entity's INFERRED name claim); `different`
 * records a pair of similar names a curator has looked at and found to be two things; `links`
 * relate an entity of the graph to one of the file (INFERRED, with the reason).
 */
const decision = z.strictObject({ fact: text, entity: text, reason: text });
/**
 * A relationship from a graph entity to a fact-file entity that no document states but both
 * together imply (the report's planned March 2012 meeting held with the news' presentation).
 */
const link = z.strictObject({
  entity: text,
  type: z.enum(['HELD_WITH']),
  fact: text,
  reason: text,
});
const identitiesSchema = z.strictObject({
  same: z.array(decision),
  different: z.array(decision),
  links: z.array(link).default([]),
});
export type Identities = z.infer<typeof identitiesSchema>;

/** A citation resolved: the graph's document id and the place in it. */
export type Citation = { documentId: string; title: string; date?: string; place: string };

export type Facts = {
  file: string;
  /** The local ids of its documents, in file order. */
  documentIds: string[];
  entities: FactEntity[];
  relations: FactRelation[];
  identities: Identities;
  /** Resolves a `cite` already checked by `readFacts`. */
  citation(cite: string): Citation;
};

/** Which entity types each relation joins. */
const RELATION_ENDS: Record<(typeof RELATION_TYPES)[number], [string, string]> = {
  PARTNER_OF: ['Organisation', 'Project'],
  LEADS: ['Organisation', 'WorkPackage'],
  HELD: ['Project', 'Event'],
  OPENED: ['Organisation', 'Centre'],
  HOUSED_AT: ['Centre', 'Organisation'],
};

/** The ids an entity names besides its own, with the type each must have. */
function referencesOf(entity: FactEntity): Array<{ field: string; id: string; type: string }> {
  const refs: Array<{ field: string; id: string | undefined; type: string }> = [];
  if ('city' in entity) refs.push({ field: 'city', id: entity.city, type: 'City' });
  if ('venue' in entity) refs.push({ field: 'venue', id: entity.venue, type: 'Venue' });
  if ('partOf' in entity) refs.push({ field: 'partOf', id: entity.partOf, type: 'Organisation' });
  if ('project' in entity) refs.push({ field: 'project', id: entity.project, type: 'Project' });
  return refs.filter((ref): ref is { field: string; id: string; type: string } => !!ref.id);
}

/** The keys the format knows, across entity, property and relation entries. */
const KNOWN_KEYS = new Set([
  ...factFileSchema.shape.entities.element.options.flatMap((option) => Object.keys(option.shape)),
  'property',
  'value',
  ...Object.keys(factRelationSchema.shape),
]);

/**
 * The file writes entries as YAML flow mappings (`{ name: A, B, city: … }`), where an unquoted
 * comma ends a value: "A, B" is read as value "A" and a key "B" without value. Such a key (no
 * value, unknown to the format) is put back into the value before it, as the file means it.
 * A key the format does not know that has a value stays an error.
 */
function rejoinCommaSplits(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(rejoinCommaSplits);
  if (data === null || typeof data !== 'object') return data;
  const entry: Record<string, unknown> = {};
  let previous: string | undefined;
  for (const [key, value] of Object.entries(data)) {
    if (value === null && !KNOWN_KEYS.has(key) && typeof entry[previous ?? ''] === 'string') {
      entry[previous!] = `${entry[previous!] as string}, ${key}`;
      continue;
    }
    entry[key] = rejoinCommaSplits(value);
    previous = key;
  }
  return entry;
}

/**
 * Reads and validates the fact file and the identity mapping: the format (zod), then that every
 * id it names is declared once with the right type and every citation names one of its
 * documents. Throws an AnnotationError naming file, entry and what is wrong.
 */
export function readFacts(
  factsPath = DEFAULT_FACTS_PATH,
  identitiesPath = DEFAULT_IDENTITIES_PATH,
): Facts {
  const file = path.basename(factsPath);
  const data: FactFile = validate(
    file,
    rejoinCommaSplits(readYaml(path.dirname(factsPath), file)),
    factFileSchema,
  );
  const documents = new Map(data.documents.map((document) => [document.id, document]));
  const types = new Map<string, string>();
  const fail = (entry: string, detail: string): never => {
    throw new AnnotationError(file, entry, detail);
  };
  const checkCite = (entry: string, cite: string) => {
    const documentId = cite.slice(0, cite.indexOf('@'));
    if (!documents.has(documentId)) fail(entry, `cites unknown document "${documentId}"`);
  };

  for (const entity of data.entities) {
    if (types.has(entity.id)) fail(entity.id, 'id is used twice');
    types.set(entity.id, entity.type);
  }
  for (const entity of data.entities) {
    if (entity.type === 'Project') {
      for (const fact of entity.properties) checkCite(`${entity.id}.${fact.property}`, fact.cite);
    } else {
      checkCite(entity.id, entity.cite);
    }
    for (const { field, id, type } of referencesOf(entity)) {
      const actual = types.get(id);
      if (actual === undefined) fail(entity.id, `${field} "${id}" is no entity of the file`);
      if (actual !== type) fail(entity.id, `${field} "${id}" is a ${actual}, not a ${type}`);
    }
  }
  for (const relation of data.relations) {
    const entry = `${relation.from} ${relation.type} ${relation.to}`;
    checkCite(entry, relation.cite);
    const fileEnds = RELATION_ENDS[relation.type as keyof typeof RELATION_ENDS];
    for (const [end, id, index] of [
      ['from', relation.from, 0],
      ['to', relation.to, 1],
    ] as const) {
      const actual = types.get(id) as FactEntity['type'] | undefined;
      if (actual === undefined) fail(entry, `${end} "${id}" is no entity of the file`);
      if (fileEnds) {
        if (actual !== fileEnds[index]) {
          fail(entry, `${end} "${id}" is a ${actual}, not a ${fileEnds[index]}`);
        }
        continue;
      }
      // a type of the model: the graph's kind of the entity must be one the type joins there
      const model = relationshipKind(relation.type as RelationshipTypeName);
      const kinds: readonly string[] = index === 0 ? model.from : model.to;
      const { label } = graphKindOf(actual!);
      if (!kinds.includes(label)) {
        fail(entry, `${end} "${id}" (${label} in the graph) is not a ${kinds.join(' or ')}`);
      }
    }
  }

  const identitiesFile = path.basename(identitiesPath);
  const identities = validate(
    identitiesFile,
    readYaml(path.dirname(identitiesPath), identitiesFile),
    identitiesSchema,
  );
  const decided = new Set<string>();
  for (const { fact, entity } of [...identities.same, ...identities.different]) {
    if (!types.has(fact)) {
      throw new AnnotationError(identitiesFile, fact, `is no entity of ${file}`);
    }
    const pair = `${fact} ${entity}`;
    if (decided.has(pair))
      throw new AnnotationError(identitiesFile, fact, `${entity} is decided twice`);
    decided.add(pair);
  }
  for (const { entity, type, fact } of identities.links) {
    if (!types.has(fact)) {
      throw new AnnotationError(
        identitiesFile,
        `${entity} ${type} ${fact}`,
        `"${fact}" is no entity of ${file}`,
      );
    }
  }
  const sameOnce = new Set<string>();
  for (const { fact } of identities.same) {
    if (sameOnce.has(fact))
      throw new AnnotationError(identitiesFile, fact, 'is the same as two entities');
    sameOnce.add(fact);
  }

  return {
    file,
    documentIds: data.documents.map((document) => document.id),
    entities: data.entities,
    relations: data.relations,
    identities,
    citation: (cite) => {
      const at = cite.indexOf('@');
      const local = cite.slice(0, at);
      const document = documents.get(local)!;
      return {
        documentId: factFileDocumentId(local),
        title: document.title,
        date: document.date,
        place: cite.slice(at + 1),
      };
    },
  };
}
