import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldWhitespace } from '../../lib/article/text.js';
import { isWhiteSpace, shortenWhiteSpaceRuns } from '../../lib/article/white-space.js';

/** The longest run of white space in a text, by the same definition as `\s`. */
function longestRun(text: string): number {
  return Math.max(0, ...(text.match(/\s+/g) ?? []).map((run) => run.length));
}

const whiteSpaceChar = fc.constantFrom(' ', '\n', '\r', '\t', '\u00a0', '\u2028', '\u3000', '\f');
const textWithRuns = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.tuple(whiteSpaceChar, fc.integer({ min: 1, max: 40 })).map(([char, n]) => char.repeat(n)),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

describe('isWhiteSpace', () => {
  it('agrees with the regular expression \\s on every BMP character', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      expect(isWhiteSpace(code), code.toString(16)).toBe(/\s/.test(String.fromCharCode(code)));
    }
  });
});

describe('shortenWhiteSpaceRuns', () => {
  it('leaves text without a run longer than the limit unchanged', () => {
    fc.assert(
      fc.property(textWithRuns, (text) => {
        fc.pre(longestRun(text) <= 10);
        expect(shortenWhiteSpaceRuns(text, 10)).toBe(text);
      }),
    );
  });

  it('leaves no run longer than the limit and changes nothing once white space is folded', () => {
    fc.assert(
      fc.property(textWithRuns, fc.integer({ min: 1, max: 12 }), (text, limit) => {
        const shortened = shortenWhiteSpaceRuns(text, limit);
        expect(longestRun(shortened)).toBeLessThanOrEqual(Math.max(limit, 2));
        expect(foldWhitespace(shortened)).toBe(foldWhitespace(text));
      }),
    );
  });

  it('keeps a blank line, a line break or a space for what the long run held', () => {
    const long = (unit: string): string => unit.repeat(3000);
    expect(shortenWhiteSpaceRuns(`a${long(' ')}b`)).toBe('a b');
    expect(shortenWhiteSpaceRuns(`a${long(' ')}\n${long('\t')}b`)).toBe('a\nb');
    expect(shortenWhiteSpaceRuns(`a${long('\r\n')}b`)).toBe('a\n\nb');
    expect(shortenWhiteSpaceRuns(`a${long('\r')}b`)).toBe('a\n\nb');
    expect(shortenWhiteSpaceRuns(`${long('\n')}نص${long('\u00a0')}`)).toBe('\n\nنص ');
  });

  it('shortens a run of ten million characters after Arabic text', () => {
    expect(shortenWhiteSpaceRuns(`نص${' \n'.repeat(5_000_000)}آخر`)).toBe('نص\n\nآخر');
  });
});
