// "Who leads what": every action (work packages included) with its lead (and what exactly
// is led), field, city and contributors; sortable by any column, filterable by field of
// action, city, project and kind.
import { track } from './activity';
import * as api from './api';
import type { ActionRow, Named } from './api';
import { byId, download, h, replace } from './dom';
import { csv } from './exports';
import { kindLabel, label, roleText, t, valueLabel } from './i18n';
import type { StringKey } from './i18n';
import type { PageStore, TableFilters } from './store';

type SortKey = 'action' | 'field' | 'lead' | 'city' | 'start';
type ActorWithCity = ActionRow['leadership'][number]['actor'];

export function mountTable(page: PageStore, handlers: { open(id: string): void }): void {
  const container = byId('table-body');
  let loading: Promise<void> | undefined;
  page.watch(
    (s) => [s.view],
    ([view]) => {
      if (view !== 'table' || page.get().actions || loading) return;
      loading = track('table', async () => {
        const { actions, projects } = await api.whoLeadsWhat();
        page.set({ actions, projects });
      }).finally(() => (loading = undefined));
    },
  );
  page.watch(
    (s) => [s.actions, s.table, s.lang],
    ([rows, filters]) => {
      if (!rows) {
        replace(container, h('p', { className: 'muted' }, t('loading')));
        return;
      }
      // Re-rendering replaces the controls: the one in use keeps the focus.
      const focused = (document.activeElement as HTMLElement | null)?.dataset.testid;
      render(container, rows, filters, {
        change: (table) => page.set({ table }),
        open: handlers.open,
      });
      if (focused)
        (container.querySelector(`[data-testid="${focused}"]`) as HTMLElement | null)?.focus();
    },
  );
}

/** The city an actor stands for: itself, or the city an institution is based in. */
function cityOf(actor: ActorWithCity): Named | undefined {
  if (actor.__typename === 'City') return actor;
  return actor.city ?? undefined;
}

function leadCities(row: ActionRow): Named[] {
  const unique = new Map<string, Named>();
  for (const { actor } of row.leadership) {
    const city = cityOf(actor);
    if (city) unique.set(city.id, city);
  }
  return [...unique.values()];
}

function involvedCityIds(row: ActionRow): Set<string> {
  const ids = new Set<string>();
  for (const { actor } of [...row.leadership, ...row.contributors]) {
    const city = cityOf(actor);
    if (city) ids.add(city.id);
  }
  return ids;
}

/** The leads as the table shows them: each with what exactly it leads, if the source says. */
function leadText(row: ActionRow): string {
  return row.leadership
    .map((l) => `${label(l.actor)}${l.role ? ` (${roleText(l)})` : ''}`)
    .join(', ');
}

function sortValue(row: ActionRow, key: SortKey): string {
  switch (key) {
    case 'action':
      return label(row);
    case 'field':
      return row.field ? label(row.field) : '\uffff';
    case 'lead':
      return leadText(row) || '\uffff';
    case 'city':
      return leadCities(row).map(label).join(', ') || '\uffff';
    case 'start':
      return row.start ?? row.meetings[0]?.year.toString() ?? '\uffff';
  }
}

function filterAndSort(rows: readonly ActionRow[], state: TableFilters): ActionRow[] {
  const desc = state.sort?.startsWith('-') ?? false;
  const key = (state.sort?.replace(/^-/, '') || 'action') as SortKey;
  // Who leads what comes first, whatever the order: actions with no lead named go last.
  const leadsFirst = (a: ActionRow, b: ActionRow) =>
    Number(!a.leadership.length) - Number(!b.leadership.length);
  return rows
    .filter((r) => !state.field || r.field?.id === state.field)
    .filter((r) => !state.city || involvedCityIds(r).has(state.city))
    .filter((r) => !state.project || r.project?.id === state.project)
    .filter((r) => !state.kind || r.kind === state.kind)
    .filter((r) => !state.hasLead || r.leadership.length > 0)
    .sort((a, b) => {
      const first = leadsFirst(a, b);
      if (first) return first;
      const order = sortValue(a, key).localeCompare(sortValue(b, key), undefined, {
        sensitivity: 'base',
      });
      return (desc ? -order : order) || label(a).localeCompare(label(b));
    });
}

/** The rows as CSV, in the page's language: the table's columns, then kind and project. */
function tableCsv(rows: readonly ActionRow[]): string {
  return csv([
    [...COLUMNS.map(([, title]) => title()), t('kind'), kindLabel('Project')],
    ...rows.map((r) => [
      label(r),
      leadText(r),
      leadCities(r).map(label).join(', '),
      r.field ? label(r.field) : '',
      r.contributors.map((c) => `${label(c.actor)}${c.role ? ` (${roleText(c)})` : ''}`).join('; '),
      r.meetings.map(label).join(', '),
      valueLabel(r.kind),
      r.project ? label(r.project) : '',
    ]),
  ]);
}

/** Each column's sort key and title (in the page's language). */
const COLUMNS: [SortKey | null, () => string][] = [
  ['action', () => kindLabel('Action')],
  ['lead', () => t('lead')],
  ['city', () => kindLabel('City')],
  ['field', () => kindLabel('FieldOfAction')],
  [null, () => t('contributors')],
  ['start', () => t('decidedAt')],
];

function uniqueSorted(items: Named[]): Named[] {
  const unique = new Map(items.map((i) => [i.id, i] as const));
  return [...unique.values()].sort((a, b) => label(a).localeCompare(label(b)));
}

function render(
  container: HTMLElement,
  rows: readonly ActionRow[],
  state: TableFilters,
  handlers: { change(next: TableFilters): void; open(id: string): void },
): void {
  const fields = uniqueSorted(rows.flatMap((r) => (r.field ? [r.field] : [])));
  const cities = uniqueSorted(
    rows.flatMap((r) =>
      [...r.leadership, ...r.contributors].flatMap(({ actor }) => {
        const city = cityOf(actor);
        return city ? [city] : [];
      }),
    ),
  );
  const projects = uniqueSorted(rows.flatMap((r) => (r.project ? [r.project] : [])));
  const kinds = [...new Set(rows.map((r) => r.kind))]
    .map((kind) => ({ id: kind, name: valueLabel(kind), nameDe: null }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const shown = filterAndSort(rows, state);
  const desc = state.sort?.startsWith('-') ?? false;
  const sortKey = state.sort?.replace(/^-/, '') || 'action';

  const select = (
    testid: string,
    labelKey: StringKey,
    allKey: StringKey,
    options: Named[],
    value: string | undefined,
    onChange: (v: string | undefined) => void,
  ) =>
    h(
      'label',
      { className: 'filter' },
      h('span', {}, t(labelKey)),
      h(
        'select',
        {
          'data-testid': testid,
          onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value || undefined),
        },
        h('option', { value: '' }, t(allKey)),
        options.map((o) => h('option', { value: o.id, selected: o.id === value }, label(o))),
      ),
    );

  const leadList = (leadership: ActionRow['leadership']) =>
    leadership.length
      ? leadership.map((lead, i) => [
          i > 0 ? ', ' : null,
          h(
            'button',
            { type: 'button', className: 'link', onclick: () => handlers.open(lead.actor.id) },
            label(lead.actor),
          ),
          lead.role ? h('span', { className: 'role' }, ` (${roleText(lead)})`) : null,
        ])
      : h('em', {}, t('nobodyLeads'));

  replace(
    container,
    h(
      'div',
      { className: 'table-filters' },
      select('table-filter-field', 'filterField', 'allFields', fields, state.field, (field) =>
        handlers.change({ ...state, field }),
      ),
      select('table-filter-city', 'filterCity', 'allCities', cities, state.city, (city) =>
        handlers.change({ ...state, city }),
      ),
      select(
        'table-filter-project',
        'filterProject',
        'allProjects',
        projects,
        state.project,
        (project) => handlers.change({ ...state, project }),
      ),
      select('table-filter-kind', 'filterKind', 'allKinds', kinds, state.kind, (kind) =>
        handlers.change({ ...state, kind }),
      ),
      h(
        'label',
        { className: 'filter filter-check' },
        h('input', {
          type: 'checkbox',
          'data-testid': 'table-filter-lead',
          checked: state.hasLead ?? false,
          onchange: (e: Event) =>
            handlers.change({
              ...state,
              hasLead: (e.target as HTMLInputElement).checked || undefined,
            }),
        }),
        t('hasLead'),
      ),
      h(
        'button',
        {
          type: 'button',
          'data-testid': 'table-csv',
          'aria-label': t('exportCsvLabel'),
          title: t('exportCsvLabel'),
          onclick: () =>
            download(
              'creative-cities-who-leads-what.csv',
              new Blob([tableCsv(shown)], { type: 'text/csv' }),
            ),
        },
        t('exportCsv'),
      ),
      h(
        'p',
        { className: 'table-count', 'data-testid': 'table-count', role: 'status' },
        `${shown.length} / ${rows.length} ${t('rowsShown')}`,
      ),
    ),
    h(
      'div',
      { className: 'table-scroll' },
      h(
        'table',
        { 'data-testid': 'leads-table' },
        h('caption', { className: 'visually-hidden' }, t('tableTab')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            COLUMNS.map(([key, title]) => {
              const sorted = key === sortKey;
              return h(
                'th',
                {
                  scope: 'col',
                  'aria-sort': sorted ? (desc ? 'descending' : 'ascending') : null,
                },
                key
                  ? h(
                      'button',
                      {
                        type: 'button',
                        className: 'sort',
                        'data-testid': `table-sort-${key}`,
                        onclick: () =>
                          handlers.change({ ...state, sort: sorted && !desc ? `-${key}` : key }),
                      },
                      title(),
                      h('span', { 'aria-hidden': 'true' }, sorted ? (desc ? ' ▼' : ' ▲') : ' ↕'),
                    )
                  : title(),
              );
            }),
          ),
        ),
        h(
          'tbody',
          {},
          shown.map((row) =>
            h(
              'tr',
              { 'data-testid': 'table-row', 'data-entity-id': row.id },
              h(
                'th',
                { scope: 'row' },
                h(
                  'button',
                  { type: 'button', className: 'link', onclick: () => handlers.open(row.id) },
                  label(row),
                ),
                h(
                  'span',
                  { className: 'row-meta', 'data-col': 'kind' },
                  [valueLabel(row.kind), row.project ? label(row.project) : null]
                    .filter(Boolean)
                    .join(' · '),
                ),
              ),
              h('td', { 'data-col': 'lead' }, leadList(row.leadership)),
              h('td', { 'data-col': 'city' }, leadCities(row).map(label).join(', ')),
              h('td', { 'data-col': 'field' }, row.field ? label(row.field) : ''),
              h(
                'td',
                { 'data-col': 'contributors' },
                row.contributors.map((c, i) => [
                  i > 0 ? '; ' : null,
                  h(
                    'button',
                    { type: 'button', className: 'link', onclick: () => handlers.open(c.actor.id) },
                    label(c.actor),
                  ),
                  c.role ? h('span', { className: 'role' }, ` (${roleText(c)})`) : null,
                ]),
              ),
              h('td', { 'data-col': 'meetings' }, row.meetings.map(label).join(', ')),
            ),
          ),
        ),
      ),
    ),
  );
}
