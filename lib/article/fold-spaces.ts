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
  // Only runs of two or more, and single white space other than a space or no-break space, change.
  // No `u` flag: every white space character is in the BMP, and with `u` V8 keeps a backtrack
  // entry per character of a run, so a run of millions of spaces overflowed its stack.
  return text.replace(/\s{2,}|[^\S \u00a0\u202f]/g, ' ').trim();
}
