/**
 * What a request reads, in the terms of the model: per node, its plain fields and, nested, its
 * relationship fields (src/model/relationships.ts). The translation (./cypher.ts) turns it into
 * one Cypher query. Read from the request with graphql-parse-resolve-info (fragments, aliases
 * and @skip/@include are resolved there).
 */
import type { FieldsByTypeName } from 'graphql-parse-resolve-info';
import { ACTOR_LABELS, ENTITY_LABELS, RELATIONSHIP_FIELDS, type RelationshipField } from '../model';

/** What is read of a node. */
export interface NodeSelection {
  /** The object types the node may be of: one, or the members of an abstract type. */
  readonly types: readonly string[];
  /** Fields that are not relationship fields (stored properties, or computed: ./fields.ts). */
  readonly fields: readonly string[];
  /** Relationship fields, by field name. */
  readonly related: ReadonlyMap<string, RelatedSelection>;
  /** City.partners: what is read of each partnership. */
  readonly partners?: PartnersSelection;
}

export interface RelatedSelection {
  /**
   * The model's fields of this name on the selected types: one, or (on an abstract type, with
   * fragments) one per group of types that walk it differently.
   */
  readonly via: readonly RelationshipField[];
  /** What is read of the nodes at the other end (of a link's `end`). */
  readonly node: NodeSelection;
  /** What is read of the link itself, for a field that returns links. */
  readonly link?: LinkSelection;
}

export interface LinkSelection {
  /** role, roleDe, basis, note as selected. */
  readonly fields: readonly string[];
  readonly sources: NodeSelection | null;
  /** The parent, where the link type shows it (Membership.member of memberships). */
  readonly start: NodeSelection | null;
}

export interface PartnersSelection {
  readonly city: NodeSelection;
  readonly sharedActions: NodeSelection;
  readonly sharedMeetings: NodeSelection;
}

/** The object types of each GraphQL type a selection can name. */
const ABSTRACT_TYPES: Record<string, readonly string[]> = {
  Entity: ENTITY_LABELS,
  Actor: ACTOR_LABELS,
};

export function objectTypesOf(typeName: string): readonly string[] {
  return ABSTRACT_TYPES[typeName] ?? [typeName];
}

const FIELDS_BY_OWNER = new Map<string, Map<string, RelationshipField>>();
for (const field of RELATIONSHIP_FIELDS as readonly RelationshipField[]) {
  let byName = FIELDS_BY_OWNER.get(field.owner);
  if (!byName) FIELDS_BY_OWNER.set(field.owner, (byName = new Map()));
  byName.set(field.field, field);
}

/** What `selections` (one per occurrence of the field in the request) read of a node. */
export function nodeSelection(
  selections: readonly FieldsByTypeName[],
  types: readonly string[],
): NodeSelection {
  const fields = new Set<string>();
  const related = new Map<string, { via: Set<RelationshipField>; inner: FieldsByTypeName[] }>();
  const partners: FieldsByTypeName[] = [];
  for (const byType of selections) {
    for (const [typeName, selected] of Object.entries(byType)) {
      const scope = types.filter((type) => objectTypesOf(typeName).includes(type));
      for (const field of Object.values(selected)) {
        if (field.name.startsWith('__')) continue;
        const via = scope.flatMap((type) => FIELDS_BY_OWNER.get(type)?.get(field.name) ?? []);
        if (via.length > 0) {
          const entry = related.get(field.name) ?? { via: new Set(), inner: [] };
          for (const model of via) entry.via.add(model);
          entry.inner.push(field.fieldsByTypeName);
          related.set(field.name, entry);
        } else if (field.name === 'partners' && scope.includes('City')) {
          partners.push(field.fieldsByTypeName);
        } else {
          fields.add(field.name);
        }
      }
    }
  }
  return {
    types,
    fields: [...fields],
    related: new Map(
      [...related].map(([name, { via, inner }]) => [name, relatedSelection([...via], inner)]),
    ),
    ...(partners.length > 0
      ? {
          partners: {
            city: partOf(partners, 'Partnership', 'city', ['City']),
            sharedActions: partOf(partners, 'Partnership', 'sharedActions', ['Action']),
            sharedMeetings: partOf(partners, 'Partnership', 'sharedMeetings', ['Meeting']),
          },
        }
      : {}),
  };
}

function relatedSelection(
  via: readonly RelationshipField[],
  inner: readonly FieldsByTypeName[],
): RelatedSelection {
  const targets = [...new Set(via.flatMap((field) => field.target))];
  const link = via[0]!.link;
  if (!link) return { via, node: nodeSelection(inner, targets) };
  const fields = new Set<string>();
  for (const byType of inner) {
    for (const field of Object.values(byType[link.type] ?? {})) {
      if (![link.end, link.start, 'sources', '__typename'].includes(field.name)) {
        fields.add(field.name);
      }
    }
  }
  return {
    via,
    node: partOf(inner, link.type, link.end, targets),
    link: {
      fields: [...fields],
      sources: isRead(inner, link.type, 'sources')
        ? partOf(inner, link.type, 'sources', ['Source'])
        : null,
      start:
        link.start && isRead(inner, link.type, link.start)
          ? partOf(inner, link.type, link.start, [...new Set(via.map((field) => field.owner))])
          : null,
    },
  };
}

/** The occurrences of field `name` of type `typeName` (a wrapper: Partnership, SearchHit…). */
function fieldsNamed(selections: readonly FieldsByTypeName[], typeName: string, name: string) {
  return selections.flatMap((byType) =>
    Object.values(byType[typeName] ?? {}).filter((field) => field.name === name),
  );
}

/** What is read of the nodes in field `name` of type `typeName`. */
export function partOf(
  selections: readonly FieldsByTypeName[],
  typeName: string,
  name: string,
  types: readonly string[],
): NodeSelection {
  return nodeSelection(
    fieldsNamed(selections, typeName, name).map((field) => field.fieldsByTypeName),
    types,
  );
}

export function isRead(
  selections: readonly FieldsByTypeName[],
  typeName: string,
  name: string,
): boolean {
  return fieldsNamed(selections, typeName, name).length > 0;
}

/** The selections inside field `name` of `typeName` (for wrappers of wrappers: edges.node). */
export function inside(
  selections: readonly FieldsByTypeName[],
  typeName: string,
  name: string,
): FieldsByTypeName[] {
  return fieldsNamed(selections, typeName, name).map((field) => field.fieldsByTypeName);
}
