// The API beyond the contract operations: filters, sorting, paging, caps and errors.
import { dataOf, gql, startTestApi, type TestApi } from '../support/api-server';
import { contractOperations } from '../support/contract';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const data = (query: string, variables: Row = {}) => dataOf<Row>(api.url, query, variables);

async function errorOf(query: string, variables: Row = {}) {
  const response = await gql<Row>(api.url, query, variables);
  expect(response.errors).toBeDefined();
  return response.errors![0]!;
}

const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

describe('filters', () => {
  it('meetings by year, city, status and kind', async () => {
    expect(ids((await data('{ meetings(year: 2010) { id } }')).meetings)).toEqual([
      'meeting/gdansk-2010',
      'meeting/pecs-2010',
      'meeting/leipzig-2010',
      // held with the Pécs conference, without an order of its own in the report
      'meeting/pecs-2010-isc-meeting',
    ]);
    expect(ids((await data('{ meetings(cityId: "city/gdansk") { id } }')).meetings)).toEqual([
      'meeting/gdansk-2010',
      'meeting/gdansk-2011',
      'meeting/inno3city-2011',
    ]);
    // planned in the report: the next partner meeting (March 2012), the students' presentation
    // at the June 2012 meeting in Genoa, and the final conference in Leipzig
    expect(ids((await data('{ meetings(status: PLANNED) { id } }')).meetings)).toEqual([
      'meeting/final-conference-leipzig',
      'meeting/partner-meeting-2012-03',
      'meeting/partner-meeting-2012-06-genoa',
    ]);
    expect(ids((await data('{ meetings(kind: KICK_OFF_EVENT) { id } }')).meetings)).toEqual([
      'meeting/gdansk-2010',
    ]);
    expect((await data('{ meetings(year: 1999) { id } }')).meetings).toEqual([]);
  });

  it('actions by field, lead, kind and meeting', async () => {
    const byLead = (await data('{ actions(leadId: "city/ljubljana") { id } }')).actions;
    expect(ids(byLead).sort()).toEqual([
      'action/transnational-action-plan',
      'action/transnational-study',
      'action/work-package-5',
    ]);
    const byField = (
      await data('{ actions(fieldId: "field/education-and-employment") { id field { id } } }')
    ).actions;
    expect(byField.length).toBeGreaterThan(0);
    for (const action of byField) expect(action.field.id).toBe('field/education-and-employment');
    expect(ids((await data('{ actions(kind: STUDY) { id } }')).actions)).toEqual([
      'action/transnational-study',
    ]);
    const byMeeting = (
      await data('{ actions(meetingId: "meeting/genoa-2011") { id meetings { id } } }')
    ).actions;
    expect(ids(byMeeting)).toContain('action/sala-dogana-exhibition');
    for (const action of byMeeting) expect(ids(action.meetings)).toContain('meeting/genoa-2011');
  });

  it('actions sorted by name or by start', async () => {
    const byName = (await data('{ actions { name } }')).actions.map((a: Row) => a.name);
    expect(byName).toEqual([...byName].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byStart = (await data('{ actions(orderBy: START) { start } }')).actions.map(
      (a: Row) => a.start,
    );
    const dated = byStart.filter((s: string | null) => s !== null);
    expect(dated).toEqual([...dated].sort());
    expect(byStart.slice(0, dated.length)).toEqual(dated); // undated last
  });

  it('institutions by kind and city', async () => {
    const offices = (
      await data(
        '{ institutions(kind: MUNICIPAL_OFFICE, cityId: "city/leipzig") { id kind city { id } } }',
      )
    ).institutions;
    expect(ids(offices).sort()).toEqual([
      'institution/amt-fuer-stadterneuerung-leipzig',
      'institution/amt-fuer-wirtschaftsfoerderung-leipzig',
      'institution/kulturamt-leipzig',
      'institution/stadtplanungsamt-leipzig',
    ]);
    const inLjubljana = (await data('{ institutions(cityId: "city/ljubljana") { id } }'))
      .institutions;
    expect(ids(inLjubljana)).toEqual(['institution/institute-of-spatial-policies']);
  });
});

describe('connections (Relay-style paging)', () => {
  it('pages through all actions with cursors, counting them', async () => {
    const all = ids((await data('{ actions { id } }')).actions);
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard += 1) {
      const page: Row = (
        await data(
          'query($after: String) { actionsConnection(first: 7, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }',
          { after },
        )
      ).actionsConnection;
      expect(page.totalCount).toBe(all.length);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((e: Row) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it('filters and counts in connections too', async () => {
    const page = (
      await data(
        '{ meetingsConnection(year: 2011, first: 2) { totalCount edges { node { id year } } pageInfo { hasNextPage } } }',
      )
    ).meetingsConnection;
    // Ljubljana, its ISC meeting, Genoa, Gdańsk, INNO3city
    expect(page.totalCount).toBe(5);
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const cities = await data(
      '{ citiesConnection { totalCount } institutionsConnection(kind: UNIVERSITY) { totalCount } }',
    );
    expect(cities.citiesConnection.totalCount).toBe(5);
    expect(cities.institutionsConnection.totalCount).toBe(1);
  });

  it('refuses variables of the wrong type before running anything', async () => {
    const error = await errorOf('query($n: Int) { actionsConnection(first: $n) { totalCount } }', {
      n: 'many',
    });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(error.message).toContain('$n');
    const missing = await errorOf('query($id: ID!) { entity(id: $id) { id } }');
    expect(missing.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(missing.message).toContain('$id');
  });

  it('refuses foreign cursors and pages over the cap', async () => {
    expect(
      (await errorOf('{ actionsConnection(after: "bm90LWEtY3Vyc29y") { totalCount } }')).extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(
      (
        await errorOf('query($n: Int) { actionsConnection(first: $n) { totalCount } }', {
          n: 101,
        })
      ).extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });
});

describe('lookups, graph views and their limits', () => {
  it('looks entities up by id and type, null when absent or of another type', async () => {
    const found = await data(
      '{ institution(id: "institution/hgb-leipzig") { name } meeting(id: "meeting/genoa-2011") { year } action(id: "city/genoa") { id } entity(id: "nothing/here") { id } countries { id } fieldsOfAction { id } }',
    );
    expect(found.institution.name).toMatch(/HGB/);
    expect(found.meeting.year).toBe(2011);
    expect(found.action).toBeNull();
    expect(found.entity).toBeNull();
    expect(found.countries).toHaveLength(5);
    expect(ids(found.fieldsOfAction).sort()).toEqual([
      'field/education-and-employment',
      'field/marketing',
      'field/networks',
      'field/urban-development',
    ]);
  });

  it('gives NOT_FOUND for graph views of unknown ids', async () => {
    expect(
      (await errorOf('{ neighbourhood(id: "city/atlantis") { nodes { id } } }')).extensions,
    ).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect(
      (await errorOf('{ connection(fromId: "city/leipzig", toId: "city/atlantis") { length } }'))
        .extensions,
    ).toMatchObject({ code: 'NOT_FOUND', field: 'toId' });
  });

  it('caps depth, node count and hops', async () => {
    expect(
      (await errorOf('{ neighbourhood(id: "city/leipzig", depth: 4) { nodes { id } } }'))
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'depth' });
    expect(
      (
        await errorOf(
          '{ connection(fromId: "city/leipzig", toId: "city/genoa", maxHops: 50) { length } }',
        )
      ).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'maxHops' });
    const capped = (
      await data(
        '{ neighbourhood(id: "city/leipzig", depth: 3, limit: 10) { nodes { id } truncated } }',
      )
    ).neighbourhood;
    expect(capped.nodes).toHaveLength(11); // the start and at most `limit` others
    expect(capped.truncated).toBe(true);
  });

  it('names every node and relationship of a neighbourhood and a path in full', async () => {
    const { neighbourhood } = await data(`{ neighbourhood(id: "institution/hgb-leipzig") {
      nodes { id name nameDe labels } relationships { id type from to role } } }`);
    expect(neighbourhood.nodes.find((n: Row) => n.id === 'city/leipzig')).toEqual({
      id: 'city/leipzig',
      name: 'Leipzig',
      nameDe: 'Leipzig',
      labels: expect.arrayContaining(['City', 'Entity']),
    });
    const contributions = neighbourhood.relationships.filter(
      (r: Row) => r.type === 'CONTRIBUTES_TO' && r.from === 'institution/hgb-leipzig',
    );
    expect(contributions.length).toBeGreaterThan(0);
    expect(contributions.some((r: Row) => /students/.test(r.role))).toBe(true);
    expect(neighbourhood.relationships).toContainEqual({
      id: expect.any(String),
      type: 'BASED_IN',
      from: 'institution/hgb-leipzig',
      to: 'city/leipzig',
      role: null,
    });
    const ids = neighbourhood.relationships.map((r: Row) => r.id);
    expect(new Set(ids).size).toBe(ids.length);

    const { connection } = await data(`{ connection(fromId: "institution/hgb-leipzig",
      toId: "city/leipzig") { length relationships { id type from to role } } }`);
    expect(connection.relationships).toEqual([
      {
        id: expect.any(String),
        type: 'BASED_IN',
        from: 'institution/hgb-leipzig',
        to: 'city/leipzig',
        role: null,
      },
    ]);
  });

  it('returns null when no path is short enough, and a zero-length path to itself', async () => {
    const none = await data(
      '{ connection(fromId: "institution/hgb-leipzig", toId: "country/poland", maxHops: 1) { length } }',
    );
    expect(none.connection).toBeNull();
    const self = await data(
      '{ connection(fromId: "city/genoa", toId: "city/genoa") { length nodes { id } } }',
    );
    expect(self.connection).toEqual({ length: 0, nodes: [{ id: 'city/genoa' }] });
  });

  it('search refuses empty text and caps first', async () => {
    expect((await errorOf('{ search(text: "  ") { score } }')).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'text',
    });
    expect(
      (await errorOf('{ search(text: "Leipzig", first: 51) { score } }')).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('gives English beside German on every source, and the statement of a search hit', async () => {
    const found = await data(
      '{ entity(id: "action/transnational-study") { sources { quote quoteEn } } search(text: "Urheberrecht") { entity { id } statement { text textEn part section meeting { id } } } }',
    );
    for (const source of found.entity.sources) expect(source.quoteEn.length).toBeGreaterThan(0);
    const hit = found.search.find((h: Row) => h.statement);
    expect(hit.statement.text).toContain('Urheberrecht');
    expect(hit.statement.meeting.id).toBe(hit.entity.id);
    expect(['TOPIC', 'OUTCOME']).toContain(hit.statement.part);
  });
});

describe('the GraphQL endpoint over HTTP', () => {
  it('answers GET with the query in the URL, with a length and the request id', async () => {
    const response = await fetch(
      `${api.url}/graphql?query=${encodeURIComponent('{ countries { id } }')}`,
      { headers: { 'x-request-id': 'trace-42', 'apollo-require-preflight': 'true' } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('trace-42');
    const body = await response.text();
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    expect((JSON.parse(body) as { data: { countries: unknown[] } }).data.countries).toHaveLength(5);
  });

  it('gives every request an id of its own when the client sends none', async () => {
    const ids = await Promise.all(
      [1, 2].map(async () => {
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ countries { id } }' }),
        });
        expect(response.status).toBe(200);
        return response.headers.get('x-request-id');
      }),
    );
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('leaves other paths to the rest of the app', async () => {
    expect((await fetch(`${api.url}/graphql/elsewhere`)).status).toBe(404);
    expect(await (await fetch(`${api.url}/health`)).json()).toEqual({ status: 'ok' });
  });
});

describe('start-up warm-up', () => {
  it('runs every contract query once, without an error other than its placeholder NOT_FOUNDs', async () => {
    api.roundTrips.count = 0;
    const summary = await api.warmUp();
    const queries = [...contractOperations()]
      .filter(([, text]) => text.startsWith('query'))
      .map(([name]) => name);
    expect(queries).toHaveLength(17); // the queries of contract/operations.graphql
    expect(summary.operations).toEqual(queries);
    expect(summary.unexpected).toEqual([]);
    // Each query reached Neo4j: its Cypher is planned now (Partners' city and Provenance's
    // entity are not found, so their lookups are the only queries they make).
    expect(api.roundTrips.count).toBeGreaterThanOrEqual(summary.operations.length);
  });
});
