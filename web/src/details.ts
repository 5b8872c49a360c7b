// The details panel: an entity's fields, its relationships grouped by type, and its
// sources with the German passage beside the English translation.
import * as api from './api';
import type { DetailsNeighbourhood, EntityDetails, Named } from './api';
import { byId, h, replace } from './dom';
import { kindLabel, label, relationshipLabel, roleText, t, valueLabel } from './i18n';
import type { StringKey } from './i18n';
import { kindOf } from './kinds';
import type { DrawnEdge, PageState, PageStore } from './store';

export interface DetailsHandlers {
  /** Show another entity (a link inside the panel). */
  open(id: string): void;
}

type Of<Kind extends EntityDetails['__typename']> = Extract<EntityDetails, { __typename: Kind }>;
type Meeting = Of<'Meeting'>;

/** A field's name (in the page's language) and value. */
type Row = [string, Node | string | null | undefined];

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

/** The kind's own classification, e.g. an institution's FILM_COMMISSION. */
function subkind(entity: EntityDetails): string | undefined {
  switch (entity.__typename) {
    case 'Institution':
      return entity.institutionKind;
    case 'Meeting':
      return entity.meetingKind;
    case 'Action':
      return entity.actionKind;
    default:
      return undefined;
  }
}

function fieldRows(entity: EntityDetails, handlers: DetailsHandlers): Row[] {
  const kind = subkind(entity);
  const rows: Row[] = [
    [
      t('kind'),
      kind ? `${kindLabel(entity.__typename)} · ${valueLabel(kind)}` : kindLabel(entity.__typename),
    ],
    [t('nameDe'), entity.nameDe && entity.nameDe !== entity.name ? entity.nameDe : null],
    [t('id'), h('code', {}, entity.id)],
  ];
  const linkRow = (title: string, other: Named | null) => {
    if (other) rows.push([title, link(other, handlers)]);
  };
  switch (entity.__typename) {
    case 'City':
      linkRow(kindLabel('Country'), entity.country);
      break;
    case 'Institution':
      linkRow(kindLabel('City'), entity.city);
      break;
    case 'Meeting':
      rows.push([t('status'), valueLabel(entity.status)]);
      rows.push([t('date'), entity.date ?? String(entity.year)]);
      linkRow(kindLabel('City'), entity.city);
      linkRow(t('venue'), entity.venue);
      break;
    case 'Action': {
      if (entity.description || entity.descriptionDe) {
        rows.push([
          t('description'),
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
        rows.push([t('period'), `${entity.start ?? '…'} – ${entity.end ?? '…'}`]);
      linkRow(kindLabel('FieldOfAction'), entity.field);
      if (entity.leads.length) rows.push([t('lead'), links(entity.leads, handlers)]);
      linkRow(t('partOf'), entity.partOf);
      if (entity.meetings.length) rows.push([t('decidedAt'), links(entity.meetings, handlers)]);
      break;
    }
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
  items: Meeting['topics'] | undefined,
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
  graph: DetailsNeighbourhood,
  handlers: DetailsHandlers,
): HTMLElement | null {
  const names = new Map(graph.nodes.filter((n) => kindOf(n.labels)).map((n) => [n.id, n] as const));
  const groups = new Map<string, { other: Named; role?: string | null }[]>();
  for (const r of graph.relationships) {
    const outgoing = r.from === id;
    if (!outgoing && r.to !== id) continue;
    const other = names.get(outgoing ? r.to : r.from);
    if (!other) continue;
    const name = relationshipLabel(r.type);
    const key = outgoing ? `${name} →` : `← ${name}`;
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

function sources(
  items: readonly Omit<EntityDetails['sources'][number], '__typename'>[],
): HTMLElement | null {
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

function actionsWithLeads(entity: Meeting, handlers: DetailsHandlers): HTMLElement | null {
  if (!entity.actions.length) return null;
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

function contributors(entity: Of<'Action'>, handlers: DetailsHandlers): HTMLElement | null {
  if (!entity.contributors.length) return null;
  return h(
    'section',
    {},
    h('h3', {}, t('contributors')),
    h(
      'ul',
      {},
      entity.contributors.map((c) => h('li', {}, link(c.actor, handlers), ` — ${roleText(c)}`)),
    ),
  );
}

function participants(entity: Meeting, handlers: DetailsHandlers): HTMLElement | null {
  if (!entity.participations.length) return null;
  return h(
    'section',
    {},
    h('h3', {}, t('participants')),
    h(
      'ul',
      {},
      entity.participations.map((p) =>
        h('li', {}, link(p.actor, handlers), p.role ? ` (${p.role})` : null),
      ),
    ),
  );
}

function renderDetails(
  entity: EntityDetails,
  graph: DetailsNeighbourhood,
  handlers: DetailsHandlers,
): HTMLElement[] {
  const meeting = entity.__typename === 'Meeting' ? entity : undefined;
  const action = entity.__typename === 'Action' ? entity : undefined;
  return [
    h(
      'header',
      { className: 'details-head' },
      h(
        'span',
        { className: `kind-badge kind-${entity.__typename}` },
        kindLabel(entity.__typename),
      ),
      meeting?.status === 'PLANNED'
        ? h('span', { className: 'planned-badge' }, t('planned'))
        : null,
      h(
        'h2',
        { id: 'details-title', 'data-testid': 'details-title', tabindex: '-1' },
        label(entity),
      ),
    ),
    h(
      'dl',
      { className: 'fields', 'data-testid': 'details-fields' },
      fieldRows(entity, handlers).map(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]),
    ),
    statements('outcomes', meeting?.outcomes, 'details-outcomes'),
    meeting ? actionsWithLeads(meeting, handlers) : null,
    statements('topics', meeting?.topics, 'details-topics'),
    action ? contributors(action, handlers) : null,
    meeting ? participants(meeting, handlers) : null,
    relationshipGroups(entity.id, graph, handlers),
    sources(entity.sources),
  ].filter((x): x is HTMLElement => x !== null);
}

/** A clicked edge: what links which two entities, in what role, on what basis and where stated. */
function edgeCard(edge: DrawnEdge, state: PageState, handlers: DetailsHandlers): HTMLElement[] {
  const named = (id: string): Named =>
    state.graph.nodes.find((n) => n.id === id) ?? { id, name: id };
  const rows: Row[] = [
    [t('relationship'), relationshipLabel(edge.type)],
    [t('from'), link(named(edge.from), handlers)],
    [t('to'), link(named(edge.to), handlers)],
    [t('role'), edge.role],
    [t('basis'), edge.basis ? valueLabel(edge.basis) : null],
  ];
  return [
    h(
      'header',
      { className: 'details-head' },
      h(
        'h2',
        { id: 'details-title', 'data-testid': 'details-title', tabindex: '-1' },
        `${label(named(edge.from))} → ${relationshipLabel(edge.type)} → ${label(named(edge.to))}`,
      ),
    ),
    h(
      'dl',
      { className: 'fields', 'data-testid': 'edge-fields' },
      rows
        .filter((r) => r[1])
        .map(([name, value]) => [h('dt', {}, name), h('dd', { 'data-field': name }, value)]),
    ),
    sources(edge.sources.map((s) => ({ ...s, enteredBy: null }))) ??
      h('p', { className: 'muted' }, t('noSources')),
  ];
}

function panel(state: PageState, handlers: DetailsHandlers): HTMLElement[] {
  const { details } = state;
  switch (details.status) {
    case 'none':
      return [h('p', { className: 'muted' }, t('detailsEmpty'))];
    case 'loading':
      return [h('p', { className: 'muted' }, t('loading'))];
    case 'missing':
      return [h('p', { 'data-testid': 'details-missing' }, `${t('notFound')}: ${details.id}`)];
    case 'edge':
      return edgeCard(details.edge, state, handlers);
    case 'shown':
      return renderDetails(details.entity, details.neighbourhood, handlers);
  }
}

export interface DetailsFeature {
  /** Loads and shows the entity's details; `focus` moves the keyboard focus to them. */
  show(id: string, options?: { focus?: boolean }): Promise<void>;
}

export function mountDetails(page: PageStore, handlers: DetailsHandlers): DetailsFeature {
  const body = byId('details-body');
  page.watch(
    (s) => [s.details, s.lang],
    () => replace(body, panel(page.get(), handlers)),
  );
  byId('details-close').addEventListener('click', () => page.set({ details: { status: 'none' } }));

  return {
    async show(id, options = {}) {
      page.set({ details: { status: 'loading', id } });
      let answer: Awaited<ReturnType<typeof api.entityDetails>> | undefined;
      try {
        answer = await api.entityDetails(id);
      } catch (error) {
        if (!api.isNotFound(error)) throw error;
      }
      const entity = answer?.entity;
      const neighbourhood = answer?.neighbourhood;
      const asked = page.get().details;
      if (asked.status === 'none' || asked.status === 'edge' || asked.id !== id) return; // another was asked for meanwhile
      page.set({
        details:
          entity && neighbourhood
            ? { status: 'shown', id, entity, neighbourhood }
            : { status: 'missing', id },
      });
      if (entity && options.focus) byId('details-title').focus();
    },
  };
}
