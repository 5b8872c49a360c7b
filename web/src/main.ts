// The explorer page: mounts each feature on the page's store, then restores the view the URL
// describes and from then on keeps the URL describing the view.
import { track } from './activity';
import { mountChrome } from './chrome';
import { mountDetails } from './details';
import { mountGraph } from './graph';
import { link, page } from './page';
import { mountPath } from './path';
import { mountSearch } from './search';
import { mountTable } from './table';
import { mountTimeline } from './timeline';
import { followUrl, START_ID } from './url';

declare global {
  interface Window {
    /** Milliseconds from navigation start until the first graph view was drawn. */
    __firstViewMs?: number;
  }
}

/** Brings an entity into view: drawn, selected, centred, and its details shown. */
function focus(id: string): void {
  void track('focus', async () => {
    if (page.get().view === 'graph') {
      await Promise.all([graph.expand(id, { select: true, centre: true }), details.show(id)]);
    } else {
      await details.show(id, { focus: true });
    }
  });
}

/** Shows the entity's details and moves the keyboard there. */
const showDetails = (id: string) => details.show(id, { focus: true });

mountChrome(page);
const graph = mountGraph(page, {
  details: showDetails,
  focus,
  onReset: () => path.clear(),
});
const details = mountDetails(page, { open: focus });
const path = mountPath(page, { graph, open: focus });
const timeline = mountTimeline(page, { open: focus });
mountSearch(page, { open: focus });
mountTable(page, { open: (id) => void track('details', () => showDetails(id)) });

async function restore(): Promise<void> {
  try {
    await graph.start(link.exp.length ? link.exp : [START_ID]);
    // Cytoscape draws in an animation frame requested while adding: ours runs after it.
    await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    window.__firstViewMs = Math.round(performance.now());
    performance.mark('explorer:first-view');
    const follow: Promise<void>[] = [];
    if (link.details) follow.push(details.show(link.details));
    if (link.from && link.to) follow.push(path.draw(link.from, link.to));
    await Promise.all(follow);
  } finally {
    // While the page restored the view, the URL was the truth: from now on the page is.
    followUrl(page);
    document.body.dataset.ready = 'true';
  }
}

void Promise.all([track('timeline', timeline.load), track('restore', restore)]);
