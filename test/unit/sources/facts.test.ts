import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_FACTS_PATH } from '../../../src/ingest/documents';
import { AnnotationError } from '../../../src/ingest/errors';
import { factFileSource } from '../../../src/sources/facts';
import { DEFAULT_IDENTITIES_PATH, readFacts } from '../../../src/sources/facts/read';
import { buildSources } from '../../../src/sources/registry';
import { reportSource } from '../../../src/sources/report';
import type { SourcePlugin } from '../../../src/sources/types';

type FactFile = {
  entities: Array<
    Record<string, unknown> & { id: string; properties?: Array<Record<string, unknown>> }
  >;
  relations: Array<Record<string, unknown>>;
};
const factFile = parse(readFileSync(DEFAULT_FACTS_PATH, 'utf8')) as FactFile;
const [built] = [buildSources()];
const facts = built.find(({ source }) => source.name.startsWith('facts:'))!.graph;
const node = (id: string) => facts.nodes.find((n) => n.id === id);
const rels = (type: string, to?: string) =>
  facts.relationships.filter((r) => r.type === type && (to === undefined || r.to === to));

describe('the fact file as a source', () => {
  it('comes after the report in the registry, which it points into', () => {
    expect(built.map(({ source }) => source.name)).toEqual([
      'report',
      'facts:creative-cities-facts.yaml',
    ]);
  });

  it('makes Creative Cities a Project with its eleven partners, the lead partner marked', () => {
    expect(node('project/creative-cities')?.labels).toEqual(['Entity', 'Project']);
    const partners = rels('PARTNER_IN', 'project/creative-cities');
    const stated = factFile.relations.filter((r) => r.type === 'PARTNER_OF');
    expect(partners).toHaveLength(stated.length);
    expect(partners.filter((r) => r.props.role === 'lead partner').map((r) => r.from)).toEqual([
      'city/leipzig',
    ]);
    for (const partner of partners) expect(partner.props.sourceIds).toHaveLength(1);
  });

  it('gives the project the figures of the file, the newest document’s end preferred', () => {
    const project = factFile.entities.find((e) => e.type === 'Project')!;
    const value = (property: string) =>
      project.properties!.find((p) => p.property === property)!.value;
    const props = node('project/creative-cities')!.props;
    expect(props).toMatchObject({
      budgetEur: value('budgetEur'),
      erdfEur: value('erdfEur'),
      website: value('website'),
      programme: value('programme'),
      end: '2013-05',
    });
    const claims = JSON.parse(props.claims as string) as Array<Record<string, unknown>>;
    expect(claims.filter((c) => c.property === 'end')).toEqual([
      expect.objectContaining({ value: '2013-05', preferred: true, basis: 'STATED' }),
      expect.objectContaining({ value: '2012-12', preferred: false, basis: 'STATED' }),
    ]);
  });

  it('turns the work packages into WORK_PACKAGE actions of the project, with their leads', () => {
    const packages = factFile.entities.filter((e) => e.type === 'WorkPackage');
    const inProject = rels('IN_PROJECT', 'project/creative-cities').map((r) => r.from);
    for (const wp of packages) {
      const id = wp.id === 'wp5' ? 'action/work-package-5' : `action/${wp.id}`;
      expect(node(id)?.props.kind).toBe('WORK_PACKAGE');
      expect(inProject).toContain(id);
      expect(rels('LEADS', id).length).toBeGreaterThan(0);
    }
  });

  it('cites each fact as a Source in its document, not verbatim', () => {
    const sources = facts.nodes.filter((n) => n.labels.includes('Source'));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(source.props.verbatim).toBe(false);
      expect(rels('IN_DOCUMENT').find((r) => r.from === source.id)?.to).toMatch(/^document\//);
    }
    const budget = sources.find((s) => s.props.quote === '2555268');
    expect(budget?.props.section).toBe('slide 2');
  });

  it('merges an entity into the report’s, keeping every name as an alias', () => {
    const gdansk = node('institution/unternehmer-stiftung-gdansk')?.props;
    expect([gdansk?.name, ...((gdansk?.aliases as string[]) ?? [])]).toEqual(
      expect.arrayContaining(['Gdańsk Entrepreneurship Foundation', 'Unternehmer-Stiftung Gdansk']),
    );
    expect(node('city/leipzig')?.props.aliases).toContain('City of Leipzig');
    // and the report carries the merged node alike, so that either load writes the same
    const report = built[0]!.graph.nodes.find((n) => n.id === 'city/leipzig');
    expect(report).toEqual(node('city/leipzig'));
  });

  it('records each identity decision as an INFERRED claim of the name, with its reason', () => {
    const claims = JSON.parse(
      node('institution/kontaktstelle-kreativwirtschaft-leipzig')!.props.claims as string,
    ) as Array<Record<string, unknown>>;
    expect(claims).toEqual([
      expect.objectContaining({
        property: 'name',
        value: 'Centre of creative industries, Leipzig',
        basis: 'INFERRED',
        preferred: false,
        note: expect.stringContaining('one identity across documents'),
      }),
    ]);
  });

  it('links the documents where data/identities.yaml says so, and writes OPENED and HOUSED_AT', () => {
    const heldWith = rels('HELD_WITH', 'meeting/ljubljana-2012-03-30');
    expect(heldWith).toEqual([
      expect.objectContaining({
        from: 'meeting/partner-meeting-2012-03',
        props: expect.objectContaining({
          inferred: true,
          note: expect.stringMatching(/City Hall/),
        }),
      }),
    ]);
    expect(rels('OPENED', 'institution/regional-creative-economy-centre')[0]?.from).toBe(
      'institution/rda-lur',
    );
    expect(rels('HOUSED_AT', 'institution/ljubljana-technology-park')).toHaveLength(1);
  });

  it('reads a name the file splits at an unquoted comma as one name', () => {
    expect(node('institution/centre-genoa')?.props.name).toBe(
      'Virtual centre of creative industries, Genoa',
    );
  });
});

// Tests that write an edited copy of the fact file (and of the identities) to a directory of
// their own.
let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'facts-'));
  file = path.join(dir, 'facts.yaml');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a broken fact file', () => {
  const withEdit = (from: string, to: string) => {
    const text = readFileSync(DEFAULT_FACTS_PATH, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
  };
  const failure = (): AnnotationError => {
    const sources: SourcePlugin[] = [
      reportSource as SourcePlugin,
      factFileSource(file) as SourcePlugin,
    ];
    try {
      buildSources(sources);
    } catch (error) {
      expect(error).toBeInstanceOf(AnnotationError);
      return error as AnnotationError;
    }
    throw new Error('the broken file was accepted');
  };

  it('fails on a dangling id, naming file and entry', () => {
    withEdit(
      '{ from: aufbauwerk, type: LEADS, to: wp1',
      '{ from: aufbauwerk, type: LEADS, to: wp9',
    );
    expect(failure().message).toBe(
      'facts.yaml: entry "aufbauwerk LEADS wp9": to "wp9" is no entity of the file',
    );
  });

  it('fails on an unknown document', () => {
    withEdit(
      'id: job-centre-genoa, type: Organisation, name: Job Centre Genoa, kind: OTHER, city: genoa, cite: factsheet-2012',
      'id: job-centre-genoa, type: Organisation, name: Job Centre Genoa, kind: OTHER, city: genoa, cite: factsheet-2011',
    );
    expect(failure().message).toBe(
      'facts.yaml: entry "job-centre-genoa": cites unknown document "factsheet-2011"',
    );
  });

  it('fails on an unknown property of the project', () => {
    withEdit('{ property: budgetEur,', '{ property: budget,');
    const error = failure();
    expect(error.file).toBe('facts.yaml');
    expect(error.entry).toBe('creative-cities');
    expect(error.message).toMatch(/properties\.\d+\.property: Invalid option/);
  });

  it('fails on an unknown key of an entry', () => {
    withEdit('abbreviation: IER,', 'abbreviation: IER, founded: 1955,');
    expect(failure().message).toBe(
      'facts.yaml: entry "ier-ljubljana": Unrecognized key: "founded"',
    );
  });

  it('fails where the identity mapping names an entity the graph does not have', () => {
    writeFileSync(file, readFileSync(DEFAULT_FACTS_PATH, 'utf8'));
    const identities = path.join(dir, 'identities.yaml');
    writeFileSync(
      identities,
      readFileSync(DEFAULT_IDENTITIES_PATH, 'utf8').replace(
        'entity: institution/unternehmer-stiftung-gdansk',
        'entity: institution/no-such-foundation',
      ),
    );
    expect(() => readFacts(file, identities)).not.toThrow();
    expect(() =>
      buildSources([
        reportSource as SourcePlugin,
        factFileSource(file, identities) as SourcePlugin,
      ]),
    ).toThrow(
      'identities.yaml: entry "gdansk-entrepreneurship-foundation": "institution/no-such-foundation" is not in the graph',
    );
  });
});

// A kind or relationship type added to the model can be stated in the file without a change of
// its format (docs/architecture.md, the recipes): named as the graph names it.
describe("the model's kinds and relationship types in the fact file", () => {
  const withAdded = (entity: string, relation: string) =>
    writeFileSync(
      file,
      readFileSync(DEFAULT_FACTS_PATH, 'utf8')
        .replace('entities:\n', `entities:\n  - ${entity}\n`)
        .replace('relations:\n', `relations:\n  - ${relation}\n`),
    );
  const graphOf = () =>
    buildSources([reportSource as SourcePlugin, factFileSource(file) as SourcePlugin])[1]!.graph;

  it('makes an entity of a kind of the model a node of that kind, cited', () => {
    withAdded(
      '{ id: creative-economy, type: FieldOfAction, name: Creative economy, cite: factsheet-2012@slide 3 }',
      '{ from: ier-ljubljana, type: MEMBER_OF, to: aufbauwerk, role: member, cite: factsheet-2012@slide 3 }',
    );
    const graph = graphOf();
    const field = graph.nodes.find((n) => n.id === 'field/creative-economy');
    expect(field?.labels).toEqual(['Entity', 'FieldOfAction']);
    expect(field?.props.name).toBe('Creative economy');
    const [stated] = graph.relationships.filter(
      (r) => r.type === 'STATED_IN' && r.from === 'field/creative-economy',
    );
    expect(stated?.to).toMatch(/^source\//);
    const member = graph.relationships.find(
      (r) => r.type === 'MEMBER_OF' && r.to === 'institution/aufbauwerk',
    );
    expect(member).toMatchObject({ from: 'institution/ier-ljubljana', props: { role: 'member' } });
    expect(member?.props.sourceIds).toHaveLength(1);
  });

  it('refuses a relationship of the model between kinds it does not join there', () => {
    withAdded(
      '{ id: creative-economy, type: FieldOfAction, name: Creative economy, cite: factsheet-2012@slide 3 }',
      '{ from: wp1, type: MEMBER_OF, to: aufbauwerk, cite: factsheet-2012@slide 3 }',
    );
    expect(() => graphOf()).toThrow(
      'facts.yaml: entry "wp1 MEMBER_OF aufbauwerk": from "wp1" (Action in the graph) is not a City or Institution',
    );
  });
});
