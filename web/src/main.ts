// The explorer page: mounts each feature on the page's store, then restores the view the URL
// describes and from then on keeps the URL describing the view.
import { say, track } from './activity';
import * as api from './api';
import { mountChrome } from './chrome';
import { byId } from './dom';
import { mountDetails } from './details';
import { mountFilters } from './filters';
import { mountGraph } from './graph';
import { link, page } from './page';
import { mountPath } from './path';
import { mountSearch } from './search';
import { mountTable } from './table';
import { mountTimeline } from './timeline';
import { t } from './i18n';
import { followUrl } from './url';

declare global {
  interface Window {
    /** Milliseconds from navigation start until the first graph view was drawn. */
    __firstViewMs?: number;
  }
}

/** One column (a phone): the details panel lies below the graph. */
const oneColumn = window.matchMedia('(max-width: 860px)');

/** On a phone, scrolls the page to the details panel, which a choice just filled. */
function scrollToDetails(): void {
  if (oneColumn.matches) byId('details').scrollIntoView({ block: 'start' });
}

/**
 * Brings an entity into view: drawn, selected, centred, and its details shown (on a phone
 * the page scrolls there; a tap in the graph does not scroll, or a double tap would miss).
 */
function focus(id: string): void {
  void track('focus', async () => {
    if (page.get().view === 'graph') {
      await Promise.all([graph.expand(id, { select: true, centre: true }), details.show(id)]);
    } else {
      await details.show(id, { focus: true });
    }
    scrollToDetails();
  });
}

/** Shows the entity's details and moves the keyboard there. */
const showDetails = async (id: string) => {
  await details.show(id, { focus: true });
  scrollToDetails();
};

/** Shows a drawn edge's role, basis and sources in the details panel. */
function showEdge(id: string): void {
  const edge = page.get().graph.edges.find((e) => e.id === id);
  if (edge) page.set({ details: { status: 'edge', edge } });
}

mountChrome(page);
const graph = mountGraph(page, {
  details: (id) => {
    const shown = page.get().details;
    // The two taps of a double click ask once.
    if (shown.status !== 'none' && shown.status !== 'edge' && shown.id === id) {
      return Promise.resolve();
    }
    return details.show(id);
  },
  edge: showEdge,
  focus,
  onReset: () => path.clear(),
});
const details = mountDetails(page, { open: focus });
mountFilters(page, () => graph.view.selectedId());
const path = mountPath(page, { graph, open: focus });
const timeline = mountTimeline(page, { open: focus });
mountSearch(page, { open: focus });
mountTable(page, { open: (id) => void track('details', () => showDetails(id)) });

/** Draws a linked selection not in view yet; an unknown one is noted and deselected. */
async function bringIn(id: string, missing: string[]): Promise<void> {
  try {
    await graph.expand(id, { select: true, centre: true });
  } catch (error) {
    if (!api.isNotFound(error)) throw error;
    missing.push(id);
    page.set({ selected: undefined });
  }
}

// What only the server knows: the node cap and Neo4j Browser's address (asked for at once,
// beside the page's other first requests).
const configured = api.explorerConfig().then(({ nodeCap, neo4jBrowserUrl }) =>
  page.set({
    ...(nodeCap ? { nodeCap } : {}),
    neo4jBrowserUrl: neo4jBrowserUrl ?? undefined,
  }),
);

async function restore(): Promise<void> {
  try {
    await configured;
    const missing = await graph.start(link.exp);
    // Cytoscape draws in an animation frame requested while adding: ours runs after it.
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    window.__firstViewMs = Math.round(performance.now());
    performance.mark('explorer:first-view');
    const follow: Promise<void>[] = [];
    if (link.sel && !graph.view.has(link.sel)) follow.push(bringIn(link.sel, missing));
    if (link.details) follow.push(details.show(link.details));
    if (link.from && link.to) follow.push(path.draw(link.from, link.to));
    await Promise.all(follow);
    // A mistyped or outdated link is the user's, not an error: say which ids are unknown.
    if (page.get().details.status === 'missing' && link.details) missing.push(link.details);
    if (missing.length) say(`${t('notFound')}: ${[...new Set(missing)].join(', ')}`);
  } finally {
    // While the page restored the view, the URL was the truth: from now on the page is.
    followUrl(page);
    // The timeline and the filters' data come after the first view, not beside it: on a
    // large network they are the page's largest requests and slowed the first view down.
    void track('timeline', timeline.load);
    void track('actions', loadActions);
    document.body.dataset.ready = 'true';
  }
}

// The filters need every meeting's year and every action's field and cities; links their
// roles in both languages.
const loadActions = async () => {
  if (page.get().actions) return;
  const { actions, projects } = await api.whoLeadsWhat();
  page.set({ actions, projects });
};
void track('restore', restore);
