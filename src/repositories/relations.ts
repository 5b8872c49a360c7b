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

/**
 * One query per relation, built once from the constants above (never from input).
 * Sources bring the English text of the statement they quote (Source.statementId).
 */
export function relationQuery(spec: RelationSpec): string {
  const toSources = spec.pattern.includes('t:Source');
  return `
UNWIND $ids AS id
MATCH (s:${spec.from} {id: id})
OPTIONAL MATCH ${spec.pattern}
${toSources ? 'OPTIONAL MATCH (quoted:Statement {id: t.statementId})' : ''}
WITH id, s, t, r${toSources ? ', quoted.textEn AS quoteEn' : ''} ORDER BY ${spec.orderBy}
RETURN id, collect(CASE WHEN t IS NULL THEN null
  ELSE t {.*, labels: labels(t), edge: properties(r)${toSources ? ', quoteEn: quoteEn' : ''}} END) AS items`;
}
