import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { RelatedByRelation } from '../repositories/entities';
import {
  fieldRelations,
  type EntityTypeWithRelations,
  type RelationName,
} from '../repositories/relations';
import type { Loaders } from './loaders';

/**
 * The relations behind the fields a request selects on the items of a list of `type`
 * (fragments and aliases included), so the list query can fetch them along.
 */
export function selectedRelations(
  info: GraphQLResolveInfo,
  type: EntityTypeWithRelations,
): RelationName[] {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  const selected = Object.values(tree?.fieldsByTypeName[type] ?? {}).map((field) => field.name);
  const byField: Record<string, RelationName> = fieldRelations[type];
  return [...new Set(selected.map((name) => byField[name]).filter((r) => r !== undefined))];
}

/** Hands what a list query fetched along to this request's loaders. */
export function primeLoaders(loaders: Loaders, related: RelatedByRelation): void {
  for (const [relation, byId] of related) {
    for (const [id, items] of byId) {
      loaders.related[relation].prime(id, items as never);
    }
  }
}
