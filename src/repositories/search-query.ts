/**
 * Turns free user text into a safe Lucene query for the full-text index: the text is cut
 * into words (letters and digits only), so no Lucene operator or syntax can get through.
 * Each word matches exactly or as a prefix (search as you type); all words must match.
 * Wildcard terms skip the index analyzer, so they are folded here the way the
 * `standard-folding` analyzer folds: lower case, accents removed.
 */
export function toLuceneQuery(text: string): string | null {
  const words = fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((word) => `(${word} OR ${word}*)`)
    .join(' AND ');
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
