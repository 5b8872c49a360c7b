import DataLoader from 'dataloader';
import type { Repositories } from '../repositories';
import type { EntityRecord, PartnershipRecord, Related } from '../repositories/records';
import type { RelationName } from '../repositories/relations';

type RelatedLoader = DataLoader<string, Related<Record<string, unknown>>[]>;

/**
 * Per-request batching: every nested field of every result is gathered into one query per
 * relation (UNWIND $ids), so round trips stay constant however many results there are. Each
 * loader is made when first used: most requests fetch everything in their one query and use
 * none of the two dozen.
 */
export class Loaders {
  private entityLoader?: DataLoader<string, EntityRecord | null>;
  private partnersLoader?: DataLoader<string, PartnershipRecord[]>;
  private readonly relatedLoaders = new Map<RelationName, RelatedLoader>();

  constructor(private readonly repos: Repositories) {}

  get entity(): DataLoader<string, EntityRecord | null> {
    this.entityLoader ??= new DataLoader(async (ids) => {
      const byId = await this.repos.entities.byIds(ids);
      return ids.map((id) => byId.get(id) ?? null);
    });
    return this.entityLoader;
  }

  get partners(): DataLoader<string, PartnershipRecord[]> {
    this.partnersLoader ??= new DataLoader(async (ids) => {
      const byId = await this.repos.graph.partnersByCityIds(ids);
      return ids.map((id) => byId.get(id) ?? []);
    });
    return this.partnersLoader;
  }

  related(name: RelationName): RelatedLoader {
    let loader = this.relatedLoaders.get(name);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const byId = await this.repos.entities.relatedByIds<Related<Record<string, unknown>>>(
          name,
          ids,
        );
        return ids.map((id) => byId.get(id) ?? []);
      });
      this.relatedLoaders.set(name, loader);
    }
    return loader;
  }

  /** Forgets every relation read so far (after a write changed them). */
  clearRelated(): void {
    for (const loader of this.relatedLoaders.values()) loader.clearAll();
  }
}
