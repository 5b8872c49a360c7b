import type { Database } from '../db/database';
import { Reader } from '../translate';
import { CurationRepository } from './curation';

export interface Repositories {
  /** Every read: a request's selection translated into one query (src/translate). */
  reader: Reader;
  curation: CurationRepository;
}

export function createRepositories(db: Database): Repositories {
  return { reader: new Reader(db), curation: new CurationRepository(db) };
}
