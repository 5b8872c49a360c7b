import type { Resolvers } from '../../generated/graphql';
import { Mutation } from './mutation';
import { Query } from './query';
import { typeResolvers } from './types';

/** One file per root type; the object types need none (mappers: src/repositories/records.ts). */
export const resolvers: Resolvers = { ...typeResolvers, Query, Mutation };
