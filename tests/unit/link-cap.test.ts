import { describe, expect, it } from 'vitest';
import { MAX_LINKS } from '../../lib/article/article-record.js';
import { articleRecordSchema } from '../../lib/article/article-schema.js';
import { extractArticle } from '../../lib/article/index.js';

const page = (links: number): Uint8Array =>
  new TextEncoder().encode(
    '<!doctype html><html><head><title>Many links</title></head><body><article><h1>Many links</h1>' +
      '<p>This article opens with a paragraph long enough to be body text for the extractor.</p><p>' +
      Array.from({ length: links }, (_, i) => `<a href="/a/${i}">${i}</a> `).join('') +
      '</p></article></body></html>',
  );

const extract = (links: number) =>
  extractArticle(page(links), { contentType: 'text/html', sourceUrl: 'https://example.org/x' }).record;

describe('links per article', () => {
  it(`keeps the first ${MAX_LINKS} links in document order and records the cut`, () => {
    const record = extract(MAX_LINKS + 500);
    expect(record.links).toHaveLength(MAX_LINKS);
    expect(record.links.at(-1)?.url).toBe(`https://example.org/a/${MAX_LINKS - 1}`);
    expect(record.linksTruncated).toBe(true);
  });

  it('says nothing of a cut when every link fits', () => {
    const record = extract(MAX_LINKS);
    expect(record.links).toHaveLength(MAX_LINKS);
    expect('linksTruncated' in record).toBe(false);
  });

  it('reads records stored before the cut was recorded, and keeps the flag when present', () => {
    const stored = {
      id: 'x',
      ...extract(3),
      source: {
        bucket: 'b',
        key: 'k',
        size: 1,
        contentType: null,
        etag: null,
        versionId: null,
        sequencer: null,
      },
      processedAt: '2026-12-06T00:00:00.000Z',
    };
    expect(articleRecordSchema.parse(stored)).not.toHaveProperty('linksTruncated');
    expect(articleRecordSchema.parse({ ...stored, linksTruncated: true }).linksTruncated).toBe(true);
    expect(articleRecordSchema.safeParse({ ...stored, linksTruncated: false }).success).toBe(false);
  });
});
