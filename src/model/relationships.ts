/**
 * The relationship types of the graph and the GraphQL fields that traverse them: the one
 * description from which the loader's type list, the read translation (relationship fields,
 * their order, to-one or list), neighbourhoods and paths, the bench generator and
 * docs/graph-model.md derive. test/unit/model.test.ts holds it and schema.graphql together.
 */
import {
  ACTOR_LABELS,
  ENTITY_LABELS,
  isEntityLabel,
  type ActorLabel,
  type EntityLabel,
} from './entities';

/** Nodes that are not entities: a meeting's statements, cited passages, documents. */
export const RECORD_LABELS = ['Statement', 'Source', 'Document'] as const;
export type RecordLabel = (typeof RECORD_LABELS)[number];
export type NodeLabel = EntityLabel | RecordLabel;

export interface RelationshipType {
  readonly type: string;
  readonly from: readonly NodeLabel[];
  readonly to: readonly NodeLabel[];
  /**
   * A qualified link: it stores role, roleDe, basis (STATED/INFERRED/CURATED), note and
   * sourceIds (the Source passages that state it), as GraphQL's `Link` shows them.
   */
  readonly qualified: boolean;
  /** What it means, for docs/graph-model.md. */
  readonly meaning: string;
  /** How the explorer names it, e.g. "based in" / "mit Sitz in". */
  readonly title: { readonly en: string; readonly de: string };
}

export const RELATIONSHIP_TYPES = [
  {
    type: 'IN_COUNTRY',
    from: ['City'],
    to: ['Country'],
    qualified: false,
    meaning: 'a city lies in a country',
    title: { en: 'in country', de: 'liegt in' },
  },
  {
    type: 'BASED_IN',
    from: ['Institution', 'Project'],
    to: ['City'],
    qualified: false,
    meaning: 'an institution (or a project) is based in a city',
    title: { en: 'based in', de: 'mit Sitz in' },
  },
  {
    type: 'HELD_IN',
    from: ['Meeting'],
    to: ['City'],
    qualified: false,
    meaning: 'a meeting took place in a city',
    title: { en: 'held in', de: 'fand statt in' },
  },
  {
    type: 'AT_VENUE',
    from: ['Meeting'],
    to: ['Institution'],
    qualified: false,
    meaning: 'a meeting took place at an institution',
    title: { en: 'at venue', de: 'am Ort' },
  },
  {
    type: 'NEXT',
    from: ['Meeting'],
    to: ['Meeting'],
    // INFERRED where the sources give no order (two meetings of one year)
    qualified: true,
    meaning: 'the next meeting of the series',
    title: { en: 'next meeting', de: 'nächstes Treffen' },
  },
  {
    type: 'HELD_WITH',
    from: ['Meeting'],
    to: ['Meeting'],
    // INFERRED across documents (the report's planned meeting and the news' presentation)
    qualified: true,
    meaning: 'two meetings held together',
    title: { en: 'held with', de: 'zusammen mit' },
  },
  {
    type: 'HAS_TOPIC',
    from: ['Meeting'],
    to: ['Statement'],
    qualified: false,
    meaning: "an item of the meeting's 'Thema'",
    title: { en: 'has topic', de: 'hat Thema' },
  },
  {
    type: 'HAS_OUTCOME',
    from: ['Meeting'],
    to: ['Statement'],
    qualified: false,
    meaning: "an item of the meeting's 'Ergebnis/Ableitung'",
    title: { en: 'has outcome', de: 'hat Ergebnis' },
  },
  {
    type: 'ADDRESSED',
    from: ['Meeting'],
    to: ['Action'],
    qualified: true,
    meaning: 'a meeting dealt with an action',
    title: { en: 'addressed', de: 'behandelte' },
  },
  {
    type: 'LEADS',
    from: ACTOR_LABELS,
    to: ['Action'],
    qualified: true,
    meaning: "an actor has the lead ('Federführung') of an action",
    title: { en: 'leads', de: 'leitet federführend' },
  },
  {
    type: 'CONTRIBUTES_TO',
    from: ACTOR_LABELS,
    to: ['Action'],
    qualified: true,
    meaning: 'an actor contributes to an action, in a role',
    title: { en: 'contributes to', de: 'wirkt mit an' },
  },
  {
    type: 'IN_FIELD',
    from: ['Action'],
    to: ['FieldOfAction'],
    qualified: true,
    meaning: "an action belongs to a field of action ('Handlungsfeld')",
    title: { en: 'in field', de: 'im Handlungsfeld' },
  },
  {
    type: 'PART_OF',
    from: ['Action'],
    to: ['Action'],
    qualified: true,
    meaning: 'an action is part of a larger one',
    title: { en: 'part of', de: 'Teil von' },
  },
  {
    type: 'MEMBER_OF',
    from: ACTOR_LABELS,
    to: ['Institution', 'Project'],
    qualified: true,
    meaning:
      'an actor belongs to a group or (as the report says: partner city, steering committee) to a project, in a role',
    title: { en: 'member of', de: 'Mitglied von' },
  },
  {
    type: 'TOOK_PART_IN',
    from: ACTOR_LABELS,
    to: ['Meeting'],
    qualified: true,
    meaning: 'an actor took part in a meeting, in a role',
    title: { en: 'took part in', de: 'nahm teil an' },
  },
  {
    type: 'IN_PROJECT',
    from: ['Action', 'Meeting'],
    to: ['Project'],
    qualified: true,
    meaning: 'an action or meeting belongs to a project',
    title: { en: 'in project', de: 'im Projekt' },
  },
  {
    type: 'PARTNER_IN',
    from: ACTOR_LABELS,
    to: ['Project'],
    qualified: true,
    meaning: 'an actor is a partner of a project',
    title: { en: 'partner in', de: 'Partner in' },
  },
  {
    type: 'OPENED',
    from: ACTOR_LABELS,
    to: ['Institution'],
    qualified: true,
    meaning: 'an actor opened a centre or office',
    title: { en: 'opened', de: 'eröffnete' },
  },
  {
    type: 'HOUSED_AT',
    from: ['Institution'],
    to: ['Institution'],
    qualified: true,
    meaning: 'a centre or office is housed at another institution',
    title: { en: 'housed at', de: 'untergebracht bei' },
  },
  {
    type: 'STATED_IN',
    from: [...ENTITY_LABELS, 'Statement'],
    to: ['Source'],
    qualified: false,
    meaning: 'a passage that states it',
    title: { en: 'stated in', de: 'genannt in' },
  },
  {
    type: 'IN_DOCUMENT',
    from: ['Source'],
    to: ['Document'],
    qualified: false,
    meaning: 'the document a passage is in',
    title: { en: 'in document', de: 'im Dokument' },
  },
  {
    type: 'MENTIONS',
    from: ['Statement'],
    to: ENTITY_LABELS,
    qualified: false,
    meaning: 'a statement names an entity',
    title: { en: 'mentions', de: 'erwähnt' },
  },
] as const satisfies readonly RelationshipType[];

export type RelationshipTypeName = (typeof RELATIONSHIP_TYPES)[number]['type'];

/** One step of a relationship field: a type, walked out of or into the parent. */
export interface Step {
  readonly type: RelationshipTypeName;
  readonly direction: 'out' | 'in';
}

/** How a field's related nodes are ordered. */
export type Order = 'name' | 'chronological' | 'order' | 'section' | 'id';

/**
 * A GraphQL field that traverses relationships from its parent (an object type of
 * schema.graphql) to the nodes at the other end.
 */
export interface RelationshipField {
  /** The GraphQL object type the field is on. */
  readonly owner: string;
  readonly field: string;
  /** The steps it walks (one node reached over several steps comes once). */
  readonly via: readonly Step[];
  /** The labels the node at the other end may have. */
  readonly target: readonly NodeLabel[];
  readonly order: Order;
  /** To-one (`true`) or a list; the schema's field type must agree (test/unit/model.test.ts). */
  readonly one?: true;
  /**
   * The field returns the link itself, a GraphQL type implementing `Link`: the node at the
   * other end is its field `end`, the parent (where the type shows it) its field `start`.
   */
  readonly link?: { readonly type: string; readonly end: string; readonly start?: string };
  /**
   * The field's argument that filters what it lists: a list of enum values, one of which the
   * stored `property` (of the node at the other end, or of the link), upper-cased, must be.
   */
  readonly filter?: {
    readonly argument: string;
    readonly of: 'node' | 'link';
    readonly property: string;
  };
}

const out = (type: RelationshipTypeName): Step => ({ type, direction: 'out' });
const into = (type: RelationshipTypeName): Step => ({ type, direction: 'in' });
/** The fields of the Actor interface, on each actor kind. */
const actorFields = (owner: ActorLabel) =>
  [
    { owner, field: 'leads', via: [out('LEADS')], target: ['Action'], order: 'name' },
    {
      owner,
      field: 'contributesTo',
      via: [out('CONTRIBUTES_TO')],
      target: ['Action'],
      order: 'name',
    },
  ] as const satisfies readonly RelationshipField[];
/** Entity.sources, on each entity kind. */
const sourcesOf = (owner: EntityLabel) =>
  ({
    owner,
    field: 'sources',
    via: [out('STATED_IN')],
    target: ['Source'],
    order: 'section',
  }) as const satisfies RelationshipField;

export const RELATIONSHIP_FIELDS = [
  ...ENTITY_LABELS.map(sourcesOf),
  ...ACTOR_LABELS.flatMap(actorFields),

  { owner: 'Country', field: 'cities', via: [into('IN_COUNTRY')], target: ['City'], order: 'name' },

  {
    owner: 'City',
    field: 'country',
    via: [out('IN_COUNTRY')],
    target: ['Country'],
    order: 'name',
    one: true,
  },
  {
    owner: 'City',
    field: 'institutions',
    via: [into('BASED_IN')],
    target: ['Institution'],
    order: 'name',
  },
  {
    owner: 'City',
    field: 'hostedMeetings',
    via: [into('HELD_IN')],
    target: ['Meeting'],
    order: 'chronological',
  },
  {
    owner: 'City',
    field: 'meetings',
    via: [out('TOOK_PART_IN')],
    target: ['Meeting'],
    order: 'chronological',
  },

  {
    owner: 'Institution',
    field: 'city',
    via: [out('BASED_IN')],
    target: ['City'],
    order: 'name',
    one: true,
  },
  {
    owner: 'Institution',
    field: 'memberOf',
    via: [out('MEMBER_OF')],
    target: ['Institution'],
    order: 'name',
  },
  {
    owner: 'Institution',
    field: 'members',
    via: [into('MEMBER_OF')],
    target: ['Institution'],
    order: 'name',
  },
  {
    owner: 'Institution',
    field: 'memberships',
    via: [out('MEMBER_OF')],
    target: ['Institution'],
    order: 'name',
    link: { type: 'Membership', end: 'group', start: 'member' },
  },
  {
    owner: 'Institution',
    field: 'groupMembers',
    via: [into('MEMBER_OF')],
    target: ['City', 'Institution'],
    order: 'name',
    link: { type: 'Membership', end: 'member', start: 'group' },
  },
  // took part in, and hosted as venue
  {
    owner: 'Institution',
    field: 'meetings',
    via: [out('TOOK_PART_IN'), into('AT_VENUE')],
    target: ['Meeting'],
    order: 'chronological',
  },

  {
    owner: 'Meeting',
    field: 'city',
    via: [out('HELD_IN')],
    target: ['City'],
    order: 'name',
    one: true,
  },
  {
    owner: 'Meeting',
    field: 'venue',
    via: [out('AT_VENUE')],
    target: ['Institution'],
    order: 'name',
    one: true,
  },
  {
    owner: 'Meeting',
    field: 'topics',
    via: [out('HAS_TOPIC')],
    target: ['Statement'],
    order: 'order',
  },
  {
    owner: 'Meeting',
    field: 'outcomes',
    via: [out('HAS_OUTCOME')],
    target: ['Statement'],
    order: 'order',
    filter: { argument: 'kind', of: 'node', property: 'kind' },
  },
  {
    owner: 'Meeting',
    field: 'actions',
    via: [out('ADDRESSED')],
    target: ['Action'],
    order: 'name',
  },
  {
    owner: 'Meeting',
    field: 'participants',
    via: [into('TOOK_PART_IN')],
    target: ['City', 'Institution'],
    order: 'name',
  },
  {
    owner: 'Meeting',
    field: 'participations',
    via: [into('TOOK_PART_IN')],
    target: ['City', 'Institution'],
    order: 'name',
    link: { type: 'Participation', end: 'actor' },
  },
  {
    owner: 'Meeting',
    field: 'agenda',
    via: [out('ADDRESSED')],
    target: ['Action'],
    order: 'name',
    link: { type: 'AgendaItem', end: 'action' },
    filter: { argument: 'role', of: 'link', property: 'role' },
  },
  {
    owner: 'Meeting',
    field: 'previous',
    via: [into('NEXT')],
    target: ['Meeting'],
    order: 'id',
    one: true,
  },
  {
    owner: 'Meeting',
    field: 'next',
    via: [out('NEXT')],
    target: ['Meeting'],
    order: 'id',
    one: true,
  },

  {
    owner: 'FieldOfAction',
    field: 'actions',
    via: [into('IN_FIELD')],
    target: ['Action'],
    order: 'name',
  },

  {
    owner: 'Action',
    field: 'field',
    via: [out('IN_FIELD')],
    target: ['FieldOfAction'],
    order: 'name',
    one: true,
  },
  {
    owner: 'Action',
    field: 'leads',
    via: [into('LEADS')],
    target: ['City', 'Institution'],
    order: 'name',
  },
  {
    owner: 'Action',
    field: 'leadership',
    via: [into('LEADS')],
    target: ['City', 'Institution'],
    order: 'name',
    link: { type: 'Lead', end: 'actor' },
  },
  {
    owner: 'Action',
    field: 'contributors',
    via: [into('CONTRIBUTES_TO')],
    target: ['City', 'Institution'],
    order: 'name',
    link: { type: 'Contribution', end: 'actor' },
  },
  {
    owner: 'Action',
    field: 'meetings',
    via: [into('ADDRESSED')],
    target: ['Meeting'],
    order: 'chronological',
  },
  {
    owner: 'Action',
    field: 'partOf',
    via: [out('PART_OF')],
    target: ['Action'],
    order: 'name',
    one: true,
  },
  { owner: 'Action', field: 'parts', via: [into('PART_OF')], target: ['Action'], order: 'name' },
  {
    owner: 'Action',
    field: 'project',
    via: [out('IN_PROJECT')],
    target: ['Project'],
    order: 'name',
    one: true,
  },

  {
    owner: 'Project',
    field: 'partners',
    via: [into('PARTNER_IN')],
    target: ['City', 'Institution'],
    order: 'name',
    link: { type: 'ProjectPartner', end: 'actor' },
  },
  {
    owner: 'Project',
    field: 'members',
    via: [into('MEMBER_OF')],
    target: ['City', 'Institution'],
    order: 'name',
    link: { type: 'ProjectMember', end: 'actor' },
  },
  {
    owner: 'Project',
    field: 'city',
    via: [out('BASED_IN')],
    target: ['City'],
    order: 'name',
    one: true,
  },
  {
    owner: 'Project',
    field: 'actions',
    via: [into('IN_PROJECT')],
    target: ['Action'],
    order: 'name',
  },
  {
    owner: 'Project',
    field: 'meetings',
    via: [into('IN_PROJECT')],
    target: ['Meeting'],
    order: 'chronological',
  },

  {
    owner: 'Statement',
    field: 'source',
    via: [out('STATED_IN')],
    target: ['Source'],
    order: 'section',
    one: true,
  },
  {
    owner: 'Statement',
    field: 'meeting',
    via: [into('HAS_TOPIC'), into('HAS_OUTCOME')],
    target: ['Meeting'],
    order: 'id',
    one: true,
  },
  {
    owner: 'Source',
    field: 'origin',
    via: [out('IN_DOCUMENT')],
    target: ['Document'],
    order: 'id',
    one: true,
  },
] as const satisfies readonly RelationshipField[];

export const RELATIONSHIP_TYPE_NAMES: readonly RelationshipTypeName[] = RELATIONSHIP_TYPES.map(
  (r) => r.type,
);

/** Relationships between entities: what neighbourhoods draw and paths walk (no statements, sources). */
export const ENTITY_RELATIONSHIP_TYPES: readonly RelationshipTypeName[] = RELATIONSHIP_TYPES.filter(
  (r) => [...r.from, ...r.to].every(isEntityLabel),
).map((r) => r.type);

const BY_TYPE = new Map<string, RelationshipType>(RELATIONSHIP_TYPES.map((r) => [r.type, r]));

/** The model's description of relationship type `type`: its ends, qualification, titles. */
export function relationshipKind(type: RelationshipTypeName): RelationshipType {
  return BY_TYPE.get(type)!;
}

export function isRelationshipType(type: string): type is RelationshipTypeName {
  return BY_TYPE.has(type);
}
