import { GraphQLError } from 'graphql';
import type { Resolvers } from '../../generated/graphql';
import type {
  ActionRecord,
  ActorRecord,
  CityRecord,
  CountryRecord,
  FieldOfActionRecord,
  InstitutionRecord,
  MeetingRecord,
  Related,
  SourceRecord,
  StatementRecord,
} from '../../repositories/records';
import { encodeCursor } from '../validation';
import {
  actorFields,
  entityFields,
  related,
  relatedOne,
  resolveActorType,
  resolveEntityType,
} from './shared';

/** Resolvers of the object types: each one a batched relation or a small mapping. */
export const typeResolvers: Resolvers = {
  Entity: { __resolveType: resolveEntityType },
  Actor: { __resolveType: resolveActorType },

  Country: {
    ...entityFields,
    cities: (c, _, ctx) => related<CityRecord>(ctx, 'citiesOfCountry', c.id),
  },

  City: {
    ...actorFields,
    country: async (c, _, ctx) => {
      const country = await relatedOne<CountryRecord>(ctx, 'countryOfCity', c.id);
      if (!country) throw new GraphQLError(`city ${c.id} has no country`);
      return country;
    },
    institutions: (c, _, ctx) => related<InstitutionRecord>(ctx, 'institutionsOfCity', c.id),
    hostedMeetings: (c, _, ctx) => related<MeetingRecord>(ctx, 'hostedMeetings', c.id),
    meetings: (c, _, ctx) => related<MeetingRecord>(ctx, 'meetingsTakenPartIn', c.id),
    partners: (c, _, ctx) => ctx.loaders.partners.load(c.id),
  },

  Institution: {
    ...actorFields,
    city: (i, _, ctx) => relatedOne<CityRecord>(ctx, 'cityOfInstitution', i.id),
    memberOf: (i, _, ctx) => related<InstitutionRecord>(ctx, 'memberOf', i.id),
    members: (i, _, ctx) => related<InstitutionRecord>(ctx, 'members', i.id),
    meetings: async (i, _, ctx) =>
      dedupe(await related<MeetingRecord>(ctx, 'meetingsOfInstitution', i.id)),
  },

  Meeting: {
    ...entityFields,
    date: (m) => m.date ?? null,
    city: (m, _, ctx) => relatedOne<CityRecord>(ctx, 'cityOfMeeting', m.id),
    venue: (m, _, ctx) => relatedOne<InstitutionRecord>(ctx, 'venueOfMeeting', m.id),
    topics: (m, _, ctx) => related<StatementRecord>(ctx, 'topics', m.id),
    outcomes: (m, _, ctx) => related<StatementRecord>(ctx, 'outcomes', m.id),
    actions: (m, _, ctx) => related<ActionRecord>(ctx, 'actionsOfMeeting', m.id),
    participants: async (m, _, ctx) =>
      dedupe(await related<ActorRecord>(ctx, 'participants', m.id)),
    participations: async (m, _, ctx) =>
      (await related<Related<ActorRecord>>(ctx, 'participants', m.id)).map((actor) => ({
        actor,
        role: (actor.edge?.role as string | undefined) ?? null,
      })),
    previous: (m, _, ctx) => relatedOne<MeetingRecord>(ctx, 'previousMeeting', m.id),
    next: (m, _, ctx) => relatedOne<MeetingRecord>(ctx, 'nextMeeting', m.id),
  },

  FieldOfAction: {
    ...entityFields,
    actions: (f, _, ctx) => related<ActionRecord>(ctx, 'actionsInField', f.id),
  },

  Action: {
    ...entityFields,
    description: (a) => a.description ?? null,
    descriptionDe: (a) => a.descriptionDe ?? null,
    start: (a) => a.start ?? null,
    end: (a) => a.end ?? null,
    field: (a, _, ctx) => relatedOne<FieldOfActionRecord>(ctx, 'fieldOfAction', a.id),
    leads: (a, _, ctx) => related<ActorRecord>(ctx, 'leadsOfAction', a.id),
    contributors: async (a, _, ctx) =>
      (await related<Related<ActorRecord>>(ctx, 'contributorsOfAction', a.id)).map((actor) => ({
        actor,
        role: (actor.edge?.role as string | undefined) ?? 'contributor',
        roleDe: (actor.edge?.roleDe as string | undefined) ?? null,
      })),
    meetings: (a, _, ctx) => related<MeetingRecord>(ctx, 'meetingsOfAction', a.id),
    partOf: (a, _, ctx) => relatedOne<ActionRecord>(ctx, 'partOf', a.id),
    parts: (a, _, ctx) => related<ActionRecord>(ctx, 'parts', a.id),
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
