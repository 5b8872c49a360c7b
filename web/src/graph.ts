// The graph feature: draws the store's graph contents with their marks, path and selection,
// the legend and the node list; expands nodes and restores or resets the view.
import type { Core } from 'cytoscape';
import * as api from './api';
import type { Subgraph } from './api';
import type { DrawnNodeFragment } from './generated/graphql';
import { say, track } from './activity';
import { byId, download, h, replace } from './dom';
import { GraphView } from './graph-view';
import { kindLabel, label, t, tWith } from './i18n';
import { KINDS, kindOf } from './kinds';
import type { Kind } from './kinds';
import { gexf, graphml } from './exports';
import { visibility } from './filters';
import { EMPTY_GRAPH, mergeGraph } from './store';
import type { DrawnNode, PageStore } from './store';

declare global {
  interface Window {
    /** The Cytoscape instance, for tests and the curious. */
    __cy?: Core;
  }
}

/** Nodes the API draws around an entity by default (its neighbourhood's `limit`). */
const NEIGHBOURHOOD_LIMIT = 150;
/** The start view asks for this many neighbourhoods at once (every one at the report's scale). */
const PARALLEL_NEIGHBOURHOODS = 8;

/** An entity's neighbourhood as the API answered it, and the node limit it was asked with. */
type Fetched = { id: string; sub: Subgraph; asked: number };

export interface GraphFeature {
  readonly view: GraphView;
  /** Draws the entity's neighbourhood (once) and optionally selects and centres it. */
  expand(id: string, options?: { select?: boolean; centre?: boolean }): Promise<void>;
  /**
   * Draws these entities' neighbourhoods, in this order, or with none (or none that exists)
   * the whole network: every city's and every project's. Lays the graph out afresh; returns the ids not found.
   */
  start(ids: readonly string[]): Promise<string[]>;
}

/** The API's nodes that are entities, as the graph draws them. */
function drawable(nodes: readonly DrawnNodeFragment[]): Omit<DrawnNode, 'near'>[] {
  return nodes.flatMap((n) => {
    const kind = kindOf(n.labels);
    return kind ? [{ id: n.id, name: n.name, nameDe: n.nameDe, kind }] : [];
  });
}

export function mountGraph(
  page: PageStore,
  handlers: {
    /** Show the entity's details. */
    details(id: string): Promise<void>;
    /** Show a drawn edge's role, basis and sources. */
    edge(id: string): void;
    /** Bring the entity into view (node list). */
    focus(id: string): void;
    /** The start view: the path is cleared too. */
    onReset(): void;
  },
): GraphFeature {
  const view = new GraphView(byId('cy'), {
    onTap: (id) => {
      page.set({ selected: id });
      void track('details', () => handlers.details(id));
    },
    onDoubleTap: (id) => void track('expand', () => expand(id, { select: true })),
    onEdgeTap: (id) => handlers.edge(id),
    onHover: (hover) => showHoverCard(hover),
  });
  window.__cy = view.cy;

  view.cy.on('select', 'node', (e) => page.set({ selected: e.target.id() as string }));
  view.cy.on('unselect', 'node', () => {
    if (!view.selectedId()) page.set({ selected: undefined });
  });

  page.watch(
    (s) => [s.graph, s.expanded, s.meetings],
    ([graph, expanded, meetings]) => {
      view.sync(graph);
      const planned = meetings.filter((m) => m.status === 'PLANNED').map((m) => m.id);
      view.mark(new Set(expanded), new Set(planned));
    },
  );
  /** Lays the shown graph out in the chosen layout. */
  const arrange = (options: { randomize?: boolean } = {}) =>
    view.layout({ animate: true, name: page.get().layout, ...options });
  page.watch(
    (s) => [s.graph, s.filters, s.hidden, s.meetings, s.actions],
    () => view.show(visibility(page.get())),
  );
  const layoutPick = byId<HTMLSelectElement>('layout');
  layoutPick.addEventListener('change', () =>
    page.set({ layout: layoutPick.value === 'concentric' ? 'concentric' : 'force' }),
  );
  page.watch(
    (s) => [s.layout],
    ([layout]) => {
      layoutPick.value = layout;
      void track('layout', () => arrange());
    },
  );
  page.watch(
    (s) => [s.graph, s.path.outcome],
    ([, outcome]) => {
      if (outcome.status === 'found') {
        view.highlightPath(
          outcome.path.nodes.map((n) => n.id),
          outcome.path.relationships,
        );
      } else {
        view.clearPath();
      }
    },
  );
  page.watch(
    (s) => [s.graph, s.selected],
    ([, selected]) => view.select(selected && view.has(selected) ? selected : undefined),
  );
  page.watch(
    (s) => [s.lang],
    () => view.relabel(),
  );
  page.watch(
    (s) => [s.view],
    ([shown]) => {
      if (shown === 'graph') view.cy.resize();
    },
  );

  // ---- the cap: what the view left out, and how to narrow it ----

  page.watch(
    (s) => [s.capNote, s.nodeCap, s.lang],
    ([note, cap]) => {
      const box = byId('cap-note');
      box.hidden = !note;
      if (!note) return;
      box.textContent =
        note.reason === 'start'
          ? tWith('capStart', { shown: note.shown, of: note.of, cap })
          : tWith('capFull', { cap });
    },
  );

  // ---- legend and node list (the graph's nodes as buttons: the keyboard reaches each) ----

  page.watch(
    (s) => [s.lang],
    () =>
      replace(
        byId('legend'),
        KINDS.map((kind) =>
          h(
            'li',
            { 'data-kind': kind },
            h('span', { className: `legend-shape kind-${kind}`, 'aria-hidden': 'true' }),
            kindLabel(kind),
          ),
        ),
        h(
          'li',
          { 'data-kind': 'planned' },
          h('span', { className: 'legend-shape planned-shape', 'aria-hidden': 'true' }),
          t('planned'),
        ),
      ),
  );

  const nodeListBox = byId<HTMLDetailsElement>('node-list-box');
  const order = (kind: Kind) => KINDS.indexOf(kind);
  const renderNodeList = () => {
    const { nodes } = page.get().graph;
    byId('node-count').textContent = String(nodes.length);
    if (!nodeListBox.open) return;
    replace(
      byId('node-list'),
      [...nodes]
        .sort((a, b) => order(a.kind) - order(b.kind) || label(a).localeCompare(label(b)))
        .map((n) =>
          h(
            'li',
            {},
            h('span', { className: `kind-dot kind-${n.kind}`, 'aria-hidden': 'true' }),
            h(
              'button',
              {
                type: 'button',
                className: 'link',
                'aria-label': `${kindLabel(n.kind)}: ${label(n)}`,
                onclick: () => handlers.focus(n.id),
              },
              label(n),
            ),
          ),
        ),
    );
  };
  page.watch((s) => [s.graph, s.lang], renderNodeList);
  nodeListBox.addEventListener('toggle', renderNodeList);

  // ---- hover card: kind, name and connections in view of the node under the pointer ----

  const hoverCard = byId('hover-card');
  function showHoverCard(hover: { id: string; x: number; y: number } | undefined): void {
    const node = hover && page.get().graph.nodes.find((n) => n.id === hover.id);
    if (!hover || !node) {
      hoverCard.hidden = true;
      return;
    }
    replace(
      hoverCard,
      h('span', { className: `kind-badge kind-${node.kind}` }, kindLabel(node.kind)),
      h('strong', {}, label(node)),
      h('span', {}, `${view.cy.getElementById(node.id).degree(false)} ${t('connections')}`),
    );
    hoverCard.style.left = `${hover.x + 14}px`;
    hoverCard.style.top = `${hover.y + 14}px`;
    hoverCard.hidden = false;
  }

  // ---- expanding, within the cap ----------------------------------------------------------

  /** How many more nodes the view may draw. */
  const room = () => page.get().nodeCap - page.get().graph.nodes.length;
  /** Nodes to ask for around one entity: the API's default, or fewer where the view is nearly full. */
  const limit = () => Math.max(1, Math.min(NEIGHBOURHOOD_LIMIT, room()));

  /**
   * Adds these neighbourhoods, in order, while the view has room (an entity counts as expanded
   * if it is drawn); says when the cap or the API's limit left nodes out. One store update for
   * all of them: every update re-renders the graph's views (bench/README.md, "The explorer").
   */
  function addNeighbourhoods(drawn: readonly Fetched[]): void {
    if (!drawn.length) return;
    page.set((s) => {
      let { graph, expanded, capNote } = s;
      for (const { id, sub, asked } of drawn) {
        const merged = mergeGraph(graph, drawable(sub.nodes), sub.relationships, id, s.nodeCap);
        graph = merged.graph;
        if (merged.graph.nodes.some((n) => n.id === id) && !expanded.includes(id))
          expanded = [...expanded, id];
        if (merged.left || (sub.truncated && asked < NEIGHBOURHOOD_LIMIT))
          capNote = { reason: 'full' };
      }
      return { graph, expanded, capNote };
    });
    if (drawn.some(({ sub, asked }) => sub.truncated && asked >= NEIGHBOURHOOD_LIMIT))
      say(t('truncated'));
  }

  // A double click taps twice: both taps share one request.
  const expanding = new Map<string, Promise<void>>();

  async function expand(
    id: string,
    options: { select?: boolean; centre?: boolean } = {},
  ): Promise<void> {
    if (options.select && view.has(id)) page.set({ selected: id });
    // The view is full and the entity not in it (a search hit, a link): start afresh around it.
    if (!view.has(id) && room() <= 0)
      page.set({ graph: EMPTY_GRAPH, expanded: [], capNote: undefined });
    if (!page.get().expanded.includes(id)) {
      let loading = expanding.get(id);
      if (!loading) {
        loading = (async () => {
          const asked = limit();
          const sub = await api.neighbourhood(id, asked);
          const before = new Set(page.get().graph.nodes.map((n) => n.id));
          addNeighbourhoods([{ id, sub, asked }]);
          const added = page
            .get()
            .graph.nodes.filter((n) => !before.has(n.id))
            .map((n) => n.id);
          // What was drawn stays where it is: the new nodes gather around this one.
          await view.placeAround(id, added);
          if (!options.centre) await view.reveal([id, ...added]);
        })().finally(() => expanding.delete(id));
        expanding.set(id, loading);
      }
      await loading;
    }
    if (options.select) page.set({ selected: id });
    if (options.centre) await view.centre(id);
  }

  /**
   * Draws the neighbourhoods of those of these ids that exist, in this order, a few at a time,
   * while the view has room; returns the ids not found.
   */
  async function draw(ids: readonly string[]): Promise<string[]> {
    const missing: string[] = [];
    for (let next = 0; next < ids.length && room() > 0; next += PARALLEL_NEIGHBOURHOODS) {
      const batch = ids.slice(next, next + PARALLEL_NEIGHBOURHOODS);
      const asked = limit();
      const results = await Promise.allSettled(batch.map((id) => api.neighbourhood(id, asked)));
      const drawn: Fetched[] = [];
      results.forEach((result, i) => {
        const id = batch[i];
        if (id === undefined) return;
        if (result.status === 'fulfilled') drawn.push({ id, sub: result.value, asked });
        else if (api.isNotFound(result.reason)) missing.push(id);
        else say(`${t('error')}: ${(result.reason as Error).message}`);
      });
      addNeighbourhoods(drawn);
    }
    return missing;
  }

  async function start(ids: readonly string[]): Promise<string[]> {
    page.set({ capNote: undefined });
    const missing = await draw(ids);
    if (!page.get().graph.nodes.length) {
      const hubs = await api.networkHubs();
      performance.mark('explorer:hubs'); // the phases of the first view, for bench/explorer.ts
      await draw(hubs.ids);
      performance.mark('explorer:drawn');
      const expanded = new Set(page.get().expanded);
      const shown = hubs.ids.filter((id) => expanded.has(id)).length;
      if (shown < hubs.total || page.get().capNote) {
        page.set({ capNote: { reason: 'start', shown, of: hubs.total } });
      }
    }
    await view.layout({ animate: false, randomize: true, fit: true, name: page.get().layout });
    return missing;
  }

  // ---- toolbar ----------------------------------------------------------------------------

  const onClick = (id: string, action: () => void | Promise<void>) =>
    byId(id).addEventListener('click', () => void track(id, async () => action()));

  onClick('btn-fit', () => view.fit());
  onClick('btn-relayout', () => arrange({ randomize: true }));
  onClick('btn-reset', async () => {
    page.set({ graph: EMPTY_GRAPH, expanded: [] });
    handlers.onReset();
    await start([]);
    page.set({ selected: undefined });
  });
  onClick('btn-expand', async () => {
    const id = view.selectedId();
    if (id) await expand(id, { select: true, centre: true });
  });
  onClick('btn-details', async () => {
    const id = view.selectedId();
    if (id) await handlers.details(id);
  });
  onClick('btn-png', () => download('creative-cities-graph.png', view.png()));
  onClick('btn-graphml', () =>
    download(
      'creative-cities-graph.graphml',
      new Blob([graphml(page.get().graph)], { type: 'application/graphml+xml' }),
    ),
  );
  onClick('btn-gexf', () =>
    download(
      'creative-cities-graph.gexf',
      new Blob([gexf(page.get().graph)], { type: 'application/gexf+xml' }),
    ),
  );
  onClick('btn-json', () => {
    const { graph, expanded } = page.get();
    const data = {
      nodes: graph.nodes.map(({ id, kind, name, nameDe }) => ({ id, kind, name, nameDe })),
      relationships: graph.edges,
      expanded,
      selected: view.selectedId() ?? null,
    };
    download(
      'creative-cities-subgraph.json',
      new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
    );
  });

  return { view, expand, start };
}
