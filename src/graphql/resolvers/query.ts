import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';
import type { QueryResolvers } from '../../generated/graphql';
import { BadInputError, NotFoundError } from '../../errors';
import type { NodeRecord } from '../../repositories/records';
import { MAX_LIST, searchTerms, type ListKind } from '../../translate';
import type { Context } from '../context';
import {
  neighbourhoodSelectionOf,
  pageSelectionOf,
  pathSelectionOf,
  searchSelectionOf,
  selectionOf,
} from '../selection';
import {
  changesArgs,
  connectionArgs,
  id,
  neighbourhoodArgs,
  pageArgs,
  parseArgs,
  searchArgs,
} from '../validation';
import { readEntity } from './shared';

const ALL = { offset: 0, limit: MAX_LIST };
const idArgs = z.object({ id });

/** An entity by id, of the given object type (null: any), as the request reads it. */
function byId(ctx: Context, info: GraphQLResolveInfo, args: unknown, type: string | null) {
  return readEntity(ctx, info, type, parseArgs(idArgs, args).id);
}

/** A top-level list, with what the request reads of its items, in one query. */
function listed(ctx: Context, info: GraphQLResolveInfo, kind: ListKind, filter: object) {
  return ctx.repos.reader.list<NodeRecord>(
    kind,
    filter as Record<string, unknown>,
    ALL,
    selectionOf(info),
  );
}

/** A page of a top-level list and its total count, in one query. */
async function paged(ctx: Context, info: GraphQLResolveInfo, kind: ListKind, args: object) {
  const { first, after } = args as { first?: number | null; after?: string | null };
  const parsed = parseArgs(pageArgs, { first: first ?? 20, after });
  const page = { offset: parsed.after, limit: parsed.first };
  const result = await ctx.repos.reader.page<NodeRecord>(
    kind,
    args as Record<string, unknown>,
    page,
    pageSelectionOf(info),
  );
  return { ...result, offset: page.offset };
}

export const Query: QueryResolvers = {
  entity: (_, args, ctx, info) => byId(ctx, info, args, null),
  countries: (_, __, ctx, info) => listed(ctx, info, 'Country', {}),
  cities: (_, __, ctx, info) => listed(ctx, info, 'City', {}),
  city: (_, args, ctx, info) => byId(ctx, info, args, 'City'),
  institutions: (_, args, ctx, info) => listed(ctx, info, 'Institution', args),
  institution: (_, args, ctx, info) => byId(ctx, info, args, 'Institution'),
  meetings: (_, args, ctx, info) => listed(ctx, info, 'Meeting', args),
  meeting: (_, args, ctx, info) => byId(ctx, info, args, 'Meeting'),
  actions: (_, args, ctx, info) => listed(ctx, info, 'Action', args),
  action: (_, args, ctx, info) => byId(ctx, info, args, 'Action'),
  fieldsOfAction: (_, __, ctx, info) => listed(ctx, info, 'FieldOfAction', {}),
  projects: (_, __, ctx, info) => listed(ctx, info, 'Project', {}),
  project: (_, args, ctx, info) => byId(ctx, info, args, 'Project'),

  citiesConnection: (_, args, ctx, info) => paged(ctx, info, 'City', args),
  institutionsConnection: (_, args, ctx, info) => paged(ctx, info, 'Institution', args),
  meetingsConnection: (_, args, ctx, info) => paged(ctx, info, 'Meeting', args),
  actionsConnection: (_, args, ctx, info) => paged(ctx, info, 'Action', args),

  search: async (_, args, ctx, info) => {
    const { text, first } = parseArgs(searchArgs, { text: args.text, first: args.first ?? 10 });
    const terms = searchTerms(text);
    if (!terms) {
      throw new BadInputError('text', 'give at least one letter or digit to search for.');
    }
    return ctx.repos.reader.search(terms, first, searchSelectionOf(info)) as never;
  },

  neighbourhood: async (_, args, ctx, info) => {
    const {
      id: startId,
      depth,
      limit,
    } = parseArgs(neighbourhoodArgs, {
      id: args.id,
      depth: args.depth ?? 1,
      limit: args.limit ?? 150,
    });
    const subgraph = await ctx.repos.reader.neighbourhood(
      startId,
      depth,
      limit,
      neighbourhoodSelectionOf(info),
    );
    if (!subgraph) throw new NotFoundError(startId, 'id');
    return subgraph as never;
  },

  connection: async (_, args, ctx, info) => {
    const { fromId, toId, maxHops } = parseArgs(connectionArgs, {
      fromId: args.fromId,
      toId: args.toId,
      maxHops: args.maxHops ?? 6,
    });
    const result = await ctx.repos.reader.path(fromId, toId, maxHops, pathSelectionOf(info));
    if (!result.fromExists) throw new NotFoundError(fromId, 'fromId');
    if (!result.toExists) throw new NotFoundError(toId, 'toId');
    return result.path as never;
  },
  documents: (_, _args, ctx) => ctx.repos.reader.documents(),
  changes: (_, args, ctx) => {
    const { entityId, first } = parseArgs(changesArgs, args);
    return ctx.repos.reader.changes(entityId ?? null, first);
  },
};
