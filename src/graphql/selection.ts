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
import { inside, isRead, nodeSelection, objectTypesOf, partOf } from '../translate/selection';
import type { NodeSelection, SearchSelection } from '../translate';

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
