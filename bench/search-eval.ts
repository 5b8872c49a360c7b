// `npm run bench:search`: how well search finds what a user means (issue 17), on the report's
// graph in a throwaway Neo4j. It searches every entity by its name, German name and aliases,
// by a one-letter typo of each name with a word of five letters or more, by the report's
// meeting titles (section headings) and by phrases of its statements (German and English),
// and prints per kind of case the rank-1 rate, the MRR (first 10 hits) and the top-3 rate.
// test/integration/search-eval.test.ts holds the rank-1 rate of exact names at 95 % or more.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, type Database } from '../src/db/database';
import { loadReport } from '../src/ingest';
import { ENTITY_LABELS } from '../src/model';
import { startNeo4j } from '../src/neo4j/launcher';
import { Reader, searchTerms, type SearchSelection } from '../src/translate';

/** What a case is: an exact name (the figure the test holds), a typo, a title, a phrase. */
export type CaseKind = 'name' | 'nameDe' | 'alias' | 'typo' | 'title' | 'phrase' | 'phraseEn';

export const EXACT_NAME_KINDS: readonly CaseKind[] = ['name', 'nameDe', 'alias'];

export interface SearchCase {
  kind: CaseKind;
  text: string;
  /** The entity the text should find (for a statement's phrase or title: its meeting). */
  expected: string;
}

/** Hits asked for per search; a case not found among them has rank 0 (reciprocal rank 0). */
const HITS = 10;

/** Words of a phrase taken from the start of a statement. */
const PHRASE_WORDS = 6;

/** Every case, read from the loaded graph (so it follows the data, not a list kept here). */
export async function searchCases(db: Database): Promise<SearchCase[]> {
  const entities = await db.read<{
    id: string;
    name: string;
    nameDe: string | null;
    aliases: string[];
  }>(
    `MATCH (n:Entity)
     RETURN n.id AS id, n.name AS name, n.nameDe AS nameDe, coalesce(n.aliases, []) AS aliases
     ORDER BY n.id`,
  );
  const statements = await db.read<{
    meeting: string;
    section: string;
    text: string;
    textEn: string | null;
  }>(
    `MATCH (m:Meeting)-[:HAS_TOPIC|HAS_OUTCOME]->(s:Statement)
     RETURN m.id AS meeting, s.section AS section, s.text AS text, s.textEn AS textEn
     ORDER BY s.id`,
  );
  const cases: SearchCase[] = [];
  for (const { id, name, nameDe, aliases } of entities) {
    cases.push({ kind: 'name', text: name, expected: id });
    if (nameDe && nameDe !== name) cases.push({ kind: 'nameDe', text: nameDe, expected: id });
    for (const alias of aliases) cases.push({ kind: 'alias', text: alias, expected: id });
    for (const text of new Set([name, nameDe, ...aliases])) {
      const typo = text ? withTypo(text, cases.length) : null;
      if (typo) cases.push({ kind: 'typo', text: typo, expected: id });
    }
  }
  const titles = new Map<string, string>();
  for (const { meeting, section, text, textEn } of statements) {
    // A section is "Gdansk, Polen (2010) > Thema": its first part is the meeting's title.
    titles.set(section.split(' > ')[0]!, meeting);
    cases.push({ kind: 'phrase', text: phrase(text), expected: meeting });
    if (textEn) cases.push({ kind: 'phraseEn', text: phrase(textEn), expected: meeting });
  }
  for (const [title, meeting] of titles)
    cases.push({ kind: 'title', text: title, expected: meeting });
  return cases;
}

/** The first words of a statement, as a user would paste a phrase of the report. */
function phrase(text: string): string {
  return text.split(/\s+/).filter(Boolean).slice(0, PHRASE_WORDS).join(' ');
}

/**
 * `text` with one edit in its longest word, if that word has five letters or more: by turns a
 * letter left out, replaced, swapped with the next one, or doubled, in the middle of the word.
 */
export function withTypo(text: string, turn: number): string | null {
  const words = text.match(/[\p{L}]+/gu) ?? [];
  const word = words.reduce(
    (longest, w) => ([...w].length > [...longest].length ? w : longest),
    '',
  );
  const letters = [...word];
  if (letters.length < 5) return null;
  const at = Math.floor(letters.length / 2);
  const edited = [...letters];
  switch (turn % 4) {
    case 0:
      edited.splice(at, 1);
      break;
    case 1:
      edited[at] = edited[at] === 'x' ? 'y' : 'x';
      break;
    case 2:
      [edited[at - 1], edited[at]] = [edited[at]!, edited[at - 1]!];
      break;
    default:
      edited.splice(at, 0, edited[at]!);
  }
  return text.replace(word, edited.join(''));
}

export interface KindFigures {
  kind: CaseKind;
  cases: number;
  rank1: number;
  top3: number;
  mrr: number;
  /** Cases not at rank 1, with what came first. */
  misses: { text: string; expected: string; rank: number; first: string | null }[];
}

export interface Figures {
  byKind: KindFigures[];
  /** Over name, nameDe and alias together. */
  exactNames: KindFigures;
}

/** What the search API does with a text: the ids of its hits, best first. */
export type Search = (text: string) => Promise<string[]>;

/** The search of the API's read path (src/translate), as Query.search runs it. */
export function readerSearch(db: Database): Search {
  const reader = new Reader(db);
  const selection: SearchSelection = {
    entity: { types: ENTITY_LABELS, fields: [], related: new Map() },
    statement: null,
  };
  return async (text) => {
    const terms = searchTerms(text);
    if (!terms) return [];
    const hits = await reader.search(terms, HITS, selection);
    return hits.map((hit) => (hit.entity as { id: string }).id);
  };
}

export async function evaluate(cases: SearchCase[], search: Search): Promise<Figures> {
  const ranked: (SearchCase & { rank: number; first: string | null })[] = [];
  for (const c of cases) {
    const ids = await search(c.text);
    ranked.push({ ...c, rank: ids.indexOf(c.expected) + 1, first: ids[0] ?? null });
  }
  const figures = (kind: CaseKind, of: typeof ranked): KindFigures => ({
    kind,
    cases: of.length,
    rank1: of.filter((r) => r.rank === 1).length / of.length,
    top3: of.filter((r) => r.rank >= 1 && r.rank <= 3).length / of.length,
    mrr: of.reduce((sum, r) => sum + (r.rank > 0 ? 1 / r.rank : 0), 0) / of.length,
    misses: of
      .filter((r) => r.rank !== 1)
      .map(({ text, expected, rank, first }) => ({ text, expected, rank, first })),
  });
  const kinds = [...new Set(cases.map((c) => c.kind))];
  return {
    byKind: kinds.map((kind) =>
      figures(
        kind,
        ranked.filter((r) => r.kind === kind),
      ),
    ),
    exactNames: figures(
      'name',
      ranked.filter((r) => EXACT_NAME_KINDS.includes(r.kind)),
    ),
  };
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

export function report(figures: Figures): string {
  const row = (label: string, f: KindFigures) =>
    `| ${label.padEnd(34)} | ${String(f.cases).padStart(5)} | ${percent(f.rank1).padStart(7)} ` +
    `| ${f.mrr.toFixed(3)} | ${percent(f.top3).padStart(7)} |`;
  return [
    `| ${'cases'.padEnd(34)} | count |  rank 1 |   MRR |   top 3 |`,
    `| ${'-'.repeat(34)} | ----: | ------: | ----: | ------: |`,
    ...figures.byKind.map((f) => row(f.kind, f)),
    row('exact names (name, nameDe, alias)', figures.exactNames),
  ].join('\n');
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccg-bench-search-'));
  const neo4j = await startNeo4j({ dataDir, quiet: true });
  const db = createDatabase({
    uri: neo4j.uri,
    user: 'neo4j',
    password: 'neo4j',
    database: 'neo4j',
  });
  try {
    await loadReport(db);
    const figures = await evaluate(await searchCases(db), readerSearch(db));
    console.log(report(figures));
    const { exactNames } = figures;
    const typos = figures.byKind.find((f) => f.kind === 'typo');
    console.log(
      `\nexact names: rank-1 ${percent(exactNames.rank1)}, MRR ${exactNames.mrr.toFixed(3)}; ` +
        `typos: top-3 ${typos ? percent(typos.top3) : '—'}`,
    );
    for (const f of figures.byKind) {
      if (f.misses.length === 0) continue;
      console.log(`\n${f.kind}: not at rank 1 (rank 0: not in the first ${HITS})`);
      for (const m of f.misses) {
        console.log(`  ${JSON.stringify(m.text)} → ${m.expected} at ${m.rank}, first ${m.first}`);
      }
    }
  } finally {
    await db.close();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
