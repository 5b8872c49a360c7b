import type { QueryResolvers } from '../../generated/graphql';

/** Query.changes: the curation history, newest first (src/curation/history.ts). */
export const changesQuery: Pick<QueryResolvers, 'changes'> = {
  changes: (_, args, ctx) => ctx.repos.curation.changes(args),
};
