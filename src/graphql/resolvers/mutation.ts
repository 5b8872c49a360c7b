import type { GraphQLResolveInfo } from 'graphql';
import { NotFoundError, UnauthenticatedError } from '../../errors';
import type { MutationResolvers } from '../../generated/graphql';
import type { EntityLabel } from '../../model';
import type {
  ActionRecord,
  EntityRecord,
  InstitutionRecord,
  MeetingRecord,
} from '../../repositories/records';
import type { Context } from '../context';

/** Every write needs an API key; its holder's name goes on what is written. */
function curator(ctx: Context): string {
  if (!ctx.caller) {
    throw new UnauthenticatedError('Writing needs an API key: send Authorization: Bearer <key>.');
  }
  return ctx.caller.name;
}

/**
 * Reads back what a mutation wrote, fresh: this request's loaders may hold the old state.
 * The one place mutation results are read, with what the read path needs (the selection in
 * `info`, the label) so that it can take over here.
 */
async function readBack<T extends EntityRecord>(
  ctx: Context,
  _info: GraphQLResolveInfo,
  _label: EntityLabel,
  entityId: string,
): Promise<T> {
  ctx.loaders.entity.clear(entityId);
  ctx.loaders.clearRelated();
  const record = await ctx.loaders.entity.load(entityId);
  if (!record) throw new NotFoundError(entityId);
  return record as T;
}

/** Each mutation: the curation service writes (or throws a domain error); the result is read back. */
export const Mutation: MutationResolvers = {
  upsertMeeting: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.upsertMeeting(curator(ctx), args);
    return readBack<MeetingRecord>(ctx, info, 'Meeting', id);
  },
  assignLead: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.assignLead(curator(ctx), args);
    return readBack<ActionRecord>(ctx, info, 'Action', id);
  },
  removeLead: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.removeLead(curator(ctx), args);
    return readBack<ActionRecord>(ctx, info, 'Action', id);
  },
  addContributor: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.addContributor(curator(ctx), args);
    return readBack<ActionRecord>(ctx, info, 'Action', id);
  },
  removeContributor: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.removeContributor(curator(ctx), args);
    return readBack<ActionRecord>(ctx, info, 'Action', id);
  },
  addParticipant: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.addParticipant(curator(ctx), args);
    return readBack<MeetingRecord>(ctx, info, 'Meeting', id);
  },
  removeParticipant: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.removeParticipant(curator(ctx), args);
    return readBack<MeetingRecord>(ctx, info, 'Meeting', id);
  },
  createAction: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.createAction(curator(ctx), args);
    return readBack<ActionRecord>(ctx, info, 'Action', id);
  },
  updateAction: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.updateAction(curator(ctx), args);
    return readBack<ActionRecord>(ctx, info, 'Action', id);
  },
  deleteAction: (_, args, ctx) => ctx.repos.curation.deleteAction(curator(ctx), args),
  createInstitution: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.createInstitution(curator(ctx), args);
    return readBack<InstitutionRecord>(ctx, info, 'Institution', id);
  },
  updateInstitution: async (_, args, ctx, info) => {
    const id = await ctx.repos.curation.updateInstitution(curator(ctx), args);
    return readBack<InstitutionRecord>(ctx, info, 'Institution', id);
  },
  deleteInstitution: (_, args, ctx) => ctx.repos.curation.deleteInstitution(curator(ctx), args),
};
