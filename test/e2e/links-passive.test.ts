// Every link speaks (issue 15): active readings of the report's passive sentences are INFERRED
// with the passive phrase as their reason, every INFERRED link has a reason, the planned final
// conference's year is a lower bound that says so, and graph relationships give the role in
// German (issue 17). Over real HTTP, against the report's own text.
import fs from 'node:fs';
import { DEFAULT_REPORT_PATH } from '../../src/ingest';
import { loadSources } from '../../src/ingest/load-report';
import { ENTITY_LABELS } from '../../src/model/entities';
import { dataOf, startTestApi, type TestApi } from '../support/api-server';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await loadSources(api.db); // the fact file too: its partner roles have no German wording
  await api.warmUp();
}, 180_000);
afterAll(async () => {
  await api?.stop();
});

const data = (query: string, variables: Row = {}) => dataOf<Row>(api.url, query, variables);

/** The report's text as a reader sees it: markup removed, entities decoded, spaces collapsed. */
const reportText = fs
  .readFileSync(DEFAULT_REPORT_PATH, 'utf8')
  .replace(/<[^>]+>/g, ' ')
  .replace(/&gt;/g, '>')
  .replace(/\s+/g, ' ');
const inReport = (phrase: string) => reportText.includes(phrase.replace(/\s+/g, ' '));

/** The phrases a note quotes ("…"), each cut at its ellipses into the pieces the report holds. */
const quotedPieces = (note: string) =>
  [...note.matchAll(/"([^"]+)"/g)].flatMap((match) =>
    match[1]!
      .split('…')
      .map((piece) => piece.trim())
      .filter((piece) => piece.length > 2),
  );

const PASSIVE = /^passive in the report: "|; passive in the report: "|\. passive in the report: "/;

const participation = async (meetingId: string, actorId: string) => {
  const { meeting } = await data(
    `query ($id: ID!) { meeting(id: $id) {
       participations { actor { id } role roleDe basis note sources { quote } } } }`,
    { id: meetingId },
  );
  return meeting.participations.find((p: Row) => p.actor.id === actorId);
};

const contribution = async (actionId: string, actorId: string) => {
  const { action } = await data(
    `query ($id: ID!) { action(id: $id) {
       contributors { actor { id } role roleDe basis note sources { quote } } } }`,
    { id: actionId },
  );
  return action.contributors.find((c: Row) => c.actor.id === actorId);
};

/** Every relationship among entities, once, read through the neighbourhood of each entity. */
async function allEntityLinks(): Promise<Map<string, Row>> {
  const lists = await data(`{
    projects { id } countries { id } cities { id } institutions { id }
    meetings { id } actions { id } fieldsOfAction { id } }`);
  const ids = Object.values(lists).flatMap((list) => (list as Row[]).map((e) => e.id));
  const links = new Map<string, Row>();
  for (const id of ids) {
    const { neighbourhood } = await data(
      `query ($id: ID!) { neighbourhood(id: $id, depth: 1, limit: 500) {
         truncated relationships { id type from to role roleDe basis note sources { quote verbatim } } } }`,
      { id },
    );
    expect(neighbourhood.truncated).toBe(false);
    for (const link of neighbourhood.relationships) links.set(link.id, link);
  }
  return links;
}

describe('active readings of passive sentences', () => {
  it('flag a participation read from a passive "wurde … präsentiert" as INFERRED, quoting it', async () => {
    const institute = await participation(
      'meeting/genoa-2011',
      'institution/institute-of-spatial-policies',
    );
    expect(institute).toMatchObject({ basis: 'INFERRED', note: expect.stringMatching(PASSIVE) });
    expect(institute.note).toContain('wurde in Zusammenarbeit mit dem Institute of Spatial');
    expect(inReport('ein erstes Manuskript präsentiert')).toBe(true);
  });

  it('flag a contribution read from "werden … angesprochen werden" as INFERRED, its German role as the report words it', async () => {
    const leipzig = await contribution('action/joint-workshops-education', 'city/leipzig');
    expect(leipzig).toMatchObject({
      basis: 'INFERRED',
      roleDe: 'Leipziger Kreative werden als Teilnehmer angesprochen',
    });
    expect(leipzig.note).toMatch(PASSIVE);
    expect(leipzig.note).toContain(
      '"Leipziger Kreative werden als Teilnehmer für den Workshop angesprochen werden"',
    );
    expect(leipzig.sources.map((s: Row) => s.quote)).toContain(
      'Leipziger Kreative werden als Teilnehmer für den Workshop angesprochen werden.',
    );
  });

  it('flag the subjects of an agentless "Präsentation der …" who are read as presenters', async () => {
    const contactPoint = await participation(
      'meeting/ljubljana-2011',
      'institution/kontaktstelle-kreativwirtschaft-leipzig',
    );
    expect(contactPoint).toMatchObject({ basis: 'INFERRED', note: expect.stringMatching(PASSIVE) });
    const sparkasse = await participation('meeting/leipzig-2010', 'institution/sparkasse-leipzig');
    expect(sparkasse).toMatchObject({ basis: 'INFERRED', note: expect.stringMatching(PASSIVE) });
    // the Amt is named as presenter ("durch das Amt für Wirtschaftsförderung"): stated
    const amt = await participation(
      'meeting/leipzig-2010',
      'institution/amt-fuer-wirtschaftsfoerderung-leipzig',
    );
    expect(amt.basis).toBe('STATED');
    expect(inReport('Medien- und Kreativwirtschaft durch das Amt für Wirtschaftsförderung')).toBe(
      true,
    );
    const park = await contribution(
      'action/ict-networks-workshop',
      'institution/gdansk-science-and-technology-park',
    );
    expect(park).toMatchObject({ basis: 'INFERRED', note: expect.stringMatching(PASSIVE) });
  });

  it('keep a stated participation stated and word its role as the passive report does', async () => {
    const leipzig = await participation('meeting/pecs-2010', 'city/leipzig');
    expect(leipzig.basis).toBe('STATED');
    expect(leipzig.role).toMatch(/initiatives from Leipzig were presented/);
    expect(leipzig.sources.map((s: Row) => s.quote)).toContain(
      'unter Einbindung verschiedener Leipziger Protagonisten',
    );
    const march = await participation('meeting/partner-meeting-2012-03', 'city/leipzig');
    expect(march.basis).toBe('STATED');
    expect(march.role).toMatch(/results are to be presented/);
    expect(inReport('Die Ergebnisse werden während des nächsten gemeinsamen Partnermeetings')).toBe(
      true,
    );
  });

  it('leave a lead stated where the passive sentence names it ("Unter Federführung … wird … erfolgen")', async () => {
    const { action } = await data(
      `{ action(id: "action/transnational-action-plan") {
           leadership { actor { id } role roleDe basis sources { quote } } } }`,
    );
    expect(action.leadership).toEqual([
      expect.objectContaining({
        actor: { id: 'city/ljubljana' },
        role: 'editing',
        basis: 'STATED',
      }),
    ]);
    expect(action.leadership[0].sources[0].quote).toMatch(/^Unter Federführung der Partnerstadt/);
  });
});

describe('every link of the graph', () => {
  let links: Row[];
  beforeAll(async () => {
    links = [...(await allEntityLinks()).values()];
  }, 120_000);

  it('has a reason wherever it is INFERRED, and the API shows every stored inferred link as such', async () => {
    const inferred = links.filter((l) => l.basis === 'INFERRED');
    expect(inferred.filter((l) => !l.note?.trim())).toEqual([]);
    const [row] = await api.db.read<{ stored: number; ids: string[] }>(
      `MATCH (a)-[r]->(b) WHERE r.inferred = true AND r.createdBy IS NULL
         AND any(l IN labels(a) WHERE l IN $entity) AND any(l IN labels(b) WHERE l IN $entity)
       RETURN count(r) AS stored, collect(a.id + '|' + type(r) + '|' + b.id) AS ids`,
      { entity: [...ENTITY_LABELS] },
    );
    const { stored, ids } = row!;
    const seen = new Set(inferred.map((l) => `${l.from}|${l.type}|${l.to}`));
    expect(ids.filter((id) => !seen.has(id))).toEqual([]);
    expect(inferred.length).toBe(Number(stored));
    // an unqualified link the report only implies says so too
    const hgbInLeipzig = links.find(
      (l) => l.id === 'institution/hgb-leipzig|BASED_IN|city/leipzig',
    );
    expect(hgbInLeipzig).toMatchObject({
      basis: 'INFERRED',
      note: expect.stringMatching(/does not say/),
    });
    expect(inferred.length).toBeGreaterThan(20);
  });

  it('quotes the report verbatim in every "passive in the report" reason', () => {
    const passive = links.filter((l) => PASSIVE.test(l.note ?? ''));
    expect(passive.length).toBeGreaterThanOrEqual(20);
    for (const link of passive) {
      expect(link.basis).toBe('INFERRED');
      const pieces = quotedPieces(link.note);
      expect(pieces.length).toBeGreaterThan(0);
      expect({ link: link.id, missing: pieces.filter((p) => !inReport(p)) }).toEqual({
        link: link.id,
        missing: [],
      });
    }
  });

  it('gives the role in German where the stored link has one, and null where no source words one', () => {
    const edit = links.find(
      (l) =>
        l.type === 'LEADS' &&
        l.from === 'city/ljubljana' &&
        l.to === 'action/transnational-action-plan',
    );
    expect(edit).toMatchObject({ role: 'editing', roleDe: 'Redaktion' });
    const lead = links.find(
      (l) =>
        l.type === 'MEMBER_OF' &&
        l.from === 'institution/kulturamt-leipzig' &&
        l.to === 'institution/interdepartmental-working-group-leipzig',
    );
    expect(lead).toMatchObject({ role: 'lead', roleDe: 'Federführung' });
    expect(inReport('unter Federführung des Kulturamtes')).toBe(true);
    // the fact file's partner roles: English documents, no German wording anywhere
    const partners = links.filter((l) => l.type === 'PARTNER_IN');
    expect(partners.length).toBeGreaterThan(0);
    for (const partner of partners) {
      expect(partner.role).toMatch(/partner/);
      expect(partner.roleDe).toBeNull();
    }
    // a link of the report (verbatim sources only) with a role always has its German wording
    const reportRoles = links.filter(
      (l) => l.role !== null && l.sources.length > 0 && l.sources.every((s: Row) => s.verbatim),
    );
    expect(reportRoles.length).toBeGreaterThan(50);
    expect(reportRoles.filter((l) => l.roleDe === null)).toEqual([]);
    // structural links have neither
    const inCountry = links.find((l) => l.type === 'IN_COUNTRY');
    expect(inCountry).toMatchObject({ role: null, roleDe: null });
  });

  it('gives roleDe along a path too', async () => {
    const { connection } = await data(
      `{ connection(fromId: "institution/kulturamt-leipzig",
                    toId: "institution/interdepartmental-working-group-leipzig") {
           relationships { type role roleDe } } }`,
    );
    expect(connection.relationships).toEqual([
      { type: 'MEMBER_OF', role: 'lead', roleDe: 'Federführung' },
    ]);
  });
});

describe('the planned final conference in Leipzig', () => {
  it('stores 2012 as an INFERRED lower bound whose reason says why the year is there at all', async () => {
    const { meeting } = await data(
      `{ meeting(id: "meeting/final-conference-leipzig") {
           status year date sources { quote }
           claims { property value basis note sources { quote } }
           agenda { role note } } }`,
    );
    expect(meeting).toMatchObject({ status: 'PLANNED', date: null });
    const [year] = meeting.claims;
    expect(year).toMatchObject({
      property: 'year',
      value: String(meeting.year),
      basis: 'INFERRED',
    });
    expect(year.note).toMatch(/lower bound/);
    expect(year.note).toMatch(/"not before 2012", never as the planned date/);
    expect(year.note).toContain('"eventuell zur Abschlusskonferenz in Leipzig"');
    const quotes = year.sources.map((s: Row) => s.quote);
    expect(quotes).toContain('eventuell zur Abschlusskonferenz in Leipzig');
    expect(quotes.some((q: string) => q.includes('(März 2012)'))).toBe(true);
    expect(quotes.some((q: string) => q.includes('Juni 2012'))).toBe(true);
    for (const quote of [...quotes, ...meeting.sources.map((s: Row) => s.quote)]) {
      expect(inReport(quote)).toBe(true);
    }
    expect(meeting.agenda).toEqual([
      expect.objectContaining({ role: 'planned', note: expect.stringContaining('eventuell') }),
    ]);
  });
});
