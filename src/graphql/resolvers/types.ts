import { GraphQLError } from 'graphql';
import type { Resolvers } from '../../generated/graphql';
import type {
  ActionRecord,
  ActorRecord,
  CityRecord,
  CountryRecord,
  InstitutionRecord,
  MeetingRecord,
  PartnershipRecord,
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
  then,
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
    country: (c, _, ctx) =>
      then(relatedOne<CountryRecord>(ctx, 'countryOfCity', c), (country) => {
        if (!country) throw new GraphQLError(`city ${c.id} has no country`);
        return country;
      }),
    partners: (c, _, ctx) =>
      (c.prefetched?.partners as PartnershipRecord[] | undefined) ??
      ctx.loaders.partners.load(c.id),
  },

  Institution: {
    ...entityResolvers('Institution'),
    // took part in and hosted as venue: one meeting can be reached both ways
    meetings: (i, _, ctx) => then(related<MeetingRecord>(ctx, 'meetingsOfInstitution', i), dedupe),
  },

  Meeting: {
    ...entityResolvers('Meeting'),
    date: (m) => m.date ?? null,
    participants: (m, _, ctx) => then(related<ActorRecord>(ctx, 'participants', m), dedupe),
    participations: (m, _, ctx) =>
      then(related<Related<ActorRecord>>(ctx, 'participants', m), (actors) =>
        actors.map((actor) => ({
          actor,
          role: (actor.edge?.role as string | undefined) ?? null,
        })),
      ),
  },

  FieldOfAction: entityResolvers('FieldOfAction'),

  Action: {
    ...entityResolvers('Action'),
    description: (a) => a.description ?? null,
    descriptionDe: (a) => a.descriptionDe ?? null,
    start: (a) => a.start ?? null,
    end: (a) => a.end ?? null,
    contributors: (a, _, ctx) =>
      then(related<Related<ActorRecord>>(ctx, 'contributorsOfAction', a), (actors) =>
        actors.map((actor) => ({
          actor,
          role: (actor.edge?.role as string | undefined) ?? 'contributor',
          roleDe: (actor.edge?.roleDe as string | undefined) ?? null,
        })),
      ),
  },

  Statement: {
    part: (s) => (s.part === 'topic' ? 'TOPIC' : 'OUTCOME'),
    source: (s, _, ctx) =>
      then(
        relatedOne<SourceRecord>(ctx, 'sourcesOfStatement', s),
        (source) =>
          source ?? {
            id: s.id,
            document: '',
            section: s.section,
            quote: s.text,
            quoteEn: s.textEn,
          },
      ),
    meeting: (s, _, ctx) => relatedOne<MeetingRecord>(ctx, 'meetingOfStatement', s),
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
