import {
  BREAK,
  Kind,
  visit,
  type ASTNode,
  type FieldNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import {
  parseResolveInfo,
  type FieldsByTypeName,
  type ResolveTree,
} from 'graphql-parse-resolve-info';
import {
  fieldRelations,
  statementRelations,
  type EntityTypeWithRelations,
  type PartnersSelection,
  type RelationName,
  type Selection,
} from '../repositories/relations';
import type { SearchSelection } from '../repositories/graph';

/** The object types behind each abstract type a selection can name. */
const ENTITY_TYPES = Object.keys(fieldRelations) as EntityTypeWithRelations[];
const TYPES_OF: Record<string, readonly string[]> = {
  Entity: ENTITY_TYPES,
  Actor: ['City', 'Institution'],
};

/** Relationship fields per object type, each served by one relation. */
const RELATIONS_OF: Record<string, Record<string, RelationName>> = {
  ...fieldRelations,
  Statement: statementRelations,
};

/** Types that wrap the related node with the relationship's properties (role). */
const WRAPPERS = new Set(['Contribution', 'Participation']);

/** Stored properties a field's resolver reads besides the one named like the field. */
const PROPERTIES_READ_BY: Record<string, readonly string[]> = {
  audit: ['createdBy', 'createdAt', 'updatedBy', 'updatedAt'],
  // Statement.source falls back to the statement itself when no source node exists
  source: ['section', 'text', 'textEn'],
};

/**
 * What the request reads of the result of this field (an entity or a list of them, with
 * fragments and aliases): the properties its fields need and, nested, every relationship
 * field, so the field's query can fetch all of it in one round trip.
 */
export function selectionOf(info: GraphQLResolveInfo): Selection {
  return perQuery(info, 'entities', selectionFrom);
}

/** What the request reads of the search hits' entities and statements. */
export function searchSelectionOf(info: GraphQLResolveInfo): SearchSelection {
  return perQuery(info, 'search', (selections) => ({
    entity: partOf(selections, 'SearchHit', 'entity'),
    statement: isRead(selections, 'SearchHit', 'statement')
      ? partOf(selections, 'SearchHit', 'statement')
      : null,
  }));
}

/** What the request reads of a path's nodes. */
export function pathSelectionOf(info: GraphQLResolveInfo): Selection {
  return perQuery(info, 'path', (selections) => partOf(selections, 'Path', 'nodes'));
}

/**
 * What a field's selection asks for, read once per field of a parsed query. Apollo parses a
 * query text once and hands every request the same document, which asks the same of every
 * request unless @skip or @include read a variable: reading it again cost ≈ 55 µs of a small
 * request. The same object also lets the repositories cache the Cypher built from it.
 */
const readings = new WeakMap<FieldNode, Map<string, unknown>>();
const variableDirectives = new WeakMap<OperationDefinitionNode, boolean>();

function perQuery<T>(
  info: GraphQLResolveInfo,
  kind: string,
  read: (selections: readonly FieldsByTypeName[]) => T,
): T {
  const cache = cacheOf(info);
  const key = `${info.parentType.name} ${kind}`;
  if (cache?.has(key)) return cache.get(key) as T;
  const tree = parseResolveInfo(info) as ResolveTree | null;
  const reading = read(tree ? [tree.fieldsByTypeName] : []);
  cache?.set(key, reading);
  return reading;
}

function cacheOf(info: GraphQLResolveInfo): Map<string, unknown> | undefined {
  const [field] = info.fieldNodes;
  if (!field || info.fieldNodes.length > 1) return undefined;
  let dependsOnVariables = variableDirectives.get(info.operation);
  if (dependsOnVariables === undefined) {
    dependsOnVariables = [info.operation, ...Object.values(info.fragments)].some(
      hasVariableDirective,
    );
    variableDirectives.set(info.operation, dependsOnVariables);
  }
  if (dependsOnVariables) return undefined;
  let cache = readings.get(field);
  if (!cache) readings.set(field, (cache = new Map()));
  return cache;
}

/** Whether a @skip or @include in the node takes its condition from a variable. */
function hasVariableDirective(node: ASTNode): boolean {
  let found = false;
  visit(node, {
    Directive(directive) {
      const conditional = directive.name.value === 'skip' || directive.name.value === 'include';
      if (conditional && directive.arguments?.some((arg) => arg.value.kind === Kind.VARIABLE)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function selectionFrom(selections: readonly FieldsByTypeName[]): Selection {
  const properties = new Set<string>();
  const related = new Map<RelationName, FieldsByTypeName[]>();
  const partners: FieldsByTypeName[] = [];
  for (const byType of selections) {
    for (const [typeName, fields] of Object.entries(byType)) {
      const types = TYPES_OF[typeName] ?? [typeName];
      for (const field of Object.values(fields)) {
        if (field.name.startsWith('__')) continue;
        const relationsOfField = types
          .map((type) => RELATIONS_OF[type]?.[field.name])
          .filter((relation): relation is RelationName => relation !== undefined);
        if (field.name === 'partners' && types.includes('City')) {
          partners.push(field.fieldsByTypeName);
        } else if (relationsOfField.length === 0) {
          properties.add(field.name);
          for (const property of PROPERTIES_READ_BY[field.name] ?? []) properties.add(property);
        }
        for (const relation of relationsOfField) {
          related.set(relation, [...(related.get(relation) ?? []), ...targetsOf(field)]);
        }
      }
    }
  }
  return {
    properties: [...properties],
    relations: new Map([...related].map(([name, inner]) => [name, selectionFrom(inner)])),
    ...(partners.length > 0 ? { partners: partnersSelection(partners) } : {}),
  };
}

/** What is read of each part of a Partnership. */
function partnersSelection(selections: readonly FieldsByTypeName[]): PartnersSelection {
  return {
    city: partOf(selections, 'Partnership', 'city'),
    sharedActions: partOf(selections, 'Partnership', 'sharedActions'),
    sharedMeetings: partOf(selections, 'Partnership', 'sharedMeetings'),
  };
}

/** The fields named `name` of a wrapper type (Partnership, SearchHit, Path). */
function fieldsNamed(
  selections: readonly FieldsByTypeName[],
  typeName: string,
  name: string,
): ResolveTree[] {
  return selections.flatMap((byType) =>
    Object.values(byType[typeName] ?? {}).filter((field) => field.name === name),
  );
}

/** What is read of the entities in field `name` of a wrapper type. */
function partOf(selections: readonly FieldsByTypeName[], typeName: string, name: string) {
  return selectionFrom(fieldsNamed(selections, typeName, name).map((f) => f.fieldsByTypeName));
}

function isRead(selections: readonly FieldsByTypeName[], typeName: string, name: string) {
  return fieldsNamed(selections, typeName, name).length > 0;
}

/** The selections on the related nodes: through `actor` where a wrapper type holds them. */
function targetsOf(field: ResolveTree): FieldsByTypeName[] {
  return Object.entries(field.fieldsByTypeName).flatMap(([typeName, fields]) =>
    WRAPPERS.has(typeName)
      ? Object.values(fields)
          .filter((inner) => inner.name === 'actor')
          .map((actor) => actor.fieldsByTypeName)
      : [{ [typeName]: fields }],
  );
}
