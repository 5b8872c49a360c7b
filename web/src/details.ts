// The details panel: an entity's fields, its relationships grouped by type, and its
// sources with the German passage beside the English translation.
import type { EntityDetails, Named, Source, Statement, Subgraph, TypedRef } from './api';
import { h } from './dom';
import { kindOf } from './graph';
import { humanize, kindLabel, label, t } from './i18n';
import type { StringKey } from './i18n';

export interface DetailsHandlers {
  /** Show another entity (a link inside the panel). */
  open(id: string): void;
}

type Row = [StringKey, Node | string | null | undefined];

function link(entity: Named, handlers: DetailsHandlers): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      className: 'link',
      'data-entity-id': entity.id,
      onclick: () => handlers.open(entity.id),
    },
    label(entity),
  );
}

function links(entities: Named[], handlers: DetailsHandlers): HTMLElement {
  return h(
    'span',
    { className: 'link-list' },
    entities.map((e, i) => [i > 0 ? ', ' : null, link(e, handlers)]),
  );
}

function fieldRows(entity: EntityDetails, handlers: DetailsHandlers): Row[] {
  const rows: Row[] = [
    [
      'kind',
      entity.kind
        ? `${kindLabel(entity.__typename)} · ${humanize(entity.kind)}`
        : kindLabel(entity.__typename),
    ],
    ['nameDe', entity.nameDe && entity.nameDe !== entity.name ? entity.nameDe : null],
    ['id', h('code', {}, entity.id)],
  ];
  if (entity.country) rows.push(['country', link(entity.country, handlers)]);
  if (entity.__typename === 'Meeting') {
    rows.push([
      'status',
      entity.status === 'PLANNED' ? t('planned') : humanize(entity.status ?? ''),
    ]);
    rows.push(['date', entity.date ?? String(entity.year ?? '')]);
  }
  if (entity.city) rows.push(['city', link(entity.city, handlers)]);
  if (entity.venue) rows.push(['venue', link(entity.venue, handlers)]);
  if (entity.__typename === 'Action') {
    const description = entity.description || entity.descriptionDe;
    if (description) {
      rows.push([
        'description',
        h(
          'span',
          {},
          entity.description ? h('span', { lang: 'en' }, entity.description) : null,
          entity.descriptionDe
            ? h('span', { lang: 'de', className: 'de-aside' }, entity.descriptionDe)
            : null,
        ),
      ]);
    }
    if (entity.start || entity.end)
      rows.push(['period', `${entity.start ?? '…'} – ${entity.end ?? '…'}`]);
    if (entity.field) rows.push(['field', link(entity.field, handlers)]);
    if (entity.leads?.length) rows.push(['lead', links(entity.leads, handlers)]);
    if (entity.partOf) rows.push(['partOf', link(entity.partOf, handlers)]);
    if (entity.meetings?.length) rows.push(['decidedAt', links(entity.meetings, handlers)]);
  }
  return rows.filter((r) => r[1] !== null && r[1] !== undefined && r[1] !== '');
}

function bilingual(
  german: string,
  english: string | null | undefined,
  caption?: string,
): HTMLElement {
  return h(
    'figure',
    { className: 'bilingual', 'data-testid': 'bilingual' },
    caption ? h('figcaption', {}, caption) : null,
    h(
      'div',
      { className: 'bilingual-pair' },
      h('blockquote', { lang: 'de', 'aria-label': t('german') }, german),
      h(
        'blockquote',
        { lang: 'en', 'aria-label': t('english'), className: english ? '' : 'missing' },
        english ?? '—',
      ),
    ),
  );
}

function statements(
  title: StringKey,
  items: Statement[] | undefined,
  testid: string,
): HTMLElement | null {
  if (!items?.length) return null;
  return h(
    'section',
    { 'data-testid': testid },
    h('h3', {}, t(title)),
    items.map((s) => bilingual(s.text, s.textEn, s.section)),
  );
}

function relationshipGroups(
  id: string,
  graph: Subgraph | null,
  handlers: DetailsHandlers,
): HTMLElement | null {
  if (!graph) return null;
  const names = new Map(graph.nodes.filter((n) => kindOf(n.labels)).map((n) => [n.id, n] as const));
  const groups = new Map<string, { other: Named; role?: string | null }[]>();
  for (const r of graph.relationships) {
    const outgoing = r.from === id;
    if (!outgoing && r.to !== id) continue;
    const other = names.get(outgoing ? r.to : r.from);
    if (!other) continue;
    const key = outgoing ? `${r.type} →` : `← ${r.type}`;
    const list = groups.get(key) ?? [];
    if (!list.some((x) => x.other.id === other.id)) list.push({ other, role: r.role });
    groups.set(key, list);
  }
  if (!groups.size) return null;
  return h(
    'section',
    { 'data-testid': 'details-relationships' },
    h('h3', {}, t('relationships')),
    h(
      'dl',
      { className: 'rel-groups' },
      [...groups.entries()]
        .sort(([a], [b]) => a.replace('← ', '').localeCompare(b.replace('← ', '')))
        .map(([type, items]) => [
          h('dt', {}, type),
          h(
            'dd',
            {},
            h(
              'ul',
              {},
              items.map(({ other, role }) =>
                h(
                  'li',
                  {},
                  link(other, handlers),
                  role ? h('span', { className: 'role' }, ` (${role})`) : null,
                ),
              ),
            ),
          ),
        ]),
    ),
  );
}

function sources(items: Source[]): HTMLElement | null {
  if (!items.length) return null;
  return h(
    'section',
    { 'data-testid': 'details-sources' },
    h('h3', {}, t('sources')),
    items.map((s) =>
      s.enteredBy
        ? h('p', { className: 'entered' }, `${t('enteredBy')} ${s.enteredBy}`)
        : bilingual(s.quote, s.quoteEn, `${s.document} › ${s.section}`),
    ),
  );
}

function actionsWithLeads(entity: EntityDetails, handlers: DetailsHandlers): HTMLElement | null {
  if (!entity.actions?.length) return null;
  return h(
    'section',
    { 'data-testid': 'details-actions' },
    h('h3', {}, t('actionsLed')),
    h(
      'ul',
      { className: 'action-leads' },
      entity.actions.map((a) =>
        h(
          'li',
          {},
          link(a, handlers),
          ' — ',
          h('span', { className: 'lead-label' }, `${t('lead')}: `),
          a.leads.length ? links(a.leads, handlers) : h('em', {}, t('nobodyLeads')),
        ),
      ),
    ),
  );
}

function contributors(entity: EntityDetails, handlers: DetailsHandlers): HTMLElement | null {
  if (!entity.contributors?.length) return null;
  return h(
    'section',
    {},
    h('h3', {}, t('contributors')),
    h(
      'ul',
      {},
      entity.contributors.map((c) => h('li', {}, link(c.actor, handlers), ` — ${c.role}`)),
    ),
  );
}

function participants(entity: EntityDetails, handlers: DetailsHandlers): HTMLElement | null {
  if (!entity.participations?.length) return null;
  return h(
    'section',
    {},
    h('h3', {}, t('participants')),
    h(
      'ul',
      {},
      entity.participations.map((p: { role?: string | null; actor: TypedRef }) =>
        h('li', {}, link(p.actor, handlers), p.role ? ` (${p.role})` : null),
      ),
    ),
  );
}

export function renderDetails(
  entity: EntityDetails,
  graph: Subgraph | null,
  handlers: DetailsHandlers,
): HTMLElement[] {
  const planned = entity.__typename === 'Meeting' && entity.status === 'PLANNED';
  return [
    h(
      'header',
      { className: 'details-head' },
      h(
        'span',
        { className: `kind-badge kind-${entity.__typename}` },
        kindLabel(entity.__typename),
      ),
      planned ? h('span', { className: 'planned-badge' }, t('planned')) : null,
      h(
        'h2',
        { id: 'details-title', 'data-testid': 'details-title', tabindex: '-1' },
        label(entity),
      ),
    ),
    h(
      'dl',
      { className: 'fields', 'data-testid': 'details-fields' },
      fieldRows(entity, handlers).map(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)]),
    ),
    statements('outcomes', entity.outcomes, 'details-outcomes'),
    actionsWithLeads(entity, handlers),
    statements('topics', entity.topics, 'details-topics'),
    contributors(entity, handlers),
    participants(entity, handlers),
    relationshipGroups(entity.id, graph, handlers),
    sources(entity.sources),
  ].filter((x): x is HTMLElement => x !== null);
}
