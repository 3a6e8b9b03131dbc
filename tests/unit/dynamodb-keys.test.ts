import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  articleIdOfTitleSk,
  backlinkSk,
  INDEX_KEY_SHARDS,
  indexShardsToRead,
  isLinkSk,
  languagePk,
  linkSk,
  parseBacklinkSk,
  parseTimelineSortKey,
  shardOf,
  statusPk,
  timelineInstant,
  timelinePk,
  timelineSortKey,
  titleArticleSk,
  titleReferenceSk,
  yearOf,
} from '../../lib/adapters/dynamodb-keys.js';

describe('timeline keys', () => {
  it('places a date-only publication at its midnight UTC', () => {
    expect(timelineInstant('2017-05-22', '2026-01-01T00:00:00.000Z')).toBe('2017-05-22T00:00:00.000Z');
  });

  it('converts a date-time with offset to UTC so records sort by instant', () => {
    expect(timelineInstant('2017-05-22T01:30:00+03:00', '2026-01-01T00:00:00.000Z')).toBe(
      '2017-05-21T22:30:00.000Z',
    );
  });

  it('falls back to processedAt for undated or unparseable dates', () => {
    expect(timelineInstant(null, '2026-11-25T10:00:00.000Z')).toBe('2026-11-25T10:00:00.000Z');
    expect(timelineInstant('not a date', '2026-11-25T10:00:00.000Z')).toBe('2026-11-25T10:00:00.000Z');
  });

  it('sorts link keys in document order past ten links', () => {
    const keys = [linkSk(10), linkSk(2), linkSk(1)].sort();
    expect(keys).toEqual([linkSk(1), linkSk(2), linkSk(10)]);
  });

  it('derives the year partition from the instant', () => {
    const instant = timelineInstant('1999-12-31', '2026-01-01T00:00:00.000Z');
    expect(yearOf(instant)).toBe('1999');
    expect(timelineSortKey(instant, 'abc')).toBe('1999-12-31T00:00:00.000Z#abc');
  });
});

describe('key parsing', () => {
  it('reads the article id back from a title article key, and nothing from a reference key', () => {
    expect(articleIdOfTitleSk(titleArticleSk('abc'))).toBe('abc');
    expect(articleIdOfTitleSk(titleReferenceSk('abc', 3))).toBeNull();
    expect(articleIdOfTitleSk(undefined)).toBeNull();
  });

  it('reads a backlink key back as the link item it stands for', () => {
    expect(parseBacklinkSk(backlinkSk('abc', 42))).toEqual({ articleId: 'abc', linkSk: linkSk(42) });
    expect(parseBacklinkSk('abc')).toBeNull();
  });

  it('reads a timeline sort key back as its year and article id', () => {
    const key = timelineSortKey(timelineInstant('1999-12-31', '2026-01-01T00:00:00.000Z'), 'abc');
    expect(parseTimelineSortKey(key)).toEqual({ year: '1999', articleId: 'abc' });
    expect(parseTimelineSortKey('abc')).toBeNull();
  });

  it('accepts link keys only', () => {
    expect(isLinkSk(linkSk(7))).toBe(true);
    expect(isLinkSk('L#7')).toBe(false);
    expect(isLinkSk('A')).toBe(false);
  });
});

describe('write-sharded index keys', () => {
  it('spreads article ids evenly over the shards', () => {
    const counts = new Array<number>(INDEX_KEY_SHARDS).fill(0);
    const total = 8_000;
    for (let i = 0; i < total; i += 1) {
      const id = createHash('sha256').update(`articles-raw/${i}.txt`).digest('hex').slice(0, 24);
      const shard = shardOf(id);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    for (const count of counts)
      expect(Math.abs(count - total / INDEX_KEY_SHARDS)).toBeLessThan(0.1 * (total / INDEX_KEY_SHARDS));
  });

  it('keeps an id in one shard', () => {
    expect(shardOf('5f0c2a9e1b7d4c3a2f1e0d9c')).toBe(shardOf('5f0c2a9e1b7d4c3a2f1e0d9c'));
  });

  it('names a shard after the unsharded key, which stays readable for records not yet migrated', () => {
    expect(timelinePk('2017', 3)).toBe('TL#2017#3');
    expect(languagePk('ar', '2017', 0)).toBe('LANG#ar#2017#0');
    expect(statusPk('rejected', '2017', 7)).toBe('ST#rejected#2017#7');
    expect(timelinePk('2017', null)).toBe('TL#2017');
    expect(indexShardsToRead()).toEqual([...Array.from({ length: INDEX_KEY_SHARDS }, (_, s) => s), null]);
  });
});
