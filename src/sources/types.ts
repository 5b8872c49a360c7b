import type { GraphData, GraphNode } from '../ingest/graph-data';

/**
 * What a source builds its graph against: the nodes the sources before it in the registry
 * built, so that it can point at entities of other documents (one identity across documents).
 */
export type SourceContext = { readonly nodes: ReadonlyMap<string, GraphNode> };

/**
 * One kind of document the graph draws on (the report with its annotations, a fact file…).
 * `read` validates everything (a broken file fails with file, entry and one line, before
 * anything is written); `toGraph` turns what was read into the nodes and relationships to write.
 */
export interface SourcePlugin<Read = unknown> {
  /** Names the source in logs and in its load marker. */
  readonly name: string;
  /** The Document ids its Sources are IN_DOCUMENT of. */
  documentIds(): string[];
  read(): Read;
  toGraph(read: Read, context: SourceContext): GraphData;
}
