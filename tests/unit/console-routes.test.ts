import { describe, expect, it } from 'vitest';
import { formatBytes, formatPublished } from '../../console/src/format.js';
import { articleHref, parseRoute, timelineHref } from '../../console/src/routes.js';

describe('console routes (the URL fragment addresses the views)', () => {
  it('opens the timeline without a fragment', () => {
    expect(parseRoute('')).toEqual({ view: 'timeline', filters: {} });
    expect(parseRoute('#/')).toEqual({ view: 'timeline', filters: {} });
  });

  it('reads back the filters it wrote, dropping an unknown status', () => {
    const filters = { language: 'ar', status: 'rejected', from: '2017-05-01', to: '2017-05-31' } as const;
    expect(parseRoute(timelineHref(filters))).toEqual({ view: 'timeline', filters });
    expect(parseRoute('#/?status=deleted&language=')).toEqual({ view: 'timeline', filters: {} });
  });

  it('reads back an article id', () => {
    expect(parseRoute(articleHref('5f0c0123456789abcdef0123'))).toEqual({
      view: 'article',
      id: '5f0c0123456789abcdef0123',
    });
  });

  it('leaves an in-page anchor (the skip link) to the page: no route', () => {
    expect(parseRoute('#main')).toBeNull();
  });
});

describe('console formats', () => {
  it('spaces a publication date-time so that it wraps between its parts, a date alone unchanged', () => {
    expect(formatPublished('2017-05-22')).toBe('2017-05-22');
    expect(formatPublished('2017-05-24T09:30:00+03:00')).toBe('2017-05-24 09:30:00 +03:00');
    expect(formatPublished('2017-05-24T09:30Z')).toBe('2017-05-24 09:30 UTC');
  });

  it('gives sizes in bytes with Western digits', () => {
    expect(formatBytes(9316)).toBe('9.1 KiB (9,316 bytes)');
    expect(formatBytes(12)).toBe('12 bytes');
    expect(formatBytes(null)).toBe('unknown');
  });
});
