// The view lives in the URL hash, so a link reproduces it:
// #sel=action/x&d=action/x&exp=city/leipzig,institution/hgb-leipzig&lang=de&view=table&from=..&to=..
// &field=..&city=..&project=..&kind=..&sort=..
import type { Lang } from './i18n';
import { detailsId, initialPageState } from './store';
import type { PageState, PageStore, View } from './store';

export interface ViewState {
  /** The selected entity. */
  sel?: string;
  /** The entity the details panel shows. */
  details?: string;
  /** Entities whose neighbourhood is drawn, in the order they were expanded; none: the whole network. */
  exp: string[];
  lang: Lang;
  view: View;
  /** Ends of the connection shown, if any. */
  from?: string;
  to?: string;
  /** Table filters and sort. */
  field?: string;
  city?: string;
  project?: string;
  kind?: string;
  sort?: string;
}

export function parseState(hash: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const get = (key: string) => params.get(key)?.trim() || undefined;
  const exp = (get('exp') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    sel: get('sel'),
    details: get('d'),
    exp: [...new Set(exp)],
    lang: get('lang') === 'de' ? 'de' : 'en',
    view: get('view') === 'table' ? 'table' : 'graph',
    from: get('from'),
    to: get('to'),
    field: get('field'),
    city: get('city'),
    project: get('project'),
    kind: get('kind'),
    sort: get('sort'),
  };
}

// Ids are `kind/slug`: keep the slash and comma readable in shared links.
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%2C/gi, ',');
}

export function formatState(state: ViewState): string {
  const parts: [string, string | undefined][] = [
    ['sel', state.sel],
    ['d', state.details],
    ['exp', state.exp.length ? state.exp.join(',') : undefined],
    ['lang', state.lang === 'de' ? 'de' : undefined],
    ['view', state.view === 'table' ? 'table' : undefined],
    ['from', state.from],
    ['to', state.to],
    ['field', state.field],
    ['city', state.city],
    ['project', state.project],
    ['kind', state.kind],
    ['sort', state.sort],
  ];
  const query = parts
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${k}=${encode(v)}`)
    .join('&');
  return query ? `#${query}` : '';
}

/** The page's state as a link describes it; `exp`, `d` and from/to are then loaded. */
export function pageStateFromLink(link: ViewState): PageState {
  return initialPageState({
    lang: link.lang,
    view: link.view,
    selected: link.sel,
    details: link.details ? { status: 'loading', id: link.details } : { status: 'none' },
    path: { from: link.from, to: link.to, outcome: { status: 'none' } },
    table: {
      field: link.field,
      city: link.city,
      project: link.project,
      kind: link.kind,
      sort: link.sort,
    },
  });
}

function linkOf(state: PageState): ViewState {
  return {
    sel: state.selected,
    details: detailsId(state),
    exp: [...state.expanded],
    lang: state.lang,
    view: state.view,
    from: state.path.from,
    to: state.path.to,
    ...state.table,
  };
}

/** From now on, keeps the URL's hash describing the page's state. */
export function followUrl(page: PageStore): void {
  page.watch(
    (state) => [formatState(linkOf(state))],
    ([hash]) => history.replaceState(null, '', hash || location.pathname + location.search),
  );
}
