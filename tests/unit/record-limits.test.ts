import { describe, expect, it } from 'vitest';
import { itemToLink, itemToRecord, linkToItem, recordToItem } from '../../lib/adapters/dynamodb-items.js';
import type { ArticleRecord } from '../../lib/article/article-record.js';
import { capRecord } from '../../lib/article/record-limits.js';
import { articleRecord, inlineLink } from '../support/article-record.js';

const link = inlineLink;

const record: ArticleRecord = articleRecord({
  source: {
    bucket: null,
    key: 'a.html',
    size: 10,
    contentType: 'text/html',
    etag: null,
    versionId: null,
    sequencer: null,
  },
  format: 'html',
});

/** The record as the table holds it: the article item read back with its link items. */
function stored(value: ArticleRecord): ArticleRecord {
  const item = recordToItem({ record: value, contentKey: null, normalizedTitle: null });
  const links = value.links.map((entry, index) =>
    itemToLink(linkToItem({ articleId: value.id, index, link: entry, sequencer: null, referenceKey: null })),
  );
  return itemToRecord(item, links);
}

describe('capRecord', () => {
  it('leaves an ordinary record as it is', () => {
    expect(capRecord(record)).toEqual(record);
  });

  it('cuts a two-million-character title to 2,000, as the table stores it', () => {
    const huge: ArticleRecord = { ...record, title: 'ع'.repeat(2_000_000) };
    const capped = capRecord(huge);
    expect(capped.title).toHaveLength(2_000);
    expect(capped).toEqual(stored(huge));
    expect(Object.keys(capped)).toEqual(Object.keys(record));
  });

  it('cuts long link texts and URLs, and bulky lists, exactly as the table stores them', () => {
    const huge: ArticleRecord = {
      ...record,
      description: 'و'.repeat(500_000),
      authors: Array.from({ length: 80 }, (_, i) => `author ${i} ${'x'.repeat(1_000)}`),
      highlights: Array.from({ length: 20_000 }, (_, i) => `highlight ${i} ${'x'.repeat(100)}`),
      links: [{ ...link, text: 'ن'.repeat(20_000), url: `https://example.org/${'a'.repeat(20_000)}` }],
    };
    const capped = capRecord(huge);
    expect(capped.description).toHaveLength(4_000);
    expect(capped.authors).toHaveLength(50);
    expect(capped.links[0]?.text).toHaveLength(8_000);
    expect(capped).toEqual(stored(huge));
  });
});
