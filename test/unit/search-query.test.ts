import { searchTerms } from '../../src/translate/search-terms';

/** Whether `pattern` (a Java regex of SearchTerms) matches all of `name`, as Cypher's =~ does. */
const matches = (pattern: string, name: string) =>
  new RegExp(`^(?:${pattern})$`, 'u').test(name.toLowerCase().normalize('NFD'));

describe('searchTerms', () => {
  it('folds accents and case; each word exactly, as a prefix or (from 5 letters) with a typo', () => {
    expect(searchTerms('Pécs')!.folded).toBe('(pecs OR pecs*)');
    expect(searchTerms('Gdańsk')!.folded).toBe('(gdansk OR gdansk* OR gdansk~1)');
    expect(searchTerms('Sala Dogana')!.folded).toBe(
      '(sala OR sala*) AND (dogana OR dogana* OR dogana~1)',
    );
    // prefix and fuzzy terms skip the analyzer: folded here as ASCIIFoldingFilter does
    expect(searchTerms('Straße')!.folded).toBe('(straße OR strasse* OR strasse~1)');
  });

  it('asks each name field alone for names that hold all words', () => {
    expect(searchTerms('Lepzig')!.foldedNames).toBe(
      'name:((lepzig OR lepzig* OR lepzig~1)) OR nameDe:((lepzig OR lepzig* OR lepzig~1)) OR ' +
        'aliases:((lepzig OR lepzig* OR lepzig~1))',
    );
  });

  it('leaves English stopwords out of the folded query, unless there is nothing else', () => {
    expect(searchTerms('Academy of Fine Arts Leipzig (HGB)')!.folded).toBe(
      '(academy OR academy* OR academy~1) AND (fine OR fine*) AND (arts OR arts*) AND ' +
        '(leipzig OR leipzig* OR leipzig~1) AND (hgb OR hgb*)',
    );
    expect(searchTerms('the')!.folded).toBe('(the OR the*)');
    // the analyzer keeps "L.E." as one word: single letters are not required either
    expect(searchTerms('Innovation Lab L.E.')!.folded).toBe(
      '(innovation OR innovation* OR innovation~1) AND (lab OR lab*)',
    );
  });

  it('gives the language indexes the words as typed, for their own stemming and stopwords', () => {
    expect(searchTerms('Ausstellungen für Genua')!.stemmed).toBe('ausstellungen AND für AND genua');
  });

  it('ranks names: the text, its start, or all its words (by a crude stem)', () => {
    const terms = searchTerms('Academy of Fine Arts Leipzig (HGB)')!;
    expect(matches(terms.exactName, 'Academy of Fine Arts Leipzig (HGB)')).toBe(true);
    expect(matches(terms.exactName, 'Academy of Fine Arts Leipzig')).toBe(false);
    const pecs = searchTerms('pecs')!;
    expect(matches(pecs.exactName, 'Pécs')).toBe(true);
    expect(matches(pecs.namePrefix, 'Pécs 2010')).toBe(true);
    expect(matches(pecs.namePrefix, 'Kick-off conference, Pécs 2010')).toBe(false);
    const leip = searchTerms('Leip')!;
    expect(matches(leip.namePrefix, 'Leipzig cluster strategy')).toBe(true);
    expect(matches(leip.exactName, 'Leipzig')).toBe(false);
    const words = searchTerms('exhibitions Genoa')!.nameWords;
    expect(words.every((w) => matches(w, 'Joint international exhibition, Genoa'))).toBe(true);
    expect(words.every((w) => matches(w, 'Joint international exhibition'))).toBe(false);
    expect(
      searchTerms('Ausstellungen')!.nameWords.every((w) =>
        matches(w, 'internationale Ausstellung'),
      ),
    ).toBe(true);
  });

  it.each([
    '"}) DETACH DELETE n //',
    'title:foo AND bar~2 ^3 [a TO z] {x} \\ / ! ? * -+ &&||',
    "`\u0060 'quote' (?<x>.*)",
    'AND OR NOT',
  ])('lets no Lucene or regex syntax through: %s', (hostile) => {
    const terms = searchTerms(hostile)!;
    expect(terms).not.toBeNull();
    // Only folded words, the parentheses, OR/AND between them, prefix stars and fuzzy ~1.
    expect(terms.folded).toMatch(
      /^\([\p{Ll}\p{N}]+ OR [\p{Ll}\p{N}]+\*( OR [\p{Ll}\p{N}]+~1)?\)( AND \([^()]+\))*$/u,
    );
    expect(terms.stemmed).toMatch(/^[\p{Ll}\p{N}\p{M}]+( AND [\p{Ll}\p{N}\p{M}]+)*$/u);
    // The regexes hold the words' letters and digits, and nothing else of the text.
    const literal = terms.exactName.replace(/\\p\{[LNM]\}|\[\^|\]|[*+]/gu, '');
    expect(literal).toMatch(/^[\p{Ll}\p{N}]*$/u);
  });

  it('gives null when there is nothing to search for', () => {
    expect(searchTerms('  !!! ')).toBeNull();
    expect(searchTerms('')).toBeNull();
    expect(searchTerms('\u0301 🙂')).toBeNull();
  });
});
