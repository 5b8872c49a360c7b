// The page's state in one store. Features render from it and re-render when a part they watch
// changes (the language included); user actions and the API's answers change it. Built on
// zustand's vanilla store; `watch` compares the watched values one by one.
import { subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { shallow } from 'zustand/vanilla/shallow';
import type {
  ActionRow,
  DetailsNeighbourhood,
  EntityDetails,
  GraphRelationship,
  MeetingSummary,
  Named,
  PathResult,
  ProjectRow,
} from './api';
import type { Lang } from './i18n';
import type { Kind } from './kinds';

export type View = 'graph' | 'table';

export type DrawnNode = Named & {
  kind: Kind;
  /** The node it was drawn from: it first appears beside it. */
  near?: string;
};

/** One drawn edge per (from, type, to): the API may name the same relationship twice. */
export type DrawnEdge = Pick<
  GraphRelationship,
  'type' | 'from' | 'to' | 'role' | 'roleDe' | 'basis'
> & {
  id: string;
  sources: GraphRelationship['sources'];
};

export interface GraphContents {
  nodes: readonly DrawnNode[];
  edges: readonly DrawnEdge[];
}

export type DetailsState =
  | { status: 'none' }
  | { status: 'loading'; id: string }
  | { status: 'missing'; id: string }
  /** A clicked edge: its type, ends, role, basis and sources. */
  | { status: 'edge'; edge: DrawnEdge }
  | { status: 'shown'; id: string; entity: EntityDetails; neighbourhood: DetailsNeighbourhood };

export type PathOutcome =
  | { status: 'none' }
  | { status: 'pickBoth' }
  | { status: 'loading' }
  | { status: 'noPath' }
  | { status: 'found'; path: PathResult };

export interface TableFilters {
  field?: string;
  city?: string;
  project?: string;
  /** An action kind, e.g. WORK_PACKAGE. */
  kind?: string;
  /** e.g. 'lead' or '-lead' for descending (actions with a lead always first). */
  sort?: string;
  /** Only actions with a lead. */
  hasLead?: boolean;
}

/** Which drawn nodes and edges the graph shows ('' or undefined: all). */
export interface GraphFilters {
  hiddenKinds: readonly Kind[];
  year?: number;
  field?: string;
  city?: string;
  basis?: 'STATED' | 'INFERRED';
}

export type LayoutName = 'force' | 'concentric';

/** At most this many nodes are drawn at once, unless the server says otherwise. */
export const DEFAULT_NODE_CAP = 300;

/** Why the graph shows less than was asked for: it holds its cap of nodes. */
export type CapNote =
  /** The whole-network view: the neighbourhoods of `shown` of `of` cities and projects. */
  | { reason: 'start'; shown: number; of: number }
  /** An expansion or a path found the view full and left nodes out. */
  | { reason: 'full' };

export interface PageState {
  lang: Lang;
  view: View;
  /** The selected node (it may not be drawn yet). */
  selected?: string;
  graph: GraphContents;
  /** Entities whose neighbourhood is drawn, in the order they were expanded. */
  expanded: readonly string[];
  details: DetailsState;
  filters: GraphFilters;
  /** At most this many nodes are drawn (the server's EXPLORER_NODE_CAP, or the default). */
  nodeCap: number;
  /** Set while the graph holds its cap and left nodes out. */
  capNote?: CapNote;
  /** Neo4j Browser's address where the server knows it. */
  neo4jBrowserUrl?: string;
  /** Nodes the user hid, in the order hidden (undo shows the last again). */
  hidden: readonly string[];
  layout: LayoutName;
  /** The ends of the path asked for, and what came of it. */
  path: { from?: string; to?: string; outcome: PathOutcome };
  meetings: readonly MeetingSummary[];
  /** The table's rows, once loaded. */
  actions?: readonly ActionRow[];
  /** The projects with their partners, loaded with the table's rows. */
  projects?: readonly ProjectRow[];
  table: TableFilters;
  /** Work in flight, by name: tests wait until there is none. */
  running: readonly string[];
  /** The status line. */
  status: string;
}

/** The entity the details panel shows or loads, if any. */
export function detailsId(state: PageState): string | undefined {
  const { details } = state;
  return details.status === 'none' || details.status === 'edge' ? undefined : details.id;
}

export const EMPTY_GRAPH: GraphContents = { nodes: [], edges: [] };

export function initialPageState(overrides: Partial<PageState> = {}): PageState {
  return {
    lang: 'en',
    view: 'graph',
    graph: EMPTY_GRAPH,
    expanded: [],
    nodeCap: DEFAULT_NODE_CAP,
    details: { status: 'none' },
    filters: { hiddenKinds: [] },
    hidden: [],
    layout: 'force',
    path: { outcome: { status: 'none' } },
    meetings: [],
    table: {},
    running: [],
    status: '',
    ...overrides,
  };
}

export function edgeKey(r: Pick<GraphRelationship, 'from' | 'type' | 'to'>): string {
  return `${r.from}>${r.type}>${r.to}`;
}

/**
 * The graph with these nodes and relationships added: nodes not drawn yet (drawn beside
 * `near`) while it holds fewer than `cap`, in the order given, and relationships whose ends
 * are both drawn, once per (from, type, to). `left` counts the nodes the cap left out.
 */
export function mergeGraph(
  graph: GraphContents,
  nodes: readonly Omit<DrawnNode, 'near'>[],
  relationships: readonly GraphRelationship[],
  near: string | undefined,
  cap: number,
): { graph: GraphContents; left: number } {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const added: DrawnNode[] = [];
  let left = 0;
  for (const node of nodes) {
    if (ids.has(node.id)) continue;
    if (ids.size >= cap) {
      left += 1;
      continue;
    }
    ids.add(node.id);
    added.push(near && near !== node.id ? { ...node, near } : { ...node });
  }
  const keys = new Set(graph.edges.map((e) => e.id));
  const edges: DrawnEdge[] = [];
  for (const r of relationships) {
    const id = edgeKey(r);
    if (keys.has(id) || !ids.has(r.from) || !ids.has(r.to)) continue;
    keys.add(id);
    edges.push({
      id,
      type: r.type,
      from: r.from,
      to: r.to,
      role: r.role ?? null,
      roleDe: r.roleDe ?? null,
      basis: r.basis ?? null,
      sources: r.sources ?? [],
    });
  }
  if (!added.length && !edges.length) return { graph, left };
  return { graph: { nodes: [...graph.nodes, ...added], edges: [...graph.edges, ...edges] }, left };
}

export function createPageStore(initial: PageState) {
  const store = createStore<PageState>()(subscribeWithSelector(() => initial));
  return {
    get: store.getState,
    /** Changes the named parts; a function receives the current state. */
    set(change: Partial<PageState> | ((state: PageState) => Partial<PageState>)): void {
      store.setState(change);
    },
    /**
     * Calls `render` with the values `select` picks, now and whenever one of them changes
     * (compared one by one with Object.is). Returns the function that stops watching.
     */
    watch<const T extends readonly unknown[]>(
      select: (state: PageState) => T,
      render: (values: T) => void,
    ): () => void {
      return store.subscribe(select, render, { equalityFn: shallow, fireImmediately: true });
    },
  };
}

export type PageStore = ReturnType<typeof createPageStore>;
