import { describe, expect, it } from 'vitest';
import {
  itemToLink,
  itemToRecord,
  linkToItem,
  MAX_ARTICLE_ITEM_BYTES,
  recordToItem,
} from '../../lib/adapters/dynamodb-items.js';
import { INDEX_KEY_SHARDS, INDEXES, shardOf } from '../../lib/adapters/dynamodb-keys.js';
import type { ArticleRecord } from '../../lib/article/article-record.js';
import { articleRecord, inlineLink } from '../support/article-record.js';

const link = inlineLink;

const record: ArticleRecord = articleRecord();

describe('article items', () => {
  it('round-trips a record, its links coming from link items', () => {
    const item = recordToItem({ record, contentKey: 'content/abc123.json', normalizedTitle: 'عنوان' });
    expect(item.links).toBeUndefined();
    expect(item.linkCount).toBe(1);
    const linkItem = linkToItem({
      articleId: record.id,
      index: 0,
      link,
      sequencer: '0A',
      referenceKey: null,
    });
    expect(itemToRecord(item, [itemToLink(linkItem)])).toEqual(record);
  });

  it("places the record on the timeline, language, status and title indexes, in its id's shard", () => {
    const item = recordToItem({ record, contentKey: null, normalizedTitle: 'عنوان' });
    const shard = shardOf(record.id);
    expect(shard).toBeGreaterThanOrEqual(0);
    expect(shard).toBeLessThan(INDEX_KEY_SHARDS);
    expect(item[INDEXES.timeline.pk]).toBe(`TL#2017#${shard}`);
    expect(item[INDEXES.language.pk]).toBe(`LANG#ar#2017#${shard}`);
    expect(item[INDEXES.status.pk]).toBe(`ST#processed#2017#${shard}`);
    expect(item[INDEXES.titles.pk]).toBe('TITLE#عنوان');
  });

  it('keeps the article item bounded whatever the number of images and highlights', () => {
    const huge: ArticleRecord = {
      ...record,
      description: 'و'.repeat(500_000),
      highlights: Array.from({ length: 20_000 }, (_, i) => `highlight ${i} ${'x'.repeat(100)}`),
      images: Array.from({ length: 20_000 }, (_, i) => ({
        url: `https://example.org/${i}.jpg`,
        caption: 'c',
        credit: null,
      })),
    };
    const item = recordToItem({ record: huge, contentKey: null, normalizedTitle: null });
    expect(Buffer.byteLength(JSON.stringify(item))).toBeLessThan(MAX_ARTICLE_ITEM_BYTES + 2_000);
    expect(() => itemToRecord(item, [])).not.toThrow();
  });

  it('refuses an item that is not a valid record instead of casting it', () => {
    expect(() => itemToRecord({ PK: 'ART#x', SK: 'A', id: 'x' }, [])).toThrow();
  });
});

describe('link items', () => {
  it('indexes a backlink by normalized URL and a URL-less reference by title', () => {
    const backlink = linkToItem({ articleId: 'a', index: 3, link, sequencer: null, referenceKey: null });
    expect(backlink[INDEXES.backlinks.pk]).toBe('URL#https://example.org/a');
    expect(backlink[INDEXES.backlinks.sk]).toBe('a#00003');
    const reference = linkToItem({
      articleId: 'a',
      index: 4,
      link: { ...link, kind: 'related', url: null, normalizedUrl: null, domain: null },
      sequencer: null,
      referenceKey: 'حلب وتدمر',
    });
    expect(reference[INDEXES.backlinks.pk]).toBeUndefined();
    expect(reference[INDEXES.titles.pk]).toBe('TITLE#حلب وتدمر');
  });

  it('leaves a URL too long for an index key off the backlink index', () => {
    const long = `https://example.org/${'a'.repeat(3_000)}`;
    const item = linkToItem({
      articleId: 'a',
      index: 0,
      link: { ...link, url: long, normalizedUrl: long },
      sequencer: null,
      referenceKey: null,
    });
    expect(item[INDEXES.backlinks.pk]).toBeUndefined();
    expect(itemToLink(item).url).toBe(long);
  });
});
