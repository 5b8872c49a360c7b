import { readFacts } from '../../../src/sources/facts/read';
import { buildSources } from '../../../src/sources/registry';

/**
 * Every pair of a fact-file entity and a report entity whose names look alike must be decided
 * in data/identities.yaml (same or different): a new document must not silently add a second
 * node for something the graph has, nor merge two things because their names are close.
 */

/** Abbreviations and German words the documents use, spelled out in English. */
const EXPANSIONS: Record<string, string> = {
  wp: 'work package',
  arbeitspaket: 'work package',
  rda: 'regional development agency',
  lur: 'ljubljana urban region',
  ier: 'institute for economic research',
  stadt: 'city',
  unternehmer: 'entrepreneurship',
  stiftung: 'foundation',
  kreativwirtschaft: 'creative industries',
  kontaktstelle: 'contact point',
  centre: 'center',
};
/**
 * Words that say nothing about which thing is meant, and the partner cities' names: nearly
 * every entity of a city names it, which alone does not make two of them alike.
 */
const STOP = new Set(['of', 'the', 'for', 'and', 'in', 'a', 'eu', 'project', 'gmbh', 'e', 'v']);
const PLACES = new Set(['leipzig', 'gdansk', 'pecs', 'ljubljana', 'genoa', 'genova', 'genua']);

/** The report's labels a fact-file entity type could be the same thing as. */
const COMPARABLE: Record<string, string[]> = {
  Project: ['Project', 'Institution'],
  City: ['City'],
  Organisation: ['City', 'Institution'],
  Venue: ['Institution'],
  Centre: ['Institution'],
  WorkPackage: ['Action'],
  Result: ['Action'],
  Event: ['Meeting'],
};

function folded(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
}

/** The partner cities a name names. */
const placesOf = (name: string): Set<string> =>
  new Set(folded(name).filter((word) => PLACES.has(word)));

export function nameTokens(name: string): Set<string> {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ');
  const words = folded
    .split(' ')
    .flatMap((word) => (EXPANSIONS[word] ?? word).split(' '))
    .filter((word) => word && !STOP.has(word));
  const specific = words.filter((word) => !PLACES.has(word));
  return new Set(specific.length > 0 ? specific : words);
}

/** Half or more of the smaller name's words are in the other, and no two cities are named. */
export function similar(a: string, b: string): boolean {
  const [placesA, placesB] = [placesOf(a), placesOf(b)];
  if (placesA.size > 0 && placesB.size > 0 && ![...placesA].some((p) => placesB.has(p))) {
    return false;
  }
  const [x, y] = [nameTokens(a), nameTokens(b)];
  const shared = [...x].filter((word) => y.has(word)).length;
  return (
    shared > 0 && shared / Math.min(x.size, y.size) >= 0.5 && shared >= Math.min(2, x.size, y.size)
  );
}

describe('one identity across documents', () => {
  const facts = readFacts();
  const [report] = buildSources();
  const reportEntities = report!.graph.nodes.filter((node) => node.labels.includes('Entity'));
  const decided = new Set(
    [...facts.identities.same, ...facts.identities.different].map((d) => `${d.fact} ${d.entity}`),
  );

  it('has decided every pair of entities with similar names', () => {
    const undecided: string[] = [];
    for (const entity of facts.entities) {
      const names = [
        entity.name,
        ...('abbreviation' in entity && entity.abbreviation ? [entity.abbreviation] : []),
      ];
      // a kind of the model, named as the graph names it: entities of that kind
      const comparable = COMPARABLE[entity.type] ?? [entity.type];
      for (const other of reportEntities) {
        if (!other.labels.some((label) => comparable.includes(label))) continue;
        const {
          name,
          nameDe,
          aliases = [],
        } = other.props as {
          name: string;
          nameDe?: string;
          aliases?: string[];
        };
        const otherNames = [name, ...(nameDe ? [nameDe] : []), ...aliases];
        const alike = names.some((a) => otherNames.some((b) => similar(a, b)));
        if (alike && !decided.has(`${entity.id} ${other.id}`)) {
          undecided.push(`${entity.id} "${entity.name}" ~ ${other.id} "${name}"`);
        }
      }
    }
    expect(undecided).toEqual([]);
  });

  it('folds names so that spellings and abbreviations of one name match', () => {
    expect(similar('Gdańsk Entrepreneurship Foundation', 'Unternehmer-Stiftung Gdansk')).toBe(true);
    expect(similar('RDA LUR', 'Regional Development Agency of the Ljubljana Urban Region')).toBe(
      true,
    );
    expect(similar('Job Centre Genoa', 'Liguria Film Commission')).toBe(false);
  });
});
