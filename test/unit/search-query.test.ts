import { toLuceneQuery } from '../../src/repositories/search-query';

describe('toLuceneQuery', () => {
  it('folds accents and case, and matches words exactly or as prefixes', () => {
    expect(toLuceneQuery('Pécs')).toBe('(pecs OR pecs*)');
    expect(toLuceneQuery('Gdańsk')).toBe('(gdansk OR gdansk*)');
    expect(toLuceneQuery('Sala Dogana')).toBe('(sala OR sala*) AND (dogana OR dogana*)');
  });

  it.each([
    '"}) DETACH DELETE n //',
    'title:foo AND bar~2 ^3 [a TO z] {x} \\ / ! ? * -+ &&||',
    "`\u0060 'quote'",
    'AND OR NOT',
  ])('lets no Lucene syntax through: %s', (hostile) => {
    const query = toLuceneQuery(hostile);
    expect(query).not.toBeNull();
    // Only folded words, the parentheses, OR/AND between them and the trailing prefix star.
    expect(query).toMatch(/^(\([\p{Ll}\p{N}]+ OR [\p{Ll}\p{N}]+\*\)( AND )?)+$/u);
  });

  it('gives null when there is nothing to search for', () => {
    expect(toLuceneQuery('  !!! ')).toBeNull();
    expect(toLuceneQuery('')).toBeNull();
  });
});
