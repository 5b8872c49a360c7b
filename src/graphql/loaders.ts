import DataLoader from 'dataloader';
import type { Repositories } from '../repositories';
import type { EntityRecord, PartnershipRecord, Related } from '../repositories/records';
import { relations, type RelationName } from '../repositories/relations';

/**
 * Per-request batching: every nested field of every result is gathered into one query per
 * relation (UNWIND $ids), so round trips stay constant however many results there are.
 */
export interface Loaders {
  entity: DataLoader<string, EntityRecord | null>;
  related: { [name in RelationName]: DataLoader<string, Related<Record<string, unknown>>[]> };
  partners: DataLoader<string, PartnershipRecord[]>;
}

export function createLoaders(repos: Repositories): Loaders {
  const related = Object.fromEntries(
    (Object.keys(relations) as RelationName[]).map((name) => [
      name,
      new DataLoader<string, Related<Record<string, unknown>>[]>(async (ids) => {
        const byId = await repos.entities.relatedByIds<Related<Record<string, unknown>>>(name, ids);
        return ids.map((id) => byId.get(id) ?? []);
      }),
    ]),
  ) as Loaders['related'];

  return {
    entity: new DataLoader(async (ids) => {
      const byId = await repos.entities.byIds(ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    related,
    partners: new DataLoader(async (ids) => {
      const byId = await repos.graph.partnersByCityIds(ids);
      return ids.map((id) => byId.get(id) ?? []);
    }),
  };
}
