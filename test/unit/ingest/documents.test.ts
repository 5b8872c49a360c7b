import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, GraphQLEnumType } from 'graphql';
import { buildReportGraph } from '../../../src/ingest/build-graph';
import {
  DEFAULT_DOCUMENTS_PATH,
  DEFAULT_FACTS_PATH,
  DOCUMENT_KINDS,
  loadDocuments,
} from '../../../src/ingest/documents';
import { AnnotationError } from '../../../src/ingest/errors';

const root = path.join(__dirname, '..', '..', '..');

describe('the document registry', () => {
  it('holds the report, the curators’ entries and the four documents of the fact file', () => {
    expect(loadDocuments().map((document) => `${document.kind} ${document.id}`)).toEqual([
      'REPORT document/report-partner-meetings-2010-2012',
      'CURATION document/curation',
      'PRESENTATION document/factsheet-2012',
      'NEWS document/ljubljana-news-2012',
      'WEB_PAGE document/rralur-page',
      'WEB_PAGE document/progetto-page',
    ]);
  });

  it('knows exactly the document kinds of the contract', () => {
    const schema = buildSchema(readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
    const kinds = schema.getType('DocumentKind') as GraphQLEnumType;
    expect([...DOCUMENT_KINDS].sort()).toEqual(
      kinds
        .getValues()
        .map((v) => v.name)
        .sort(),
    );
  });

  it('vendors the fact file unchanged when ../shared is present', () => {
    const shared = path.join(root, '..', 'shared', 'source', 'creative-cities-facts.yaml');
    if (!existsSync(shared)) return; // a user's clone has no ../shared: the vendored copy is the source
    expect(readFileSync(DEFAULT_FACTS_PATH, 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });
});

describe('the document registry, broken', () => {
  let dir: string;
  let registry: string;
  let facts: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'documents-'));
    registry = path.join(dir, 'documents.yaml');
    facts = path.join(dir, 'facts.yaml');
    writeFileSync(registry, readFileSync(DEFAULT_DOCUMENTS_PATH, 'utf8'));
    writeFileSync(facts, readFileSync(DEFAULT_FACTS_PATH, 'utf8'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const edit = (file: string, from: string, to: string): void => {
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
  };
  const expectError = (run: () => unknown, file: string, entry: string, detail: RegExp) => {
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AnnotationError);
    expect(thrown).toMatchObject({ file, entry });
    expect((thrown as Error).message).toMatch(detail);
  };
  const load = () => loadDocuments({ registry, facts });

  it('rejects an unknown field, naming the document', () => {
    edit(registry, '  language: de\n', '  language: de\n  pages: 4\n');
    expectError(
      load,
      'documents.yaml',
      'document/report-partner-meetings-2010-2012',
      /Unrecognized key.*pages/,
    );
  });

  it('rejects a kind the contract does not know', () => {
    edit(registry, 'kind: CURATION', 'kind: NOTES');
    expectError(load, 'documents.yaml', 'document/curation', /^documents.yaml: .*kind: Invalid/);
  });

  it('rejects an id without the document/ prefix', () => {
    edit(registry, 'id: document/curation', 'id: curation');
    expectError(load, 'documents.yaml', 'curation', /expected "document\/" and a lower-case slug/);
  });

  it('rejects a date that is no ISO date, in the fact file too', () => {
    edit(facts, "date: '2012-04-02'", "date: '2 April 2012'");
    expectError(load, 'facts.yaml', 'ljubljana-news-2012', /date: expected an ISO 8601 date/);
  });

  it('rejects an unknown property of a fact-file document', () => {
    edit(facts, '    occasion:', '    venue: Leipzig\n    occasion:');
    expectError(load, 'facts.yaml', 'factsheet-2012', /Unrecognized key.*venue/);
  });

  it('rejects an id used twice across the two files', () => {
    edit(registry, 'id: document/curation', 'id: document/factsheet-2012');
    edit(registry, 'kind: CURATION', 'kind: PRESENTATION');
    writeFileSync(
      registry,
      `${readFileSync(registry, 'utf8')}\n- id: document/curation\n  kind: CURATION\n  title: x\n`,
    );
    expectError(load, 'facts.yaml', 'document/factsheet-2012', /id is used twice/);
  });

  it('requires the curators’ entries', () => {
    edit(registry, 'id: document/curation', 'id: document/notes');
    expectError(load, 'documents.yaml', 'document/curation', /is missing/);
  });

  it('refuses a report whose registered title is not its first line', () => {
    edit(registry, 'title: Übersicht der bisherigen', 'title: Überblick der bisherigen');
    expectError(
      () => buildReportGraph({ registry: { registry, facts } }),
      'documents.yaml',
      'document/report-partner-meetings-2010-2012',
      /title "Überblick .*" is not the report's title "Übersicht der bisherigen Partnertreffen \(2010-2012\)"/,
    );
  });

  it('refuses a report the registry does not list', () => {
    edit(registry, 'file: sources/000_8c8abccec544f9ff.txt', 'file: sources/other.txt');
    expectError(
      () => buildReportGraph({ registry: { registry, facts } }),
      'documents.yaml',
      '(file)',
      /no REPORT has file "sources\/000_8c8abccec544f9ff.txt"/,
    );
  });
});
