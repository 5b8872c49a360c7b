// Filters over the drawn graph (kind, year, field of action, city, basis), each option with the
// number of drawn elements it keeps; nodes hidden one by one, undone in reverse. The graph
// draws what `visibility` keeps; the store holds the choices.
import type { ActionRow, MeetingSummary, Named } from './api';
import { byId, h, replace } from './dom';
import { kindLabel, label, t, valueLabel } from './i18n';
import { KINDS } from './kinds';
import type { Kind } from './kinds';
import type { DrawnEdge, DrawnNode, GraphFilters, PageState, PageStore } from './store';

/** What the graph shows of its contents. */
export interface Visibility {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

/** The years a node is dated to: a meeting's year, an action's start to end. */
function yearsOf(
  node: DrawnNode,
  meetings: ReadonlyMap<string, MeetingSummary>,
  actions: ReadonlyMap<string, ActionRow>,
): number[] {
  const meeting = meetings.get(node.id);
  if (meeting) return [meeting.year];
  const action = actions.get(node.id);
  const from = Number(action?.start?.slice(0, 4));
  const to = Number(action?.end?.slice(0, 4)) || from;
  if (!from) return [];
  return Array.from({ length: Math.max(0, to - from) + 1 }, (_, i) => from + i);
}

/** The cities an action involves: those of its leads and contributors. */
function citiesOfAction(action: ActionRow): Set<string> {
  const ids = new Set<string>();
  for (const { actor } of [...action.leadership, ...action.contributors]) {
    if (actor.__typename === 'City') ids.add(actor.id);
    else if (actor.__typename === 'Institution' && actor.city) ids.add(actor.city.id);
  }
  return ids;
}

interface Facts {
  years: (node: DrawnNode) => number[];
  field: (node: DrawnNode) => string | undefined;
  cities: (node: DrawnNode) => Set<string>;
}

function factsOf(state: PageState): Facts {
  const meetings = new Map(state.meetings.map((m) => [m.id, m] as const));
  const actions = new Map((state.actions ?? []).map((a) => [a.id, a] as const));
  const neighbours = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const set = neighbours.get(a) ?? new Set<string>();
    set.add(b);
    neighbours.set(a, set);
  };
  for (const e of state.graph.edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  const cityIds = new Set(state.graph.nodes.filter((n) => n.kind === 'City').map((n) => n.id));
  return {
    years: (node) => yearsOf(node, meetings, actions),
    field: (node) =>
      actions.get(node.id)?.field?.id ?? (node.kind === 'FieldOfAction' ? node.id : undefined),
    cities: (node) => {
      if (node.kind === 'City') return new Set([node.id]);
      const action = actions.get(node.id);
      const ids = action ? citiesOfAction(action) : new Set<string>();
      for (const other of neighbours.get(node.id) ?? []) if (cityIds.has(other)) ids.add(other);
      return ids;
    },
  };
}

/** Does the node pass the filters? Undated nodes pass a year, nodes without a field a field. */
function keeps(node: DrawnNode, filters: GraphFilters, facts: Facts): boolean {
  if (filters.hiddenKinds.includes(node.kind)) return false;
  if (filters.year !== undefined) {
    const years = facts.years(node);
    if (years.length && !years.includes(filters.year)) return false;
  }
  if (filters.field) {
    const field = facts.field(node);
    if (field && field !== filters.field) return false;
  }
  if (filters.city && !facts.cities(node).has(filters.city)) return false;
  return true;
}

function keepsEdge(edge: DrawnEdge, filters: GraphFilters): boolean {
  return !filters.basis || !edge.basis || edge.basis === filters.basis;
}

export function visibility(state: PageState): Visibility {
  const facts = factsOf(state);
  const hidden = new Set(state.hidden);
  const nodes = new Set(
    state.graph.nodes
      .filter((n) => !hidden.has(n.id) && keeps(n, state.filters, facts))
      .map((n) => n.id),
  );
  const edges = new Set(
    state.graph.edges
      .filter((e) => nodes.has(e.from) && nodes.has(e.to) && keepsEdge(e, state.filters))
      .map((e) => e.id),
  );
  return { nodes, edges };
}

/** A labelled select whose options carry their counts; '' is "all". */
function select(
  testid: string,
  title: string,
  value: string,
  options: readonly { value: string; text: string; count: number }[],
  all: number,
  onChange: (value: string) => void,
): HTMLElement {
  const id = `filter-${testid}`;
  return h(
    'div',
    { className: 'filter' },
    h('label', { for: id }, title),
    h(
      'select',
      {
        id,
        'data-testid': `filter-${testid}`,
        onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value),
      },
      h('option', { value: '', selected: value === '' }, `${t('all')} (${all})`),
      options.map((o) =>
        h('option', { value: o.value, selected: o.value === value }, `${o.text} (${o.count})`),
      ),
    ),
  );
}

function render(container: HTMLElement, state: PageState, page: PageStore): void {
  const { graph, filters } = state;
  const facts = factsOf(state);
  const set = (change: Partial<GraphFilters>) =>
    page.set((s) => ({ filters: { ...s.filters, ...change } }));
  const count = (test: (n: DrawnNode) => boolean) => graph.nodes.filter(test).length;

  const kinds = KINDS.filter((kind) => graph.nodes.some((n) => n.kind === kind));
  const years = [...new Set(graph.nodes.flatMap(facts.years))].sort();
  const fields = graph.nodes.filter((n) => n.kind === 'FieldOfAction');
  const fieldIds = new Set(graph.nodes.map(facts.field).filter(Boolean));
  const cities = graph.nodes.filter((n) => n.kind === 'City');
  const names = new Map<string, Named>(
    (state.actions ?? []).flatMap((a) => (a.field ? [[a.field.id, a.field] as const] : [])),
  );
  for (const f of fields) names.set(f.id, f);
  const stated = graph.edges.filter((e) => e.basis === 'STATED').length;
  const inferred = graph.edges.filter((e) => e.basis === 'INFERRED').length;

  replace(
    container,
    h(
      'fieldset',
      { className: 'filter-kinds', 'data-testid': 'filter-kinds' },
      h('legend', {}, t('kinds')),
      kinds.map((kind: Kind) =>
        h(
          'label',
          { className: 'filter-kind' },
          h('input', {
            type: 'checkbox',
            'data-kind': kind,
            checked: !filters.hiddenKinds.includes(kind),
            onchange: (e: Event) =>
              set({
                hiddenKinds: (e.target as HTMLInputElement).checked
                  ? filters.hiddenKinds.filter((k) => k !== kind)
                  : [...filters.hiddenKinds, kind],
              }),
          }),
          `${kindLabel(kind)} (${count((n) => n.kind === kind)})`,
        ),
      ),
    ),
    select(
      'year',
      t('year'),
      filters.year === undefined ? '' : String(filters.year),
      years.map((y) => ({
        value: String(y),
        text: String(y),
        count: count((n) => facts.years(n).includes(y)),
      })),
      count((n) => facts.years(n).length > 0),
      (v) => set({ year: v ? Number(v) : undefined }),
    ),
    select(
      'field',
      kindLabel('FieldOfAction'),
      filters.field ?? '',
      [...fieldIds].flatMap((id) => {
        const named = id ? names.get(id) : undefined;
        return id && named
          ? [{ value: id, text: label(named), count: count((n) => facts.field(n) === id) }]
          : [];
      }),
      count((n) => facts.field(n) !== undefined),
      (v) => set({ field: v || undefined }),
    ),
    select(
      'city',
      kindLabel('City'),
      filters.city ?? '',
      cities.map((c) => ({
        value: c.id,
        text: label(c),
        count: count((n) => facts.cities(n).has(c.id)),
      })),
      graph.nodes.length,
      (v) => set({ city: v || undefined }),
    ),
    select(
      'basis',
      t('basis'),
      filters.basis ?? '',
      [
        { value: 'STATED', text: valueLabel('STATED'), count: stated },
        { value: 'INFERRED', text: valueLabel('INFERRED'), count: inferred },
      ],
      graph.edges.length,
      (v) => set({ basis: v === 'STATED' || v === 'INFERRED' ? v : undefined }),
    ),
  );
}

export function mountFilters(page: PageStore, selectedId: () => string | undefined): void {
  const container = byId('filters-body');
  page.watch(
    (s) => [s.graph, s.filters, s.meetings, s.actions, s.lang],
    () => render(container, page.get(), page),
  );
  const hideButton = byId<HTMLButtonElement>('btn-hide');
  const undoButton = byId<HTMLButtonElement>('btn-undo-hide');
  hideButton.addEventListener('click', () => {
    const id = selectedId();
    if (id) page.set((s) => ({ hidden: [...s.hidden, id], selected: undefined }));
  });
  undoButton.addEventListener('click', () => page.set((s) => ({ hidden: s.hidden.slice(0, -1) })));
  page.watch(
    (s) => [s.hidden],
    ([hidden]) => {
      undoButton.disabled = hidden.length === 0;
      byId('hidden-count').textContent = hidden.length ? ` (${hidden.length})` : '';
    },
  );
}
