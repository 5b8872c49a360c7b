// The explorer talks only to the GraphQL API, on the same origin, with POST JSON.
// The shapes below mirror exactly what the queries in this file select.

export type Kind = 'City' | 'Institution' | 'Meeting' | 'Action' | 'FieldOfAction' | 'Country';

export const KINDS: readonly Kind[] = [
  'City',
  'Institution',
  'Meeting',
  'Action',
  'FieldOfAction',
  'Country',
];

export interface Named {
  id: string;
  name: string;
  nameDe?: string | null;
}

export interface TypedRef extends Named {
  __typename: Kind;
}

export interface GraphNode extends Named {
  labels: string[];
}

export interface GraphRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
  role?: string | null;
}

export interface Subgraph {
  nodes: GraphNode[];
  relationships: GraphRelationship[];
  truncated: boolean;
}

export interface Source {
  document: string;
  section: string;
  quote: string;
  quoteEn?: string | null;
  enteredBy?: string | null;
}

export interface Statement {
  id: string;
  text: string;
  textEn: string;
  section: string;
  part: 'TOPIC' | 'OUTCOME';
}

export interface ActorWithCity extends TypedRef {
  city?: Named | null;
}

export interface ActionSummary extends Named {
  leads: TypedRef[];
}

export interface EntityDetails extends TypedRef {
  sources: Source[];
  kind?: string;
  // City
  country?: Named;
  // Institution / Meeting
  city?: Named | null;
  // Meeting
  status?: 'HELD' | 'PLANNED';
  year?: number;
  date?: string | null;
  venue?: Named | null;
  topics?: Statement[];
  outcomes?: Statement[];
  actions?: ActionSummary[];
  participations?: { role?: string | null; actor: TypedRef }[];
  // Action
  description?: string | null;
  descriptionDe?: string | null;
  start?: string | null;
  end?: string | null;
  field?: Named | null;
  leads?: TypedRef[];
  contributors?: { role: string; roleDe?: string | null; actor: TypedRef }[];
  meetings?: Named[];
  partOf?: Named | null;
}

export interface SearchHit {
  score: number;
  entity: TypedRef;
  statement?: { text: string; textEn: string; section: string } | null;
}

export interface PathResult {
  length: number;
  nodes: TypedRef[];
  relationships: GraphRelationship[];
}

export interface MeetingSummary extends Named {
  kind: string;
  status: 'HELD' | 'PLANNED';
  year: number;
  date?: string | null;
  city?: Named | null;
}

export interface ActionRow extends Named {
  kind: string;
  start?: string | null;
  end?: string | null;
  field?: Named | null;
  leads: ActorWithCity[];
  contributors: { role: string; roleDe?: string | null; actor: ActorWithCity }[];
  meetings: (Named & { year: number })[];
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function request<T>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The API cannot be reached.', 'NETWORK');
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`The API answered ${response.status} without JSON.`, 'BAD_RESPONSE');
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code);
  if (!body.data) throw new ApiError('The API answered without data.', 'BAD_RESPONSE');
  return body.data;
}

const REF = '__typename id name nameDe';
const SUBGRAPH = `nodes { id labels name nameDe } relationships { id type from to role } truncated`;

export async function neighbourhood(id: string, depth = 1): Promise<Subgraph> {
  const data = await request<{ neighbourhood: Subgraph }>(
    `query Neighbourhood($id: ID!, $depth: Int) { neighbourhood(id: $id, depth: $depth) { ${SUBGRAPH} } }`,
    { id, depth },
  );
  return data.neighbourhood;
}

export async function search(text: string, first = 8): Promise<SearchHit[]> {
  const data = await request<{ search: SearchHit[] }>(
    `query Search($text: String!, $first: Int) {
      search(text: $text, first: $first) { score entity { ${REF} } statement { text textEn section } }
    }`,
    { text, first },
  );
  return data.search;
}

export async function connection(fromId: string, toId: string): Promise<PathResult | null> {
  const data = await request<{ connection: PathResult | null }>(
    `query Connection($fromId: ID!, $toId: ID!) {
      connection(fromId: $fromId, toId: $toId) {
        length nodes { ${REF} } relationships { id type from to role }
      }
    }`,
    { fromId, toId },
  );
  return data.connection;
}

const SOURCE = 'sources { document section quote quoteEn enteredBy }';
const STATEMENT = 'id text textEn section part';

// Each type's `kind` is a different enum, so the fragments alias it apart.
type RawDetails = EntityDetails & {
  institutionKind?: string;
  meetingKind?: string;
  actionKind?: string;
};

export async function entityDetails(
  id: string,
): Promise<{ entity: EntityDetails | null; neighbourhood: Subgraph | null }> {
  const data = await request<{ entity: RawDetails | null; neighbourhood: Subgraph | null }>(
    `query Details($id: ID!) {
      entity(id: $id) {
        ${REF}
        ${SOURCE}
        ... on City { country { id name nameDe } }
        ... on Institution { institutionKind: kind city { id name nameDe } }
        ... on Meeting {
          meetingKind: kind status year date
          city { id name nameDe }
          venue { id name nameDe }
          topics { ${STATEMENT} }
          outcomes { ${STATEMENT} }
          actions { id name nameDe leads { ${REF} } }
          participations { role actor { ${REF} } }
        }
        ... on Action {
          actionKind: kind description descriptionDe start end
          field { id name nameDe }
          leads { ${REF} }
          contributors { role roleDe actor { ${REF} } }
          meetings { id name nameDe }
          partOf { id name nameDe }
        }
      }
      neighbourhood(id: $id, depth: 1) { ${SUBGRAPH} }
    }`,
    { id },
  );
  const raw = data.entity;
  if (!raw) return { entity: null, neighbourhood: data.neighbourhood };
  const { institutionKind, meetingKind, actionKind, ...entity } = raw;
  return {
    entity: { ...entity, kind: institutionKind ?? meetingKind ?? actionKind },
    neighbourhood: data.neighbourhood,
  };
}

export async function meetings(): Promise<MeetingSummary[]> {
  const data = await request<{ meetings: MeetingSummary[] }>(
    `query Timeline { meetings { id name nameDe kind status year date city { id name nameDe } } }`,
  );
  return data.meetings;
}

const ACTOR_WITH_CITY = `${REF} ... on Institution { city { id name nameDe } }`;

export async function actions(): Promise<ActionRow[]> {
  const data = await request<{ actions: ActionRow[] }>(
    `query WhoLeadsWhat {
      actions {
        id name nameDe kind start end
        field { id name nameDe }
        leads { ${ACTOR_WITH_CITY} }
        contributors { role roleDe actor { ${ACTOR_WITH_CITY} } }
        meetings { id name nameDe year }
      }
    }`,
  );
  return data.actions;
}
