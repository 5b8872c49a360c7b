// Query.documents over real HTTP: the documents the loaded graph draws on.
import { loadReport } from '../../src/ingest';
import { dataOf, startTestApi, type TestApi } from '../support/api-server';

// The first suite on a fresh Neo4j plans every query of the load cold: slow on a busy machine.
jest.setTimeout(180_000);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const DOCUMENTS = '{ documents { id title kind issuer date language url } }';
const documents = async () =>
  (await dataOf<{ documents: Array<Record<string, unknown>> }>(api.url, DOCUMENTS)).documents;

describe('documents', () => {
  it('lists the report, the curators’ entries and the fact file’s documents, by date then title', async () => {
    const listed = await documents();
    expect(listed.map((document) => document.id)).toEqual([
      'document/ljubljana-news-2012', // 2012-04-02
      'document/factsheet-2012', // 2012-11-30
      'document/progetto-page', // 2020-01
      'document/rralur-page', // undated: by title
      'document/curation',
      'document/report-partner-meetings-2010-2012',
    ]);
    expect(listed).toContainEqual({
      id: 'document/report-partner-meetings-2010-2012',
      title: 'Übersicht der bisherigen Partnertreffen (2010-2012)',
      kind: 'REPORT',
      issuer: 'Stadt Leipzig',
      date: null,
      language: 'de',
      url: null,
    });
    expect(listed).toContainEqual({
      id: 'document/curation',
      title: "Curators' entries",
      kind: 'CURATION',
      issuer: null,
      date: null,
      language: null,
      url: null,
    });
    expect(listed).toContainEqual({
      id: 'document/factsheet-2012',
      title: 'EU-Project Creative Cities 2010–2013: facts and figures',
      kind: 'PRESENTATION',
      issuer: 'City of Leipzig (lead partner of Creative Cities)',
      date: '2012-11-30',
      language: 'en',
      url: 'https://www.slideserve.com/lmoreno/creative-cities-facts-powerpoint-ppt-presentation',
    });
  });

  it('lists each document once after another load', async () => {
    const before = await documents();
    await loadReport(api.db);
    expect(await documents()).toEqual(before);
  });
});
