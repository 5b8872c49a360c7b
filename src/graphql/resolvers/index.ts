import type { Resolvers } from '../../generated/graphql';
import { changesQuery } from './changes';
import { documentQueries } from './documents';
import { Mutation } from './mutation';
import { Query } from './query';
import { typeResolvers } from './types';

export const resolvers: Resolvers = {
  ...typeResolvers,
  Query: { ...Query, ...changesQuery, ...documentQueries },
  Mutation,
};
