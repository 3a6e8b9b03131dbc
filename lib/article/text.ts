/**
 * White space as text fields store it. `\s` in JavaScript already covers Unicode white space
 * (NBSP, the U+2000 spaces, line/paragraph separators, BOM); bidi marks (U+200E, U+200F…) and
 * the Persian zero-width non-joiner are not white space and are kept in output — matching
 * ignores them (see `normalizeForMatching`). No `u` flag: all of them are in the BMP, and with `u`
 * V8 keeps a backtrack entry per character of a run, so millions of spaces overflowed its stack.
 */
const WHITE_SPACE_RUN = /\s+/g;

/**
 * Folds every run of Unicode white space to one space and trims the ends.
 *
 * @example
 * foldWhitespace('  حلب\u00a0\n وتدمر  '); // 'حلب وتدمر'
 */
export function foldWhitespace(text: string): string {
  return text.replace(WHITE_SPACE_RUN, ' ').trim();
}
