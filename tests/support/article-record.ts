import type { ArticleLink, ArticleRecord } from '../../lib/article/article-record.js';

/** An inline link to another site, with Arabic text: the one link of {@link articleRecord}. */
export const inlineLink: ArticleLink = {
  kind: 'inline',
  text: 'مصدر',
  url: 'https://example.org/a',
  normalizedUrl: 'https://example.org/a',
  domain: 'example.org',
  external: true,
  rel: [],
  targetArticleId: null,
};

/**
 * A processed Arabic Markdown record from the raw bucket with one link, for tests of what is done
 * with a record (items, limits); `overrides` replace whole top-level fields.
 *
 * @example articleRecord({ format: 'html' }).links // [inlineLink]
 */
export function articleRecord(overrides: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: 'abc123',
    status: 'processed',
    error: null,
    source: {
      bucket: 'articles-raw',
      key: 'a.md',
      size: 10,
      contentType: 'text/markdown',
      etag: 'e',
      versionId: null,
      sequencer: '0A',
    },
    format: 'markdown',
    encoding: 'utf-8',
    language: 'ar',
    direction: 'rtl',
    title: 'عنوان',
    siteName: null,
    canonicalUrl: null,
    publishedAt: '2017-05-22',
    authors: [],
    description: null,
    wordCount: 3,
    readingTimeMinutes: 1,
    images: [],
    highlights: [],
    links: [inlineLink],
    contentHash: 'sha256:00',
    parserVersion: 'test',
    processedAt: '2026-11-25T00:00:00.000Z',
    ...overrides,
  };
}
