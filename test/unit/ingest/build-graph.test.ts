import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildReportGraph, DEFAULT_DATA_DIR } from '../../../src/ingest/build-graph';
import { AnnotationError } from '../../../src/ingest/errors';
import { GraphData } from '../../../src/ingest/graph-data';

const graph = buildReportGraph();
const nodeById = new Map(graph.nodes.map((node) => [node.id, node]));
const countBy = <T>(items: T[], key: (item: T) => string): Record<string, number> =>
  items.reduce<Record<string, number>>((counts, item) => {
    counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
  }, {});
const rels = (type: string, data: GraphData = graph) =>
  data.relationships.filter((rel) => rel.type === type);

describe('buildReportGraph on the real report', () => {
  it('is deterministic', () => {
    expect(JSON.stringify(buildReportGraph())).toBe(JSON.stringify(graph));
  });

  it('has every kind of node', () => {
    expect(countBy(graph.nodes, (node) => node.labels.join(':'))).toMatchObject({
      'Entity:Country': 5,
      'Entity:City': 5,
      'Entity:Meeting': 12,
      'Entity:FieldOfAction': 4,
      Statement: 86,
    });
  });

  it('gives every entity an English and a German name and every statement an English text', () => {
    for (const node of graph.nodes) {
      if (node.labels.includes('Entity')) {
        expect(typeof node.props.name).toBe('string');
        expect(typeof node.props.nameDe).toBe('string');
      }
      if (node.labels.includes('Statement')) expect(node.props.textEn).toEqual(expect.any(String));
    }
  });

  it('grounds every entity and statement in a verbatim passage of its statement', () => {
    const sourced = new Set(rels('STATED_IN').map((rel) => rel.from));
    for (const node of graph.nodes) {
      if (node.labels.includes('Entity') || node.labels.includes('Statement')) {
        expect(sourced.has(node.id) ? node.id : `${node.id} has no source`).toBe(node.id);
      }
    }
    for (const source of graph.nodes.filter((node) => node.labels.includes('Source'))) {
      const statementId = source.props.statementId as string | undefined;
      if (!statementId) continue;
      const statement = nodeById.get(statementId);
      expect(statement?.props.text).toContain(source.props.quote);
      expect(statement?.props.section).toBe(source.props.section);
    }
  });

  it('gives every fact-stating relationship source ids of existing Source nodes', () => {
    const structural = new Set([
      'STATED_IN',
      'MENTIONS',
      'NEXT',
      'HAS_TOPIC',
      'HAS_OUTCOME',
      'IN_DOCUMENT',
    ]);
    for (const rel of graph.relationships.filter((r) => !structural.has(r.type))) {
      const sourceIds = rel.props.sourceIds as string[];
      expect(sourceIds.length).toBeGreaterThan(0);
      for (const id of sourceIds) expect(nodeById.get(id)?.labels).toEqual(['Source']);
    }
  });

  it('chains the meetings in time', () => {
    expect(rels('NEXT').map((rel) => [rel.from, rel.to])).toEqual([
      ['meeting/gdansk-2010', 'meeting/pecs-2010'],
      ['meeting/pecs-2010', 'meeting/leipzig-2010'],
      ['meeting/leipzig-2010', 'meeting/ljubljana-2011'],
      ['meeting/ljubljana-2011', 'meeting/genoa-2011'],
      ['meeting/genoa-2011', 'meeting/gdansk-2011'],
      ['meeting/gdansk-2011', 'meeting/partner-meeting-2012-03'],
      ['meeting/partner-meeting-2012-03', 'meeting/partner-meeting-2012-06-genoa'],
    ]);
    // the report dates the meetings of one year only to the year: their order is INFERRED
    const basis = (from: string) => rels('NEXT').find((rel) => rel.from === from)!.props;
    expect(basis('meeting/gdansk-2010')).toMatchObject({
      inferred: true,
      note: expect.stringContaining('only to 2010'),
    });
    expect(basis('meeting/leipzig-2010').inferred).toBeUndefined();
    expect(basis('meeting/leipzig-2010').sourceIds).toHaveLength(2);
  });

  it('records who leads which action ("Federführung")', () => {
    expect(
      rels('LEADS')
        .map((rel) => `${rel.from} → ${rel.to}`)
        .sort(),
    ).toEqual([
      'city/gdansk → action/joint-workshops-education',
      'city/ljubljana → action/transnational-action-plan',
      'city/ljubljana → action/transnational-study',
      'city/ljubljana → action/work-package-5',
    ]);
  });

  it('places every passage in the report, as its verbatim text, and says it reads the report', () => {
    const reportId = 'document/report-partner-meetings-2010-2012';
    const sources = graph.nodes.filter((node) => node.labels.includes('Source'));
    expect(sources.length).toBeGreaterThan(86);
    const placed = countBy(rels('IN_DOCUMENT'), (rel) => `${rel.from} → ${rel.to}`);
    for (const source of sources) {
      expect(source.props.verbatim).toBe(true);
      expect(placed[`${source.id} → ${reportId}`]).toBe(1);
    }
    expect(rels('IN_DOCUMENT')).toHaveLength(sources.length);
    expect(graph.document).toEqual({
      id: reportId,
      title: 'Übersicht der bisherigen Partnertreffen (2010-2012)',
    });
  });

  it('writes the documents of the registry with what they state, and nothing else', () => {
    const documents = graph.nodes.filter((node) => node.labels.includes('Document'));
    expect(documents.map((node) => node.labels)).toEqual(documents.map(() => ['Document']));
    expect(Object.fromEntries(documents.map((node) => [node.id, node.props]))).toEqual({
      'document/report-partner-meetings-2010-2012': {
        kind: 'REPORT',
        title: 'Übersicht der bisherigen Partnertreffen (2010-2012)',
        issuer: 'Stadt Leipzig',
        language: 'de',
      },
      'document/curation': { kind: 'CURATION', title: "Curators' entries" },
      'document/factsheet-2012': {
        title: 'EU-Project Creative Cities 2010–2013: facts and figures',
        kind: 'PRESENTATION',
        issuer: 'City of Leipzig (lead partner of Creative Cities)',
        date: '2012-11-30',
        language: 'en',
        occasion: "the project's press conference in Leipzig",
        url: 'https://www.slideserve.com/lmoreno/creative-cities-facts-powerpoint-ppt-presentation',
      },
      'document/ljubljana-news-2012': {
        title: 'Centres of creative industries',
        kind: 'NEWS',
        issuer: 'City of Ljubljana',
        date: '2012-04-02',
        language: 'en',
        url: 'http://www.ljubljana.si/en/living-in-ljubljana/focus/77061/detail.html',
      },
      'document/rralur-page': {
        title:
          'Creative cities: Development and Promotion of Creative Industry Potentials in Central European Cities',
        kind: 'WEB_PAGE',
        issuer: 'Regional Development Agency of the Ljubljana Urban Region',
        language: 'en',
        url: 'https://rralur.si/en/projects/creative-cities/',
      },
      'document/progetto-page': {
        title: 'Creative Cities',
        kind: 'WEB_PAGE',
        issuer: 'Progettare in Europa',
        date: '2020-01',
        language: 'en',
        url: 'https://progettareineuropa.com/en/2020/01/creative-cities-en',
      },
    });
  });

  it("stores each entity's other names: its German name where it differs, and the report's spellings", () => {
    expect(nodeById.get('city/genoa')?.props.aliases).toEqual(['Genua']);
    expect(nodeById.get('city/gdansk')?.props.aliases).toEqual(['Gdansk']);
    expect(nodeById.get('city/leipzig')?.props.aliases).toEqual([]);
    expect(nodeById.get('institution/isc')?.props.aliases).toEqual([
      'ISC (International Steering Committee)',
      'ISC',
      'International Steering Committee',
    ]);
    for (const node of graph.nodes.filter((n) => n.labels.includes('Entity'))) {
      const aliases = node.props.aliases as string[];
      expect(aliases).not.toContain(node.props.name);
    }
  });

  it('uses statement ids and section paths of the report', () => {
    expect(nodeById.get('statement/genoa-2011/outcome/5')?.props).toMatchObject({
      section: 'Genua, Italien (2011) > Ergebnis/Ableitung > 2 > Ableitung für Leipzig',
      part: 'outcome',
      order: 5,
    });
  });
});

describe('buildReportGraph on broken annotations', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'annotations-'));
    cpSync(DEFAULT_DATA_DIR, dataDir, { recursive: true });
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const edit = (file: string, from: string, to: string): void => {
    const target = path.join(dataDir, file);
    const text = readFileSync(target, 'utf8');
    expect(text).toContain(from);
    writeFileSync(target, text.replace(from, to));
  };
  const expectError = (file: string, entry: string, detail: RegExp): void => {
    let thrown: unknown;
    try {
      buildReportGraph({ dataDir });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AnnotationError);
    expect(thrown).toMatchObject({ file, entry });
    expect((thrown as Error).message).toMatch(`${file}: entry "${entry}": `);
    expect((thrown as Error).message).toMatch(detail);
  };

  it('rejects a quote that is not verbatim in its statement', () => {
    edit('cities.yaml', "quote: 'in Gdańsk'", "quote: 'in Danzig'");
    expectError(
      'cities.yaml',
      'city/gdansk',
      /quote "in Danzig" is not verbatim in statement statement\/gdansk-2011\/topic\/1/,
    );
  });

  it('rejects a quote of a relationship that is not verbatim', () => {
    edit(
      'actions.yaml',
      "quote: '2 gemeinsame Workshops unter Federführung der Partnerstadt Gdansk'\n",
      "quote: 'unter Federführung der Stadt Danzig'\n",
    );
    expectError(
      'actions.yaml',
      'action/joint-workshops-education → city/gdansk',
      /is not verbatim/,
    );
  });

  it('rejects a dangling reference', () => {
    edit('actions.yaml', '  leads:\n    - id: city/gdansk', '  leads:\n    - id: city/danzig');
    expectError(
      'actions.yaml',
      'action/joint-workshops-education',
      /LEADS points at "city\/danzig", which is no known City or Institution/,
    );
  });

  it('rejects a reference to an entity of the wrong kind', () => {
    edit(
      'meetings.yaml',
      '    venue:\n      id: institution/gdansk-science-and-technology-park',
      '    venue:\n      id: city/gdansk',
    );
    expectError(
      'meetings.yaml',
      'meeting/gdansk-2011',
      /AT_VENUE points at "city\/gdansk", which is no known Institution/,
    );
  });

  it('rejects a source pointing at an unknown statement', () => {
    edit(
      'fields.yaml',
      'statement: statement/ljubljana-2011/outcome/9\n',
      'statement: statement/ljubljana-2011/outcome/99\n',
    );
    expectError(
      'fields.yaml',
      'field/marketing',
      /unknown statement "statement\/ljubljana-2011\/outcome\/99"/,
    );
  });

  it('rejects a duplicate id, naming both places', () => {
    edit('fields.yaml', '- id: field/marketing', '- id: field/networks');
    expectError(
      'fields.yaml',
      'field/networks',
      /duplicate id "field\/networks" \(also in fields.yaml, entry "field\/networks"\)/,
    );
  });

  it('rejects a duplicate id across files', () => {
    edit('fields.yaml', '- id: field/marketing', '- id: city/leipzig');
    expectError(
      'fields.yaml',
      'city/leipzig',
      /duplicate id "city\/leipzig" \(also in cities.yaml/,
    );
  });

  it('rejects a value outside the contract enums, naming the entry and field', () => {
    edit('institutions.yaml', '  kind: UNIVERSITY', '  kind: ACADEMY');
    expectError(
      'institutions.yaml',
      'institution/hgb-leipzig',
      /^institutions.yaml: entry "institution\/hgb-leipzig": kind: /,
    );
  });

  it('rejects an unknown field instead of ignoring it', () => {
    edit('countries.yaml', '  nameDe: Ungarn', '  nameDe: Ungarn\n  capital: Budapest');
    expectError('countries.yaml', 'country/hungary', /capital/);
  });

  it('rejects a missing translation and a translation of no statement', () => {
    edit('statements-en.yaml', 'statement/pecs-2010/outcome/4:', 'statement/pecs-2010/outcome/40:');
    expectError(
      'statements-en.yaml',
      'statement/pecs-2010/outcome/4',
      /missing English translation/,
    );
  });

  it('rejects a meeting heading that is not in the report', () => {
    edit('meetings.yaml', 'heading: Genua, Italien (2011)', 'heading: Genova, Italia (2011)');
    expectError(
      'meetings.yaml',
      'meeting/genoa-2011',
      /heading "Genova, Italia \(2011\)" is no meeting of the report/,
    );
  });

  it('rejects an id with the wrong prefix', () => {
    edit('fields.yaml', '- id: field/marketing', '- id: marketing');
    expectError('fields.yaml', 'marketing', /must start with "field\/"/);
  });

  it('rejects a timeline that goes back in time', () => {
    edit(
      'meetings.yaml',
      '  - meeting/gdansk-2010\n  - meeting/pecs-2010\n  - meeting/leipzig-2010\n  - meeting/ljubljana-2011',
      '  - meeting/gdansk-2010\n  - meeting/pecs-2010\n  - meeting/ljubljana-2011\n  - meeting/leipzig-2010',
    );
    expectError(
      'meetings.yaml',
      'timeline[3]',
      /"meeting\/leipzig-2010" \(2010\) is earlier than "meeting\/ljubljana-2011"/,
    );
  });

  it('rejects dates that contradict each other', () => {
    edit('actions.yaml', "  start: '2011-01'", "  start: '2014-01'");
    expectError(
      'actions.yaml',
      'action/kontaktstelle-kreativwirtschaft',
      /start 2014-01 is after end 2013-12/,
    );
  });

  it('rejects an alias the report does not use, naming file, entry and alias', () => {
    edit(
      'institutions.yaml',
      '  aliases: [ISC, International Steering Committee]',
      '  aliases: [ISC, HGB]',
    );
    expectError('institutions.yaml', 'institution/isc', /alias "HGB" does not occur in the report/);
  });

  it('rejects an alias that repeats the name', () => {
    edit('cities.yaml', '  nameDe: Genua\n', '  nameDe: Genua\n  aliases: [Genoa]\n');
    expectError('cities.yaml', 'city/genoa', /alias "Genoa" repeats its name or nameDe/);
  });

  it('rejects invalid YAML, naming the file', () => {
    writeFileSync(path.join(dataDir, 'countries.yaml'), '- id: [unclosed');
    expectError('countries.yaml', '(file)', /is not valid YAML/);
  });
});
