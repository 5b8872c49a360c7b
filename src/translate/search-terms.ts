/**
 * Turns free user text into what the search query (./search.ts) needs: Lucene
 * queries for the full-text indexes and the regular expressions that rank names. The text is
 * cut into words (letters and digits only), so no Lucene or regex syntax can get through.
 */

/** What a search looks for, as parameters of the search query. */
export interface SearchTerms {
  /**
   * For the folded index (`standard-folding`): every word exactly, as a prefix (search as you
   * type) or, from five letters on, one edit away (typos); all words must match. English
   * stopwords (the analyzer does not index them) and single letters (the analyzer keeps "L.E."
   * as one word) are left out, unless there is nothing else.
   */
  readonly folded: string;
  /** The same, asked of each name field alone: all words in one name. */
  readonly foldedNames: string;
  /** For the English and German (stemming) indexes: all words, each analyzed by the index. */
  readonly stemmed: string;
  /**
   * Java regular expressions on a name in lower case and Unicode NFD (accents as separate
   * marks): the name is the words; the name starts with the words (the last one may be the
   * start of a longer word: search as you type); the name holds a word starting like each
   * word (its stem(), so "exhibitions" finds "Exhibition" and "Ausstellungen" "Ausstellung").
   */
  readonly exactName: string;
  readonly namePrefix: string;
  readonly nameWords: readonly string[];
}

/** The indexed properties that are names. */
const NAME_FIELDS = ['name', 'nameDe', 'aliases'];

/** At most this many words of a text count (the API caps the text at 200 characters). */
const MAX_WORDS = 12;

/** Words of five letters or more match with one typo. */
const FUZZY_FROM = 5;

/** A stem (for ranking names) keeps at least five letters. */
const STEM_MIN = 5;

/**
 * Lucene's English stopwords (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET), which the
 * `standard-folding` analyzer drops from the index: a required "of" would find nothing.
 */
const ENGLISH_STOPWORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

export function searchTerms(text: string): SearchTerms | null {
  // Words as typed (for the language analyzers, which know their own accents and stopwords)
  // and without accents (for the folded index and the names).
  const typed = (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu) ?? []
  ).slice(0, MAX_WORDS);
  if (typed.length === 0) return null;
  const words = typed.map(withoutAccents);
  const meaningful = words.filter((word) => [...word].length > 1 && !ENGLISH_STOPWORDS.has(word));
  const folded = (meaningful.length > 0 ? meaningful : words).map(foldedClause).join(' AND ');
  return {
    folded,
    foldedNames: NAME_FIELDS.map((field) => `${field}:(${folded})`).join(' OR '),
    stemmed: typed.join(' AND '),
    exactName: `${GAP}*${words.map(letters).join(`${GAP}+`)}${GAP}*`,
    namePrefix: `${GAP}*${words.map(letters).join(`${GAP}+`)}.*`,
    nameWords: words.map((word) => `.*${WORD_START}${letters(stem(word))}.*`),
  };
}

/**
 * A word exactly (analyzed by the index), as a prefix and, if long enough, with one typo.
 * Prefix and fuzzy terms skip the analyzer, so they are folded here the way
 * `standard-folding` (Lucene's ASCIIFoldingFilter) folds the indexed words.
 */
function foldedClause(word: string): string {
  const ascii = asciiFolded(word);
  const fuzzy = [...ascii].length >= FUZZY_FROM ? ` OR ${ascii}~1` : '';
  return `(${word} OR ${ascii}*${fuzzy})`;
}

/**
 * A crude stem, for ranking only (the English and German indexes stem properly): a long word
 * without its last two letters (plurals and case endings), never shorter than five letters.
 */
function stem(word: string): string {
  const letters = [...word];
  return letters.slice(0, Math.max(STEM_MIN, letters.length - 2)).join('');
}

// Regex parts. A name is compared in NFD, so each letter may carry combining marks (é = e + ´).
const GAP = '[^\\p{L}\\p{N}\\p{M}]';
const WORD_START = '(?<![\\p{L}\\p{N}\\p{M}])';
const letters = (word: string) => [...word].map((letter) => `${letter}\\p{M}*`).join('');

function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '');
}

/** The letters that have no accent to remove but that ASCIIFoldingFilter still rewrites. */
const ASCII_FOLDING: Record<string, string> = {
  ß: 'ss',
  ł: 'l',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ı: 'i',
};

function asciiFolded(word: string): string {
  return word.replace(/[ßłøæœđı]/gu, (letter) => ASCII_FOLDING[letter]!);
}
