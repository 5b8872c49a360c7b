import type { GraphData, GraphNode } from '../ingest/graph-data';
import { factFileSource } from './facts';
import { reportSource } from './report';
import type { SourcePlugin } from './types';

/**
 * The sources the graph is loaded from, in order: a source may point at entities of the
 * sources before it. Adding a source: its plug-in and an entry here (docs/architecture.md).
 */
export const SOURCES: readonly SourcePlugin[] = [
  reportSource as SourcePlugin,
  factFileSource() as SourcePlugin,
];

export type BuiltSource = { source: SourcePlugin; graph: GraphData };

/**
 * Reads, validates and builds every source before anything is written (one broken file stops
 * the load with nothing written). A node that several sources carry (an entity merged across
 * documents) is carried with the same properties by each, the later sources' winning, so that
 * loading any of them writes the same node and loading all twice changes nothing.
 */
export function buildSources(sources: readonly SourcePlugin[] = SOURCES): BuiltSource[] {
  const nodes = new Map<string, GraphNode>();
  const built = sources.map((source) => {
    const graph = source.toGraph(source.read(), { nodes });
    for (const node of graph.nodes) nodes.set(node.id, node);
    return { source, graph };
  });
  return built.map(({ source, graph }) => ({
    source,
    graph: { ...graph, nodes: graph.nodes.map((node) => nodes.get(node.id)!) },
  }));
}
