import type { Database } from '../db/database';
import { MAX_LIST } from '../translate';

/** A Document node as the API shows it. */
export interface DocumentRecord {
  id: string;
  title: string;
  kind: 'REPORT' | 'PRESENTATION' | 'NEWS' | 'WEB_PAGE' | 'CURATION';
  issuer: string | null;
  date: string | null;
  language: string | null;
  url: string | null;
}

/** Undated documents (the curators' entries, a report that states no date) come last. */
const DOCUMENTS = `
MATCH (d:Document)
RETURN d.id AS id, d.title AS title, d.kind AS kind, d.issuer AS issuer, d.date AS date,
       d.language AS language, d.url AS url
ORDER BY d.date, d.title
LIMIT ${MAX_LIST}`;

/** The documents the graph draws on, by date, then title (at most MAX_LIST, as every list). */
export function listDocuments(db: Pick<Database, 'read'>): Promise<DocumentRecord[]> {
  return db.read<DocumentRecord>(DOCUMENTS);
}
