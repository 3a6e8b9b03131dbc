/**
 * Folds white space the way record text fields need it: every run of white space becomes one
 * space, except that a lone no-break space stays (it is the article's own character, e.g. between
 * a number and its unit), and the ends are trimmed.
 *
 * @example
 * ```ts
 * foldSpaces('  a \t\n b\u00a0c  '); // "a b\u00a0c"
 * ```
 */
export function foldSpaces(text: string): string {
  return text.replace(/\s+/gu, (run) => (run === '\u00a0' || run === '\u202f' ? run : ' ')).trim();
}
