/**
 * The entity kinds of the graph: the one description from which the loader's labels, the
 * translation's type lists (Entity, Actor), search, the explorer's kinds and styles, the Neo4j
 * Browser style and docs/graph-model.md derive. A kind's Neo4j label is its GraphQL type name.
 * Adding a kind: an entry here, its type in schema.graphql, its data (docs/architecture.md).
 */

export interface EntityKind {
  /** Neo4j label and GraphQL object type. */
  readonly label: string;
  /** Ids are `prefix/slug`, unique across all kinds. */
  readonly idPrefix: string;
  /** Whether it can lead or contribute to an action (GraphQL interface Actor). */
  readonly actor: boolean;
  /** Stored properties the full-text search reads, besides name and nameDe. */
  readonly searchable: readonly string[];
  /** How the explorer and Neo4j Browser draw it (colour-blind safe Okabe–Ito palette). */
  readonly style: {
    readonly color: string;
    readonly border: string;
    readonly shape:
      | 'ellipse'
      | 'round-rectangle'
      | 'diamond'
      | 'round-hexagon'
      | 'round-triangle'
      | 'round-octagon'
      | 'star';
    readonly size: number;
  };
  /** English and German names of the kind, for people (explorer, docs). */
  readonly title: { readonly en: string; readonly de: string };
}

export const ENTITY_KINDS = [
  {
    label: 'Country',
    idPrefix: 'country/',
    actor: false,
    searchable: [],
    style: { color: '#D55E00', border: '#8f3f00', shape: 'round-octagon', size: 38 },
    title: { en: 'Country', de: 'Land' },
  },
  {
    label: 'City',
    idPrefix: 'city/',
    actor: true,
    searchable: [],
    style: { color: '#0072B2', border: '#004c77', shape: 'ellipse', size: 46 },
    title: { en: 'City', de: 'Stadt' },
  },
  {
    label: 'Institution',
    idPrefix: 'institution/',
    actor: true,
    searchable: [],
    style: { color: '#009E73', border: '#006b4e', shape: 'round-rectangle', size: 30 },
    title: { en: 'Institution', de: 'Institution' },
  },
  {
    label: 'Meeting',
    idPrefix: 'meeting/',
    actor: false,
    searchable: [],
    style: { color: '#E69F00', border: '#9c6b00', shape: 'diamond', size: 36 },
    title: { en: 'Meeting', de: 'Treffen' },
  },
  {
    label: 'Action',
    idPrefix: 'action/',
    actor: false,
    searchable: ['description', 'descriptionDe'],
    style: { color: '#CC79A7', border: '#8f4f73', shape: 'round-hexagon', size: 32 },
    title: { en: 'Action', de: 'Maßnahme' },
  },
  {
    label: 'FieldOfAction',
    idPrefix: 'field/',
    actor: false,
    searchable: [],
    style: { color: '#56B4E9', border: '#2a7fb0', shape: 'round-triangle', size: 34 },
    title: { en: 'Field of action', de: 'Handlungsfeld' },
  },
  {
    label: 'Project',
    idPrefix: 'project/',
    actor: false,
    searchable: ['title'],
    style: { color: '#F0E442', border: '#a39a1c', shape: 'star', size: 44 },
    title: { en: 'Project', de: 'Projekt' },
  },
] as const satisfies readonly EntityKind[];

export type EntityLabel = (typeof ENTITY_KINDS)[number]['label'];
export type ActorLabel = Extract<(typeof ENTITY_KINDS)[number], { actor: true }>['label'];

export const ENTITY_LABELS: readonly EntityLabel[] = ENTITY_KINDS.map((kind) => kind.label);
export const ACTOR_LABELS = ENTITY_KINDS.filter((kind) => kind.actor).map(
  (kind) => kind.label,
) as readonly ActorLabel[];

const BY_LABEL = new Map<string, EntityKind>(ENTITY_KINDS.map((kind) => [kind.label, kind]));

export function entityKind(label: EntityLabel): EntityKind {
  return BY_LABEL.get(label)!;
}

export function isEntityLabel(label: string): label is EntityLabel {
  return BY_LABEL.has(label);
}

/** The entity label among a node's labels. */
export function entityLabelOf(labels: readonly string[]): EntityLabel | undefined {
  return ENTITY_LABELS.find((label) => labels.includes(label));
}
