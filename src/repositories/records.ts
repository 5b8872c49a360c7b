// The shapes the repositories return: plain objects as stored in Neo4j, plus the node's
// labels. codegen maps the GraphQL types onto these (codegen.yml), so a resolver is
// needed exactly where the stored shape and the GraphQL type differ.

import type { RelationName } from './relations';

/** Related nodes a query fetched along with a node, by relation (see Selection). */
export interface Prefetched {
  prefetched?: Partial<Record<RelationName | 'partners', unknown[]>>;
}

export type Label = 'Country' | 'City' | 'Institution' | 'Meeting' | 'Action' | 'FieldOfAction';

export interface AuditFields {
  createdBy?: string | null;
  createdAt?: string | null;
  updatedBy?: string | null;
  updatedAt?: string | null;
}

export interface EntityRecord extends AuditFields, Prefetched {
  id: string;
  labels: string[];
  name: string;
  nameDe?: string | null;
}

export type CountryRecord = EntityRecord;
export type CityRecord = EntityRecord;
export type FieldOfActionRecord = EntityRecord;

export interface InstitutionRecord extends EntityRecord {
  kind: string;
}

export interface MeetingRecord extends EntityRecord {
  kind: string;
  status: string;
  year: number;
  date?: string | null;
  order?: number | null;
}

export interface ActionRecord extends EntityRecord {
  kind: string;
  description?: string | null;
  descriptionDe?: string | null;
  start?: string | null;
  end?: string | null;
}

export type ActorRecord = CityRecord | InstitutionRecord;

export interface SourceRecord {
  id: string;
  document: string;
  section: string;
  quote: string;
  quoteEn?: string | null;
  enteredBy?: string | null;
  enteredAt?: string | null;
}

export interface StatementRecord extends Prefetched {
  id: string;
  text: string;
  textEn: string;
  section: string;
  part: 'topic' | 'outcome';
  order: number;
}

/** A related node together with the properties of the relationship that leads to it. */
export type Related<T> = T & { edge: Record<string, unknown> | null };

export interface ContributionRecord {
  actor: ActorRecord;
  role: string;
  roleDe?: string | null;
}

export interface ParticipationRecord {
  actor: ActorRecord;
  role?: string | null;
}

export interface PartnershipRecord {
  city: CityRecord;
  sharedActions: ActionRecord[];
  sharedMeetings: MeetingRecord[];
}

export interface SearchHitRecord {
  score: number;
  entity: EntityRecord;
  statement: StatementRecord | null;
}

export interface GraphNodeRecord {
  id: string;
  labels: string[];
  name: string;
  nameDe?: string | null;
}

export interface GraphRelationshipRecord {
  id: string;
  type: string;
  from: string;
  to: string;
  role?: string | null;
}

export interface SubgraphRecord {
  nodes: GraphNodeRecord[];
  relationships: GraphRelationshipRecord[];
  truncated: boolean;
}

export interface PathRecord {
  length: number;
  nodes: EntityRecord[];
  relationships: GraphRelationshipRecord[];
}

export interface PageRecord<T> {
  items: T[];
  offset: number;
  totalCount: number;
}
