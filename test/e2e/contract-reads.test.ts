// Every read operation of contract/operations.graphql, over real HTTP against the real
// server and the real loaded graph, answered as the report says.
import fs from 'node:fs';
import path from 'node:path';
import { contractOperations } from '../support/contract';
import { gql, startTestApi, type TestApi } from '../support/api-server';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ops = contractOperations();
const reportText = fs
  .readFileSync(
    path.join(__dirname, '..', '..', 'data', 'sources', '000_8c8abccec544f9ff.txt'),
    'utf8',
  )
  .replace(/<[^>]+>/g, ' ')
  .replace(/&gt;/g, '>')
  .replace(/\s+/g, ' ');

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

async function run(name: string, variables: Row = {}): Promise<Row> {
  const response = await gql<Row>(api.url, ops.get(name)!, variables);
  expect(response.errors).toBeUndefined();
  expect(response.status).toBe(200);
  return response.data!;
}

const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

describe('contract read operations', () => {
  it('Cities: the five partner cities with their countries', async () => {
    const { cities } = await run('Cities');
    const byId = Object.fromEntries(cities.map((c: Row) => [c.id, c]));
    expect(Object.keys(byId).sort()).toEqual([
      'city/gdansk',
      'city/genoa',
      'city/leipzig',
      'city/ljubljana',
      'city/pecs',
    ]);
    expect(byId['city/genoa'].nameDe).toBe('Genua');
    expect(byId['city/genoa'].country.id).toBe('country/italy');
    expect(byId['city/pecs'].name).toBe('Pécs');
    expect(byId['city/pecs'].country.id).toBe('country/hungary');
    expect(byId['city/gdansk'].country.id).toBe('country/poland');
    expect(byId['city/ljubljana'].country.id).toBe('country/slovenia');
    expect(byId['city/leipzig'].country.id).toBe('country/germany');
  });

  it('MeetingTimeline: chronological, chained, with topics and outcomes in German and English', async () => {
    const { meetings } = await run('MeetingTimeline');
    const chain = [
      'meeting/gdansk-2010',
      'meeting/pecs-2010',
      'meeting/leipzig-2010',
      'meeting/ljubljana-2011',
      'meeting/genoa-2011',
      'meeting/gdansk-2011',
      'meeting/partner-meeting-2012-03',
      'meeting/partner-meeting-2012-06-genoa',
    ];
    const timelineIds = ids(meetings).filter((id) => chain.includes(id));
    expect(timelineIds).toEqual(chain);
    const years = meetings.map((m: Row) => m.year);
    expect([...years].sort()).toEqual(years);

    const byId = Object.fromEntries(meetings.map((m: Row) => [m.id, m]));
    chain.forEach((id, i) => {
      expect(byId[id].previous?.id ?? null).toBe(chain[i - 1] ?? null);
      expect(byId[id].next?.id ?? null).toBe(chain[i + 1] ?? null);
    });

    const genoa = byId['meeting/genoa-2011'];
    expect(genoa.city).toMatchObject({ id: 'city/genoa', name: 'Genoa', nameDe: 'Genua' });
    expect(genoa.status).toBe('HELD');
    expect(genoa.topics.some((s: Row) => s.text.includes('Sala Dogana'))).toBe(true);
    expect(
      genoa.outcomes.some((s: Row) => s.text.includes('Sala Dogana ist ein Pilotprojekt')),
    ).toBe(true);
    expect(ids(genoa.actions)).toEqual(expect.arrayContaining(['action/sala-dogana-exhibition']));

    const planned = byId['meeting/partner-meeting-2012-03'];
    expect(planned).toMatchObject({ status: 'PLANNED', year: 2012, date: '2012-03' });
    expect(byId['meeting/gdansk-2011'].venue.id).toBe(
      'institution/gdansk-science-and-technology-park',
    );
    expect(byId['meeting/gdansk-2010'].kind).toBe('KICK_OFF_EVENT');

    for (const meeting of meetings) {
      for (const statement of [...meeting.topics, ...meeting.outcomes]) {
        expect(statement.textEn.length).toBeGreaterThan(0);
        expect(reportText).toContain(statement.text);
      }
    }
  });

  it('WhoLeadsWhat: leads, contributors with roles, fields, periods and meetings', async () => {
    const { actions } = await run('WhoLeadsWhat');
    const byId = Object.fromEntries(actions.map((a: Row) => [a.id, a]));

    const study = byId['action/transnational-study'];
    expect(study.kind).toBe('STUDY');
    expect(study.leads).toEqual([
      expect.objectContaining({ __typename: 'City', id: 'city/ljubljana' }),
    ]);
    expect(study.contributors.map((c: Row) => c.actor.id)).toEqual(
      expect.arrayContaining(['institution/institute-of-spatial-policies']),
    );

    const workshops = byId['action/joint-workshops-education'];
    expect(ids(workshops.leads)).toEqual(['city/gdansk']);
    expect(workshops.field.id).toBe('field/education-and-employment');

    const exhibition = byId['action/sala-dogana-exhibition'];
    expect(exhibition).toMatchObject({ kind: 'EXHIBITION', start: '2012-06', end: '2012-06' });
    const hgb = exhibition.contributors.find((c: Row) => c.actor.id === 'institution/hgb-leipzig');
    expect(hgb.actor.__typename).toBe('Institution');
    expect(hgb.role).toMatch(/students/);
    expect(ids(exhibition.meetings)).toContain('meeting/genoa-2011');

    expect(byId['action/kontaktstelle-kreativwirtschaft']).toMatchObject({
      start: '2011-01',
      end: '2013-12',
      field: expect.objectContaining({ id: 'field/networks' }),
    });
    expect(ids(byId['action/transnational-action-plan'].leads)).toEqual(['city/ljubljana']);
    for (const action of actions) {
      for (const contribution of action.contributors)
        expect(contribution.role.length).toBeGreaterThan(0);
    }
  });

  it('Institutions: kinds, cities, membership, leads and contributions', async () => {
    const { institutions } = await run('Institutions');
    const byId = Object.fromEntries(institutions.map((i: Row) => [i.id, i]));
    expect(byId['institution/hgb-leipzig']).toMatchObject({
      kind: 'UNIVERSITY',
      city: { id: 'city/leipzig', name: 'Leipzig' },
    });
    expect(ids(byId['institution/hgb-leipzig'].contributesTo)).toContain(
      'action/sala-dogana-exhibition',
    );
    const group = byId['institution/interdepartmental-working-group-leipzig'];
    expect(ids(group.members).sort()).toEqual([
      'institution/amt-fuer-stadterneuerung-leipzig',
      'institution/amt-fuer-wirtschaftsfoerderung-leipzig',
      'institution/kulturamt-leipzig',
      'institution/stadtplanungsamt-leipzig',
    ]);
    expect(ids(byId['institution/kulturamt-leipzig'].memberOf)).toEqual([
      'institution/interdepartmental-working-group-leipzig',
    ]);
    expect(byId['institution/liguria-film-commission'].kind).toBe('FILM_COMMISSION');
    expect(byId['institution/institute-of-spatial-policies'].city.id).toBe('city/ljubljana');
  });

  it('Partners: what Leipzig shares with each partner city', async () => {
    const { city } = await run('Partners', { cityId: 'city/leipzig' });
    expect(city.id).toBe('city/leipzig');
    expect(ids(city.partners.map((p: Row) => p.city)).sort()).toEqual([
      'city/gdansk',
      'city/genoa',
      'city/ljubljana',
      'city/pecs',
    ]);
    const ljubljana = city.partners.find((p: Row) => p.city.id === 'city/ljubljana');
    expect(ids(ljubljana.sharedActions)).toEqual(
      expect.arrayContaining(['action/transnational-study', 'action/sala-dogana-exhibition']),
    );
    expect(ids(ljubljana.sharedMeetings)).toEqual(
      expect.arrayContaining(['meeting/genoa-2011', 'meeting/gdansk-2011']),
    );
  });

  it.each([
    ['Sala Dogana', 'action/sala-dogana-exhibition'],
    ['Gdansk', 'city/gdansk'],
    ['Pecs', 'city/pecs'],
    ['pécs', 'city/pecs'],
    ['Genua', 'city/genoa'],
    ['Hochschule für Grafik', 'institution/hgb-leipzig'],
  ])('Search %p finds %p', async (text, expected) => {
    const { search } = await run('Search', { text, first: 5 });
    expect(ids(search.map((h: Row) => h.entity))).toContain(expected);
    const scores = search.map((h: Row) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('Search returns the meeting for a hit in one of its statements', async () => {
    const { search } = await run('Search', { text: 'Urheberrecht', first: 10 });
    expect(search.map((h: Row) => h.entity.__typename)).toContain('Meeting');
    expect(ids(search.map((h: Row) => h.entity))).toContain('meeting/genoa-2011');
  });

  it('Connection: the shortest path from HGB Leipzig to Genoa', async () => {
    const { connection } = await run('Connection', {
      fromId: 'institution/hgb-leipzig',
      toId: 'city/genoa',
    });
    expect(connection.length).toBe(connection.relationships.length);
    expect(connection.length).toBeGreaterThanOrEqual(1);
    expect(connection.length).toBeLessThanOrEqual(3);
    expect(connection.nodes[0].id).toBe('institution/hgb-leipzig');
    expect(connection.nodes.at(-1).id).toBe('city/genoa');
    // consecutive nodes are joined by the relationships, in either direction
    connection.relationships.forEach((r: Row, i: number) => {
      expect([r.from, r.to].sort()).toEqual(
        [connection.nodes[i].id, connection.nodes[i + 1].id].sort(),
      );
    });
  });

  it('Neighbourhood: the entity and what is within depth, consistent for drawing', async () => {
    const one = (await run('Neighbourhood', { id: 'city/leipzig', depth: 1 })).neighbourhood;
    const two = (await run('Neighbourhood', { id: 'city/leipzig', depth: 2 })).neighbourhood;
    const nodeIds = new Set(ids(one.nodes));
    expect(nodeIds.has('city/leipzig')).toBe(true);
    expect(nodeIds.has('country/germany')).toBe(true);
    expect(nodeIds.has('institution/hgb-leipzig')).toBe(true);
    for (const r of one.relationships) {
      expect(nodeIds.has(r.from) && nodeIds.has(r.to)).toBe(true);
    }
    expect(two.nodes.length).toBeGreaterThan(one.nodes.length);
    expect(one.nodes.find((n: Row) => n.id === 'city/leipzig').labels).toContain('City');
  });

  it('Provenance: every source of an entity quotes the report verbatim', async () => {
    const { entity } = await run('Provenance', { id: 'action/transnational-study' });
    expect(entity.__typename).toBe('Action');
    expect(entity.sources.length).toBeGreaterThan(0);
    for (const source of entity.sources) {
      expect(reportText).toContain(source.quote);
      expect(source.section).toMatch(/\(20\d\d\)/);
      expect(source.document).toContain('Partnertreffen');
    }
  });
});
