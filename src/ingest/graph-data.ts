/**
 * A graph ready to be written: what buildReportGraph produces and writeGraph consumes (the
 * benchmark generator produces it too). Property values must be storable by Neo4j: strings,
 * numbers, booleans or arrays of those.
 */
export type GraphNode = {
  labels: string[];
  id: string;
  props: Record<string, unknown>;
};

export type GraphRelationship = {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
  /** Tells apart several relationships of one type between the same two nodes. */
  key?: string;
};

export type GraphData = {
  nodes: GraphNode[];
  relationships: GraphRelationship[];
  /**
   * The document the graph is read from (a Document node of the data): writeGraph records each
   * load that changes the graph as a Change of it, and places the Sources no load placed.
   */
  document?: { id: string; title: string };
};
