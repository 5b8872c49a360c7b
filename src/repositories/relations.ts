// The relationships the API walks, each as a fixed Cypher pattern from (s) to (t). Lists and
// lookups fetch the relations a request selects in their own query (nested COLLECT
// subqueries); other results get them from one batched query per relation per request
// (UNWIND $ids), so the number of round trips does not grow with the results.

export interface RelationSpec {
  /** Label of the start node (lets Neo4j use the id index). */
  from: 'Entity' | 'Statement';
  /** Pattern from (s) to (t); (r) is the relationship whose properties come along as `edge`. */
  pattern: string;
  /** Order of the related nodes. */
  orderBy: string;
  /** The relationship's properties matter (a role): they come along as `edge`. */
  edge?: true;
}

const byName = 't.name';
const chronological = 'coalesce(t.date, toString(t.year)), t.order, t.id';

export const relations = {
  countryOfCity: { from: 'Entity', pattern: '(s)-[r:IN_COUNTRY]->(t:Country)', orderBy: byName },
  citiesOfCountry: { from: 'Entity', pattern: '(s)<-[r:IN_COUNTRY]-(t:City)', orderBy: byName },
  institutionsOfCity: {
    from: 'Entity',
    pattern: '(s)<-[r:BASED_IN]-(t:Institution)',
    orderBy: byName,
  },
  cityOfInstitution: { from: 'Entity', pattern: '(s)-[r:BASED_IN]->(t:City)', orderBy: byName },
  hostedMeetings: {
    from: 'Entity',
    pattern: '(s)<-[r:HELD_IN]-(t:Meeting)',
    orderBy: chronological,
  },
  meetingsTakenPartIn: {
    from: 'Entity',
    pattern: '(s)-[r:TOOK_PART_IN]->(t:Meeting)',
    orderBy: chronological,
  },
  // An institution's meetings: those it took part in, and those it hosted as venue.
  meetingsOfInstitution: {
    from: 'Entity',
    pattern: '(s)-[r:TOOK_PART_IN|AT_VENUE]-(t:Meeting)',
    orderBy: chronological,
  },
  leads: { from: 'Entity', pattern: '(s)-[r:LEADS]->(t:Action)', orderBy: byName },
  contributesTo: { from: 'Entity', pattern: '(s)-[r:CONTRIBUTES_TO]->(t:Action)', orderBy: byName },
  memberOf: { from: 'Entity', pattern: '(s)-[r:MEMBER_OF]->(t:Institution)', orderBy: byName },
  members: { from: 'Entity', pattern: '(s)<-[r:MEMBER_OF]-(t:Institution)', orderBy: byName },
  cityOfMeeting: { from: 'Entity', pattern: '(s)-[r:HELD_IN]->(t:City)', orderBy: byName },
  venueOfMeeting: { from: 'Entity', pattern: '(s)-[r:AT_VENUE]->(t:Institution)', orderBy: byName },
  topics: { from: 'Entity', pattern: '(s)-[r:HAS_TOPIC]->(t:Statement)', orderBy: 't.order' },
  outcomes: { from: 'Entity', pattern: '(s)-[r:HAS_OUTCOME]->(t:Statement)', orderBy: 't.order' },
  actionsOfMeeting: { from: 'Entity', pattern: '(s)-[r:ADDRESSED]->(t:Action)', orderBy: byName },
  participants: {
    from: 'Entity',
    pattern: '(s)<-[r:TOOK_PART_IN]-(t)',
    orderBy: byName,
    edge: true,
  },
  previousMeeting: { from: 'Entity', pattern: '(s)<-[r:NEXT]-(t:Meeting)', orderBy: 't.id' },
  nextMeeting: { from: 'Entity', pattern: '(s)-[r:NEXT]->(t:Meeting)', orderBy: 't.id' },
  actionsInField: { from: 'Entity', pattern: '(s)<-[r:IN_FIELD]-(t:Action)', orderBy: byName },
  fieldOfAction: {
    from: 'Entity',
    pattern: '(s)-[r:IN_FIELD]->(t:FieldOfAction)',
    orderBy: byName,
  },
  leadsOfAction: { from: 'Entity', pattern: '(s)<-[r:LEADS]-(t)', orderBy: byName },
  contributorsOfAction: {
    from: 'Entity',
    pattern: '(s)<-[r:CONTRIBUTES_TO]-(t)',
    orderBy: byName,
    edge: true,
  },
  meetingsOfAction: {
    from: 'Entity',
    pattern: '(s)<-[r:ADDRESSED]-(t:Meeting)',
    orderBy: chronological,
  },
  partOf: { from: 'Entity', pattern: '(s)-[r:PART_OF]->(t:Action)', orderBy: byName },
  parts: { from: 'Entity', pattern: '(s)<-[r:PART_OF]-(t:Action)', orderBy: byName },
  sourcesOfEntity: {
    from: 'Entity',
    pattern: '(s)-[r:STATED_IN]->(t:Source)',
    orderBy: 't.section, t.id',
  },
  sourcesOfStatement: {
    from: 'Statement',
    pattern: '(s)-[r:STATED_IN]->(t:Source)',
    orderBy: 't.section, t.id',
  },
  meetingOfStatement: {
    from: 'Statement',
    pattern: '(s)<-[r:HAS_TOPIC|HAS_OUTCOME]-(t:Meeting)',
    orderBy: 't.id',
  },
} as const satisfies Record<string, RelationSpec>;

export type RelationName = keyof typeof relations;

const quotesStatement = (spec: RelationSpec) => spec.pattern.includes('t:Source');

/**
 * What a request reads of a node: its properties (null: all of them) and, per relation, what
 * it reads of the related nodes. Queries fetch exactly this, nested, in one round trip.
 */
export interface Selection {
  properties: readonly string[] | null;
  relations: ReadonlyMap<RelationName, Selection>;
  /** What is read of a city's partners (City.partners), computed along at the top level. */
  partners?: PartnersSelection;
}

export interface PartnersSelection {
  city: Selection;
  sharedActions: Selection;
  sharedMeetings: Selection;
}

/** Every property, no relation: what the batched loaders fetch. */
export const WHOLE_NODE: Selection = { properties: null, relations: new Map() };

// Keys the projections add themselves; a property of the same name is not read.
const COMPUTED_KEYS = new Set(['labels', 'edge', 'prefetched', 'quoteEn']);

/**
 * A Cypher expression for a node, and how to turn the value Neo4j returns for it into the
 * node's record (`decode`). Both are made from one list of entries, so they cannot disagree.
 */
export interface Projection {
  cypher: string;
  decode: (value: unknown) => Record<string, unknown>;
}

/** One entry of a record: its key, its Cypher expression, how its value is decoded. */
export interface ProjectedEntry {
  key: string;
  cypher: string;
  decode?: (value: unknown) => unknown;
}

const each =
  (decode: (value: unknown) => unknown) =>
  (values: unknown): unknown[] =>
    (values as unknown[]).map(decode);

/**
 * The projection of node `v`: the selected properties, its labels (unless `labels` is
 * false), `extra` entries, and the selected relations as `prefetched: {relation: [related
 * nodes]}` (nested subqueries; `prefetched` adds entries computed by the caller).
 *
 * A selection that names its properties travels as a list (a tuple in a fixed order),
 * decoded into a record here: the driver decodes a map entry by entry with its key, which
 * made up most of the API's CPU time on large results. Whole nodes (properties: null, the
 * loaders' results) keep the map projection `.*`, as their keys are not known in advance.
 */
export function nodeProjection(
  v: string,
  selection: Selection,
  {
    extra = [],
    labels = true,
    prefetched = [],
  }: {
    extra?: readonly ProjectedEntry[];
    labels?: boolean;
    prefetched?: readonly ProjectedEntry[];
  } = {},
): Projection {
  const nested: ProjectedEntry[] = [
    ...[...selection.relations].map(([name, inner]) => {
      const related = relationSubquery(relations[name], v, inner);
      return { key: name, cypher: `COLLECT { ${related.cypher} }`, decode: each(related.decode) };
    }),
    ...prefetched,
  ];
  const own = [...(labels ? [{ key: 'labels', cypher: `labels(${v})` }] : []), ...extra];
  if (selection.properties === null) return mapProjection(v, own, nested);
  const properties = [...new Set(['id', ...selection.properties])]
    .filter((name) => !COMPUTED_KEYS.has(name))
    .map((name) => ({ key: name, cypher: `${v}.\`${name.replace(/`/g, '')}\`` }));
  return tupleProjection([...properties, ...own], nested);
}

function tupleProjection(
  entries: readonly ProjectedEntry[],
  nested: readonly ProjectedEntry[],
): Projection {
  return {
    cypher: `[${[...entries, ...nested].map((entry) => entry.cypher).join(', ')}]`,
    decode: (value) => {
      const row = value as unknown[];
      const record: Record<string, unknown> = {};
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        record[entry.key] = entry.decode ? entry.decode(row[i]) : row[i];
      }
      if (nested.length > 0) {
        const fetched: Record<string, unknown> = {};
        for (let j = 0; j < nested.length; j++) {
          const entry = nested[j]!;
          const item = row[entries.length + j];
          fetched[entry.key] = entry.decode ? entry.decode(item) : item;
        }
        record.prefetched = fetched;
      }
      return record;
    },
  };
}

function mapProjection(
  v: string,
  own: readonly ProjectedEntry[],
  nested: readonly ProjectedEntry[],
): Projection {
  const entries = ['.*', ...own.map((entry) => `${entry.key}: ${entry.cypher}`)];
  if (nested.length > 0) {
    entries.push(`prefetched: {${nested.map((e) => `${e.key}: ${e.cypher}`).join(', ')}}`);
  }
  const decodedOwn = own.filter((entry) => entry.decode);
  const decodedNested = nested.filter((entry) => entry.decode);
  return {
    cypher: `${v} {${entries.join(', ')}}`,
    decode: (value) => {
      const record = value as Record<string, unknown>;
      decodeEntries(record, decodedOwn);
      if (decodedNested.length > 0) {
        decodeEntries(record.prefetched as Record<string, unknown>, decodedNested);
      }
      return record;
    },
  };
}

function decodeEntries(record: Record<string, unknown>, entries: readonly ProjectedEntry[]) {
  for (const entry of entries) record[entry.key] = entry.decode!(record[entry.key]);
}

/**
 * The related nodes of node `parent` as a subquery body (for COLLECT { … }) that returns
 * each node projected as `selection` says, with the properties of the relationship that
 * leads to it (`edge`). Sources also bring the English text of the statement they quote
 * (quoteEn). A selection reads labels only where the pattern leaves the type open (an Actor
 * needs them for its __typename) and `edge` only where it holds a role; whole nodes (the
 * loaders' results, which any resolver may read) bring both.
 * Variables are suffixed with the parent's name, so nested subqueries never capture an
 * outer variable of the same name.
 */
export function relationSubquery(
  spec: RelationSpec,
  parent: string,
  selection: Selection = WHOLE_NODE,
): Projection {
  const t = `t_${parent}`;
  const r = `r_${parent}`;
  const quoted = `q_${parent}`;
  const local = (text: string) => text.replace(/\bt\b/g, t).replace(/\br\b/g, r);
  const whole = selection.properties === null;
  const quoteEn = quotesStatement(spec) && (selection.properties?.includes('quoteEn') ?? true);
  const node = nodeProjection(t, selection, {
    labels: whole || !spec.pattern.includes('(t:'),
    extra: [
      ...(whole || spec.edge ? [{ key: 'edge', cypher: `properties(${r})` }] : []),
      ...(quoteEn ? [{ key: 'quoteEn', cypher: `${quoted}.textEn` }] : []),
    ],
  });
  return {
    cypher: `MATCH ${local(spec.pattern).replace('(s)', `(${parent})`)}
    ${quoteEn ? `OPTIONAL MATCH (${quoted}:Statement {id: ${t}.statementId})` : ''}
    WITH ${t}, ${r}${quoteEn ? `, ${quoted}` : ''} ORDER BY ${local(spec.orderBy)}
    RETURN ${node.cypher}`,
    decode: node.decode,
  };
}

/**
 * One batched query per relation (UNWIND $ids), built once from the constants above (never
 * from input): the whole related nodes of each id, as `items`.
 */
export function relationQuery(spec: RelationSpec): {
  cypher: string;
  decodeItem: Projection['decode'];
} {
  const related = relationSubquery(spec, 's');
  return {
    cypher: `
UNWIND $ids AS id
MATCH (s:${spec.from} {id: id})
RETURN id, COLLECT { ${related.cypher} } AS items`,
    decodeItem: related.decode,
  };
}

/**
 * Which relation serves each relationship field of each GraphQL type: the resolvers are made
 * from this, and list queries use it to fetch the fields a request selects in the same query.
 */
export const fieldRelations = {
  Country: { cities: 'citiesOfCountry', sources: 'sourcesOfEntity' },
  City: {
    country: 'countryOfCity',
    institutions: 'institutionsOfCity',
    hostedMeetings: 'hostedMeetings',
    meetings: 'meetingsTakenPartIn',
    leads: 'leads',
    contributesTo: 'contributesTo',
    sources: 'sourcesOfEntity',
  },
  Institution: {
    city: 'cityOfInstitution',
    memberOf: 'memberOf',
    members: 'members',
    meetings: 'meetingsOfInstitution',
    leads: 'leads',
    contributesTo: 'contributesTo',
    sources: 'sourcesOfEntity',
  },
  Meeting: {
    city: 'cityOfMeeting',
    venue: 'venueOfMeeting',
    topics: 'topics',
    outcomes: 'outcomes',
    actions: 'actionsOfMeeting',
    participants: 'participants',
    participations: 'participants',
    previous: 'previousMeeting',
    next: 'nextMeeting',
    sources: 'sourcesOfEntity',
  },
  FieldOfAction: { actions: 'actionsInField', sources: 'sourcesOfEntity' },
  Action: {
    field: 'fieldOfAction',
    leads: 'leadsOfAction',
    contributors: 'contributorsOfAction',
    meetings: 'meetingsOfAction',
    partOf: 'partOf',
    parts: 'parts',
    sources: 'sourcesOfEntity',
  },
} as const satisfies Record<string, Record<string, RelationName>>;

export type EntityTypeWithRelations = keyof typeof fieldRelations;

/** The relationship fields of Statement (not an entity: no audit, no nameDe). */
export const statementRelations = {
  source: 'sourcesOfStatement',
  meeting: 'meetingOfStatement',
} as const satisfies Record<string, RelationName>;
