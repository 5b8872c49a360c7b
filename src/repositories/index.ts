import { CurationService } from '../curation/service';
import type { Database } from '../db/database';
import { Reader } from '../translate';

export interface Repositories {
  /** Every read: a request's selection translated into one query (src/translate). */
  reader: Reader;
  /** Every write: validate → lock → write → history (src/curation). */
  curation: CurationService;
}

export function createRepositories(db: Database): Repositories {
  return { reader: new Reader(db), curation: new CurationService(db) };
}
