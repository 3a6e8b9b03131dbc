import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeS3EventKey } from '../../local/s3-event-key.js';

// How every S3 consumer (and AWS's own documentation) decodes event keys.
const decodeAsAws = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

describe('S3 event key encoding', () => {
  it('writes spaces as + and a literal + as %2B', () => {
    expect(encodeS3EventKey('my article+notes.txt')).toBe('my+article%2Bnotes.txt');
  });

  it('percent-encodes parentheses and other reserved characters like S3 does', () => {
    expect(encodeS3EventKey("a (1)!'~*.txt")).toBe('a+%281%29%21%27%7E*.txt');
  });

  it('percent-encodes Arabic letters as UTF-8 and keeps slashes', () => {
    expect(encodeS3EventKey('2017/05/حلب.txt')).toBe('2017/05/%D8%AD%D9%84%D8%A8.txt');
  });

  it('round-trips every key through the AWS decoding rule', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (key) => {
        const encoded = encodeS3EventKey(key);
        expect(encoded).not.toMatch(/[ ()]/);
        expect(decodeAsAws(encoded)).toBe(key);
      }),
    );
  });
});
