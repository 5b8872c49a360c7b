import Cypher from '@neo4j/cypher-builder';
import { MAX_LIST, type Built } from './queries';

/** A Document node as the API shows it: its fields are all properties, read as stored. */
export interface DocumentRecord {
  id: string;
  title: string;
  kind: 'REPORT' | 'PRESENTATION' | 'NEWS' | 'WEB_PAGE' | 'CURATION';
  issuer: string | null;
  date: string | null;
  language: string | null;
  url: string | null;
}

const FIELDS = ['id', 'title', 'kind', 'issuer', 'date', 'language', 'url'] as const;

/**
 * The documents the graph draws on, by date, then title (at most MAX_LIST, as every list).
 * Undated documents (the curators' entries, a report that states no date) come last.
 */
export function documentsQuery(): Built<DocumentRecord[]> {
  const d = new Cypher.Node();
  const query = new Cypher.Match(new Cypher.Pattern(d, { labels: 'Document' }))
    .return(...FIELDS.map((field): [Cypher.Expr, string] => [d.property(field), field]))
    .orderBy(d.property('date'), d.property('title'))
    .limit(MAX_LIST);
  return { cypher: query.build().cypher, decode: (rows) => rows as unknown as DocumentRecord[] };
}
