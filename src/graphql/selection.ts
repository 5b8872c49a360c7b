import {
  BREAK,
  getNamedType,
  Kind,
  visit,
  type ASTNode,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import {
  parseResolveInfo,
  type FieldsByTypeName,
  type ResolveTree,
} from 'graphql-parse-resolve-info';
import { BadInputError } from '../errors';
import { ACTOR_LABELS, ENTITY_LABELS, RELATIONSHIP_FIELDS, type RelationshipField } from '../model';
import type { NodeSelection, SearchSelection } from '../translate';
import type { RelatedSelection } from '../translate/selection';

/**
 * What the request reads of the result of this field (an entity or a list of them, with
 * fragments and aliases), so that its query fetches all of it in one round trip.
 */
export function selectionOf(info: GraphQLResolveInfo): NodeSelection {
  return perQuery(info, 'nodes', (selections) =>
    nodeSelection(selections, objectTypesOf(getNamedType(info.returnType).name)),
  );
}

/** What the request reads of the nodes of a connection page (`edges { node }`). */
export function pageSelectionOf(info: GraphQLResolveInfo): NodeSelection {
  const connection = getNamedType(info.returnType) as GraphQLObjectType;
  const edge = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
  const node = getNamedType(edge.getFields().node!.type);
  return perQuery(info, 'page', (selections) =>
    partOf(inside(selections, connection.name, 'edges'), edge.name, 'node', [node.name]),
  );
}

/** What the request reads of the search hits' entities and statements. */
export function searchSelectionOf(info: GraphQLResolveInfo): SearchSelection {
  return perQuery(info, 'search', (selections) => ({
    entity: partOf(selections, 'SearchHit', 'entity', objectTypesOf('Entity')),
    statement: isRead(selections, 'SearchHit', 'statement')
      ? partOf(selections, 'SearchHit', 'statement', ['Statement'])
      : null,
  }));
}

/** What is read of the sources of graph relationships (null: not read). */
function relationshipSources(selections: readonly FieldsByTypeName[], wrapper: string) {
  const relationships = inside(selections, wrapper, 'relationships');
  return isRead(relationships, 'GraphRelationship', 'sources')
    ? partOf(relationships, 'GraphRelationship', 'sources', ['Source'])
    : null;
}

/** What the request reads of a path's nodes and of its relationships' sources. */
export function pathSelectionOf(info: GraphQLResolveInfo) {
  return perQuery(info, 'path', (selections) => ({
    nodes: partOf(selections, 'Path', 'nodes', objectTypesOf('Entity')),
    sources: relationshipSources(selections, 'Path'),
  }));
}

/** What the request reads of a neighbourhood's relationships' sources. */
export function neighbourhoodSelectionOf(info: GraphQLResolveInfo) {
  return perQuery(info, 'neighbourhood', (selections) => ({
    sources: relationshipSources(selections, 'Subgraph'),
  }));
}

/**
 * What a field's selection asks for, read once per field of a parsed query. Apollo parses a
 * query text once and hands every request the same document, which asks the same of every
 * request unless @skip or @include read a variable, or a field below the root takes an argument
 * from one (a filter, whose value the selection holds): reading it again cost ≈ 55 µs of a small
 * request. The same object also lets the translation keep the Cypher built from it.
 */
const readings = new WeakMap<FieldNode, Map<string, unknown>>();
const dependsOnVariablesByOperation = new WeakMap<OperationDefinitionNode, boolean>();

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
  let dependsOnVariables = dependsOnVariablesByOperation.get(info.operation);
  if (dependsOnVariables === undefined) {
    dependsOnVariables =
      hasVariableDirective(info.operation) ||
      Object.values(info.fragments).some(hasVariableDirective) ||
      hasNestedVariableArgument(info.operation.selectionSet.selections) ||
      Object.values(info.fragments).some((fragment) =>
        hasNestedVariableArgument(fragment.selectionSet.selections, 1),
      );
    dependsOnVariablesByOperation.set(info.operation, dependsOnVariables);
  }
  if (dependsOnVariables) return undefined;
  let cache = readings.get(field);
  if (!cache) readings.set(field, (cache = new Map()));
  return cache;
}

/**
 * Whether a field below the root fields takes an argument from a variable (root fields' own
 * arguments reach the resolvers, not the selection). A fragment may be spread anywhere: its
 * fields count as below the root (`depth` 1).
 */
function hasNestedVariableArgument(selections: readonly ASTNode[], depth = 0): boolean {
  let found = false;
  for (const selection of selections) {
    let level = depth;
    visit(selection, {
      Field: {
        enter(field) {
          level += 1;
          const variable = field.arguments?.some((arg) => containsVariable(arg.value));
          if (level > 1 && variable) {
            found = true;
            return BREAK;
          }
          return undefined;
        },
        leave() {
          level -= 1;
        },
      },
    });
    if (found) return true;
  }
  return false;
}

function containsVariable(value: ASTNode): boolean {
  let found = false;
  visit(value, {
    Variable() {
      found = true;
      return BREAK;
    },
  });
  return found;
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

// Reading a selection from the request's resolve-info tree: the GraphQL type and field names
// it holds, matched against the model's relationship fields (src/model/relationships.ts),
// give the selection the translation (src/translate) turns into Cypher.

/** The object types of each GraphQL type a selection can name. */
const ABSTRACT_TYPES: Record<string, readonly string[]> = {
  Entity: ENTITY_LABELS,
  Actor: ACTOR_LABELS,
};

export function objectTypesOf(typeName: string): readonly string[] {
  return ABSTRACT_TYPES[typeName] ?? [typeName];
}

const FIELDS_BY_OWNER = new Map<string, Map<string, RelationshipField>>();
for (const field of RELATIONSHIP_FIELDS as readonly RelationshipField[]) {
  let byName = FIELDS_BY_OWNER.get(field.owner);
  if (!byName) FIELDS_BY_OWNER.set(field.owner, (byName = new Map()));
  byName.set(field.field, field);
}

/**
 * What `selections` (one per occurrence of the field in the request) read of a node. `path`
 * names where it is in the request (the fields walked to it), so that the parameters of the
 * filters below it have names of their own.
 */
export function nodeSelection(
  selections: readonly FieldsByTypeName[],
  types: readonly string[],
  path = '',
): NodeSelection {
  const fields = new Set<string>();
  const related = new Map<
    string,
    { via: Set<RelationshipField>; inner: FieldsByTypeName[]; args: string }
  >();
  const partners: FieldsByTypeName[] = [];
  for (const byType of selections) {
    for (const [typeName, selected] of Object.entries(byType)) {
      const scope = types.filter((type) => objectTypesOf(typeName).includes(type));
      for (const field of Object.values(selected)) {
        if (field.name.startsWith('__')) continue;
        const via = scope.flatMap((type) => FIELDS_BY_OWNER.get(type)?.get(field.name) ?? []);
        if (via.length > 0) {
          const args = JSON.stringify(field.args ?? {});
          const entry = related.get(field.name) ?? { via: new Set(), inner: [], args };
          // one field, one projection: aliases of it cannot filter differently
          if (entry.args !== args) {
            throw new BadInputError(
              `${path}${field.name}`,
              'is selected more than once with different arguments; select it once per query',
            );
          }
          for (const model of via) entry.via.add(model);
          entry.inner.push(field.fieldsByTypeName);
          related.set(field.name, entry);
        } else if (field.name === 'partners' && scope.includes('City')) {
          partners.push(field.fieldsByTypeName);
        } else {
          fields.add(field.name);
        }
      }
    }
  }
  const params: Record<string, unknown> = {};
  const relatedSelections = new Map(
    [...related].map(([name, { via, inner, args }]) => [
      name,
      relatedSelection([...via], inner, {
        args: JSON.parse(args),
        path: `${path}${name}_`,
        params,
      }),
    ]),
  );
  const partnersSelection =
    partners.length > 0
      ? {
          city: partOf(partners, 'Partnership', 'city', ['City'], `${path}partners_city_`),
          sharedActions: partOf(
            partners,
            'Partnership',
            'sharedActions',
            ['Action'],
            `${path}partners_sharedActions_`,
          ),
          sharedMeetings: partOf(
            partners,
            'Partnership',
            'sharedMeetings',
            ['Meeting'],
            `${path}partners_sharedMeetings_`,
          ),
        }
      : undefined;
  for (const selection of relatedSelections.values()) {
    for (const below of [selection.node, selection.link?.start, selection.link?.sources]) {
      if (below) Object.assign(params, below.params);
    }
  }
  for (const below of Object.values(partnersSelection ?? {})) Object.assign(params, below.params);
  return {
    types,
    fields: [...fields],
    related: relatedSelections,
    ...(partnersSelection ? { partners: partnersSelection } : {}),
    params,
  };
}

/** Where a related field is in the request: its arguments, its path, the filters' values. */
interface FieldPlace {
  readonly args: Record<string, unknown>;
  readonly path: string;
  /** Receives the value of the field's filter argument, by its parameter's name. */
  readonly params: Record<string, unknown>;
}

function relatedSelection(
  via: readonly RelationshipField[],
  inner: readonly FieldsByTypeName[],
  { args, path, params }: FieldPlace,
): RelatedSelection {
  const targets = [...new Set(via.flatMap((field) => field.target))];
  const model = via.find((field) => field.filter)?.filter;
  const values = model ? args[model.argument] : undefined;
  let filter: RelatedSelection['filter'];
  if (model && values !== undefined && values !== null) {
    filter = { param: `filter_${path}${model.argument}`, of: model.of, property: model.property };
    params[filter.param] = values;
  }
  const link = via[0]!.link;
  if (!link)
    return { via, node: nodeSelection(inner, targets, path), ...(filter ? { filter } : {}) };
  const fields = new Set<string>();
  for (const byType of inner) {
    for (const field of Object.values(byType[link.type] ?? {})) {
      if (![link.end, link.start, 'sources', '__typename'].includes(field.name)) {
        fields.add(field.name);
      }
    }
  }
  return {
    via,
    node: partOf(inner, link.type, link.end, targets, `${path}${link.end}_`),
    link: {
      fields: [...fields],
      sources: isRead(inner, link.type, 'sources')
        ? partOf(inner, link.type, 'sources', ['Source'], `${path}sources_`)
        : null,
      start:
        link.start && isRead(inner, link.type, link.start)
          ? partOf(
              inner,
              link.type,
              link.start,
              [...new Set(via.map((field) => field.owner))],
              `${path}${link.start}_`,
            )
          : null,
    },
    ...(filter ? { filter } : {}),
  };
}

/** The occurrences of field `name` of type `typeName` (a wrapper: Partnership, SearchHit…). */
function fieldsNamed(selections: readonly FieldsByTypeName[], typeName: string, name: string) {
  return selections.flatMap((byType) =>
    Object.values(byType[typeName] ?? {}).filter((field) => field.name === name),
  );
}

/** What is read of the nodes in field `name` of type `typeName`. */
export function partOf(
  selections: readonly FieldsByTypeName[],
  typeName: string,
  name: string,
  types: readonly string[],
  path = '',
): NodeSelection {
  return nodeSelection(
    fieldsNamed(selections, typeName, name).map((field) => field.fieldsByTypeName),
    types,
    path,
  );
}

export function isRead(
  selections: readonly FieldsByTypeName[],
  typeName: string,
  name: string,
): boolean {
  return fieldsNamed(selections, typeName, name).length > 0;
}

/** The selections inside field `name` of `typeName` (for wrappers of wrappers: edges.node). */
export function inside(
  selections: readonly FieldsByTypeName[],
  typeName: string,
  name: string,
): FieldsByTypeName[] {
  return fieldsNamed(selections, typeName, name).map((field) => field.fieldsByTypeName);
}
