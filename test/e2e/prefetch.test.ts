// Lists and lookups answer nested selections from one query (each node's selected properties
// and relations, nested); connections answer the same selections through the per-request
// loaders. Both paths must return the same data for deep selections with fragments, aliases,
// abstract types and wrapper types (Contribution, Participation).
import { dataOf, gql, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-server';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Selections as text, not named fragments: graphql-armor counts fragment spreads towards the
// depth limit (8), and the connections add two levels (edges, node).
const NAMES = '__typename id name nameDe';
const QUOTED = 'document section quote quoteEn enteredBy enteredAt';
const ACTOR = `${NAMES} leads { id } ... on City { country { id } } ... on Institution { kind city { id } }`;

const SELECTIONS: Record<string, string> = {
  meeting: `
    ${NAMES} kind status year date audit { createdBy updatedBy }
    city { ${NAMES} country { ${NAMES} cities { id } } institutions { id kind } }
    venue { ${NAMES} city { id } }
    topics { id text textEn section part source { ${QUOTED} } meeting { id year } }
    outcomes { text textEn source { quote quoteEn } }
    actions { ${NAMES} leads { ${NAMES} } contributors { role roleDe actor { ${NAMES} } } }
    participants { ${ACTOR} }
    participations { role actor { id ... on Institution { meetings { id } } } }
    previous { id next { id } }
    next { id previous { id } }
    sources { ${QUOTED} }
    host: city { id hostedMeetings { id } }`,
  action: `
    ${NAMES} kind description descriptionDe start end audit { createdBy createdAt updatedBy }
    field { ${NAMES} actions { id } }
    leads { ${ACTOR} }
    lead: leads { id }
    contributors { role roleDe actor { ${NAMES} leads { id } } }
    typed: contributors { actor { ... on City { country { id } } ... on Institution { city { id } } } }
    contribs: contributors { actor { sources { quote } } }
    meetings { id year city { id name } topics { text } }
    partOf { id parts { id } }
    parts { id partOf { id } }
    sources { ${QUOTED} }`,
  institution: `
    ${NAMES} kind
    city { ${NAMES} country { id } }
    memberOf { id members { id } }
    members { id memberOf { id } }
    meetings { id city { id } }
    leads { id contributors { role } }
    contributesTo { id leads { id } }
    sources { ${QUOTED} }`,
  city: `
    ${NAMES}
    country { ${NAMES} cities { id } }
    institutions { ${NAMES} kind memberOf { id } sources { quote } }
    hostedMeetings { id venue { id } }
    meetings { id }
    leads { id }
    contributesTo { id field { id } }
    sources { ${QUOTED} }
    partners { city { ${NAMES} } sharedActions { id name kind } sharedMeetings { id year } }`,
};

const CASES = [
  { list: 'meetings', connection: 'meetingsConnection', type: 'meeting' },
  { list: 'actions', connection: 'actionsConnection', type: 'action' },
  { list: 'institutions', connection: 'institutionsConnection', type: 'institution' },
  { list: 'cities', connection: 'citiesConnection', type: 'city' },
];

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  // One entity written through the API, so that audit fields and `enteredBy` sources exist.
  const response = await gql(
    api.url,
    `mutation { updateAction(id: "action/transnational-study", patch: { description: "Updated" }) { id } }`,
    {},
    { authorization: `Bearer ${TEST_API_KEY}` },
  );
  expect(response.errors).toBeUndefined();
});
afterAll(async () => {
  await api?.stop();
});

const data = (query: string, variables: Row = {}) => dataOf<Row>(api.url, query, variables);

describe('nested selections fetched along with lists and lookups', () => {
  it.each(CASES)(
    '$list: one query returns what the loaders return',
    async ({ list, connection, type }) => {
      api.roundTrips.count = 0;
      const listed = (await data(`{ ${list} { ${SELECTIONS[type]} } }`))[list] as Row[];
      expect(api.roundTrips.count).toBe(1);
      // Through the loaders line by line: graphql-armor prices a connection by its `first`,
      // one whole selection would exceed the cost limit (the report has at most 25 of a kind).
      const paged: Row[] = listed.map(() => ({}));
      for (const part of SELECTIONS[type]!.split('\n').filter((line) => line.trim())) {
        const nodes = (await data(`{ ${connection}(first: 30) { edges { node { ${part} } } } }`))[
          connection
        ].edges.map((edge: Row) => edge.node);
        nodes.forEach((node: Row, i: number) => Object.assign(paged[i] ?? {}, node));
        expect(nodes).toHaveLength(listed.length);
      }
      expect(listed.length).toBeGreaterThan(3);
      expect(listed).toEqual(paged);
    },
  );

  it('lookups by id return what the list returns for the same node', async () => {
    const meetings = (await data(`{ meetings { ${SELECTIONS.meeting} } }`)).meetings;
    const actions = (await data(`{ actions { ${SELECTIONS.action} } }`)).actions;
    for (const [field, items] of [
      ['meeting', meetings],
      ['action', actions],
    ] as const) {
      for (const item of items.slice(0, 5)) {
        api.roundTrips.count = 0;
        const byId = await data(`query ($id: ID!) { ${field}(id: $id) { ${SELECTIONS[field]} } }`, {
          id: item.id,
        });
        expect(api.roundTrips.count).toBe(1);
        expect(byId[field]).toEqual(item);
        const asEntity = await data(
          `query ($id: ID!) { entity(id: $id) { ... on ${field === 'meeting' ? 'Meeting' : 'Action'} { ${SELECTIONS[field]} } } }`,
          { id: item.id },
        );
        expect(asEntity.entity).toEqual(item);
      }
    }
  });

  it('the compared data is not empty where the report has it', async () => {
    const { meetings } = await data(`{ meetings { ${SELECTIONS.meeting} } }`);
    const genoa = meetings.find((m: Row) => m.id === 'meeting/genoa-2011');
    expect(genoa.city.country.name).toBe('Italy');
    expect(genoa.topics.length).toBeGreaterThan(0);
    expect(genoa.topics[0].source.quote).toBe(genoa.topics[0].text);
    expect(genoa.topics[0].meeting.id).toBe('meeting/genoa-2011');
    expect(genoa.host.hostedMeetings.map((m: Row) => m.id)).toContain('meeting/genoa-2011');

    const { cities } = await data(`{ cities { ${SELECTIONS.city} } }`);
    const leipzig = cities.find((c: Row) => c.id === 'city/leipzig');
    expect(leipzig.partners).toHaveLength(4);
    expect(leipzig.partners[0].sharedActions.length).toBeGreaterThan(0);
    const { city } = await data(`{ city(id: "city/leipzig") { ${SELECTIONS.city} } }`);
    expect(city).toEqual(leipzig);

    const { actions } = await data(`{ actions { ${SELECTIONS.action} } }`);
    const study = actions.find((a: Row) => a.id === 'action/transnational-study');
    expect(study.description).toBe('Updated');
    expect(study.audit.updatedBy).toBe('curator');
    const withContributors = actions.filter((a: Row) => a.contributors.length > 0);
    expect(withContributors.length).toBeGreaterThan(0);
    expect(withContributors[0].contributors[0].actor.__typename).toMatch(/City|Institution/);
    const led = actions.filter((a: Row) => a.leads.length > 0);
    expect(led.map((a: Row) => a.lead)).toEqual(
      led.map((a: Row) => a.leads.map((l: Row) => ({ id: l.id }))),
    );
  });
});

describe('the same query text, sent again', () => {
  it('answers from its own variables where @include and @skip read them', async () => {
    const query = `query ($id: ID!, $more: Boolean!, $less: Boolean!) {
      meeting(id: $id) {
        id
        year @include(if: $more)
        sources @include(if: $more) { section }
        ...Where
      }
    }
    fragment Where on Meeting { city @skip(if: $less) { id name @skip(if: $less) } }`;
    const id = 'meeting/genoa-2011';
    // Least first: what this request reads must not stand for the next one's.
    const least = (await data(query, { id, more: false, less: true })).meeting;
    expect(least).toEqual({ id });
    api.roundTrips.count = 0;
    const most = (await data(query, { id, more: true, less: false })).meeting;
    expect(api.roundTrips.count).toBe(1);
    expect(most.year).toBe(2011);
    expect(most.sources.length).toBeGreaterThan(0);
    expect(most.city).toEqual({ id: 'city/genoa', name: 'Genoa' });
    expect((await data(query, { id, more: false, less: true })).meeting).toEqual(least);
  });

  it('reads the same properties every time, whichever entity it asks for', async () => {
    const query = `query ($id: ID!) { entity(id: $id) { id name ... on Meeting { year } } }`;
    const first = (await data(query, { id: 'meeting/genoa-2011' })).entity;
    const second = (await data(query, { id: 'city/leipzig' })).entity;
    const third = (await data(query, { id: 'meeting/genoa-2011' })).entity;
    expect(first).toEqual({ id: 'meeting/genoa-2011', name: expect.any(String), year: 2011 });
    expect(second).toEqual({ id: 'city/leipzig', name: 'Leipzig' });
    expect(third).toEqual(first);
  });
});

describe('search hits and path nodes', () => {
  const ENTITY = `__typename id name
    ... on Meeting { year city { id name country { id } } topics { id source { quote } } }
    ... on City { country { id name } institutions { id kind } }
    ... on Institution { kind city { id } memberOf { id } }
    ... on Action { leads { id } contributors { role actor { id } } }`;

  it('search answers nested selections in its one query, as lookups do', async () => {
    api.roundTrips.count = 0;
    const { search } = await data(
      `query ($text: String!) { search(text: $text, first: 10) {
        score entity { ${ENTITY} } statement { id text source { quote } meeting { id } } } }`,
      { text: 'Genoa' },
    );
    expect(api.roundTrips.count).toBe(1);
    expect(search.length).toBeGreaterThan(1);
    expect(search.some((hit: Row) => hit.statement !== null)).toBe(true);
    for (const hit of search) {
      const { entity } = await data(`query ($id: ID!) { entity(id: $id) { ${ENTITY} } }`, {
        id: hit.entity.id,
      });
      expect(hit.entity).toEqual(entity);
      if (hit.statement) expect(hit.statement.meeting).toEqual({ id: hit.entity.id });
    }
  });

  it('connection answers nested selections of its nodes in its one query, as lookups do', async () => {
    const { institutions } = await data('{ institutions(cityId: "city/genoa") { id } }');
    api.roundTrips.count = 0;
    const { connection } = await data(
      `query ($to: ID!) { connection(fromId: "city/leipzig", toId: $to) {
        length nodes { ${ENTITY} } } }`,
      { to: institutions[0].id },
    );
    expect(api.roundTrips.count).toBe(1);
    expect(connection.nodes).toHaveLength(connection.length + 1);
    expect(connection.length).toBeGreaterThan(1);
    for (const node of connection.nodes) {
      const { entity } = await data(`query ($id: ID!) { entity(id: $id) { ${ENTITY} } }`, {
        id: node.id,
      });
      expect(node).toEqual(entity);
    }
  });
});
