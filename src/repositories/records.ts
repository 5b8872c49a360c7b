// The shapes the read path (src/translate) returns: one plain record per node holding the
// GraphQL fields the request selected, named and shaped as schema.graphql says, so the default
// resolvers read them. codegen maps the node types onto these (codegen.ts).

/** A node as read: its id and the selected fields (entities of an abstract field: labels). */
export interface NodeRecord {
  id: string;
  /** The node's labels, where the field's type is abstract (Entity, Actor): for resolveType. */
  labels?: string[];
  [field: string]: unknown;
}

/** A page of a list, for the Relay-style connections. */
export interface PageRecord {
  items: NodeRecord[];
  offset: number;
  totalCount: number;
}
