import type { MutationResolvers } from '../../generated/graphql';
import { apiError, ErrorCode } from '../../db/errors';
import type { Provenance, SourceInput } from '../../repositories/curation';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context';
import {
  actionInput,
  actionPatch,
  id,
  institutionInput,
  institutionPatch,
  meetingInput,
  parseArgs,
  role,
  sourceInput,
} from '../validation';
import { z } from 'zod';
import { readEntity } from './shared';

/** Every write needs an API key; its holder's name and the time go on what is written. */
function provenance(ctx: Context, source?: SourceInput | null): Provenance {
  if (!ctx.caller) {
    throw apiError(
      ErrorCode.UNAUTHENTICATED,
      'Writing needs an API key: send Authorization: Bearer <key>.',
    );
  }
  return { who: ctx.caller.name, at: new Date().toISOString(), source: source ?? null };
}

/** Reads back what was just written, as the request selects it. */
async function reread(ctx: Context, info: GraphQLResolveInfo, type: string, entityId: string) {
  const record = await readEntity(ctx, info, type, entityId);
  if (!record) throw apiError(ErrorCode.NOT_FOUND, `no entity with id '${entityId}'.`);
  return record;
}

const linkArgs = (targetField: string) =>
  z.object({ [targetField]: id, actorId: id, source: sourceInput.nullish() });
const contributorArgs = z.object({
  actionId: id,
  actorId: id,
  role,
  source: sourceInput.nullish(),
});
const participantArgs = z.object({
  meetingId: id,
  actorId: id,
  role: role.nullish(),
  source: sourceInput.nullish(),
});
const idArgs = z.object({ id });

export const Mutation: MutationResolvers = {
  upsertMeeting: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const { input } = parseArgs(z.object({ input: meetingInput }), args);
    const meetingId = await ctx.repos.curation.upsertMeeting(input, {
      ...prov,
      source: input.source,
    });
    return reread(ctx, info, 'Meeting', meetingId);
  },

  assignLead: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const { actionId, actorId, source } = parseArgs(linkArgs('actionId'), args) as {
      actionId: string;
      actorId: string;
      source?: SourceInput | null;
    };
    await ctx.repos.curation.linkActor('LEADS', action(actionId), actorId, {}, { ...prov, source });
    return reread(ctx, info, 'Action', actionId);
  },

  removeLead: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const { actionId, actorId } = parseArgs(linkArgs('actionId'), args) as Record<string, string>;
    await ctx.repos.curation.unlinkActor('LEADS', action(actionId!), actorId!, prov);
    return reread(ctx, info, 'Action', actionId!);
  },

  addContributor: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const a = parseArgs(contributorArgs, args);
    await ctx.repos.curation.linkActor(
      'CONTRIBUTES_TO',
      action(a.actionId),
      a.actorId,
      { role: a.role },
      { ...prov, source: a.source },
    );
    return reread(ctx, info, 'Action', a.actionId);
  },

  removeContributor: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const a = parseArgs(z.object({ actionId: id, actorId: id }), args);
    await ctx.repos.curation.unlinkActor('CONTRIBUTES_TO', action(a.actionId), a.actorId, prov);
    return reread(ctx, info, 'Action', a.actionId);
  },

  addParticipant: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const a = parseArgs(participantArgs, args);
    await ctx.repos.curation.linkActor(
      'TOOK_PART_IN',
      meeting(a.meetingId),
      a.actorId,
      { role: a.role ?? null },
      { ...prov, source: a.source },
    );
    return reread(ctx, info, 'Meeting', a.meetingId);
  },

  removeParticipant: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const a = parseArgs(z.object({ meetingId: id, actorId: id }), args);
    await ctx.repos.curation.unlinkActor('TOOK_PART_IN', meeting(a.meetingId), a.actorId, prov);
    return reread(ctx, info, 'Meeting', a.meetingId);
  },

  createAction: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const { input } = parseArgs(z.object({ input: actionInput }), args);
    const actionId = await ctx.repos.curation.createAction(input, {
      ...prov,
      source: input.source,
    });
    return reread(ctx, info, 'Action', actionId);
  },

  updateAction: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const { id: actionId, patch } = parseArgs(z.object({ id, patch: actionPatch }), args);
    await ctx.repos.curation.updateAction(actionId, patch, { ...prov, source: patch.source });
    return reread(ctx, info, 'Action', actionId);
  },

  deleteAction: async (_, args, ctx) => {
    provenance(ctx);
    const { id: actionId } = parseArgs(idArgs, args);
    return { id: actionId, deleted: await ctx.repos.curation.deleteEntity('Action', actionId) };
  },

  createInstitution: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const { input } = parseArgs(z.object({ input: institutionInput }), args);
    const institutionId = await ctx.repos.curation.createInstitution(input, {
      ...prov,
      source: input.source,
    });
    return reread(ctx, info, 'Institution', institutionId);
  },

  updateInstitution: async (_, args, ctx, info) => {
    const prov = provenance(ctx);
    const { id: institutionId, patch } = parseArgs(z.object({ id, patch: institutionPatch }), args);
    await ctx.repos.curation.updateInstitution(institutionId, patch, {
      ...prov,
      source: patch.source,
    });
    return reread(ctx, info, 'Institution', institutionId);
  },

  deleteInstitution: async (_, args, ctx) => {
    provenance(ctx);
    const { id: institutionId } = parseArgs(idArgs, args);
    return {
      id: institutionId,
      deleted: await ctx.repos.curation.deleteEntity('Institution', institutionId),
    };
  },
};

const action = (actionId: string) => ({
  field: 'actionId',
  id: actionId,
  label: 'Action' as const,
});
const meeting = (meetingId: string) => ({
  field: 'meetingId',
  id: meetingId,
  label: 'Meeting' as const,
});
