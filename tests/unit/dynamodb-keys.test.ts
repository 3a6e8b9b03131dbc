import { describe, expect, it } from 'vitest';
import { linkSk, timelineInstant, timelineSortKey, yearOf } from '../../lib/adapters/dynamodb-keys.js';

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
