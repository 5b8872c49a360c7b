/**
 * The model's relationship types and node labels (src/model) as the Cypher builder takes them.
 * Typed against the model, so that a misspelt type or label, or one the model no longer has,
 * fails the type check instead of quietly matching nothing in Neo4j.
 */
import Cypher from '@neo4j/cypher-builder';
import {
  RELATIONSHIP_FIELDS,
  type NodeLabel,
  type RelationshipField,
  type RelationshipTypeName,
  type Step,
} from '../model';

/** One name as it is, several as any of them (`A|B`). */
const anyOf = (names: readonly string[]): string | Cypher.LabelExpr =>
  names.length === 1 ? names[0]! : Cypher.labelExpr.or(...names);

/** A relationship type of the model, or any of several. */
export function relationshipType(type: RelationshipTypeName): string;
export function relationshipType(
  ...types: [RelationshipTypeName, RelationshipTypeName, ...RelationshipTypeName[]]
): Cypher.LabelExpr;
export function relationshipType(...types: RelationshipTypeName[]): string | Cypher.LabelExpr {
  return anyOf(types);
}

/** A label of the model (a kind's or a record's), or any of several. */
export function nodeLabel(label: NodeLabel): string;
export function nodeLabel(...labels: [NodeLabel, NodeLabel, ...NodeLabel[]]): Cypher.LabelExpr;
export function nodeLabel(...labels: NodeLabel[]): string | Cypher.LabelExpr {
  return anyOf(labels);
}

/** A step out of the parent walks right in a pattern that starts at the parent. */
export const directionOf = (step: Step) =>
  step.direction === 'out' ? ('right' as const) : ('left' as const);

type ModelField = (typeof RELATIONSHIP_FIELDS)[number];
/** The object types that have relationship fields. */
export type FieldOwner = ModelField['owner'];
/** The relationship fields of object type `Owner` (those of its interfaces included). */
export type FieldName<Owner extends FieldOwner> = ModelField extends infer F
  ? F extends { readonly owner: infer O; readonly field: infer N }
    ? Owner extends O
      ? N
      : never
    : never
  : never;

/** How a pattern from the parent walks a relationship field of one step. */
export interface Walk {
  readonly type: RelationshipTypeName;
  readonly direction: 'left' | 'right';
  /** The labels the node at the other end may have. */
  readonly labels: string | Cypher.LabelExpr;
}

/** The walk of relationship field `owner.field` of the model (one step only). */
export function walkOf<Owner extends FieldOwner>(owner: Owner, field: FieldName<Owner>): Walk {
  const model = (RELATIONSHIP_FIELDS as readonly RelationshipField[]).find(
    (candidate) => candidate.owner === owner && candidate.field === field,
  );
  const [step, ...more] = model?.via ?? [];
  if (!model || !step || more.length > 0) {
    throw new Error(`${owner}.${String(field)} is not a relationship field of one step`);
  }
  return { type: step.type, direction: directionOf(step), labels: anyOf(model.target) };
}
