import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BROWSER_GUIDE_FILE,
  BROWSER_STYLE_FILE,
  CYPHER_DIR,
  browserGuide,
  parseExamples,
  writeBrowserAssets,
} from '../../src/neo4j/browser-assets';
import { cypherStatements } from '../../src/ingest/schema';

const examplesText = fs.readFileSync(path.join(CYPHER_DIR, 'examples.cypher'), 'utf8');

describe('parseExamples', () => {
  it('takes each query with the comment right above it as its title', () => {
    const text = [
      '// A file header, not a title.',
      '',
      '// Who leads',
      'MATCH (n) RETURN n;',
      '',
      '// What two cities share',
      '// (directly or through an institution)',
      "MATCH p = (:City {id: 'a'})",
      '      -->(:City) RETURN p;',
      '',
    ].join('\n');
    expect(parseExamples(text)).toEqual([
      { title: 'Who leads', query: 'MATCH (n) RETURN n' },
      {
        title: 'What two cities share (directly or through an institution)',
        query: "MATCH p = (:City {id: 'a'})\n      -->(:City) RETURN p",
      },
    ]);
  });

  it('finds every query of cypher/examples.cypher, each with a title', () => {
    const examples = parseExamples(examplesText);
    expect(examples.map((example) => example.query)).toEqual(cypherStatements(examplesText));
    for (const { title } of examples) expect(title).toMatch(/^\S.{8,}/);
    expect(examples[0]!.title).toBe('Who leads which action ("Federführung")');
  });
});

describe('browserGuide', () => {
  it('shows each query as a runnable block under its title, escaped for HTML', () => {
    const guide = browserGuide([
      { title: 'Leads & contributions', query: 'MATCH (a)<-[:LEADS]-(b) RETURN "x"' },
    ]);
    expect(guide).toMatch(/^<title>Creative Cities Graph<\/title>/);
    expect(guide).toContain('<h4>Leads &amp; contributions</h4>');
    expect(guide).toContain(
      '<pre class="code runnable">MATCH (a)&lt;-[:LEADS]-(b) RETURN &quot;x&quot;</pre>',
    );
    expect(guide.match(/<slide/g)).toHaveLength(1);
  });
});

describe('writeBrowserAssets', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'browser-assets-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes the project's style and the guide of its examples", () => {
    writeBrowserAssets(path.join(dir, 'assets'));
    expect(fs.readFileSync(path.join(dir, 'assets', BROWSER_STYLE_FILE), 'utf8')).toBe(
      fs.readFileSync(path.join(CYPHER_DIR, 'browser-style.grass'), 'utf8'),
    );
    const guide = fs.readFileSync(path.join(dir, 'assets', BROWSER_GUIDE_FILE), 'utf8');
    expect(guide).toBe(browserGuide(parseExamples(examplesText)));
  });
});
