/**
 * The loader's vocabulary, from the one model (src/model). Labels and relationship types cannot
 * be Cypher parameters, so the loader builds queries only from these fixed lists, never from data.
 */
import { ENTITY_LABELS, RECORD_LABELS } from '../model';

/** Every label the loader writes: `Entity` (which every entity carries too), kinds, records. */
const NODE_LABELS = ['Entity', ...ENTITY_LABELS, ...RECORD_LABELS] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

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
/** What an outcome statement records (data/annotations/statement-kinds.yaml says each). */
export const STATEMENT_KINDS = [
  'DECISION',
  'ADOPTION',
  'TASK',
  'PRESENTATION',
  'PLAN',
  'DISCUSSION',
  'RECORD',
] as const;
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

export function isNodeLabel(label: string): label is NodeLabel {
  return (NODE_LABELS as readonly string[]).includes(label);
}
