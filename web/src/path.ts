// "How are these connected?": two pickers, the shortest path between the chosen ends as
// steps, and the path drawn and highlighted in the graph.
import { track } from './activity';
import * as api from './api';
import type { PathResult } from './api';
import { combobox } from './combobox';
import { byId, h, replace } from './dom';
import type { GraphFeature } from './graph';
import { label, t } from './i18n';
import { mergeGraph } from './store';
import type { PageStore, PathOutcome } from './store';

export interface PathFeature {
  /** Finds, draws and highlights the path between two entities. */
  draw(fromId: string, toId: string): Promise<void>;
  /** Forgets the path and both ends. */
  clear(): void;
}

export function mountPath(
  page: PageStore,
  handlers: { graph: GraphFeature; open(id: string): void },
): PathFeature {
  const { graph } = handlers;
  const fromBox = combobox({
    label: () => t('from'),
    placeholder: () => t('searchPlaceholder'),
    testid: 'path-from',
    keepValue: true,
    onChoose: () => undefined,
  });
  const toBox = combobox({
    label: () => t('to'),
    placeholder: () => t('searchPlaceholder'),
    testid: 'path-to',
    keepValue: true,
    onChoose: () => void track('path', showChosen),
  });
  byId('path-pickers').append(fromBox.root, toBox.root);
  const result = byId('path-result');

  page.watch(
    (s) => [s.lang],
    () => {
      fromBox.relabel();
      toBox.relabel();
    },
  );
  page.watch(
    (s) => [s.path.outcome, s.lang],
    ([outcome]) => replace(result, ...outcomeView(outcome, handlers.open)),
  );

  async function showChosen(): Promise<void> {
    const from = fromBox.value();
    const to = toBox.value();
    if (!from || !to) {
      page.set((s) => ({ path: { ...s.path, outcome: { status: 'pickBoth' } } }));
      return;
    }
    await draw(from.id, to.id);
  }

  async function draw(fromId: string, toId: string): Promise<void> {
    page.set({ path: { from: fromId, to: toId, outcome: { status: 'loading' } } });
    const path = await api.connection(fromId, toId);
    if (!path) {
      page.set({ path: { from: fromId, to: toId, outcome: { status: 'noPath' } } });
      return;
    }
    // A link names only the ends' ids: the pickers learn their names from the path.
    const first = path.nodes[0];
    const last = path.nodes[path.nodes.length - 1];
    if (first && !fromBox.value()) fromBox.setValue(first);
    if (last && !toBox.value()) toBox.setValue(last);
    const nodes = path.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      nameDe: n.nameDe,
      kind: n.__typename,
    }));
    const before = page.get().graph;
    const anchor = nodes.find((n) => before.nodes.some((drawn) => drawn.id === n.id))?.id;
    page.set((s) => {
      const merged = mergeGraph(s.graph, nodes, path.relationships, anchor, s.nodeCap);
      return {
        graph: merged.graph,
        capNote: merged.left ? { reason: 'full' } : s.capNote,
        path: { from: fromId, to: toId, outcome: { status: 'found', path } },
      };
    });
    const drawn = new Set(before.nodes.map((n) => n.id));
    const added = nodes.filter((n) => !drawn.has(n.id)).map((n) => n.id);
    // What was drawn stays where it is: the path's new nodes gather around the drawn one.
    if (anchor) await graph.view.placeAround(anchor, added);
    else if (added.length) await graph.view.layout({ animate: true });
    await graph.view.fitTo(nodes.map((n) => n.id));
  }

  function clear(): void {
    fromBox.setValue(undefined);
    toBox.setValue(undefined);
    page.set({ path: { outcome: { status: 'none' } } });
  }

  byId('path-show').addEventListener('click', () => void track('path', showChosen));
  byId('path-clear').addEventListener('click', clear);
  return { draw, clear };
}

function outcomeView(outcome: PathOutcome, open: (id: string) => void): HTMLElement[] {
  switch (outcome.status) {
    case 'none':
      return [];
    case 'pickBoth':
      return [h('p', {}, t('pickBoth'))];
    case 'loading':
      return [h('p', { className: 'muted' }, t('loading'))];
    case 'noPath':
      return [h('p', { 'data-testid': 'path-none' }, t('noPath'))];
    case 'found':
      return steps(outcome.path, open);
  }
}

function steps(path: PathResult, open: (id: string) => void): HTMLElement[] {
  const items: HTMLElement[] = [];
  path.nodes.forEach((node, i) => {
    items.push(
      h(
        'li',
        { className: 'path-node', 'data-entity-id': node.id },
        h('span', { className: `kind-dot kind-${node.__typename}`, 'aria-hidden': 'true' }),
        h(
          'button',
          { type: 'button', className: 'link', onclick: () => open(node.id) },
          label(node),
        ),
      ),
    );
    const rel = path.relationships[i];
    if (rel) {
      const forward = rel.from === node.id;
      items.push(
        h('li', { className: 'path-rel' }, forward ? `— ${rel.type} →` : `← ${rel.type} —`),
      );
    }
  });
  return [
    h('p', { 'data-testid': 'path-length' }, `${path.length} ${t('steps')}`),
    h('ol', { className: 'path-steps', 'data-testid': 'path-steps' }, items),
  ];
}
