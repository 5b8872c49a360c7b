/**
 * What a request reads, in the terms of the model: per node, its plain fields and, nested, its
 * relationship fields (src/model/relationships.ts). The translation (./queries.ts, with
 * ./projection.ts) turns it into one Cypher query. The GraphQL layer reads it from the request
 * (src/graphql/selection.ts, with graphql-parse-resolve-info: fragments, aliases and
 * @skip/@include are resolved there); nothing here looks at GraphQL.
 */
import type { RelationshipField } from '../model';

/** What is read of a node. */
export interface NodeSelection {
  /** The object types the node may be of: one, or the members of an abstract type. */
  readonly types: readonly string[];
  /** Fields that are not relationship fields (stored properties, or computed: ./projection.ts). */
  readonly fields: readonly string[];
  /** Relationship fields, by field name. */
  readonly related: ReadonlyMap<string, RelatedSelection>;
  /** City.partners: what is read of each partnership. */
  readonly partners?: PartnersSelection;
  /**
   * The values of the filter arguments given in it and below it, by the name of the Cypher
   * parameter each becomes (RelatedSelection.filter); absent where none is given.
   */
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface RelatedSelection {
  /**
   * The model's fields of this name on the selected types: one, or (on an abstract type, with
   * fragments) one per group of types that walk it differently.
   */
  readonly via: readonly RelationshipField[];
  /** What is read of the nodes at the other end (of a link's `end`). */
  readonly node: NodeSelection;
  /** What is read of the link itself, for a field that returns links. */
  readonly link?: LinkSelection;
  /** The field's filter argument, where the request gives it (model: RelationshipField.filter). */
  readonly filter?: {
    /** The Cypher parameter holding the argument's values (in NodeSelection.params). */
    readonly param: string;
    readonly of: 'node' | 'link';
    readonly property: string;
  };
}

export interface LinkSelection {
  /** role, roleDe, basis, note as selected. */
  readonly fields: readonly string[];
  readonly sources: NodeSelection | null;
  /** The parent, where the link type shows it (Membership.member of memberships). */
  readonly start: NodeSelection | null;
}

export interface PartnersSelection {
  readonly city: NodeSelection;
  readonly sharedActions: NodeSelection;
  readonly sharedMeetings: NodeSelection;
}
