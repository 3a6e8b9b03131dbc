/**
 * Longest run of white space the parsers get. Longer runs are padding (a few words and then
 * millions of spaces or newlines): no format gives meaning to more than a blank line, and the
 * parsers' regular expressions need not be safe on runs of millions of characters.
 */
export const MAX_WHITE_SPACE_RUN = 1000;

/**
 * Exactly JavaScript's `\s`, by character code.
 *
 * @example
 * ```ts
 * isWhiteSpace(0xa0);   // true (no-break space)
 * isWhiteSpace(0x200b); // false (zero-width space is a format character)
 * ```
 */
export function isWhiteSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Replaces every run of more than `maxRun` white space characters with what it means to every
 * format: a blank line if it holds two line breaks or more, a line break if it holds one, else a
 * space. Shorter runs and everything else are kept as they are.
 *
 * @example
 * ```ts
 * shortenWhiteSpaceRuns(`a${' '.repeat(5000)}b`);       // "a b"
 * shortenWhiteSpaceRuns(`a${' \n'.repeat(5000)}b`);     // "a\n\nb"
 * shortenWhiteSpaceRuns('a  \n  b');                    // "a  \n  b"
 * ```
 */
export function shortenWhiteSpaceRuns(text: string, maxRun: number = MAX_WHITE_SPACE_RUN): string {
  // A run longer than `maxRun` covers at least one multiple of `stride`: only those positions are
  // probed, and a run is measured only where one is white space. Reading every character made
  // this a tenth of an HTML extraction. A counted quantifier (`\s{1001,}`) overflows V8's regular
  // expression stack on a run of millions, and is quadratic on many runs just under the limit.
  const stride = Math.max(1, maxRun);
  const parts: string[] = [];
  let kept = 0;
  for (let probe = 0; probe < text.length; probe += stride) {
    if (!isWhiteSpace(text.charCodeAt(probe))) continue;
    let start = probe;
    while (start > kept && isWhiteSpace(text.charCodeAt(start - 1))) start -= 1;
    let end = probe + 1;
    while (end < text.length && isWhiteSpace(text.charCodeAt(end))) end += 1;
    if (end - start > maxRun) {
      parts.push(text.slice(kept, start), replacementOf(text, start, end));
      kept = end;
    }
    // The run is measured: the next probe lies beyond it.
    probe = Math.max(probe, Math.floor((end - 1) / stride) * stride);
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

function replacementOf(text: string, from: number, to: number): string {
  let breaks = 0;
  for (let i = from; i < to && breaks < 2; i += 1) {
    const code = text.charCodeAt(i);
    // CR LF is one break; a lone CR is one too (classic Mac files).
    if (code === 0x0a || code === 0x2028 || code === 0x2029) breaks += 1;
    else if (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a) breaks += 1;
  }
  if (breaks === 0) return ' ';
  return breaks === 1 ? '\n' : '\n\n';
}
