import { CurationService } from '../curation/service';
import type { Database } from '../db/database';
import { EntityRepository } from './entities';
import { GraphRepository } from './graph';

export interface Repositories {
  entities: EntityRepository;
  graph: GraphRepository;
  curation: CurationService;
}

export function createRepositories(db: Database): Repositories {
  return {
    entities: new EntityRepository(db),
    graph: new GraphRepository(db),
    curation: new CurationService(db),
  };
}
