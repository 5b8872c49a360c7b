import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, type Database } from '../../src/db/database';
import {
  AnnotationError,
  buildReportGraph,
  DEFAULT_DATA_DIR,
  DEFAULT_REPORT_PATH,
  loadReport,
  parseReport,
  writeGraph,
} from '../../src/ingest';
import { CURATION_DOCUMENT_ID, PLACE_SOURCE } from '../../src/ingest/documents';
import { describeLoad } from '../../src/ingest/load-graph';
import { cypherStatements } from '../../src/ingest/schema';
import { canonical } from '../support/graph-checksum';
import { neo4jTestEnv } from '../support/neo4j-env';

// The real report loaded into the real Neo4j of the test run, checked fact by fact.

jest.setTimeout(120_000);

type Snapshot = { nodes: unknown[]; relationships: unknown[] };

let db: Database;

async function snapshot(): Promise<Snapshot> {
  const nodes = await db.read(
    'MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id',
  );
  const relationships = await db.read(
    `MATCH (a)-[r]->(b)
     RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
     ORDER BY from, type, to`,
  );
  return { nodes, relationships };
}

async function one<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T> {
  const rows = await db.read<T>(cypher, params);
  expect(rows).toHaveLength(1);
  return rows[0] as T;
}

beforeAll(async () => {
  db = createDatabase(neo4jTestEnv());
  await db.write('MATCH (n) DETACH DELETE n');
  await loadReport(db);
});

afterAll(async () => {
  await db?.close();
});

describe('the loaded graph', () => {
  it('holds exactly the built graph: nodes per label, relationships per type', async () => {
    const built = buildReportGraph();
    const expectedLabels: Record<string, number> = {};
    for (const node of built.nodes) {
      for (const label of node.labels) expectedLabels[label] = (expectedLabels[label] ?? 0) + 1;
    }
    expectedLabels.Change = 1; // the load, in history
    const expectedTypes: Record<string, number> = {};
    for (const rel of built.relationships)
      expectedTypes[rel.type] = (expectedTypes[rel.type] ?? 0) + 1;

    const labels = await db.read<{ label: string; count: number }>(
      'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count',
    );
    const types = await db.read<{ type: string; count: number }>(
      'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count',
    );
    expect(Object.fromEntries(labels.map((row) => [row.label, row.count]))).toEqual(expectedLabels);
    expect(Object.fromEntries(types.map((row) => [row.type, row.count]))).toEqual(expectedTypes);
    expect(expectedLabels).toMatchObject({
      Country: 5,
      City: 5,
      Meeting: 12,
      FieldOfAction: 4,
      Statement: 86,
    });
  });

  it('has a node for every entity the report names', async () => {
    const expected = [
      ...['leipzig', 'gdansk', 'pecs', 'ljubljana', 'genoa'].map((slug) => `city/${slug}`),
      ...['germany', 'poland', 'hungary', 'slovenia', 'italy'].map((slug) => `country/${slug}`),
      'meeting/gdansk-2010',
      'meeting/pecs-2010',
      'meeting/leipzig-2010',
      'meeting/ljubljana-2011',
      'meeting/genoa-2011',
      'meeting/gdansk-2011',
      'meeting/partner-meeting-2012-03',
      'meeting/partner-meeting-2012-06-genoa',
      'meeting/final-conference-leipzig',
      'meeting/inno3city-2011',
      'meeting/pecs-2010-isc-meeting',
      'meeting/ljubljana-2011-isc-meeting',
      'institution/kulturamt-leipzig',
      'institution/amt-fuer-wirtschaftsfoerderung-leipzig',
      'institution/amt-fuer-stadterneuerung-leipzig',
      'institution/stadtplanungsamt-leipzig',
      'institution/interdepartmental-working-group-leipzig',
      'institution/steering-group-leipzig',
      'institution/hgb-leipzig',
      'institution/sparkasse-leipzig',
      'institution/tapetenwerk',
      'institution/institute-of-spatial-policies',
      'institution/unternehmer-stiftung-gdansk',
      'institution/liguria-film-commission',
      'institution/gdansk-science-and-technology-park',
      'institution/creative-industries-cluster-pecs',
      'institution/isc',
      'project/second-chance',
      'institution/kontaktstelle-kreativwirtschaft-leipzig',
      'institution/cluster-contact-points',
      'institution/innovation-lab-le',
      'institution/slovenian-minister-of-culture',
      'institution/european-capital-of-culture-pecs',
      'institution/transnational-working-group',
      'project/creative-cities',
      'institution/sala-dogana',
      'action/swot-analysis',
      'action/transnational-action-plan',
      'action/joint-action-plan',
      'action/local-action-plan-leipzig',
      'action/transnational-study',
      'action/work-package-5',
      'action/sala-dogana-exhibition',
      'action/kontaktstelle-kreativwirtschaft',
      'action/joint-workshops-education',
      'action/cluster-marketing',
      'action/ict-networks-workshop',
      'action/copyright-workshop',
      'field/networks',
      'field/education-and-employment',
      'field/marketing',
      'field/urban-development',
    ];
    const rows = await db.read<{ id: string }>(
      'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id',
      { ids: expected },
    );
    expect(rows.map((row) => row.id).sort()).toEqual([...expected].sort());
  });

  it('knows where each city is', async () => {
    const rows = await db.read<{ city: string; nameDe: string; country: string }>(
      `MATCH (c:City)-[:IN_COUNTRY]->(k:Country)
       RETURN c.name AS city, c.nameDe AS nameDe, k.name AS country ORDER BY city`,
    );
    expect(rows).toEqual([
      { city: 'Gdańsk', nameDe: 'Gdansk', country: 'Poland' },
      { city: 'Genoa', nameDe: 'Genua', country: 'Italy' },
      { city: 'Leipzig', nameDe: 'Leipzig', country: 'Germany' },
      { city: 'Ljubljana', nameDe: 'Ljubljana', country: 'Slovenia' },
      { city: 'Pécs', nameDe: 'Pécs', country: 'Hungary' },
    ]);
  });

  it('knows who leads what ("Federführung")', async () => {
    const rows = await db.read<{ lead: string; action: string; role: string | null }>(
      `MATCH (l)-[r:LEADS]->(a:Action) RETURN l.id AS lead, a.id AS action, r.role AS role
       ORDER BY action`,
    );
    expect(rows).toEqual([
      { lead: 'city/gdansk', action: 'action/joint-workshops-education', role: null },
      { lead: 'city/ljubljana', action: 'action/transnational-action-plan', role: 'editing' },
      { lead: 'city/ljubljana', action: 'action/transnational-study', role: null },
      { lead: 'city/ljubljana', action: 'action/work-package-5', role: null },
    ]);
  });

  it('knows who contributes to what, and in what role', async () => {
    const role = (actor: string, action: string) =>
      one<{ role: string; roleDe: string }>(
        `MATCH (:Entity {id: $actor})-[c:CONTRIBUTES_TO]->(:Action {id: $action})
         RETURN c.role AS role, c.roleDe AS roleDe`,
        { actor, action },
      );
    await expect(
      role('institution/creative-industries-cluster-pecs', 'action/transnational-action-plan'),
    ).resolves.toEqual({
      role: 'graphic design and printing',
      roleDe: 'grafische Gestaltung und Vervielfältigung',
    });
    await expect(
      role('institution/hgb-leipzig', 'action/sala-dogana-exhibition'),
    ).resolves.toMatchObject({
      role: expect.stringContaining('students'),
    });
    await expect(
      role('institution/institute-of-spatial-policies', 'action/transnational-study'),
    ).resolves.toMatchObject({ role: expect.stringContaining('manuscript') });
    await expect(
      role('institution/amt-fuer-stadterneuerung-leipzig', 'action/transnational-study'),
    ).resolves.toMatchObject({ roleDe: expect.stringContaining('Zusammenarbeit') });
    await expect(
      role('institution/unternehmer-stiftung-gdansk', 'action/joint-workshops-education'),
    ).resolves.toMatchObject({ role: expect.stringContaining('topic and experts') });
    await expect(
      role('institution/steering-group-leipzig', 'action/local-action-plan-leipzig'),
    ).resolves.toMatchObject({ roleDe: expect.stringContaining('Steuergruppe') });
  });

  it('knows where and when each meeting was, its kind and status', async () => {
    const rows = await db.read(
      `MATCH (m:Meeting)
       OPTIONAL MATCH (m)-[:HELD_IN]->(c:City)
       OPTIONAL MATCH (m)-[:AT_VENUE]->(v:Institution)
       RETURN m.id AS id, m.kind AS kind, m.status AS status, m.year AS year, m.date AS date,
              c.id AS city, v.id AS venue
       ORDER BY m.date, m.order`,
    );
    expect(rows).toEqual([
      {
        id: 'meeting/gdansk-2010',
        kind: 'KICK_OFF_EVENT',
        status: 'HELD',
        year: 2010,
        date: '2010',
        city: 'city/gdansk',
        venue: null,
      },
      {
        id: 'meeting/pecs-2010',
        kind: 'CONFERENCE',
        status: 'HELD',
        year: 2010,
        date: '2010',
        city: 'city/pecs',
        venue: null,
      },
      {
        id: 'meeting/leipzig-2010',
        kind: 'PARTNER_MEETING',
        status: 'HELD',
        year: 2010,
        date: '2010',
        city: 'city/leipzig',
        venue: null,
      },
      {
        id: 'meeting/pecs-2010-isc-meeting',
        kind: 'PARTNER_MEETING',
        status: 'HELD',
        year: 2010,
        date: '2010',
        city: 'city/pecs',
        venue: null,
      },
      {
        id: 'meeting/ljubljana-2011',
        kind: 'CONFERENCE',
        status: 'HELD',
        year: 2011,
        date: '2011',
        city: 'city/ljubljana',
        venue: null,
      },
      {
        id: 'meeting/genoa-2011',
        kind: 'PARTNER_MEETING',
        status: 'HELD',
        year: 2011,
        date: '2011',
        city: 'city/genoa',
        venue: null,
      },
      {
        id: 'meeting/gdansk-2011',
        kind: 'PARTNER_MEETING',
        status: 'HELD',
        year: 2011,
        date: '2011',
        city: 'city/gdansk',
        venue: 'institution/gdansk-science-and-technology-park',
      },
      {
        id: 'meeting/inno3city-2011',
        kind: 'CONFERENCE',
        status: 'HELD',
        year: 2011,
        date: '2011',
        city: 'city/gdansk',
        venue: null,
      },
      {
        id: 'meeting/ljubljana-2011-isc-meeting',
        kind: 'PARTNER_MEETING',
        status: 'HELD',
        year: 2011,
        date: '2011',
        city: 'city/ljubljana',
        venue: null,
      },
      {
        id: 'meeting/partner-meeting-2012-03',
        kind: 'PARTNER_MEETING',
        status: 'PLANNED',
        year: 2012,
        date: '2012-03',
        city: null,
        venue: null,
      },
      {
        id: 'meeting/partner-meeting-2012-06-genoa',
        kind: 'PARTNER_MEETING',
        status: 'PLANNED',
        year: 2012,
        date: '2012-06',
        city: 'city/genoa',
        venue: null,
      },
      {
        id: 'meeting/final-conference-leipzig',
        kind: 'CONFERENCE',
        status: 'PLANNED',
        year: 2012,
        date: null,
        city: 'city/leipzig',
        venue: null,
      },
    ]);
  });

  it('chains the meetings in time with NEXT', async () => {
    const { chain } = await one<{ chain: string[] }>(
      `MATCH p = (first:Meeting)-[:NEXT*]->(last:Meeting)
       WHERE NOT ()-[:NEXT]->(first) AND NOT (last)-[:NEXT]->()
       RETURN [m IN nodes(p) | m.id] AS chain`,
    );
    expect(chain).toEqual([
      'meeting/gdansk-2010',
      'meeting/pecs-2010',
      'meeting/leipzig-2010',
      'meeting/ljubljana-2011',
      'meeting/genoa-2011',
      'meeting/gdansk-2011',
      'meeting/partner-meeting-2012-03',
      'meeting/partner-meeting-2012-06-genoa',
    ]);
    const { heldWith } = await one<{ heldWith: string }>(
      `MATCH (:Meeting {id: 'meeting/gdansk-2011'})-[:HELD_WITH]->(c:Meeting) RETURN c.id AS heldWith`,
    );
    expect(heldWith).toBe('meeting/inno3city-2011');
  });

  it("knows the inter-departmental working group's members and its lead", async () => {
    const rows = await db.read<{ member: string; role: string }>(
      `MATCH (m:Institution)-[r:MEMBER_OF]->(:Institution {id: 'institution/interdepartmental-working-group-leipzig'})
       RETURN m.nameDe AS member, r.role AS role ORDER BY member`,
    );
    expect(rows).toEqual([
      { member: 'Amt für Stadterneuerung und Wohnungsbauförderung', role: 'member' },
      { member: 'Amt für Wirtschaftsförderung', role: 'member' },
      { member: 'Kulturamt', role: 'lead' },
      { member: 'Stadtplanungsamt', role: 'member' },
    ]);
    const { city } = await one<{ city: string }>(
      `MATCH (:Institution {id: 'institution/interdepartmental-working-group-leipzig'})-[:BASED_IN]->(c:City)
       RETURN c.id AS city`,
    );
    expect(city).toBe('city/leipzig');
  });

  it('knows the periods, fields and parts of the actions', async () => {
    const actions = await db.read<{
      id: string;
      start: string | null;
      end: string | null;
      field: string | null;
      partOf: string | null;
    }>(
      `MATCH (a:Action) WHERE a.id IN $ids
       OPTIONAL MATCH (a)-[:IN_FIELD]->(f:FieldOfAction)
       OPTIONAL MATCH (a)-[:PART_OF]->(p:Action)
       RETURN a.id AS id, a.start AS start, a.end AS end, f.id AS field, p.id AS partOf ORDER BY id`,
      {
        ids: [
          'action/kontaktstelle-kreativwirtschaft',
          'action/sala-dogana-exhibition',
          'action/transnational-study',
          'action/joint-workshops-education',
          'action/local-action-plan-leipzig',
        ],
      },
    );
    expect(actions).toEqual([
      {
        id: 'action/joint-workshops-education',
        start: null,
        end: null,
        field: 'field/education-and-employment',
        partOf: 'action/joint-action-plan',
      },
      {
        id: 'action/kontaktstelle-kreativwirtschaft',
        start: '2011-01',
        end: '2013-12',
        field: 'field/networks',
        partOf: 'action/local-action-plan-leipzig',
      },
      {
        id: 'action/local-action-plan-leipzig',
        start: null,
        end: null,
        field: null,
        partOf: 'action/transnational-action-plan',
      },
      {
        id: 'action/sala-dogana-exhibition',
        start: '2012-06',
        end: '2012-06',
        field: null,
        partOf: 'action/transnational-action-plan',
      },
      {
        id: 'action/transnational-study',
        start: null,
        end: null,
        field: null,
        partOf: 'action/work-package-5',
      },
    ]);
    const fields = await db.read<{ name: string }>(
      'MATCH (f:FieldOfAction) RETURN f.nameDe AS name ORDER BY name',
    );
    expect(fields.map((f) => f.name)).toEqual([
      'Bildung und Beschäftigung',
      'Marketing',
      'Netzwerke',
      'Stadtentwicklung',
    ]);
  });

  it('knows what each meeting addressed and who took part', async () => {
    const { actions } = await one<{ actions: string[] }>(
      `MATCH (:Meeting {id: 'meeting/genoa-2011'})-[:ADDRESSED]->(a:Action)
       RETURN collect(a.id) AS actions`,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'action/sala-dogana-exhibition',
        'action/transnational-study',
        'action/work-package-5',
      ]),
    );
    const participants = await db.read<{ id: string }>(
      `MATCH (p)-[:TOOK_PART_IN]->(:Meeting {id: 'meeting/ljubljana-2011'}) RETURN p.id AS id ORDER BY id`,
    );
    expect(participants.map((p) => p.id)).toEqual([
      'city/leipzig',
      'city/ljubljana',
      'institution/kontaktstelle-kreativwirtschaft-leipzig',
      'institution/slovenian-minister-of-culture',
    ]);
  });

  it('keeps the statements of every meeting in order, German and English', async () => {
    const rows = await db.read<{ meeting: string; topics: number; outcomes: number }>(
      `MATCH (m:Meeting)
       RETURN m.id AS meeting, COUNT { (m)-[:HAS_TOPIC]->() } AS topics, COUNT { (m)-[:HAS_OUTCOME]->() } AS outcomes
       ORDER BY m.order`,
    );
    expect(rows.slice(0, 6)).toEqual([
      { meeting: 'meeting/gdansk-2010', topics: 1, outcomes: 6 },
      { meeting: 'meeting/pecs-2010', topics: 1, outcomes: 5 },
      { meeting: 'meeting/leipzig-2010', topics: 7, outcomes: 14 },
      { meeting: 'meeting/ljubljana-2011', topics: 5, outcomes: 24 },
      { meeting: 'meeting/genoa-2011', topics: 7, outcomes: 7 },
      { meeting: 'meeting/gdansk-2011', topics: 4, outcomes: 5 },
    ]);
    const statement = await one<{ text: string; textEn: string; section: string }>(
      `MATCH (:Meeting {id: 'meeting/genoa-2011'})-[:HAS_OUTCOME {order: 5}]->(s:Statement)
       RETURN s.text AS text, s.textEn AS textEn, s.section AS section`,
    );
    expect(statement.section).toBe(
      'Genua, Italien (2011) > Ergebnis/Ableitung > 2 > Ableitung für Leipzig',
    );
    expect(statement.text).toMatch(/^Die Unternehmer-Stiftung Gdansk wird zeitnah/);
    expect(statement.textEn).toMatch(/^The Unternehmer-Stiftung Gdansk/);
  });

  it('grounds every entity and statement in at least one verbatim passage', async () => {
    const unsourced = await db.read<{ id: string }>(
      `MATCH (n) WHERE (n:Entity OR n:Statement) AND NOT (n)-[:STATED_IN]->(:Source) RETURN n.id AS id`,
    );
    expect(unsourced).toEqual([]);

    const report = parseReport(readFileSync(DEFAULT_REPORT_PATH, 'utf8'));
    const headings = new Set(report.meetings.map((m) => m.heading));
    const sources = await db.read<{
      id: string;
      section: string;
      quote: string;
      document: string;
      text: string | null;
    }>(
      `MATCH (s:Source)
       OPTIONAL MATCH (st:Statement {id: s.statementId})
       RETURN s.id AS id, s.section AS section, s.quote AS quote, s.document AS document, st.text AS text`,
    );
    expect(sources.length).toBeGreaterThan(86);
    for (const source of sources) {
      expect(source.document).toBe(report.title);
      const passage =
        source.text ??
        (headings.has(source.section)
          ? source.section
          : source.section === 'Fußzeile'
            ? report.footer.join('\n')
            : source.section === 'Titel'
              ? report.title
              : null);
      expect(
        passage === null ? `${source.id}: no passage for ${source.section}` : passage,
      ).toContain(source.quote);
    }
  });

  it('traces every fact-stating relationship to existing sources', async () => {
    const untraced = await db.read<{ fact: string }>(
      `MATCH (a)-[r]->(b)
       WHERE NOT type(r) IN ['STATED_IN', 'MENTIONS', 'NEXT', 'HAS_TOPIC', 'HAS_OUTCOME', 'IN_DOCUMENT']
         AND (size(coalesce(r.sourceIds, [])) = 0
              OR any(id IN r.sourceIds WHERE NOT EXISTS { MATCH (:Source {id: id}) }))
       RETURN a.id + ' ' + type(r) + ' ' + b.id AS fact`,
    );
    expect(untraced).toEqual([]);
  });

  it('finds names accent- and case-insensitively', async () => {
    const search = async (text: string) =>
      (
        await db.read<{ id: string }>(
          `CALL db.index.fulltext.queryNodes('searchFolded_v2', $text) YIELD node RETURN node.id AS id LIMIT 10`,
          { text },
        )
      ).map((row) => row.id);
    await expect(search('pecs')).resolves.toContain('city/pecs');
    await expect(search('GDANSK')).resolves.toContain('city/gdansk');
    await expect(search('Genoa')).resolves.toContain('city/genoa');
  });

  it('answers every ready query of cypher/examples.cypher', async () => {
    const examples = cypherStatements(
      readFileSync(path.join(__dirname, '../../cypher/examples.cypher'), 'utf8'),
    );
    expect(examples.length).toBeGreaterThanOrEqual(10);
    for (const query of examples) {
      const rows = await db.read(query);
      expect(rows.length > 0 ? 'rows' : `no rows: ${query}`).toBe('rows');
    }
  });

  it('has a short path from HGB Leipzig to Genoa', async () => {
    const { hops } = await one<{ hops: number }>(
      `MATCH (a:Entity {id: 'institution/hgb-leipzig'}), (b:Entity {id: 'city/genoa'})
       MATCH p = shortestPath((a)-[:BASED_IN|HELD_IN|ADDRESSED|LEADS|CONTRIBUTES_TO|PART_OF|MEMBER_OF|TOOK_PART_IN*..6]-(b))
       RETURN length(p) AS hops`,
    );
    expect(hops).toBeLessThanOrEqual(3);
  });
});

const REPORT_ID = 'document/report-partner-meetings-2010-2012';
const REPORT_TITLE = 'Übersicht der bisherigen Partnertreffen (2010-2012)';

describe('documents and history', () => {
  it('places every passage of the report in the report, once, as its verbatim text', async () => {
    const placed = await db.read<{ documents: string[]; verbatim: boolean }>(
      `MATCH (s:Source)
       RETURN [(s)-[:IN_DOCUMENT]->(d) | d.id] AS documents, s.verbatim AS verbatim`,
    );
    expect(placed.length).toBeGreaterThan(86);
    for (const source of placed) expect(source).toEqual({ documents: [REPORT_ID], verbatim: true });
  });

  it('writes the documents with what the registry states', async () => {
    const report = await one<Record<string, unknown>>(
      'MATCH (d:Document {id: $id}) RETURN properties(d) AS props',
      { id: REPORT_ID },
    );
    expect(report.props).toEqual({
      id: REPORT_ID,
      kind: 'REPORT',
      title: REPORT_TITLE,
      issuer: 'Stadt Leipzig',
      language: 'de',
      // the loads that state it
      documentIds: [REPORT_ID],
    });
  });

  it('records the load that built the graph as one Change by load', async () => {
    const change = await one<{ props: Record<string, unknown> }>(
      'MATCH (c:Change) RETURN properties(c) AS props',
    );
    const built = buildReportGraph();
    // everything added, counted per kind
    const added: Record<string, number> = {};
    const kinds = [
      ...built.nodes.map((node) => node.labels.find((label) => label !== 'Entity')!),
      ...built.relationships.map((rel) => rel.type),
    ];
    for (const kind of kinds) added[kind] = (added[kind] ?? 0) + 1;
    expect(change.props).toEqual({
      id: expect.stringMatching(/^change\//),
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      by: 'load',
      operation: 'load',
      entityId: REPORT_ID,
      summary: `loaded ${REPORT_TITLE}: ${describeLoad({ added, updated: {}, removed: {}, conflicts: [] })}`,
    });
  });

  it('stores the other names of each entity', async () => {
    const { aliases } = await one<{ aliases: string[] }>(
      `MATCH (c:City {id: 'city/genoa'}) RETURN c.aliases AS aliases`,
    );
    expect(aliases).toEqual(['Genua']);
  });
});

describe('loading again', () => {
  it('changes no node, relationship or property', async () => {
    const before = await snapshot();
    await loadReport(db);
    const after = await snapshot();
    expect(after.nodes).toHaveLength(before.nodes.length);
    expect(after.relationships).toHaveLength(before.relationships.length);
    expect(after).toEqual(before);
  });

  it('adds no document and records no change when nothing changed', async () => {
    const count = async () =>
      one<{ documents: number; changes: number }>(
        'RETURN COUNT { (:Document) } AS documents, COUNT { (:Change) } AS changes',
      );
    const before = await count();
    expect(before).toEqual({ documents: 6, changes: 1 });
    await expect(loadReport(db)).resolves.toMatchObject({ changed: false });
    expect(await count()).toEqual(before);
  });

  it('records a load that changes a property, and only that one', async () => {
    await db.write(`MATCH (c:City {id: 'city/genoa'}) SET c.name = 'Genova'`);
    const before = await db.read('MATCH (c:Change) RETURN c.id AS id');
    await expect(loadReport(db)).resolves.toMatchObject({ changed: true });
    const { name } = await one<{ name: string }>(
      `MATCH (c:City {id: 'city/genoa'}) RETURN c.name AS name`,
    );
    expect(name).toBe('Genoa');
    const after = await db.read<{ by: string; entityId: string }>(
      'MATCH (c:Change) WHERE NOT c.id IN $before RETURN c.by AS by, c.entityId AS entityId',
      { before: before.map((row) => row.id) },
    );
    expect(after).toEqual([{ by: 'load', entityId: REPORT_ID }]);
    await db.write('MATCH (c:Change) WHERE NOT c.id IN $before DETACH DELETE c', {
      before: before.map((row) => row.id),
    });
  });

  it("places curators' sources in their document, and records the load that did", async () => {
    // as the curation service writes them: one entered through the API, one citing the report
    await db.write(
      `CREATE (:Source {id: 'source/entered-test', document: 'Entered through the API',
                        section: 'entered by test', quote: '', enteredBy: 'test', enteredAt: 'x'})
       CREATE (:Source {id: 'source/cited-test', document: $title, section: 'Titel',
                        quote: 'Übersicht'})`,
      { title: REPORT_TITLE },
    );
    try {
      await expect(loadReport(db)).resolves.toMatchObject({ changed: true });
      const placed = await db.read<{ id: string; documents: string[]; verbatim: boolean }>(
        `MATCH (s:Source) WHERE s.id ENDS WITH '-test'
         RETURN s.id AS id, [(s)-[:IN_DOCUMENT]->(d) | d.id] AS documents, s.verbatim AS verbatim
         ORDER BY id`,
      );
      expect(placed).toEqual([
        { id: 'source/cited-test', documents: [REPORT_ID], verbatim: false },
        { id: 'source/entered-test', documents: ['document/curation'], verbatim: false },
      ]);
      const changes = await db.read<{ by: string }>('MATCH (c:Change) RETURN c.by AS by');
      expect(changes).toEqual([{ by: 'load' }, { by: 'load' }]);
    } finally {
      await db.write(
        `MATCH (s:Source) WHERE s.id ENDS WITH '-test' DETACH DELETE s
         WITH count(*) AS _
         MATCH (c:Change) WITH c ORDER BY c.at SKIP 1 DETACH DELETE c`,
      );
    }
  });

  it('places one Source on its own, as the curation service can right after writing it', async () => {
    await db.write(
      `CREATE (:Source {id: 'source/one-test', document: 'x', section: 'y', quote: '', enteredBy: 'test'})
       CREATE (:Source {id: 'source/other-test', document: 'x', section: 'z', quote: '', enteredBy: 'test'})`,
    );
    try {
      await db.write(PLACE_SOURCE, {
        curationId: CURATION_DOCUMENT_ID,
        sourceId: 'source/one-test',
      });
      const placed = await db.read<{ id: string; documents: string[] }>(
        `MATCH (s:Source) WHERE s.id ENDS WITH '-test'
         RETURN s.id AS id, [(s)-[:IN_DOCUMENT]->(d) | d.id] AS documents ORDER BY id`,
      );
      expect(placed).toEqual([
        { id: 'source/one-test', documents: ['document/curation'] },
        { id: 'source/other-test', documents: [] },
      ]);
    } finally {
      await db.write(`MATCH (s:Source) WHERE s.id ENDS WITH '-test' DETACH DELETE s`);
    }
  });

  it('fails on a broken annotation and leaves the database as it was', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'annotations-'));
    try {
      cpSync(DEFAULT_DATA_DIR, dataDir, { recursive: true });
      const file = path.join(dataDir, 'actions.yaml');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace(
          'role: graphic design and printing',
          'role: graphic design and printing\n      shade: blue',
        ),
      );
      const before = await snapshot();
      await expect(loadReport(db, { dataDir })).rejects.toThrow(AnnotationError);
      await expect(loadReport(db, { dataDir })).rejects.toThrow(
        /actions.yaml: entry "action\/transnational-action-plan"/,
      );
      expect(await snapshot()).toEqual(before);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rolls back a write that fails halfway, leaving the database as it was', async () => {
    const before = await snapshot();
    const graph = buildReportGraph();
    // a new valid node first, then one Neo4j refuses (a map is no property value)
    graph.nodes.push({
      labels: ['Entity', 'City'],
      id: 'city/atlantis',
      props: { name: 'Atlantis', nameDe: 'Atlantis' },
    });
    graph.nodes.push({
      labels: ['Source'],
      id: 'source/broken',
      props: { quote: { nested: true } },
    });
    await expect(writeGraph(db, graph, { batchSize: 50 })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it('writes batch by batch when asked, with the same result', async () => {
    const before = await snapshot();
    await writeGraph(db, buildReportGraph(), { batchSize: 7, singleTransaction: false });
    expect(await snapshot()).toEqual(before);
  });

  it('CREATEs the graph MERGE gives into an empty database, in one transaction or in batches', async () => {
    // Change nodes differ by their ids and times: the rest must be equal.
    const withoutChanges = async () => {
      const { nodes, relationships } = await snapshot();
      const isChange = (node: unknown) => (node as { labels: string[] }).labels.includes('Change');
      // in one order whatever the ties of from, type and to, and the order of properties
      const sorted = relationships.map(canonical).sort();
      return { nodes: nodes.filter((node) => !isChange(node)), relationships: sorted };
    };
    const graph = buildReportGraph();
    try {
      await db.write('MATCH (n) DETACH DELETE n');
      await writeGraph(db, graph);
      const merged = await withoutChanges();
      expect(merged.relationships.length).toBeGreaterThanOrEqual(graph.relationships.length);
      for (const options of [{}, { batchSize: 7, singleTransaction: false }]) {
        await db.write('MATCH (n) DETACH DELETE n');
        await writeGraph(db, graph, { ...options, intoEmptyDatabase: true });
        expect(await withoutChanges()).toEqual(merged);
        // whole numbers are stored as INTEGER (the snapshot reads both kinds as numbers)
        const [types] = await db.read<{ meetings: string[]; topics: string[] }>(
          'MATCH (m:Meeting) WITH collect(DISTINCT valueType(m.year)) AS meetings ' +
            'MATCH ()-[t:HAS_TOPIC]->() WHERE t.order IS NOT NULL ' +
            'RETURN meetings, collect(DISTINCT valueType(t.order)) AS topics',
        );
        expect(types).toEqual({ meetings: ['INTEGER NOT NULL'], topics: ['INTEGER NOT NULL'] });
      }
    } finally {
      await db.write('MATCH (n) DETACH DELETE n');
      await loadReport(db);
    }
  });
});
