import type { Resolvers } from '../../generated/graphql';
import { documentQueries } from './documents';
import { Mutation } from './mutation';
import { Query } from './query';
import { typeResolvers } from './types';

export const resolvers: Resolvers = {
  ...typeResolvers,
  Query: { ...Query, ...documentQueries },
  Mutation,
};
