import type { GraphQLResolveInfo } from 'graphql';
import { NotFoundError, UnauthenticatedError } from '../../errors';
import type { MutationResolvers } from '../../generated/graphql';
import type { EntityLabel } from '../../model';
import type { NodeRecord } from '../../repositories/records';
import type { Context } from '../context';
import { readEntity } from './shared';

/** Every write needs an API key; its holder's name goes on what is written. */
function curator(ctx: Context): string {
  if (!ctx.caller) {
    throw new UnauthenticatedError('Writing needs an API key: send Authorization: Bearer <key>.');
  }
  return ctx.caller.name;
}

/** Reads back what a mutation wrote, as the request selects it (the one read path). */
async function readBack(
  ctx: Context,
  info: GraphQLResolveInfo,
  label: EntityLabel,
  entityId: string,
): Promise<NodeRecord> {
  const record = await readEntity(ctx, info, label, entityId);
  if (!record) throw new NotFoundError(entityId);
  return record;
}

/** Each mutation: the curation service writes (or throws a domain error); the result is read back. */
export const Mutation: MutationResolvers = {
  upsertMeeting: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.upsertMeeting(curator(ctx), args);
    return readBack(ctx, info, 'Meeting', id);
  },
  assignLead: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.assignLead(curator(ctx), args);
    return readBack(ctx, info, 'Action', id);
  },
  removeLead: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.removeLead(curator(ctx), args);
    return readBack(ctx, info, 'Action', id);
  },
  addContributor: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.addContributor(curator(ctx), args);
    return readBack(ctx, info, 'Action', id);
  },
  removeContributor: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.removeContributor(curator(ctx), args);
    return readBack(ctx, info, 'Action', id);
  },
  addParticipant: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.addParticipant(curator(ctx), args);
    return readBack(ctx, info, 'Meeting', id);
  },
  removeParticipant: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.removeParticipant(curator(ctx), args);
    return readBack(ctx, info, 'Meeting', id);
  },
  createAction: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.createAction(curator(ctx), args);
    return readBack(ctx, info, 'Action', id);
  },
  updateAction: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.updateAction(curator(ctx), args);
    return readBack(ctx, info, 'Action', id);
  },
  deleteAction: (_, args, ctx) => ctx.repos.curation.deleteAction(curator(ctx), args),
  createInstitution: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.createInstitution(curator(ctx), args);
    return readBack(ctx, info, 'Institution', id);
  },
  updateInstitution: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.updateInstitution(curator(ctx), args);
    return readBack(ctx, info, 'Institution', id);
  },
  deleteInstitution: (_, args, ctx) => ctx.repos.curation.deleteInstitution(curator(ctx), args),
  restore: async (_, args, ctx, info) => {
    const { id, label } = await ctx.repos.curation.restore(curator(ctx), args);
    return readBack(ctx, info, label, id);
  },
};
