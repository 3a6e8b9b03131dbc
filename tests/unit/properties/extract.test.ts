import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rejectionCodeSchema } from '../../../lib/article/article-schema.js';
import { decodeBytes } from '../../../lib/article/decode.js';
import { detectFormat } from '../../../lib/article/detect-format.js';
import { type ExtractionResult, extractArticle } from '../../../lib/article/index.js';

function expectWellFormed({ record, content }: ExtractionResult): void {
  expect(['processed', 'rejected']).toContain(record.status);
  if (record.status === 'rejected') {
    expect(rejectionCodeSchema.safeParse(record.error?.code).success).toBe(true);
    // EXTRACTION_FAILED means an extractor threw: a bug, whatever the input.
    expect(record.error?.code).not.toBe('EXTRACTION_FAILED');
    expect(content.blocks).toEqual([]);
  } else {
    expect(record.error).toBeNull();
    expect(record.wordCount).toBeGreaterThan(0);
    expect(record.readingTimeMinutes).toBeGreaterThanOrEqual(1);
    expect(content.text.length).toBeGreaterThan(0);
  }
  expect(record.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/u);
}

/** Text shaped like articles: lines of words, markers, dates, brackets and URLs. */
const articleLike = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc.constantFrom(
        '22-مايو-2017',
        'اقرأ/ي أيضًا:',
        'اقرأ أيضًا: عنوان',
        'Read also: https://example.org/a',
        'By Jane Doe',
        'صورة (مصور/ رويترز)',
        '# heading',
        '- item',
        '<p>para</p>',
        '((((',
        'https://example.org/x?y=1',
        '',
      ),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.join('\n'));

describe('extractArticle properties', () => {
  it('never throws on arbitrary bytes and always gives processed or a contract rejection code', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('text/plain', 'text/html', 'text/markdown', undefined),
        (bytes, contentType) => {
          expectWellFormed(extractArticle(bytes, { contentType }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary strings in UTF-8, UTF-16 and windows-1256-like bytes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 600 }),
        fc.constantFrom('text/plain', 'text/html', 'text/markdown', undefined),
        (text, contentType) => {
          const utf8 = new TextEncoder().encode(text);
          expectWellFormed(extractArticle(utf8, { contentType }));
          const utf16 = new Uint8Array([
            0xff,
            0xfe,
            ...new Uint8Array(new Uint16Array(Array.from(text, (c) => c.charCodeAt(0))).buffer),
          ]);
          expectWellFormed(extractArticle(utf16, { contentType }));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on article-shaped text, with or without a source URL', () => {
    fc.assert(
      fc.property(
        articleLike,
        fc.constantFrom(undefined, 'https://example.org/2017/05/22/a'),
        (text, sourceUrl) => {
          expectWellFormed(extractArticle(new TextEncoder().encode(text), { sourceUrl }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same bytes give the same record', () => {
    fc.assert(
      fc.property(articleLike, (text) => {
        const bytes = new TextEncoder().encode(text);
        expect(extractArticle(bytes)).toEqual(extractArticle(bytes));
      }),
      { numRuns: 100 },
    );
  });

  it('decodes any valid UTF-8 text back to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const bytes = new TextEncoder().encode(text);
        if (bytes.length >= 2 && bytes.some((b) => b === 0)) return;
        const decoded = decodeBytes(bytes);
        expect(decoded.text).toBe(text.startsWith('\ufeff') ? text.slice(1) : text);
      }),
      { numRuns: 300 },
    );
  });

  it('always names one of the three formats', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        (text, fileName) => {
          expect(['text', 'html', 'markdown']).toContain(detectFormat(text, { fileName }));
        },
      ),
    );
  });
});
