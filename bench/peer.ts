// The peer: the same data served through @neo4j/graphql 7 (generated resolvers, one Cypher
// translation per operation) by Apollo Server, with type definitions equivalent to ours for
// the operations the library can express without custom Cypher. Relationships to one node
// are lists here: @neo4j/graphql 7 supports only list relationship fields.
import type { Driver } from 'neo4j-driver';
import type { ReadOperation } from './operations';

export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Country @node {
    id: ID!
    name: String!
    nameDe: String
  }
  type City @node {
    id: ID!
    name: String!
    nameDe: String
    country: [Country!]! @relationship(type: "IN_COUNTRY", direction: OUT)
  }
  type Institution @node {
    id: ID!
    name: String!
    nameDe: String
    kind: String!
    city: [City!]! @relationship(type: "BASED_IN", direction: OUT)
    memberOf: [Institution!]! @relationship(type: "MEMBER_OF", direction: OUT)
    members: [Institution!]! @relationship(type: "MEMBER_OF", direction: IN)
    leads: [Action!]! @relationship(type: "LEADS", direction: OUT)
    contributesTo: [Action!]! @relationship(type: "CONTRIBUTES_TO", direction: OUT)
  }
  type Statement @node {
    id: ID!
    text: String!
    textEn: String!
    order: Int
  }
  type Source @node {
    id: ID!
    document: String!
    section: String!
    quote: String!
  }
  type Meeting @node {
    id: ID!
    name: String!
    nameDe: String
    kind: String!
    status: String!
    year: Int!
    date: String
    order: Int
    city: [City!]! @relationship(type: "HELD_IN", direction: OUT)
    venue: [Institution!]! @relationship(type: "AT_VENUE", direction: OUT)
    topics: [Statement!]! @relationship(type: "HAS_TOPIC", direction: OUT)
    outcomes: [Statement!]! @relationship(type: "HAS_OUTCOME", direction: OUT)
    actions: [Action!]! @relationship(type: "ADDRESSED", direction: OUT)
    previous: [Meeting!]! @relationship(type: "NEXT", direction: IN)
    next: [Meeting!]! @relationship(type: "NEXT", direction: OUT)
  }
  type FieldOfAction @node {
    id: ID!
    name: String!
    nameDe: String
  }
  type Contribution @relationshipProperties {
    role: String
    roleDe: String
  }
  union Actor = City | Institution
  type Action @node {
    id: ID!
    name: String!
    nameDe: String
    kind: String!
    start: String
    end: String
    field: [FieldOfAction!]! @relationship(type: "IN_FIELD", direction: OUT)
    leads: [Actor!]! @relationship(type: "LEADS", direction: IN)
    contributors: [Actor!]!
      @relationship(type: "CONTRIBUTES_TO", direction: IN, properties: "Contribution")
    meetings: [Meeting!]! @relationship(type: "ADDRESSED", direction: IN)
    sources: [Source!]! @relationship(type: "STATED_IN", direction: OUT)
  }
`;

const actor = '__typename ... on City { id name nameDe } ... on Institution { id name nameDe }';

/** The contract operations in the peer's schema (same fields, same order and cap). */
export const PEER_OPERATIONS: Partial<Record<ReadOperation, string>> = {
  Cities: `query Cities { cities(limit: 500, sort: [{ name: ASC }, { id: ASC }]) {
    id name nameDe country { id name } } }`,
  MeetingTimeline: `query MeetingTimeline {
    meetings(limit: 500, sort: [{ date: ASC }, { order: ASC }, { id: ASC }]) {
      id name kind status year date
      city { id name nameDe } venue { id name }
      topics(sort: [{ order: ASC }]) { text textEn }
      outcomes(sort: [{ order: ASC }]) { text textEn }
      actions(sort: [{ name: ASC }]) { id name }
      previous { id } next { id } } }`,
  WhoLeadsWhat: `query WhoLeadsWhat {
    actions(limit: 500, sort: [{ name: ASC }, { id: ASC }]) {
      id name nameDe kind start end
      field { id name nameDe }
      leads { ${actor} }
      contributorsConnection { edges { properties { role } node { ${actor} } } }
      meetings { id year city { id name } } } }`,
  Institutions: `query Institutions {
    institutions(limit: 500, sort: [{ name: ASC }, { id: ASC }]) {
      id name nameDe kind city { id name }
      memberOf { id name } members { id name }
      leads { id name } contributesTo { id name } } }`,
  Provenance: `query Provenance($id: ID!) {
    actions(where: { id: { eq: $id } }) {
      __typename id name sources(sort: [{ section: ASC }, { id: ASC }]) { document section quote } } }`,
};

/** Builds the peer's executable schema (checks the database's version and procedures first). */
export async function peerSchema(driver: Driver) {
  const { Neo4jGraphQL } = await import('@neo4j/graphql');
  const neoSchema = new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver });
  await neoSchema.checkNeo4jCompat();
  return neoSchema.getSchema();
}
