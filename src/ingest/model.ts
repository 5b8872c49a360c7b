/**
 * The graph model's vocabulary (docs/graph-model.md). Labels and relationship types cannot be
 * Cypher parameters, so the loader builds queries only from these fixed lists, never from data.
 */

export const ENTITY_LABELS = [
  'Country',
  'City',
  'Institution',
  'Meeting',
  'Action',
  'FieldOfAction',
] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];

export const NODE_LABELS = ['Entity', ...ENTITY_LABELS, 'Statement', 'Source'] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

export const RELATIONSHIP_TYPES = [
  'IN_COUNTRY',
  'BASED_IN',
  'HELD_IN',
  'AT_VENUE',
  'NEXT',
  'HELD_WITH',
  'HAS_TOPIC',
  'HAS_OUTCOME',
  'ADDRESSED',
  'LEADS',
  'CONTRIBUTES_TO',
  'IN_FIELD',
  'PART_OF',
  'MEMBER_OF',
  'TOOK_PART_IN',
  'STATED_IN',
  'MENTIONS',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** The `kind`/`status` values of contract/core.graphql. */
export const INSTITUTION_KINDS = [
  'MUNICIPAL_OFFICE',
  'UNIVERSITY',
  'FOUNDATION',
  'RESEARCH_INSTITUTE',
  'BANK',
  'CLUSTER',
  'FILM_COMMISSION',
  'SCIENCE_PARK',
  'GOVERNMENT',
  'PROJECT',
  'COMMITTEE',
  'WORKING_GROUP',
  'CONTACT_POINT',
  'OTHER',
] as const;
export const MEETING_KINDS = ['KICK_OFF_EVENT', 'CONFERENCE', 'PARTNER_MEETING'] as const;
export const MEETING_STATUSES = ['HELD', 'PLANNED'] as const;
export const ACTION_KINDS = [
  'ANALYSIS',
  'PLAN',
  'STUDY',
  'EXHIBITION',
  'WORKSHOP',
  'CONTACT_POINT',
  'COMMUNICATION',
  'WORK_PACKAGE',
  'NETWORKING',
  'OTHER',
] as const;

/** Id prefix of each entity label: ids are `kind/slug`, unique across all kinds. */
export const ID_PREFIX: Readonly<Record<EntityLabel, string>> = {
  Country: 'country/',
  City: 'city/',
  Institution: 'institution/',
  Meeting: 'meeting/',
  Action: 'action/',
  FieldOfAction: 'field/',
};

export function isNodeLabel(label: string): label is NodeLabel {
  return (NODE_LABELS as readonly string[]).includes(label);
}

export function isRelationshipType(type: string): type is RelationshipType {
  return (RELATIONSHIP_TYPES as readonly string[]).includes(type);
}
