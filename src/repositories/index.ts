import type { Database } from '../db/database';
import { CurationRepository } from './curation';
import { EntityRepository } from './entities';
import { GraphRepository } from './graph';

export interface Repositories {
  entities: EntityRepository;
  graph: GraphRepository;
  curation: CurationRepository;
}

export function createRepositories(db: Database): Repositories {
  return {
    entities: new EntityRepository(db),
    graph: new GraphRepository(db),
    curation: new CurationRepository(db),
  };
}
