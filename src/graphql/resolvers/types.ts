import { GraphQLError } from 'graphql';
import type { Resolvers } from '../../generated/graphql';
import type {
  ActionRecord,
  ActorRecord,
  CityRecord,
  CountryRecord,
  InstitutionRecord,
  MeetingRecord,
  Related,
  SourceRecord,
} from '../../repositories/records';
import { encodeCursor } from '../validation';
import {
  entityResolvers,
  related,
  relatedOne,
  resolveActorType,
  resolveEntityType,
} from './shared';

/**
 * Resolvers of the object types. Relationship fields come from `entityResolvers` (one batched
 * relation each); what follows them are the fields whose stored shape needs mapping.
 */
export const typeResolvers: Resolvers = {
  Entity: { __resolveType: resolveEntityType },
  Actor: { __resolveType: resolveActorType },

  Country: entityResolvers('Country'),

  City: {
    ...entityResolvers('City'),
    country: async (c, _, ctx) => {
      const country = await relatedOne<CountryRecord>(ctx, 'countryOfCity', c.id);
      if (!country) throw new GraphQLError(`city ${c.id} has no country`);
      return country;
    },
    partners: (c, _, ctx) => ctx.loaders.partners.load(c.id),
  },

  Institution: {
    ...entityResolvers('Institution'),
    // took part in and hosted as venue: one meeting can be reached both ways
    meetings: async (i, _, ctx) =>
      dedupe(await related<MeetingRecord>(ctx, 'meetingsOfInstitution', i.id)),
  },

  Meeting: {
    ...entityResolvers('Meeting'),
    date: (m) => m.date ?? null,
    participants: async (m, _, ctx) =>
      dedupe(await related<ActorRecord>(ctx, 'participants', m.id)),
    participations: async (m, _, ctx) =>
      (await related<Related<ActorRecord>>(ctx, 'participants', m.id)).map((actor) => ({
        actor,
        role: (actor.edge?.role as string | undefined) ?? null,
      })),
  },

  FieldOfAction: entityResolvers('FieldOfAction'),

  Action: {
    ...entityResolvers('Action'),
    description: (a) => a.description ?? null,
    descriptionDe: (a) => a.descriptionDe ?? null,
    start: (a) => a.start ?? null,
    end: (a) => a.end ?? null,
    contributors: async (a, _, ctx) =>
      (await related<Related<ActorRecord>>(ctx, 'contributorsOfAction', a.id)).map((actor) => ({
        actor,
        role: (actor.edge?.role as string | undefined) ?? 'contributor',
        roleDe: (actor.edge?.roleDe as string | undefined) ?? null,
      })),
  },

  Statement: {
    part: (s) => (s.part === 'topic' ? 'TOPIC' : 'OUTCOME'),
    source: async (s, _, ctx) =>
      (await relatedOne<SourceRecord>(ctx, 'sourcesOfStatement', s.id)) ?? {
        id: s.id,
        document: '',
        section: s.section,
        quote: s.text,
        quoteEn: s.textEn,
      },
    meeting: (s, _, ctx) => relatedOne<MeetingRecord>(ctx, 'meetingOfStatement', s.id),
  },

  Source: {
    quoteEn: (s) => s.quoteEn ?? null,
    enteredBy: (s) => s.enteredBy ?? null,
    enteredAt: (s) => s.enteredAt ?? null,
  },

  Contribution: { roleDe: (c) => c.roleDe ?? null },
  Participation: { role: (p) => p.role ?? null },
  SearchHit: { statement: (h) => h.statement ?? null },
  GraphNode: { nameDe: (n) => n.nameDe ?? null },
  GraphRelationship: { role: (r) => r.role ?? null },

  ActionConnection: connectionFields<ActionRecord>(),
  MeetingConnection: connectionFields<MeetingRecord>(),
  InstitutionConnection: connectionFields<InstitutionRecord>(),
  CityConnection: connectionFields<CityRecord>(),
};

function connectionFields<T>() {
  return {
    edges: (page: { items: T[]; offset: number }) =>
      page.items.map((node, index) => ({ cursor: encodeCursor(page.offset + index), node })),
    pageInfo: (page: { items: T[]; offset: number; totalCount: number }) => ({
      hasNextPage: page.offset + page.items.length < page.totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: page.items.length ? encodeCursor(page.offset) : null,
      endCursor: page.items.length ? encodeCursor(page.offset + page.items.length - 1) : null,
    }),
    totalCount: (page: { totalCount: number }) => page.totalCount,
  };
}

/** A node reached over two relationship types comes once. */
function dedupe<T extends { id: string }>(records: T[]): T[] {
  const seen = new Set<string>();
  return records.filter((record) => !seen.has(record.id) && seen.add(record.id));
}
