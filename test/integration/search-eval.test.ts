// The search evaluation (bench/search-eval.ts) on the report's graph in the suite's Neo4j:
// exact names (English, German, aliases) come first in 95 % of searches or more, typos are
// found among the first three, and every kind of case is asked at all.
import { createDatabase, type Database } from '../../src/db/database';
import {
  evaluate,
  readerSearch,
  report,
  searchCases,
  withTypo,
  type Figures,
} from '../../bench/search-eval';
import { resetGraph } from '../support/api-server';
import { neo4jTestEnv } from '../support/neo4j-env';

jest.setTimeout(300_000);

let db: Database;
let figures: Figures;
beforeAll(async () => {
  db = createDatabase(neo4jTestEnv());
  await resetGraph(db);
  figures = await evaluate(await searchCases(db), readerSearch(db));
  console.log(report(figures), '\nexact names not first:', figures.exactNames.misses);
});
afterAll(async () => {
  await db?.close();
});

it('asks names, German names, typos, titles and phrases of both languages', () => {
  const counts = Object.fromEntries(figures.byKind.map((f) => [f.kind, f.cases]));
  for (const kind of ['name', 'nameDe', 'typo', 'title', 'phrase', 'phraseEn']) {
    expect(counts[kind]).toBeGreaterThan(0);
  }
  // every entity is asked by its name
  expect(counts.name).toBeGreaterThanOrEqual(70);
});

it('puts the entity first for 95 % or more of its exact names', () => {
  expect(figures.exactNames.rank1).toBeGreaterThanOrEqual(0.95);
});

it('finds a name with a typo among the first three hits in 90 % of cases or more', () => {
  const typos = figures.byKind.find((f) => f.kind === 'typo')!;
  expect(typos.top3).toBeGreaterThanOrEqual(0.9);
});

it('makes one-letter typos in the longest word of five letters or more', () => {
  expect(withTypo('Leipzig', 0)).toBe('Leizig');
  expect(withTypo('Leipzig', 1)).toBe('Leixzig');
  expect(withTypo('Leipzig', 2)).toBe('Lepizig');
  expect(withTypo('Leipzig', 3)).toBe('Leippzig');
  expect(withTypo('Local action plan for Leipzig', 0)).toBe('Local action plan for Leizig');
  expect(withTypo('Pécs', 0)).toBeNull();
});
