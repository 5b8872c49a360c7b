import type { Resolvers } from '../../generated/graphql';
import { changesQuery } from './changes';
import { Mutation } from './mutation';
import { Query } from './query';
import { typeResolvers } from './types';

export const resolvers: Resolvers = {
  ...typeResolvers,
  Query: { ...Query, ...changesQuery },
  Mutation,
};
