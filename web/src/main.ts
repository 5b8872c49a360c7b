// The explorer page: wires the graph, search, details, path finder, timeline and table
// to the GraphQL API and keeps the view in the URL.
import type { Core } from 'cytoscape';
import * as api from './api';
import { KINDS } from './api';
import type {
  ActionRow,
  EntityDetails,
  GraphRelationship,
  MeetingSummary,
  PathResult,
  Subgraph,
} from './api';
import { renderDetails } from './details';
import { byId, download, h, replace } from './dom';
import { GraphView, KIND_STYLES, kindOf } from './graph';
import type { DrawableNode } from './graph';
import { kindLabel, label, lang, setLang, t } from './i18n';
import type { Lang, StringKey } from './i18n';
import { combobox } from './search';
import { formatState, parseState } from './state';
import type { View } from './state';
import { renderTable } from './table';
import type { TableState } from './table';
import { renderTimeline } from './timeline';

declare global {
  interface Window {
    /** The Cytoscape instance, for tests and the curious. */
    __cy?: Core;
    /** Milliseconds from navigation start until the first graph view was drawn. */
    __firstViewMs?: number;
  }
}

const START_ID = 'city/leipzig';

const state = parseState(location.hash);
setLang(state.lang);

const statusEl = byId('status');
const detailsEl = byId('details-body');
const detailsSection = byId('details');
const pathResultEl = byId('path-result');
const timelineEl = byId('timeline');
const tableEl = byId('table-body');
const nodeListBox = byId<HTMLDetailsElement>('node-list-box');
const nodeListEl = byId('node-list');

const expanded: string[] = [];
let meetingList: MeetingSummary[] = [];
let plannedIds = new Set<string>();
let actionRows: ActionRow[] | undefined;
let shownDetails: { entity: EntityDetails; neighbourhood: Subgraph | null } | undefined;
let shownPath: PathResult | undefined;

// ---- bookkeeping -------------------------------------------------------------------------

const running: string[] = [];
function setRunning(what: string, on: boolean): void {
  if (on) running.push(what);
  else running.splice(running.indexOf(what), 1);
  document.body.dataset.pending = String(running.length);
  document.body.dataset.running = running.join(' ');
}

/**
 * Runs a user action, reporting failures in the status line. Tests wait for
 * data-pending="0"; data-running names what is still going on.
 */
async function track(what: string, work: () => Promise<void>): Promise<void> {
  setRunning(what, true);
  try {
    await work();
  } catch (error) {
    console.error(error);
    say(`${t('error')}: ${(error as Error).message}`);
  } finally {
    setRunning(what, false);
  }
}

function say(message: string): void {
  statusEl.textContent = message;
}

/** While the page restores the view from the URL, the URL is the truth: leave it be. */
let restoring = true;

function syncUrl(): void {
  if (restoring) return;
  state.exp = [...expanded];
  state.lang = lang();
  const hash = formatState(state);
  history.replaceState(null, '', hash || location.pathname + location.search);
}

// ---- graph -------------------------------------------------------------------------------

const graph = new GraphView(byId('cy'), {
  onTap: (id) => void track('expand', () => expand(id, { select: true })),
  onDoubleTap: (id) => void track('details', () => showDetails(id, { focus: true })),
});
window.__cy = graph.cy;

graph.cy.on('select', 'node', (e) => {
  state.sel = e.target.id() as string;
  syncUrl();
});
graph.cy.on('unselect', 'node', () => {
  if (!graph.selectedId()) {
    state.sel = undefined;
    syncUrl();
  }
});
graph.cy.on('add remove', () => scheduleNodeList());

function drawable(
  nodes: { id: string; name: string; nameDe?: string | null; kind?: string; labels?: string[] }[],
): DrawableNode[] {
  const out: DrawableNode[] = [];
  for (const n of nodes) {
    const kind = n.labels ? kindOf(n.labels) : KINDS.find((k) => k === n.kind);
    if (kind) out.push({ id: n.id, name: n.name, nameDe: n.nameDe, kind });
  }
  return out;
}

function addToGraph(
  nodes: DrawableNode[],
  relationships: GraphRelationship[],
  anchor?: string,
): string[] {
  const added = graph.merge(nodes, relationships, anchor);
  graph.markPlanned(added.filter((id) => plannedIds.has(id)));
  return added;
}

function addSubgraph(id: string, sub: Subgraph): void {
  addToGraph(drawable(sub.nodes), sub.relationships, id);
  if (!expanded.includes(id)) expanded.push(id);
  graph.setExpanded(id, true);
  if (sub.truncated) say(t('truncated'));
}

const expanding = new Map<string, Promise<void>>();

/** Draws the entity's neighbourhood (once) and optionally selects and centres it. */
async function expand(
  id: string,
  options: { select?: boolean; centre?: boolean } = {},
): Promise<void> {
  if (options.select && graph.has(id)) graph.select(id);
  if (!expanded.includes(id)) {
    // A double click taps twice: both taps share one request.
    let loading = expanding.get(id);
    if (!loading) {
      loading = (async () => {
        const sub = await api.neighbourhood(id, 1);
        const before = graph.cy.nodes().length;
        addSubgraph(id, sub);
        if (graph.cy.nodes().length !== before) await graph.layout({ animate: true });
      })().finally(() => expanding.delete(id));
      expanding.set(id, loading);
    }
    await loading;
  }
  if (options.select) graph.select(id);
  if (options.centre) await graph.centre(id);
  syncUrl();
}

/** Brings an entity into view: drawn, selected, centred, and its details shown. */
async function focusEntity(id: string): Promise<void> {
  if (state.view === 'graph') {
    await Promise.all([expand(id, { select: true, centre: true }), showDetails(id)]);
  } else {
    await showDetails(id, { focus: true });
  }
}

async function startView(ids: string[]): Promise<void> {
  const results = await Promise.allSettled(ids.map((id) => api.neighbourhood(id, 1)));
  results.forEach((result, i) => {
    const id = ids[i];
    if (id === undefined) return;
    if (result.status === 'fulfilled') addSubgraph(id, result.value);
    else say(`${t('error')}: ${(result.reason as Error).message}`);
  });
  await graph.layout({ animate: false, randomize: true, fit: true });
}

async function resetView(): Promise<void> {
  graph.clear();
  expanded.length = 0;
  clearPath();
  await startView([START_ID]);
  graph.select(START_ID);
  syncUrl();
}

// ---- node list: the graph's nodes as buttons, so the keyboard reaches every one ---------

let nodeListTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleNodeList(): void {
  clearTimeout(nodeListTimer);
  nodeListTimer = setTimeout(renderNodeList, 100);
}

function renderNodeList(): void {
  byId('node-count').textContent = String(graph.cy.nodes().length);
  if (!nodeListBox.open) return;
  const nodes = graph
    .nodes()
    .sort(
      (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || label(a).localeCompare(label(b)),
    );
  replace(
    nodeListEl,
    nodes.map((n) =>
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
            onclick: () => void track('focus', () => focusEntity(n.id)),
          },
          label(n),
        ),
      ),
    ),
  );
}
nodeListBox.addEventListener('toggle', renderNodeList);

// ---- details -----------------------------------------------------------------------------

async function showDetails(id: string, options: { focus?: boolean } = {}): Promise<void> {
  state.details = id;
  syncUrl();
  detailsSection.hidden = false;
  replace(detailsEl, h('p', { className: 'muted' }, t('loading')));
  const result = await api.entityDetails(id);
  if (state.details !== id) return; // another entity was asked for meanwhile
  if (!result.entity) {
    shownDetails = undefined;
    replace(detailsEl, h('p', {}, `${id}: ${t('error')}`));
    return;
  }
  shownDetails = { entity: result.entity, neighbourhood: result.neighbourhood };
  renderDetailsPanel();
  if (options.focus) byId('details-title').focus();
  renderTimelineView();
}

function renderDetailsPanel(): void {
  if (!shownDetails) {
    replace(detailsEl, h('p', { className: 'muted' }, t('detailsEmpty')));
    return;
  }
  replace(
    detailsEl,
    renderDetails(shownDetails.entity, shownDetails.neighbourhood, {
      open: (id) => void track('focus', () => focusEntity(id)),
    }),
  );
}

function closeDetails(): void {
  state.details = undefined;
  shownDetails = undefined;
  renderDetailsPanel();
  renderTimelineView();
  syncUrl();
}

// ---- search and path ---------------------------------------------------------------------

const mainSearch = combobox({
  label: () => t('search'),
  placeholder: () => t('searchPlaceholder'),
  testid: 'search',
  keepValue: false,
  onChoose: (entity) => void track('focus', () => focusEntity(entity.id)),
});
byId('search-slot').append(mainSearch.root);

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
  onChoose: () => void track('path', showPath),
});
byId('path-pickers').append(fromBox.root, toBox.root);

async function showPath(): Promise<void> {
  const from = fromBox.value();
  const to = toBox.value();
  if (!from || !to) {
    replace(pathResultEl, h('p', {}, t('pickBoth')));
    return;
  }
  state.from = from.id;
  state.to = to.id;
  syncUrl();
  await drawPath(from.id, to.id);
}

async function drawPath(fromId: string, toId: string): Promise<void> {
  replace(pathResultEl, h('p', { className: 'muted' }, t('loading')));
  const path = await api.connection(fromId, toId);
  shownPath = path ?? undefined;
  if (!path) {
    graph.clearPath();
    replace(pathResultEl, h('p', { 'data-testid': 'path-none' }, t('noPath')));
    return;
  }
  const first = path.nodes[0];
  const last = path.nodes[path.nodes.length - 1];
  if (first && !fromBox.value()) fromBox.setValue(first);
  if (last && !toBox.value()) toBox.setValue(last);
  const nodes = drawable(path.nodes.map((n) => ({ ...n, kind: n.__typename })));
  const anchor = nodes.find((n) => graph.has(n.id))?.id;
  const added = addToGraph(nodes, path.relationships, anchor);
  if (added.length) await graph.layout({ animate: true });
  graph.highlightPath(
    nodes.map((n) => n.id),
    path.relationships,
  );
  renderPathResult();
  await graph.fitTo(nodes.map((n) => n.id));
}

function renderPathResult(): void {
  const path = shownPath;
  if (!path) {
    replace(pathResultEl);
    return;
  }
  const steps: HTMLElement[] = [];
  path.nodes.forEach((node, i) => {
    steps.push(
      h(
        'li',
        { className: 'path-node', 'data-entity-id': node.id },
        h('span', { className: `kind-dot kind-${node.__typename}`, 'aria-hidden': 'true' }),
        h(
          'button',
          {
            type: 'button',
            className: 'link',
            onclick: () => void track('focus', () => focusEntity(node.id)),
          },
          label(node),
        ),
      ),
    );
    const rel = path.relationships[i];
    if (rel) {
      const forward = rel.from === node.id;
      steps.push(
        h('li', { className: 'path-rel' }, forward ? `— ${rel.type} →` : `← ${rel.type} —`),
      );
    }
  });
  replace(
    pathResultEl,
    h('p', { 'data-testid': 'path-length' }, `${path.length} ${t('steps')}`),
    h('ol', { className: 'path-steps', 'data-testid': 'path-steps' }, steps),
  );
}

function clearPath(): void {
  shownPath = undefined;
  state.from = undefined;
  state.to = undefined;
  fromBox.setValue(undefined);
  toBox.setValue(undefined);
  graph.clearPath();
  renderPathResult();
  syncUrl();
}

byId('path-show').addEventListener('click', () => void track('path', showPath));
byId('path-clear').addEventListener('click', clearPath);

// ---- timeline ----------------------------------------------------------------------------

function renderTimelineView(): void {
  if (!meetingList.length) return;
  renderTimeline(
    timelineEl,
    meetingList,
    state.details,
    (id) => void track('focus', () => focusEntity(id)),
  );
}

async function loadTimeline(): Promise<void> {
  meetingList = await api.meetings();
  plannedIds = new Set(meetingList.filter((m) => m.status === 'PLANNED').map((m) => m.id));
  graph.markPlanned(plannedIds);
  renderTimelineView();
}

// ---- table -------------------------------------------------------------------------------

function tableState(): TableState {
  return { field: state.field, city: state.city, sort: state.sort };
}

function renderTableView(): void {
  if (!actionRows) return;
  renderTable(tableEl, actionRows, tableState(), {
    change: (next) => {
      state.field = next.field;
      state.city = next.city;
      state.sort = next.sort;
      syncUrl();
      const focusedTestId = (document.activeElement as HTMLElement | null)?.dataset.testid;
      renderTableView();
      if (focusedTestId)
        (tableEl.querySelector(`[data-testid="${focusedTestId}"]`) as HTMLElement | null)?.focus();
    },
    open: (id) => void track('details', () => showDetails(id, { focus: true })),
  });
}

async function loadTable(): Promise<void> {
  if (!actionRows) {
    replace(tableEl, h('p', { className: 'muted' }, t('loading')));
    actionRows = await api.actions();
  }
  renderTableView();
}

// ---- views, language, static texts ------------------------------------------------------

function setView(view: View): void {
  state.view = view;
  for (const [name, tab, panel] of [
    ['graph', 'tab-graph', 'graph-view'],
    ['table', 'tab-table', 'table-view'],
  ] as const) {
    byId(tab).setAttribute('aria-selected', String(name === view));
    byId(tab).tabIndex = name === view ? 0 : -1;
    byId(panel).hidden = name !== view;
  }
  document.body.dataset.view = view;
  syncUrl();
  if (view === 'graph') {
    graph.cy.resize();
  } else {
    void track('table', loadTable);
  }
}

function all(selector: string): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(selector));
}

for (const tab of all('[role="tab"]')) {
  tab.addEventListener('click', () => setView(tab.dataset.view as View));
  tab.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const next = state.view === 'graph' ? 'table' : 'graph';
    setView(next);
    byId(next === 'graph' ? 'tab-graph' : 'tab-table').focus();
  });
}

function applyStaticTexts(): void {
  for (const el of all('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as StringKey);
  }
  for (const el of all('[data-i18n-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nLabel as StringKey));
    el.title = t(el.dataset.i18nLabel as StringKey);
  }
  document.title = t('title');
  for (const button of all('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang()));
  }
}

// The page's badges and legend take their colours from the graph's style: one source.
for (const kind of KINDS) {
  document.documentElement.style.setProperty(`--kind-${kind}`, KIND_STYLES[kind].color);
  document.documentElement.style.setProperty(`--kind-${kind}-border`, KIND_STYLES[kind].border);
}

function renderLegend(): void {
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
  );
}

function switchLanguage(next: Lang): void {
  setLang(next);
  applyStaticTexts();
  renderLegend();
  graph.relabel();
  mainSearch.relabel();
  fromBox.relabel();
  toBox.relabel();
  renderDetailsPanel();
  renderPathResult();
  renderTimelineView();
  renderTableView();
  renderNodeList();
  syncUrl();
}

for (const button of all('[data-lang]')) {
  button.addEventListener('click', () =>
    switchLanguage(button.dataset.lang === 'de' ? 'de' : 'en'),
  );
}

// ---- toolbar -----------------------------------------------------------------------------

function onClick(id: string, action: () => void | Promise<void>): void {
  byId(id).addEventListener('click', () => void track(id, async () => action()));
}

onClick('btn-fit', () => graph.fit());
onClick('btn-relayout', () => graph.layout({ animate: true, randomize: true }));
onClick('btn-reset', resetView);
onClick('btn-expand', async () => {
  const id = graph.selectedId();
  if (id) await expand(id, { select: true, centre: true });
});
onClick('btn-details', async () => {
  const id = graph.selectedId();
  if (id) await showDetails(id, { focus: true });
});
onClick('btn-png', () => download('creative-cities-graph.png', graph.png()));
onClick('btn-json', () => {
  const data = {
    ...graph.subgraph(),
    expanded: [...expanded],
    selected: graph.selectedId() ?? null,
  };
  download(
    'creative-cities-subgraph.json',
    new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
  );
});
byId('details-close').addEventListener('click', closeDetails);
// The hash holds the view, so the skip link moves focus itself instead of navigating.
byId('skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  byId('btn-fit').focus();
});
// A link pasted into this tab: restore the view it describes.
window.addEventListener('hashchange', () => location.reload());

// ---- start -------------------------------------------------------------------------------

async function restoreView(): Promise<void> {
  try {
    await startView(state.exp.length ? [...state.exp] : [START_ID]);
    // Cytoscape draws in an animation frame requested while adding: ours runs after it.
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    window.__firstViewMs = Math.round(performance.now());
    performance.mark('explorer:first-view');
    const selected = state.sel ?? (state.exp.length ? undefined : START_ID);
    if (selected && graph.has(selected)) graph.select(selected);
    const follow: Promise<void>[] = [];
    if (state.details) follow.push(showDetails(state.details));
    if (state.from && state.to) follow.push(drawPath(state.from, state.to));
    await Promise.all(follow);
  } finally {
    restoring = false;
    syncUrl();
    document.body.dataset.ready = 'true';
  }
}

async function start(): Promise<void> {
  applyStaticTexts();
  renderLegend();
  renderDetailsPanel();
  setView(state.view);
  await Promise.all([track('timeline', loadTimeline), track('restore', restoreView)]);
}

void start();
