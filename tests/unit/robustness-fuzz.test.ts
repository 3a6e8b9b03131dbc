import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rejectionCodeSchema } from '../../lib/article/article-schema.js';
import { extractArticle } from '../../lib/article/index.js';

const PARAGRAPH = 'هذه فقرة من نص المقال تكفي لتكون محتوى حقيقيًا يمكن استخراجه من الملف. Some words here.';

/**
 * The pieces large inputs are built from: white space, short highlight-like lines, brackets,
 * emails and URLs, bidi marks, dates, markers, Markdown and HTML syntax. Repeated thousands of
 * times they make the shapes that break regular expressions and recursion.
 */
const UNITS: readonly string[] = [
  '\n',
  '\n\n\n',
  ' ',
  '\u00a0',
  '\t',
  '\r\n',
  'سطر قصير بلا نقطة\n\n',
  'Short line\n\n',
  '(',
  ')',
  '[',
  ']',
  '«',
  '»',
  '{',
  '((ب))',
  'name@example.org ',
  'https://example.org/a?utm_source=x ',
  'www.example.com ',
  'a.b',
  '@',
  '://',
  '\u200f',
  '\u200e',
  '\u202b',
  '\u202c',
  '\u2066',
  '\u2069',
  'ب',
  'a',
  'كلمة ',
  'word ',
  'اقرأ أيضًا:\n',
  '22 مايو 2017\n',
  'By Jane Doe\n',
  '# ',
  '- ',
  '> ',
  '*',
  '_',
  '`',
  '```\n',
  '|',
  '---\n',
  'title: x\n',
  '<p>',
  '</p>',
  '<div>',
  '&amp;',
  '<!--',
  '<a href="https://x.org">',
  '<script>',
  '{"@type":"NewsArticle",',
  PARAGRAPH,
  `${PARAGRAPH}\n\n`,
  '١٢',
  'ـ',
  '\u064e',
  'صورة (مصور/ رويترز)\n',
  '![',
  '](',
  '%',
  '\u00ad',
];

/** One run: a few units glued together, repeated up to `maxRepeat` times. */
const run = (maxRepeat: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: maxRepeat }),
    )
    .map(([units, times]) => units.join('').repeat(times));

/** Runs of bytes that are not UTF-8 (lone continuation bytes, truncated sequences, 0xFF). */
const invalidUtf8 = fc
  .tuple(
    fc.constantFrom([0xff], [0x80], [0xc3], [0xe2, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90]),
    fc.integer({ min: 1, max: 2000 }),
    fc.nat(),
  )
  .map(([unit, times, at]) => ({
    bytes: new Uint8Array(Array.from({ length: times }, () => unit).flat()),
    at,
  }));

const largeDocument = fc
  .tuple(fc.array(run(5000), { minLength: 1, maxLength: 5 }), fc.array(invalidUtf8, { maxLength: 2 }))
  .map(([runs, junk]) => {
    let bytes = new TextEncoder().encode(runs.join(''));
    for (const { bytes: bad, at } of junk) {
      const cut = bytes.length === 0 ? 0 : at % bytes.length;
      const joined = new Uint8Array(bytes.length + bad.length);
      joined.set(bytes.subarray(0, cut));
      joined.set(bad, cut);
      joined.set(bytes.subarray(cut), cut + bad.length);
      bytes = joined;
    }
    return bytes;
  });

describe('extractArticle on large structured input', () => {
  it('gives a processed record or a rejection that is not an extractor failure', () => {
    fc.assert(
      fc.property(
        largeDocument,
        fc.constantFrom('article.txt', 'article.md', 'article.html', undefined),
        (bytes, fileName) => {
          const { record, content } = extractArticle(bytes, {
            fileName,
            sourceUrl: 'https://example.org/2017/05/22/article',
          });
          if (record.status === 'processed') {
            expect(record.wordCount).toBeGreaterThan(0);
            expect(content.text.length).toBeGreaterThan(0);
          } else {
            expect(rejectionCodeSchema.safeParse(record.error?.code).success).toBe(true);
            // EXTRACTION_FAILED means the extractor threw: a bug, whatever the input.
            expect(record.error?.code).not.toBe('EXTRACTION_FAILED');
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
