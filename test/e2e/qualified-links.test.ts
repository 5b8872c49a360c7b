// The grown contract's read side, from the loaded report: qualified links (role, roleDe,
// basis, note, sources), relationship details of graph views, aliases, Source.origin, Project.
import { contractOperations } from '../support/contract';
import { dataOf, startTestApi, TEST_API_KEY, type TestApi } from '../support/api-server';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ops = contractOperations();
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const run = (name: string, variables: Row = {}) => dataOf<Row>(api.url, ops.get(name)!, variables);

describe('qualified links', () => {
  it("show Ljubljana's lead of the transnational action plan with its role, basis and source", async () => {
    const { actions } = await run('WhoLeadsWhatQualified');
    const plan = actions.find((a: Row) => a.id === 'action/transnational-action-plan');
    expect(plan.leadership).toEqual([
      {
        actor: { __typename: 'City', id: 'city/ljubljana', name: 'Ljubljana' },
        role: 'editing',
        roleDe: 'Redaktion',
        basis: 'STATED',
        note: null,
        sources: [
          expect.objectContaining({
            verbatim: true,
            origin: expect.objectContaining({ id: expect.any(String) }),
          }),
        ],
      },
    ]);
    expect(plan.leadership[0].sources[0].quote).toMatch(/Redaktion/);
    expect(plan.project).toBeNull();
  });

  it('show a contribution with its German role and the passage that states it', async () => {
    const { actions } = await run('WhoLeadsWhatQualified');
    const swot = actions.find((a: Row) => a.id === 'action/swot-analysis');
    const group = swot.contributors.find(
      (c: Row) => c.actor.id === 'institution/transnational-working-group',
    );
    expect(group).toMatchObject({
      role: 'develops the common structure of the SWOT analysis',
      roleDe: 'Erarbeitung der gemeinsamen Struktur für die SWOT-Analyse',
      basis: 'STATED',
    });
    expect(group.sources).toHaveLength(1);
    expect(group.sources[0].section).toEqual(expect.any(String));
  });

  it('tell stated from inferred memberships, with the note of an inferred one', async () => {
    const { entity } = await run('Memberships', {
      id: 'institution/interdepartmental-working-group-leipzig',
    });
    const byMember = new Map(entity.groupMembers.map((m: Row) => [m.member.id, m]));
    // "unter Federführung des Kulturamtes"
    expect(byMember.get('institution/kulturamt-leipzig')).toMatchObject({
      member: { __typename: 'Institution' },
      role: 'lead',
      roleDe: 'Federführung',
      basis: 'STATED',
    });
    // the report's partner cities are members of the project (a Project since issue 16)
    const { project } = await dataOf<Row>(
      api.url,
      `{ project(id: "project/creative-cities") {
           aliases members { actor { __typename id } role roleDe basis note } } }`,
    );
    const members = new Map(project.members.map((m: Row) => [m.actor.id, m]));
    expect(members.get('city/leipzig')).toMatchObject({
      actor: { __typename: 'City' },
      role: 'partner city',
      roleDe: 'Partnerstadt',
      basis: 'STATED',
    });
    expect(members.get('city/pecs')).toMatchObject({
      basis: 'INFERRED',
      note: expect.stringMatching(/Partnerstadt/),
    });
    // its name is the footer's "Creative Cities": no other name
    expect(project.aliases).toEqual([]);
  });

  it('show participations and their roles', async () => {
    const { meetings } = await dataOf<Row>(api.url, '{ meetings { id } }');
    const all = await Promise.all(
      meetings.map((m: Row) => run('MeetingParticipants', { id: m.id })),
    );
    const participations = all.flatMap((r) => r.entity.participations);
    expect(participations.length).toBeGreaterThan(0);
    for (const p of participations) expect(['STATED', 'INFERRED', 'CURATED']).toContain(p.basis);
    expect(participations.some((p: Row) => p.role !== null)).toBe(true);
  });

  it('call a link a curator made CURATED', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` },
      body: JSON.stringify({
        query: `mutation { assignLead(actionId: "action/swot-analysis", actorId: "city/genoa") {
          id leadership { actor { id } basis }
        } }`,
      }),
    });
    const body = (await response.json()) as Row;
    expect(body.errors).toBeUndefined();
    expect(body.data.assignLead.leadership).toContainEqual({
      actor: { id: 'city/genoa' },
      basis: 'CURATED',
    });
  });
});

describe('graph views and passages', () => {
  it('qualify the relationships of a neighbourhood (basis null where not qualified)', async () => {
    const { neighbourhood } = await run('EdgeDetails', { id: 'action/transnational-action-plan' });
    const lead = neighbourhood.relationships.find(
      (r: Row) => r.type === 'LEADS' && r.from === 'city/ljubljana',
    );
    expect(lead).toMatchObject({ role: 'editing', basis: 'STATED' });
    expect(lead.sources).toHaveLength(1);
    const structural = neighbourhood.relationships.find((r: Row) => r.type === 'IN_FIELD');
    if (structural) expect(structural).toMatchObject({ basis: null, sources: [] });
  });

  it("give a passage its document (the report) and 'verbatim'", async () => {
    const { entity } = await dataOf<Row>(
      api.url,
      `{ entity(id: "action/transnational-study") {
         sources { document verbatim origin { id title kind } } } }`,
    );
    expect(entity.sources.length).toBeGreaterThan(0);
    for (const source of entity.sources) {
      expect(source.verbatim).toBe(true);
      expect(source.origin).toEqual({
        id: 'document/report-partner-meetings-2010-2012',
        title: source.document,
        kind: 'REPORT',
      });
    }
  });

  it("read projects from the Project label (the report's, before the fact file is loaded)", async () => {
    const data = await dataOf<Row>(
      api.url,
      '{ projects { id partners { role } } project(id: "project/creative-cities") { id } }',
    );
    // the report names two projects; their partners come with the fact file
    expect(data).toEqual({
      projects: [
        { id: 'project/creative-cities', partners: [] },
        { id: 'project/second-chance', partners: [] },
      ],
      project: { id: 'project/creative-cities' },
    });
  });
});
