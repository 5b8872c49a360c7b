// The view lives in the URL hash, so a link reproduces it:
// #sel=action/x&d=action/x&exp=city/leipzig,institution/hgb-leipzig&lang=de&view=table&from=..&to=..
import type { Lang } from './i18n';

export type View = 'graph' | 'table';

export interface ViewState {
  /** The selected entity. */
  sel?: string;
  /** The entity the details panel shows. */
  details?: string;
  /** Entities whose neighbourhood is drawn, in the order they were expanded. */
  exp: string[];
  lang: Lang;
  view: View;
  /** Ends of the connection shown, if any. */
  from?: string;
  to?: string;
  /** Table filters and sort. */
  field?: string;
  city?: string;
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
    ['sort', state.sort],
  ];
  const query = parts
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${k}=${encode(v)}`)
    .join('&');
  return query ? `#${query}` : '';
}
