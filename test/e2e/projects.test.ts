// The second source over HTTP: the fact file's project, partners, work packages and claims,
// answered through the contract's operations; the expected figures are read from the file.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_FACTS_PATH } from '../../src/ingest/documents';
import { DEFAULT_IDENTITIES_PATH, readFacts } from '../../src/sources/facts/read';
import { loadSources } from '../../src/ingest/load-report';
import { dataOf, startTestApi, type TestApi } from '../support/api-server';
import { contractOperations } from '../support/contract';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const factFile = parse(readFileSync(DEFAULT_FACTS_PATH, 'utf8')) as Row;
const project = factFile.entities.find((e: Row) => e.type === 'Project');
const stated = (property: string): Row[] =>
  project.properties.filter((p: Row) => p.property === property);
const documentOf = (cite: string): Row =>
  factFile.documents.find((d: Row) => d.id === cite.slice(0, cite.indexOf('@')));

const ops = contractOperations();
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await loadSources(api.db);
  // as src/main.ts does after a load: the first queries are not cold on a busy machine
  await api.warmUp();
}, 180_000);
afterAll(async () => {
  await api?.stop();
});

const run = (name: string, variables: Row = {}) => dataOf<Row>(api.url, ops.get(name)!, variables);

describe('the project from the fact file', () => {
  it("answers ProjectPartners with the file's figures", async () => {
    const { project: read } = await run('ProjectPartners', { id: 'project/creative-cities' });
    expect(read).toMatchObject({
      id: 'project/creative-cities',
      name: project.name,
      title: stated('title')[0]!.value,
      programme: stated('programme')[0]!.value,
      budgetEur: stated('budgetEur')[0]!.value,
      erdfEur: stated('erdfEur')[0]!.value,
      website: stated('website')[0]!.value,
      end: '2013-05',
    });
    const partnerships = factFile.relations.filter((r: Row) => r.type === 'PARTNER_OF');
    expect(read.partners).toHaveLength(partnerships.length);
    const leads = read.partners.filter((p: Row) => p.role === 'lead partner');
    expect(leads.map((p: Row) => p.actor.id)).toEqual(['city/leipzig']);
    for (const partner of read.partners) {
      expect(partner.basis).toBe('STATED');
      expect(partner.sources).toEqual([
        { section: 'slide 3', origin: { id: 'document/factsheet-2012' } },
      ]);
    }
    const rdaLur = read.partners.find((p: Row) => p.actor.id === 'institution/rda-lur');
    expect(rdaLur.actor.city).toEqual({ id: 'city/ljubljana', name: 'Ljubljana' });
  });

  it('lists the work packages with their leads, and the meetings', async () => {
    const { project: read } = await run('ProjectPartners', { id: 'project/creative-cities' });
    const packages = read.actions.filter((a: Row) => a.kind === 'WORK_PACKAGE');
    expect(packages).toHaveLength(
      factFile.entities.filter((e: Row) => e.type === 'WorkPackage').length,
    );
    for (const wp of packages) expect(wp.leads.length).toBeGreaterThan(0);
    // WP5 is the report's work package 5: Ljubljana leads it per the report, RDA LUR per the fact sheet
    const wp5 = packages.find((a: Row) => a.id === 'action/work-package-5');
    expect(wp5.leads.map((l: Row) => l.id).sort()).toEqual([
      'city/ljubljana',
      'institution/rda-lur',
    ]);
    const meetingIds = read.meetings.map((m: Row) => m.id);
    expect(meetingIds).toContain('meeting/ljubljana-2012-03-30');
    expect(meetingIds).toContain('meeting/leipzig-2010');
  });

  it('answers EntityClaims with both end dates, the newer document preferred', async () => {
    const { entity } = await run('EntityClaims', { id: 'project/creative-cities' });
    const ends = entity.claims.filter((c: Row) => c.property === 'end');
    const expected = stated('end')
      .map((fact) => ({ fact, document: documentOf(fact.cite) }))
      .sort((a, b) => b.document.date.localeCompare(a.document.date));
    expect(ends).toEqual(
      expected.map(({ fact, document }, index) => ({
        property: 'end',
        value: fact.value,
        basis: 'STATED',
        preferred: index === 0,
        note: expect.stringContaining(document.title),
        sources: [
          {
            section: fact.cite.slice(fact.cite.indexOf('@') + 1),
            verbatim: false,
            origin: { id: `document/${document.id}`, title: document.title, date: document.date },
          },
        ],
      })),
    );
  });

  it('gives a merged entity the name the fact file gives it as an alias', async () => {
    const { entity } = await run('EntityClaims', { id: 'institution/unternehmer-stiftung-gdansk' });
    // the report's "Unternehmer-Stiftung Gdansk", named in English as the fact file names it
    expect([entity.name, ...entity.aliases]).toEqual(
      expect.arrayContaining(['Gdańsk Entrepreneurship Foundation', 'Unternehmer-Stiftung Gdansk']),
    );
  });

  it("makes the report's EU projects Projects: Creative Cities one node with the fact file's, Second Chance", async () => {
    const { projects, oldProject, oldSecondChance } = await dataOf<Row>(
      api.url,
      `{ projects { id name }
         oldProject: entity(id: "institution/creative-cities") { id }
         oldSecondChance: entity(id: "institution/second-chance") { id } }`,
    );
    expect(projects.map((p: Row) => p.id)).toEqual(
      expect.arrayContaining(['project/creative-cities', 'project/second-chance']),
    );
    // the old ids are gone with the Institutions (README, "Projects")
    expect([oldProject, oldSecondChance]).toEqual([null, null]);

    const { project: cc } = await dataOf<Row>(
      api.url,
      `{ project(id: "project/creative-cities") {
           name members { actor { id } role roleDe basis }
           sources { quote verbatim origin { id } }
           claims { property value basis note } } }`,
    );
    expect(cc.name).toBe(project.name);
    const members = new Map(cc.members.map((m: Row) => [m.actor.id, m]));
    // the report's "Partnerstadt", apart from the fact sheet's partner institutions
    expect(members.get('city/ljubljana')).toMatchObject({
      role: 'partner city',
      roleDe: 'Partnerstadt',
      basis: 'STATED',
    });
    expect(members.get('institution/isc')).toMatchObject({ basis: 'INFERRED' });
    const origins = new Set(cc.sources.map((s: Row) => `${s.origin.id} ${s.verbatim}`));
    expect(origins).toContain('document/report-partner-meetings-2010-2012 true');
    expect(origins).toContain('document/factsheet-2012 false');
    expect(cc.claims).toContainEqual(
      expect.objectContaining({
        property: 'name',
        basis: 'INFERRED',
        note: expect.stringContaining('one identity across documents'),
      }),
    );

    const { project: secondChance } = await dataOf<Row>(
      api.url,
      `{ project(id: "project/second-chance") {
           name aliases city { id } meetings { id } sources { quote } } }`,
    );
    expect(secondChance).toMatchObject({
      aliases: expect.arrayContaining(['Second Chance']),
      city: { id: 'city/leipzig' },
      meetings: [{ id: 'meeting/ljubljana-2011' }],
    });
    expect(secondChance.sources[0].quote).toBe('EU- Projekt Second Chance aus Leipzig');
  });

  it('links the documents where they speak of one thing, INFERRED with the reason', async () => {
    const edgesOf = async (id: string) =>
      (
        await dataOf<Row>(
          api.url,
          `query ($id: ID!) { neighbourhood(id: $id, depth: 1) {
             relationships { type from to role basis note
               sources { section quote verbatim origin { id } } } } }`,
          { id },
        )
      ).neighbourhood.relationships as Row[];
    // the report's planned March 2012 meeting, held with the news' presentation of 30 March 2012
    const march = (await edgesOf('meeting/partner-meeting-2012-03')).find(
      (r) => r.type === 'HELD_WITH',
    );
    expect(march).toMatchObject({
      from: 'meeting/partner-meeting-2012-03',
      to: 'meeting/ljubljana-2012-03-30',
      basis: 'INFERRED',
      note: expect.stringMatching(/Ljubljana City Hall/),
    });
    expect(march!.sources).toEqual([
      expect.objectContaining({
        section: 'paragraph 2',
        verbatim: false,
        origin: { id: 'document/ljubljana-news-2012' },
      }),
    ]);
    // RDA LUR opened the Regional Creative Economy Centre, housed at the technology park
    const opened = (await edgesOf('institution/rda-lur')).find((r) => r.type === 'OPENED');
    expect(opened).toMatchObject({
      to: 'institution/regional-creative-economy-centre',
      basis: 'STATED',
    });
    const housed = (await edgesOf('institution/regional-creative-economy-centre')).find(
      (r) => r.type === 'HOUSED_AT',
    );
    expect(housed).toMatchObject({ to: 'institution/ljubljana-technology-park' });

    // the report's contact point is the news' centre of creative industries in Leipzig
    // (read as the project's reader reads it: the file's unquoted comma is part of the name)
    const centre = readFacts().entities.find((e) => e.id === 'centre-leipzig')!;
    const { entity } = await run('EntityClaims', {
      id: 'institution/kontaktstelle-kreativwirtschaft-leipzig',
    });
    expect(entity.aliases).toContain(centre.name);
    expect(entity.claims).toEqual([
      expect.objectContaining({
        property: 'name',
        value: centre.name,
        basis: 'INFERRED',
        note: expect.stringMatching(/contact point/),
        sources: [expect.objectContaining({ verbatim: false, section: 'paragraph 4' })],
      }),
    ]);

    // the report names no country for Leipzig; the fact sheet does
    const { entity: germany } = await dataOf<Row>(
      api.url,
      '{ entity(id: "country/germany") { sources { quote verbatim origin { id } } } }',
    );
    expect(germany.sources).toContainEqual({
      quote: 'Leipzig, Germany',
      verbatim: false,
      origin: { id: 'document/factsheet-2012' },
    });
  });

  it('answers who leads what with the work packages, each lead with its own source', async () => {
    const { actions } = await run('WhoLeadsWhat');
    const identities = parse(readFileSync(DEFAULT_IDENTITIES_PATH, 'utf8')) as Row;
    const graphId = (factId: string): string =>
      identities.same.find((d: Row) => d.fact === factId)?.entity ?? `action/${factId}`;
    const byId = new Map(actions.map((a: Row) => [a.id, a]));
    for (const wp of factFile.entities.filter((e: Row) => e.type === 'WorkPackage')) {
      const action = byId.get(graphId(wp.id)) as Row;
      expect(action).toMatchObject({ kind: 'WORK_PACKAGE' });
      expect(action.leads.length).toBeGreaterThan(0);
    }
    const { actions: qualified } = await run('WhoLeadsWhatQualified');
    const wp5 = qualified.find((a: Row) => a.id === 'action/work-package-5');
    expect(wp5.project).toEqual({ id: 'project/creative-cities', name: project.name });
    const byLead = new Map(wp5.leadership.map((l: Row) => [l.actor.id, l]));
    // Ljubljana per the report ("Federführung durch die Partnerstadt Ljubljana") …
    expect(byLead.get('city/ljubljana')).toMatchObject({ basis: 'STATED' });
    for (const source of (byLead.get('city/ljubljana') as Row).sources) {
      expect(source).toMatchObject({
        quote: '(Federführung durch die Partnerstadt Ljubljana)',
        verbatim: true,
        origin: { id: 'document/report-partner-meetings-2010-2012' },
      });
    }
    // … and RDA LUR per the presentation
    expect((byLead.get('institution/rda-lur') as Row).sources).toEqual([
      expect.objectContaining({
        section: 'slide 5',
        verbatim: false,
        origin: expect.objectContaining({ id: 'document/factsheet-2012' }),
      }),
    ]);
  });

  it('changes nothing when every source is loaded again', async () => {
    const count = async () =>
      (
        await api.db.read<{ nodes: number; rels: number }>(
          'MATCH (n) WHERE NOT n:Change WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels',
        )
      )[0];
    const before = await count();
    const loads = await loadSources(api.db);
    expect(loads.map((load) => load.changed)).toEqual([false, false]);
    expect(await count()).toEqual(before);
  });
});
