/**
 * White space as text fields store it, in every format (one rule, one function). `\s` in JavaScript already covers Unicode white space
 * (NBSP, the U+2000 spaces, line/paragraph separators, BOM); bidi marks (U+200E, U+200F…) and
 * the Persian zero-width non-joiner are not white space and are kept in output — matching
 * ignores them (see `normalizeForMatching`). No `u` flag: all of them are in the BMP, and with `u`
 * V8 keeps a backtrack entry per character of a run, so millions of spaces overflowed its stack.
 */
const WHITE_SPACE_TO_FOLD = /\s{2,}|[^\S \u00a0\u202f]/g;

/**
 * Folds every run of Unicode white space to one space and trims the ends, except that a lone
 * no-break space (U+00A0, U+202F) stays: it is the article's own character, between a number and
 * its unit or before French punctuation, whether the source is text or `&nbsp;` in HTML.
 *
 * @example
 * foldWhitespace('  حلب\u00a0\n وتدمر  '); // 'حلب وتدمر'
 * foldWhitespace('10\u00a0km  away\t');     // '10\u00a0km away'
 */
export function foldWhitespace(text: string): string {
  // Only runs of two or more, and single white space other than a space or no-break space, change.
  return text.replace(WHITE_SPACE_TO_FOLD, ' ').trim();
}
