// The details panel: an entity's fields, its links grouped by type (each with its role in the
// page's language and its basis), and its sources: a quote with the German passage beside the
// English translation, a cited fact with its document's title, date and link. A meeting reads
// as a summary first, then its decisions, then the rest in sections that open and close.
import * as api from './api';
import type { DetailsNeighbourhood, EntityDetails, Named, SourceRef } from './api';
import { byId, h, replace } from './dom';
import { kindLabel, label, relationshipLabel, roleIn, roleText, t, valueLabel } from './i18n';
import { kindOf } from './kinds';
import { indexRoles, loadedLinks, qualifiedLink } from './roles';
import type { QualifiedLink, RoleIndex } from './roles';
import { edgeKey } from './store';
import type { DrawnEdge, PageState, PageStore } from './store';

export interface DetailsHandlers {
  /** Show another entity (a link inside the panel). */
  open(id: string): void;
}

type Of<Kind extends EntityDetails['__typename']> = Extract<EntityDetails, { __typename: Kind }>;
type Meeting = Of<'Meeting'>;
type Statement = Meeting['outcomes'][number] | Meeting['topics'][number];

/** A field's name (in the page's language) and value. */
type Row = [string, Node | string | null | undefined];

/** Outcomes that record a decision: fixed, agreed, adopted or approved. */
const DECISIVE = new Set(['DECISION', 'ADOPTION']);

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

/** Actors, each with its role there in the page's language, e.g. "Ljubljana (editing)". */
function actorsWithRoles(
  items: readonly { actor: Named; role?: string | null; roleDe?: string | null }[],
  handlers: DetailsHandlers,
): HTMLElement {
  return h(
    'span',
    { className: 'link-list' },
    items.map((item, i) => {
      const role = roleText(item);
      return [
        i > 0 ? ', ' : null,
        link(item.actor, handlers),
        role ? h('span', { className: 'role' }, ` (${role})`) : null,
      ];
    }),
  );
}

/**
 * The role of the drawn edge `key` in the page's language: as the loaded links know it, else as
 * the relationship names it (in English); '' where it has none.
 */
function roleOf(roles: RoleIndex, key: string, drawn?: string | null): string {
  const known = roles.get(key);
  if (!known?.length) return drawn ?? '';
  return known.map(roleText).join('; ');
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

/** A participant whose role there is first of all the host (roles read 'host; …'). */
function isHost(p: { role?: string | null }): boolean {
  return p.role?.split(';')[0]?.trim() === 'host';
}

function decisionsOf(meeting: Meeting): Meeting['outcomes'] {
  return meeting.outcomes.filter((s) => s.kind && DECISIVE.has(s.kind));
}

/** A meeting at a glance: what, when, where, who hosted, who took part, what was decided. */
function meetingRows(meeting: Meeting, handlers: DetailsHandlers): Row[] {
  const hosts = meeting.participations.filter(isHost);
  const place = [meeting.city, meeting.venue].flatMap((p) => (p ? [p] : []));
  return [
    [t('date'), meeting.date ?? String(meeting.year)],
    [t('status'), valueLabel(meeting.status)],
    [t('place'), place.length ? links(place, handlers) : null],
    [
      t('host'),
      hosts.length
        ? links(
            hosts.map((p) => p.actor),
            handlers,
          )
        : null,
    ],
    [
      t('participants'),
      meeting.participations.length
        ? h(
            'span',
            {},
            `${meeting.participations.length}: `,
            links(
              meeting.participations.map((p) => p.actor),
              handlers,
            ),
          )
        : t('noneNamed'),
    ],
    [t('decisions'), String(decisionsOf(meeting).length)],
  ];
}

function fieldRows(entity: EntityDetails, handlers: DetailsHandlers): Row[] {
  const kind = subkind(entity);
  const rows: Row[] = [
    [
      t('kind'),
      kind ? `${kindLabel(entity.__typename)} · ${valueLabel(kind)}` : kindLabel(entity.__typename),
    ],
  ];
  const linkRow = (title: string, other: Named | null) => {
    if (other) rows.push([title, link(other, handlers)]);
  };
  const period = (start?: string | null, end?: string | null) => {
    if (start || end) rows.push([t('period'), `${start ?? '…'} – ${end ?? '…'}`]);
  };
  switch (entity.__typename) {
    case 'City':
      linkRow(kindLabel('Country'), entity.country);
      break;
    case 'Institution':
      linkRow(kindLabel('City'), entity.city);
      break;
    case 'Meeting':
      rows.push(...meetingRows(entity, handlers));
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
      period(entity.start, entity.end);
      linkRow(kindLabel('Project'), entity.project);
      linkRow(kindLabel('FieldOfAction'), entity.field);
      if (entity.leadership.length) {
        rows.push([t('lead'), actorsWithRoles(entity.leadership, handlers)]);
      }
      linkRow(t('partOf'), entity.partOf);
      if (entity.meetings.length) rows.push([t('decidedAt'), links(entity.meetings, handlers)]);
      break;
    }
    case 'Project':
      rows.push([t('projectTitle'), entity.title]);
      rows.push([t('programme'), entity.programme]);
      period(entity.start, entity.end);
      rows.push([
        t('website'),
        entity.website ? h('a', { href: entity.website, rel: 'noopener' }, entity.website) : null,
      ]);
      break;
  }
  rows.push([t('nameDe'), entity.nameDe && entity.nameDe !== entity.name ? entity.nameDe : null]);
  rows.push([t('id'), h('code', {}, entity.id)]);
  return rows.filter((r) => r[1] !== null && r[1] !== undefined && r[1] !== '');
}

/** A part of the panel that opens and closes, its title counting its items. */
function section(
  testid: string,
  title: string,
  count: number | undefined,
  open: boolean,
  ...content: (HTMLElement | null)[]
): HTMLElement {
  return h(
    'details',
    { className: 'details-section', 'data-testid': testid, open },
    h('summary', {}, h('h3', {}, count === undefined ? title : `${title} (${count})`)),
    content,
  );
}

function bilingual(
  german: string,
  english: string | null | undefined,
  caption?: Node | string | null,
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

/** A statement that only titles the items after it, e.g. "Handlungsfeld ‚Netzwerke‘:". */
function isHeading(s: Statement): boolean {
  return /:\s*$/.test(s.text);
}

/** Statements in the source's order, those that title the items after them as headings. */
function statementList(items: readonly Statement[]): HTMLElement[] {
  return items.map((s) => {
    if (isHeading(s)) {
      return h(
        'h4',
        { className: 'statement-heading', 'data-testid': 'statement-heading' },
        h('span', { lang: 'de' }, s.text.replace(/:\s*$/, '')),
        h('span', { lang: 'en', className: 'heading-en' }, s.textEn.replace(/:\s*$/, '')),
      );
    }
    const kind = 'kind' in s && s.kind ? valueLabel(s.kind) : null;
    return bilingual(s.text, s.textEn, kind);
  });
}

/**
 * The meeting's record: its decisions first, then what follows for Leipzig (both open), the
 * further results and the actions it dealt with (with what happened to each there and who
 * leads it), then its topics and participants (closed: a long meeting stays short to read).
 */
function meetingSections(meeting: Meeting, handlers: DetailsHandlers): (HTMLElement | null)[] {
  const decisions = decisionsOf(meeting);
  const rest = meeting.outcomes.filter((s) => !decisions.includes(s));
  const forLeipzig = rest.filter((s) => s.forLeipzig);
  const further = rest.filter((s) => !s.forLeipzig);
  const counted = (items: readonly Statement[]) => items.filter((s) => !isHeading(s)).length;
  return [
    h(
      'div',
      { 'data-testid': 'details-outcomes' },
      decisions.length
        ? section(
            'details-decisions',
            t('decisions'),
            decisions.length,
            true,
            ...statementList(decisions),
          )
        : null,
      forLeipzig.length
        ? section(
            'details-for-leipzig',
            t('forLeipzig'),
            forLeipzig.length,
            true,
            ...statementList(forLeipzig),
          )
        : null,
      further.length
        ? section(
            'details-further',
            t('furtherResults'),
            counted(further),
            false,
            ...statementList(further),
          )
        : null,
    ),
    meeting.agenda.length
      ? section(
          'details-actions',
          t('actionsLed'),
          meeting.agenda.length,
          false,
          h(
            'ul',
            { className: 'action-leads' },
            meeting.agenda.map((item) => {
              const happened = roleText(item);
              return h(
                'li',
                {},
                link(item.action, handlers),
                happened ? h('span', { className: 'role' }, ` (${happened})`) : null,
                ' — ',
                h('span', { className: 'lead-label' }, `${t('lead')}: `),
                item.action.leadership.length
                  ? actorsWithRoles(item.action.leadership, handlers)
                  : h('em', {}, t('nobodyLeads')),
              );
            }),
          ),
        )
      : null,
    meeting.topics.length
      ? section(
          'details-topics',
          t('topics'),
          counted(meeting.topics),
          false,
          ...statementList(meeting.topics),
        )
      : null,
    meeting.participations.length
      ? section(
          'details-participants',
          t('participants'),
          meeting.participations.length,
          false,
          h(
            'ul',
            {},
            meeting.participations.map((p) =>
              h('li', {}, actorsWithRoles([p], handlers), basisTag(p.basis)),
            ),
          ),
        )
      : null,
  ];
}

function contributors(entity: Of<'Action'>, handlers: DetailsHandlers): HTMLElement | null {
  if (!entity.contributors.length) return null;
  return section(
    'details-contributors',
    t('contributors'),
    entity.contributors.length,
    true,
    h(
      'ul',
      {},
      entity.contributors.map((c) =>
        h('li', {}, link(c.actor, handlers), ` — ${roleText(c)}`, basisTag(c.basis)),
      ),
    ),
  );
}

/** How a link is known, as a small tag: stated, inferred or curated. */
function basisTag(basis: string | null | undefined): HTMLElement | null {
  if (!basis) return null;
  return h(
    'span',
    {
      className: `basis basis-${basis.toLowerCase()}`,
      'data-basis': basis,
      title: valueLabel(basis),
    },
    basisWord(basis),
  );
}

function basisWord(basis: string): string {
  return t(
    basis === 'INFERRED' ? 'basisInferred' : basis === 'CURATED' ? 'basisCurated' : 'basisStated',
  );
}

/** The qualified links an entity's own details name, with their roles in both languages. */
function ownLinks(entity: EntityDetails): QualifiedLink[] {
  const id = entity.id;
  switch (entity.__typename) {
    case 'Institution':
      return [
        ...entity.memberships.map((m) => qualifiedLink(m, id, 'MEMBER_OF', m.group.id)),
        ...entity.groupMembers.map((m) => qualifiedLink(m, m.member.id, 'MEMBER_OF', id)),
      ];
    case 'Meeting':
      return [
        ...entity.participations.map((p) => qualifiedLink(p, p.actor.id, 'TOOK_PART_IN', id)),
        ...entity.agenda.map((a) => qualifiedLink(a, id, 'ADDRESSED', a.action.id)),
      ];
    case 'Action':
      return [
        ...entity.leadership.map((l) => qualifiedLink(l, l.actor.id, 'LEADS', id)),
        ...entity.contributors.map((c) => qualifiedLink(c, c.actor.id, 'CONTRIBUTES_TO', id)),
      ];
    case 'Project':
      return entity.partners.map((p) => qualifiedLink(p, p.actor.id, 'PARTNER_IN', id));
    default:
      return [];
  }
}

function relationshipGroups(
  id: string,
  graph: DetailsNeighbourhood,
  roles: RoleIndex,
  open: boolean,
  handlers: DetailsHandlers,
): HTMLElement | null {
  const names = new Map(graph.nodes.filter((n) => kindOf(n.labels)).map((n) => [n.id, n] as const));
  const groups = new Map<string, { other: Named; role: string; basis?: string | null }[]>();
  for (const r of graph.relationships) {
    const outgoing = r.from === id;
    if (!outgoing && r.to !== id) continue;
    const other = names.get(outgoing ? r.to : r.from);
    if (!other) continue;
    const name = relationshipLabel(r.type);
    const key = outgoing ? `${name} →` : `← ${name}`;
    const list = groups.get(key) ?? [];
    if (!list.some((x) => x.other.id === other.id)) {
      list.push({ other, role: roleOf(roles, edgeKey(r), r.role), basis: r.basis });
    }
    groups.set(key, list);
  }
  if (!groups.size) return null;
  return section(
    'details-relationships',
    t('relationships'),
    undefined,
    open,
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
              items.map(({ other, role, basis }) =>
                h(
                  'li',
                  { 'data-testid': 'link-item' },
                  link(other, handlers),
                  role ? h('span', { className: 'role' }, ` (${role})`) : null,
                  basisTag(basis),
                ),
              ),
            ),
          ),
        ]),
    ),
  );
}

/** A source: a curator's entry, a quote with its translation, or a fact cited from a document. */
function sourceCard(s: Omit<SourceRef, 'enteredBy'> & { enteredBy?: string | null }): HTMLElement {
  if (s.enteredBy) return h('p', { className: 'entered' }, `${t('enteredBy')} ${s.enteredBy}`);
  const title = s.origin.url
    ? h('a', { href: s.origin.url, rel: 'noopener' }, s.origin.title)
    : h('cite', {}, s.origin.title);
  if (s.verbatim) return bilingual(s.quote, s.quoteEn, h('span', {}, title, ` › ${s.section}`));
  return h(
    'figure',
    { className: 'cited', 'data-testid': 'cited-source' },
    h(
      'figcaption',
      {},
      h('span', { className: 'cited-label' }, t('citedFrom')),
      ' ',
      title,
      s.origin.date ? h('span', { className: 'cited-date' }, ` (${s.origin.date})`) : null,
      ` › ${s.section}`,
    ),
    h('p', { className: 'cited-fact' }, s.quote),
  );
}

function sources(
  items: readonly (Omit<SourceRef, 'enteredBy'> & { enteredBy?: string | null })[],
  open: boolean,
): HTMLElement | null {
  if (!items.length) return null;
  return section('details-sources', t('sources'), items.length, open, ...items.map(sourceCard));
}

function renderDetails(
  entity: EntityDetails,
  graph: DetailsNeighbourhood,
  state: PageState,
  handlers: DetailsHandlers,
): HTMLElement[] {
  const meeting = entity.__typename === 'Meeting' ? entity : undefined;
  const action = entity.__typename === 'Action' ? entity : undefined;
  const roles = indexRoles([...loadedLinks(state), ...ownLinks(entity)]);
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
    ...(meeting ? meetingSections(meeting, handlers) : []),
    action ? contributors(action, handlers) : null,
    // A meeting's own record is long: its links and passages start closed.
    relationshipGroups(entity.id, graph, roles, !meeting, handlers),
    sources(entity.sources, !meeting),
  ].filter((x): x is HTMLElement => x !== null);
}

/**
 * A clicked edge's role in the page's language: every role of the links it stands for, as the
 * page loaded them, or else the drawn relationship's own.
 */
function edgeRole(edge: DrawnEdge, state: PageState): string {
  return roleOf(
    indexRoles(loadedLinks(state)),
    edge.id,
    roleIn(edge.role, edge.roleDe, state.lang),
  );
}

/** A clicked edge: what links which two entities, in what role, on what basis and where stated. */
function edgeCard(edge: DrawnEdge, state: PageState, handlers: DetailsHandlers): HTMLElement[] {
  const named = (id: string): Named =>
    state.graph.nodes.find((n) => n.id === id) ?? { id, name: id, nameDe: null };
  const rows: Row[] = [
    [t('relationship'), relationshipLabel(edge.type)],
    [t('from'), link(named(edge.from), handlers)],
    [t('to'), link(named(edge.to), handlers)],
    [t('role'), edgeRole(edge, state)],
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
    sources(edge.sources, true) ?? h('p', { className: 'muted' }, t('noSources')),
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
      return renderDetails(details.entity, details.neighbourhood, state, handlers);
  }
}

/** Which of the panel's sections are open, by test id. */
function openSections(body: HTMLElement): Map<string, boolean> {
  return new Map(
    Array.from(body.querySelectorAll<HTMLDetailsElement>('details[data-testid]')).map(
      (el) => [el.dataset.testid ?? '', el.open] as const,
    ),
  );
}

export interface DetailsFeature {
  /** Loads and shows the entity's details; `focus` moves the keyboard focus to them. */
  show(id: string, options?: { focus?: boolean }): Promise<void>;
}

export function mountDetails(page: PageStore, handlers: DetailsHandlers): DetailsFeature {
  const body = byId('details-body');
  let shownId: string | undefined;
  // The roles of links come with the table's rows, the timeline and the projects.
  page.watch(
    (s) => [s.details, s.lang, s.actions, s.meetings, s.projects],
    ([details]) => {
      const id = details.status === 'shown' ? details.id : undefined;
      // Drawn again for the same entity (another language, roles arrived), the sections the
      // reader opened or closed stay so.
      const opened = id === shownId ? openSections(body) : new Map<string, boolean>();
      replace(body, panel(page.get(), handlers));
      for (const el of Array.from(
        body.querySelectorAll<HTMLDetailsElement>('details[data-testid]'),
      )) {
        const open = opened.get(el.dataset.testid ?? '');
        if (open !== undefined) el.open = open;
      }
      shownId = id;
    },
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
