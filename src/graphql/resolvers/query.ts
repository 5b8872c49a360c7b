import type { QueryResolvers } from '../../generated/graphql';
import { BadInputError, NotFoundError } from '../../errors';
import { MAX_LIST, type ListKind } from '../../repositories/entities';
import type { GraphQLResolveInfo } from 'graphql';
import { pathSelectionOf, searchSelectionOf, selectionOf } from '../prefetch';
import { toLuceneQuery } from '../../repositories/search-query';
import type {
  ActionRecord,
  EntityRecord,
  InstitutionRecord,
  MeetingRecord,
} from '../../repositories/records';
import {
  connectionArgs,
  id,
  neighbourhoodArgs,
  pageArgs,
  parseArgs,
  searchArgs,
} from '../validation';
import type { Context } from '../context';
import { z } from 'zod';

const ALL = { offset: 0, limit: MAX_LIST };
const idArgs = z.object({ id });

/** An entity by id (of the given type, if any), with what the request reads of it. */
async function entityById<T extends EntityRecord>(
  ctx: Context,
  info: GraphQLResolveInfo,
  args: unknown,
  label?: string,
): Promise<T | null> {
  const { id: entityId } = parseArgs(idArgs, args);
  const record = await ctx.repos.entities.lookup(entityId, selectionOf(info));
  if (!record || (label && !record.labels.includes(label))) return null;
  return record as T;
}

/** A top-level list, with what the request reads of its items fetched in the same query. */
function listed<T extends EntityRecord>(
  ctx: Context,
  info: GraphQLResolveInfo,
  kind: ListKind,
  filter: object,
): Promise<T[]> {
  return ctx.repos.entities.list<T>(
    kind,
    filter as Record<string, unknown>,
    ALL,
    selectionOf(info),
  );
}

function page(args: { first?: number | null; after?: string | null }) {
  const { first, after } = parseArgs(pageArgs, { first: args.first ?? 20, after: args.after });
  return { offset: after, limit: first };
}

export const Query: QueryResolvers = {
  entity: (_, args, ctx, info) => entityById(ctx, info, args),
  countries: (_, __, ctx, info) => listed(ctx, info, 'Country', {}),
  cities: (_, __, ctx, info) => listed(ctx, info, 'City', {}),
  city: (_, args, ctx, info) => entityById(ctx, info, args, 'City'),
  institutions: (_, args, ctx, info) => listed<InstitutionRecord>(ctx, info, 'Institution', args),
  institution: (_, args, ctx, info) =>
    entityById<InstitutionRecord>(ctx, info, args, 'Institution'),
  meetings: (_, args, ctx, info) => listed<MeetingRecord>(ctx, info, 'Meeting', args),
  meeting: (_, args, ctx, info) => entityById<MeetingRecord>(ctx, info, args, 'Meeting'),
  actions: (_, args, ctx, info) => listed<ActionRecord>(ctx, info, 'Action', args),
  action: (_, args, ctx, info) => entityById<ActionRecord>(ctx, info, args, 'Action'),
  fieldsOfAction: (_, __, ctx, info) => listed(ctx, info, 'FieldOfAction', {}),

  citiesConnection: (_, args, ctx) => ctx.repos.entities.page('City', {}, page(args)),
  institutionsConnection: (_, args, ctx) =>
    ctx.repos.entities.page<InstitutionRecord>('Institution', args, page(args)),
  meetingsConnection: (_, args, ctx) =>
    ctx.repos.entities.page<MeetingRecord>('Meeting', args, page(args)),
  actionsConnection: (_, args, ctx) =>
    ctx.repos.entities.page<ActionRecord>('Action', args, page(args)),

  search: async (_, args, ctx, info) => {
    const { text, first } = parseArgs(searchArgs, { text: args.text, first: args.first ?? 10 });
    const query = toLuceneQuery(text);
    if (!query) {
      throw new BadInputError('text', 'give at least one letter or digit to search for.');
    }
    return ctx.repos.graph.search(query, first, searchSelectionOf(info));
  },

  neighbourhood: async (_, args, ctx) => {
    const {
      id: startId,
      depth,
      limit,
    } = parseArgs(neighbourhoodArgs, {
      id: args.id,
      depth: args.depth ?? 1,
      limit: args.limit ?? 150,
    });
    const subgraph = await ctx.repos.graph.neighbourhood(startId, depth, limit);
    if (!subgraph) throw new NotFoundError(startId, 'id');
    return subgraph;
  },

  connection: async (_, args, ctx, info) => {
    const { fromId, toId, maxHops } = parseArgs(connectionArgs, {
      fromId: args.fromId,
      toId: args.toId,
      maxHops: args.maxHops ?? 6,
    });
    const result = await ctx.repos.graph.connection(fromId, toId, maxHops, pathSelectionOf(info));
    if (!result.fromExists) throw new NotFoundError(fromId, 'fromId');
    if (!result.toExists) throw new NotFoundError(toId, 'toId');
    return result.path;
  },
};
