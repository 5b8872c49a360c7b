// The explorer talks only to the GraphQL API, on the same origin, with POST JSON. Its
// operations are web/src/operations/*.graphql; their types are generated from them and
// schema.graphql (`npm run codegen`), so what a query selects is what its result's type says.
import {
  ConnectionDocument,
  DetailsDocument,
  NetworkDocument,
  NeighbourhoodDocument,
  SearchDocument,
  TimelineDocument,
  WhoLeadsWhatDocument,
} from './generated/graphql';
import type {
  ConnectionQuery,
  DetailsQuery,
  NamesFragment,
  NeighbourhoodQuery,
  SearchQuery,
  TimelineQuery,
  TypedDocumentString,
  WhoLeadsWhatQuery,
} from './generated/graphql';

export type Subgraph = NeighbourhoodQuery['neighbourhood'];
export type GraphRelationship = Subgraph['relationships'][number];
export type EntityDetails = NonNullable<DetailsQuery['entity']>;
/** The details panel's neighbourhood: the relationships without their sources. */
export type DetailsNeighbourhood = DetailsQuery['neighbourhood'];
export type SearchHit = SearchQuery['search'][number];
/** An entity as search and paths name it: kind, id and names. */
export type EntityRef = SearchHit['entity'];
export type PathResult = NonNullable<ConnectionQuery['connection']>;
export type MeetingSummary = TimelineQuery['meetings'][number];
export type ActionRow = WhoLeadsWhatQuery['actions'][number];
export type ProjectRow = WhoLeadsWhatQuery['projects'][number];
/** A source passage: a verbatim quote, or a fact cited from a document in our words. */
export type SourceRef = EntityDetails['sources'][number];

/** What links and labels need of an entity: the fragment Names. */
export type Named = NamesFragment;

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The API found no entity with the id asked for. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_FOUND';
}

/** The API refused what the user typed (e.g. a search with no letter in it). */
export function isBadInput(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'BAD_USER_INPUT';
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A busy database may not answer in time: the API then asks to try again shortly. */
const RETRY_AFTER_MS = 1000;

/**
 * Sends the operation; one the API could not answer in time is sent once more after a pause
 * (every operation of the page is a read: asking again changes nothing).
 */
async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  try {
    return await send(document, variables);
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'SERVICE_UNAVAILABLE')) throw error;
    await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
    return send(document, variables);
  }
}

async function send<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new ApiError('The API cannot be reached.', 'NETWORK');
  }
  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new ApiError(`The API answered ${response.status} without JSON.`, 'BAD_RESPONSE');
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code);
  if (!body.data) throw new ApiError('The API answered without data.', 'BAD_RESPONSE');
  return body.data;
}

/** The graph around the entity: at most `limit` nodes besides it (1–500). */
export async function neighbourhood(id: string, limit: number): Promise<Subgraph> {
  return (await request(NeighbourhoodDocument, { id, depth: 1, limit })).neighbourhood;
}

/**
 * The ids of the cities and projects (up to 500 of each), around which the start view draws the
 * network, and how many there are in all.
 */
export async function networkHubs(): Promise<{ ids: string[]; total: number }> {
  const { cities, projects, citiesConnection } = await request(NetworkDocument, {});
  return {
    ids: [...cities, ...projects].map((e) => e.id),
    total: citiesConnection.totalCount + projects.length,
  };
}

/** The page's settings from the server (GET /explorer-config.json). */
export interface ExplorerConfig {
  neo4jBrowserUrl: string | null;
  nodeCap: number | null;
}

/** The server's settings for the page; without them (an older server) the page's defaults. */
export async function explorerConfig(): Promise<ExplorerConfig> {
  try {
    const response = await fetch('/explorer-config.json', {
      headers: { accept: 'application/json' },
    });
    if (response.ok) return (await response.json()) as ExplorerConfig;
  } catch {
    // Unreachable: the first GraphQL request will say so.
  }
  return { neo4jBrowserUrl: null, nodeCap: null };
}

export async function search(text: string, first = 8): Promise<SearchHit[]> {
  return (await request(SearchDocument, { text, first })).search;
}

export async function connection(fromId: string, toId: string): Promise<PathResult | null> {
  return (await request(ConnectionDocument, { fromId, toId })).connection;
}

export async function entityDetails(id: string): Promise<DetailsQuery> {
  return request(DetailsDocument, { id });
}

export async function meetings(): Promise<MeetingSummary[]> {
  return (await request(TimelineDocument, {})).meetings;
}

/** Every action for the table, and every project with its partners. */
export async function whoLeadsWhat(): Promise<WhoLeadsWhatQuery> {
  return request(WhoLeadsWhatDocument, {});
}
