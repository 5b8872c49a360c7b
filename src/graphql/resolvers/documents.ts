import type { QueryResolvers } from '../../generated/graphql';
import { listDocuments } from '../../repositories/documents';

export const documentQueries: Pick<QueryResolvers, 'documents'> = {
  documents: (_parent, _args, ctx) => listDocuments(ctx.db),
};
