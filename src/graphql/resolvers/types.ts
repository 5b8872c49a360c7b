import type { Resolvers } from '../../generated/graphql';
import type { ActorLabel } from '../../model';
import type { PageRecord } from '../../repositories/records';
import { encodeCursor } from '../validation';
import { typeOf } from './shared';

/**
 * Resolvers of the object types. The read path returns records shaped like the types, so the
 * default resolvers read every field; what is here is what no record holds: the object type
 * behind an abstract one, and the cursors of the connections.
 */
export const typeResolvers: Resolvers = {
  Entity: { __resolveType: (record) => typeOf(record) },
  Actor: { __resolveType: (record) => typeOf(record) as ActorLabel },

  ActionConnection: connectionFields(),
  MeetingConnection: connectionFields(),
  InstitutionConnection: connectionFields(),
  CityConnection: connectionFields(),
};

function connectionFields() {
  return {
    edges: (page: PageRecord) =>
      page.items.map((node, index) => ({ cursor: encodeCursor(page.offset + index), node })),
    pageInfo: (page: PageRecord) => ({
      hasNextPage: page.offset + page.items.length < page.totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: page.items.length ? encodeCursor(page.offset) : null,
      endCursor: page.items.length ? encodeCursor(page.offset + page.items.length - 1) : null,
    }),
    totalCount: (page: PageRecord) => page.totalCount,
  };
}
