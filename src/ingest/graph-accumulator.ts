import { AnnotationError } from './errors';
import { GraphData, GraphNode, GraphRelationship } from './graph-data';

/** Where a node or relationship was declared, for error messages. */
export type Origin = { file: string; entry: string };

type Props = Record<string, unknown>;

/** Drops undefined values: Neo4j cannot store them and `SET n += {x: null}` would delete x. */
export function definedProps(props: Props): Props {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined));
}

/** Collects nodes and relationships in declaration order, refusing duplicates. */
export class GraphAccumulator {
  private readonly nodes = new Map<string, { node: GraphNode; origin: Origin }>();
  private readonly relationships = new Map<string, { rel: GraphRelationship; origin: Origin }>();

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  labelsOf(id: string): readonly string[] {
    return this.nodes.get(id)?.node.labels ?? [];
  }

  addNode(node: GraphNode, origin: Origin): void {
    const existing = this.nodes.get(node.id);
    if (existing) {
      const where = `${existing.origin.file}, entry "${existing.origin.entry}"`;
      throw new AnnotationError(
        origin.file,
        origin.entry,
        `duplicate id "${node.id}" (also in ${where})`,
      );
    }
    this.nodes.set(node.id, { node: { ...node, props: definedProps(node.props) }, origin });
  }

  /** Adds properties to a node added before (what needs its passages resolved first). */
  setNodeProps(id: string, props: Props): void {
    const entry = this.nodes.get(id)!;
    entry.node = { ...entry.node, props: { ...entry.node.props, ...definedProps(props) } };
  }

  /** Adds a node unless one with its id exists (shared Source passages). */
  addNodeOnce(node: GraphNode, origin: Origin): void {
    if (!this.nodes.has(node.id)) this.addNode(node, origin);
  }

  addRelationship(rel: GraphRelationship, origin: Origin, options: { once?: boolean } = {}): void {
    const key = `${rel.from}\u0000${rel.type}\u0000${rel.to}\u0000${rel.key ?? ''}`;
    if (this.relationships.has(key)) {
      if (options.once) return;
      throw new AnnotationError(
        origin.file,
        origin.entry,
        `duplicate relationship (${rel.from})-[:${rel.type}]->(${rel.to})`,
      );
    }
    this.relationships.set(key, { rel: { ...rel, props: definedProps(rel.props) }, origin });
  }

  toGraphData(): GraphData {
    return {
      nodes: [...this.nodes.values()].map(({ node }) => node),
      relationships: [...this.relationships.values()].map(({ rel }) => rel),
    };
  }
}
