// The relationships the API walks, each as a fixed Cypher pattern from (s) to (t).
// Nested GraphQL fields are served by one batched query per relation per request
// (UNWIND $ids), so the number of round trips does not grow with the results.

export interface RelationSpec {
  /** Label of the start node (lets Neo4j use the id index). */
  from: 'Entity' | 'Statement';
  /** Pattern from (s) to (t); (r) is the relationship whose properties come along as `edge`. */
  pattern: string;
  /** Order of the related nodes. */
  orderBy: string;
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
  participants: { from: 'Entity', pattern: '(s)<-[r:TOOK_PART_IN]-(t)', orderBy: byName },
  previousMeeting: { from: 'Entity', pattern: '(s)<-[r:NEXT]-(t:Meeting)', orderBy: 't.id' },
  nextMeeting: { from: 'Entity', pattern: '(s)-[r:NEXT]->(t:Meeting)', orderBy: 't.id' },
  actionsInField: { from: 'Entity', pattern: '(s)<-[r:IN_FIELD]-(t:Action)', orderBy: byName },
  fieldOfAction: {
    from: 'Entity',
    pattern: '(s)-[r:IN_FIELD]->(t:FieldOfAction)',
    orderBy: byName,
  },
  leadsOfAction: { from: 'Entity', pattern: '(s)<-[r:LEADS]-(t)', orderBy: byName },
  contributorsOfAction: { from: 'Entity', pattern: '(s)<-[r:CONTRIBUTES_TO]-(t)', orderBy: byName },
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
 * The related nodes of `parent` as a subquery body (for COLLECT { … }): each node with its
 * labels and the properties of the relationship that leads to it. Sources also bring the
 * English text of the statement they quote (Source.statementId).
 */
export function relationSubquery(spec: RelationSpec, parent: string): string {
  const sources = quotesStatement(spec);
  return `MATCH ${spec.pattern.replace('(s)', `(${parent})`)}
    ${sources ? 'OPTIONAL MATCH (quoted:Statement {id: t.statementId})' : ''}
    WITH t, r${sources ? ', quoted' : ''} ORDER BY ${spec.orderBy}
    RETURN t {.*, labels: labels(t), edge: properties(r)${sources ? ', quoteEn: quoted.textEn' : ''}}`;
}

/** One batched query per relation, built once from the constants above (never from input). */
export function relationQuery(spec: RelationSpec): string {
  return `
UNWIND $ids AS id
MATCH (s:${spec.from} {id: id})
RETURN id, COLLECT { ${relationSubquery(spec, 's')} } AS items`;
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
