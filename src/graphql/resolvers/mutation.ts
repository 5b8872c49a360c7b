import type { GraphQLResolveInfo } from 'graphql';
import type { CurationService } from '../../curation/service';
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

/**
 * The mutations that write one entity and answer with it, and that entity's type. Each is the
 * curation service's method of the same name: it writes (or throws a domain error) and returns
 * the entity's id; the answer is then read back as the request selects it (the one read path).
 */
const ANSWERS = {
  upsertMeeting: 'Meeting',
  assignLead: 'Action',
  removeLead: 'Action',
  addContributor: 'Action',
  removeContributor: 'Action',
  addParticipant: 'Meeting',
  removeParticipant: 'Meeting',
  createAction: 'Action',
  updateAction: 'Action',
  createInstitution: 'Institution',
  updateInstitution: 'Institution',
} as const satisfies Partial<Record<keyof MutationResolvers & keyof CurationService, EntityLabel>>;

type EntityWrite = keyof typeof ANSWERS;

/** The written entity, as the request selects it. */
async function readBack(
  ctx: Context,
  info: GraphQLResolveInfo,
  type: EntityLabel,
  id: string,
): Promise<NodeRecord> {
  const record = await readEntity(ctx, info, type, id);
  if (!record) throw new NotFoundError(id);
  return record;
}

function writeThenRead(name: EntityWrite) {
  return async (_: unknown, args: unknown, ctx: Context, info: GraphQLResolveInfo) =>
    readBack(ctx, info, ANSWERS[name], await ctx.repos.curation[name](curator(ctx), args));
}

export const Mutation: MutationResolvers = {
  ...(Object.fromEntries(
    (Object.keys(ANSWERS) as EntityWrite[]).map((name) => [name, writeThenRead(name)]),
  ) as Pick<MutationResolvers, EntityWrite>),
  deleteAction: (_, args, ctx) => ctx.repos.curation.deleteAction(curator(ctx), args),
  deleteInstitution: (_, args, ctx) => ctx.repos.curation.deleteInstitution(curator(ctx), args),
  restore: async (_, args, ctx, info) => {
    const { id, label } = await ctx.repos.curation.restore(curator(ctx), args);
    return readBack(ctx, info, label, id);
  },
};
