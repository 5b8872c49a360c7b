/**
 * What a request reads, in the terms of the model: per node, its plain fields and, nested, its
 * relationship fields (src/model/relationships.ts). The translation (./cypher.ts) turns it into
 * one Cypher query. Read from the request with graphql-parse-resolve-info (fragments, aliases
 * and @skip/@include are resolved there).
 */
import type { FieldsByTypeName } from 'graphql-parse-resolve-info';
import { BadInputError } from '../errors';
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
  /**
   * The values of the filter arguments given in it and below it, by the name of the Cypher
   * parameter each becomes (RelatedSelection.filter); absent where none is given.
   */
  readonly params?: Readonly<Record<string, unknown>>;
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
  /** The field's filter argument, where the request gives it (model: RelationshipField.filter). */
  readonly filter?: {
    /** The Cypher parameter holding the argument's values (in NodeSelection.params). */
    readonly param: string;
    readonly of: 'node' | 'link';
    readonly property: string;
  };
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

/**
 * What `selections` (one per occurrence of the field in the request) read of a node. `path`
 * names where it is in the request (the fields walked to it), so that the parameters of the
 * filters below it have names of their own.
 */
export function nodeSelection(
  selections: readonly FieldsByTypeName[],
  types: readonly string[],
  path = '',
): NodeSelection {
  const fields = new Set<string>();
  const related = new Map<
    string,
    { via: Set<RelationshipField>; inner: FieldsByTypeName[]; args: string }
  >();
  const partners: FieldsByTypeName[] = [];
  for (const byType of selections) {
    for (const [typeName, selected] of Object.entries(byType)) {
      const scope = types.filter((type) => objectTypesOf(typeName).includes(type));
      for (const field of Object.values(selected)) {
        if (field.name.startsWith('__')) continue;
        const via = scope.flatMap((type) => FIELDS_BY_OWNER.get(type)?.get(field.name) ?? []);
        if (via.length > 0) {
          const args = JSON.stringify(field.args ?? {});
          const entry = related.get(field.name) ?? { via: new Set(), inner: [], args };
          // one field, one projection: aliases of it cannot filter differently
          if (entry.args !== args) {
            throw new BadInputError(
              `${path}${field.name}`,
              'is selected more than once with different arguments; select it once per query',
            );
          }
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
  const params: Record<string, unknown> = {};
  const relatedSelections = new Map(
    [...related].map(([name, { via, inner, args }]) => [
      name,
      relatedSelection([...via], inner, {
        args: JSON.parse(args),
        path: `${path}${name}_`,
        params,
      }),
    ]),
  );
  const partnersSelection =
    partners.length > 0
      ? {
          city: partOf(partners, 'Partnership', 'city', ['City'], `${path}partners_city_`),
          sharedActions: partOf(
            partners,
            'Partnership',
            'sharedActions',
            ['Action'],
            `${path}partners_sharedActions_`,
          ),
          sharedMeetings: partOf(
            partners,
            'Partnership',
            'sharedMeetings',
            ['Meeting'],
            `${path}partners_sharedMeetings_`,
          ),
        }
      : undefined;
  for (const selection of relatedSelections.values()) {
    for (const below of [selection.node, selection.link?.start, selection.link?.sources]) {
      if (below) Object.assign(params, below.params);
    }
  }
  for (const below of Object.values(partnersSelection ?? {})) Object.assign(params, below.params);
  return {
    types,
    fields: [...fields],
    related: relatedSelections,
    ...(partnersSelection ? { partners: partnersSelection } : {}),
    params,
  };
}

/** Where a related field is in the request: its arguments, its path, the filters' values. */
interface FieldPlace {
  readonly args: Record<string, unknown>;
  readonly path: string;
  /** Receives the value of the field's filter argument, by its parameter's name. */
  readonly params: Record<string, unknown>;
}

function relatedSelection(
  via: readonly RelationshipField[],
  inner: readonly FieldsByTypeName[],
  { args, path, params }: FieldPlace,
): RelatedSelection {
  const targets = [...new Set(via.flatMap((field) => field.target))];
  const model = via.find((field) => field.filter)?.filter;
  const values = model ? args[model.argument] : undefined;
  let filter: RelatedSelection['filter'];
  if (model && values !== undefined && values !== null) {
    filter = { param: `filter_${path}${model.argument}`, of: model.of, property: model.property };
    params[filter.param] = values;
  }
  const link = via[0]!.link;
  if (!link)
    return { via, node: nodeSelection(inner, targets, path), ...(filter ? { filter } : {}) };
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
    node: partOf(inner, link.type, link.end, targets, `${path}${link.end}_`),
    link: {
      fields: [...fields],
      sources: isRead(inner, link.type, 'sources')
        ? partOf(inner, link.type, 'sources', ['Source'], `${path}sources_`)
        : null,
      start:
        link.start && isRead(inner, link.type, link.start)
          ? partOf(
              inner,
              link.type,
              link.start,
              [...new Set(via.map((field) => field.owner))],
              `${path}${link.start}_`,
            )
          : null,
    },
    ...(filter ? { filter } : {}),
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
  path = '',
): NodeSelection {
  return nodeSelection(
    fieldsNamed(selections, typeName, name).map((field) => field.fieldsByTypeName),
    types,
    path,
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
