// The second source over HTTP: the fact file's project, partners, work packages and claims,
// answered through the contract's operations; the expected figures are read from the file.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULT_FACTS_PATH } from '../../src/ingest/documents';
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
