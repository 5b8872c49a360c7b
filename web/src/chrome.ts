// The page around the features: its own words, the language buttons, the tabs, the status
// line, the work in flight, and the kinds' colours and shapes.
import { byId, h, replace } from './dom';
import { t } from './i18n';
import type { StringKey } from './i18n';
import { kindStyleSheet } from './kinds';
import type { PageStore, View } from './store';

function all(selector: string): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(selector));
}

export function mountChrome(page: PageStore): void {
  document.head.append(h('style', {}, kindStyleSheet()));

  page.watch(
    (s) => [s.lang],
    ([lang]) => {
      document.documentElement.lang = lang;
      document.title = t('title');
      for (const el of all('[data-i18n]')) el.textContent = t(el.dataset.i18n as StringKey);
      for (const el of all('[data-i18n-label]')) {
        el.setAttribute('aria-label', t(el.dataset.i18nLabel as StringKey));
        el.title = t(el.dataset.i18nLabel as StringKey);
      }
      for (const button of all('[data-lang]')) {
        button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
      }
    },
  );
  for (const button of all('[data-lang]')) {
    button.addEventListener('click', () =>
      page.set({ lang: button.dataset.lang === 'de' ? 'de' : 'en' }),
    );
  }

  const tabs = [
    ['graph', 'tab-graph', 'graph-view'],
    ['table', 'tab-table', 'table-view'],
  ] as const;
  page.watch(
    (s) => [s.view],
    ([view]) => {
      for (const [name, tab, panel] of tabs) {
        byId(tab).setAttribute('aria-selected', String(name === view));
        byId(tab).tabIndex = name === view ? 0 : -1;
        byId(panel).hidden = name !== view;
      }
      document.body.dataset.view = view;
    },
  );
  for (const tab of all('[role="tab"]')) {
    tab.addEventListener('click', () => page.set({ view: tab.dataset.view as View }));
    tab.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      const next = page.get().view === 'graph' ? 'table' : 'graph';
      page.set({ view: next });
      byId(next === 'graph' ? 'tab-graph' : 'tab-table').focus();
    });
  }

  // The help links Neo4j Browser where the server knows its address, else says how to open it.
  page.watch(
    (s) => [s.lang, s.neo4jBrowserUrl],
    ([, url]) =>
      replace(
        byId('neo4j-browser-help'),
        url
          ? h('a', { href: url, 'data-testid': 'link-neo4j-browser' }, t('neo4jBrowserLink'))
          : t('neo4jBrowserHelp'),
      ),
  );

  page.watch(
    (s) => [s.status],
    ([status]) => (byId('status').textContent = status),
  );
  page.watch(
    (s) => [s.running],
    ([running]) => {
      document.body.dataset.pending = String(running.length);
      document.body.dataset.running = running.join(' ');
    },
  );

  // The hash holds the view, so the skip link moves focus itself instead of navigating.
  byId('skip-link').addEventListener('click', (e) => {
    e.preventDefault();
    byId('btn-fit').focus();
  });
  // A link pasted into this tab: restore the view it describes.
  window.addEventListener('hashchange', () => location.reload());
}
