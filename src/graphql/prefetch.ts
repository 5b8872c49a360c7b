import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { RelatedByRelation } from '../repositories/entities';
import {
  fieldRelations,
  type EntityTypeWithRelations,
  type RelationName,
} from '../repositories/relations';
import type { Loaders } from './loaders';

/** The object types behind each abstract type a selection can name. */
const ALL_TYPES = Object.keys(fieldRelations) as EntityTypeWithRelations[];
const TYPES_OF: Record<string, readonly EntityTypeWithRelations[]> = {
  Entity: ALL_TYPES,
  Actor: ['City', 'Institution'],
};

/**
 * The relations behind the fields a request selects on the result of this field (an entity
 * or a list of them; fragments and aliases included), so its query can fetch them along.
 */
export function selectedRelations(info: GraphQLResolveInfo): RelationName[] {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  const selected = new Set<RelationName>();
  for (const [typeName, fields] of Object.entries(tree?.fieldsByTypeName ?? {})) {
    const types = TYPES_OF[typeName] ?? ALL_TYPES.filter((type) => type === typeName);
    for (const field of Object.values(fields)) {
      for (const type of types) {
        const relation = (fieldRelations[type] as Record<string, RelationName>)[field.name];
        if (relation) selected.add(relation);
      }
    }
  }
  return [...selected];
}

/** Hands what a list query fetched along to this request's loaders. */
export function primeLoaders(loaders: Loaders, related: RelatedByRelation): void {
  for (const [relation, byId] of related) {
    for (const [id, items] of byId) {
      loaders.related[relation].prime(id, items as never);
    }
  }
}
