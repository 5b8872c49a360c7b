// What Neo4j Browser loads on connect from the embedded Neo4j (the launcher serves these files at
// /browser-assets/ and names them in browser.post_connect_cmd): the project's style and a guide
// with the ready queries of cypher/examples.cypher, so that nobody drags files in by hand.
import fs from 'node:fs';
import path from 'node:path';

export const CYPHER_DIR = path.resolve(__dirname, '..', '..', 'cypher');

/** The file names the Java launcher looks for (tools/neo4j, BrowserAssets). */
export const BROWSER_STYLE_FILE = 'browser-style.grass';
export const BROWSER_GUIDE_FILE = 'guide.html';

export interface ExampleQuery {
  /** The comment above the query, its lines joined. */
  title: string;
  query: string;
}

/**
 * The ready queries of an examples file: each query ends with `;` at the end of a line, and
 * the comment lines right above it (no blank line between) are its title. Comments separated
 * from a query by a blank line (the file's header) belong to no query.
 */
export function parseExamples(text: string): ExampleQuery[] {
  return text
    .split(/;[ \t]*$/m)
    .map((chunk) => chunk.split('\n'))
    .flatMap((lines) => {
      const start = lines.findIndex((line) => line.trim() !== '' && !isComment(line));
      if (start < 0) return [];
      const heading: string[] = [];
      for (let i = start - 1; i >= 0 && isComment(lines[i]!); i--) heading.unshift(lines[i]!);
      return [
        {
          title: heading.map((line) => line.trim().replace(/^\/\/\s?/, '')).join(' '),
          query: lines.slice(start).join('\n').trim(),
        },
      ];
    });
}

const isComment = (line: string) => line.trim().startsWith('//');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * A Neo4j Browser guide (`:guide <url>` shows it in the sidebar): one slide that lists the ready
 * queries. Browser makes each `pre.runnable` clickable (into the editor) with a run button.
 */
export function browserGuide(examples: readonly ExampleQuery[]): string {
  const items = examples.map(
    ({ title, query }) =>
      `<h4>${escapeHtml(title)}</h4>\n<pre class="code runnable">${escapeHtml(query)}</pre>`,
  );
  return [
    '<title>Creative Cities Graph</title>',
    '<slide class="row-fluid">',
    '<h3>Creative Cities Graph: ready queries</h3>',
    '<p>The partner meetings of the EU project Creative Cities (2010–2012) and who leads which ' +
      'action. Click a query to put it into the editor, or its ▶ to run it. Queries that return ' +
      'paths draw the graph in the project’s style; the others return tables.</p>',
    ...items,
    '</slide>',
    '',
  ].join('\n');
}

/**
 * Writes the style and the guide into `dir` (created; files of an earlier start replaced), from
 * the files of `cypherDir`.
 */
export function writeBrowserAssets(dir: string, cypherDir = CYPHER_DIR): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(cypherDir, BROWSER_STYLE_FILE), path.join(dir, BROWSER_STYLE_FILE));
  const examples = parseExamples(fs.readFileSync(path.join(cypherDir, 'examples.cypher'), 'utf8'));
  fs.writeFileSync(path.join(dir, BROWSER_GUIDE_FILE), browserGuide(examples));
}
