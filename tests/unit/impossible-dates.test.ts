import { describe, expect, it } from 'vitest';
import { extractArticle, extractWith, type Parsers } from '../../lib/article/article.js';
import { validIsoDate } from '../../lib/article/dates/calendars.js';
import { parseDate } from '../../lib/article/dates/dates.js';
import { normalizeMachineDate } from '../../lib/article/html/published-date.js';
import type { ParsedDocument } from '../../lib/article/parsed-document.js';
import { parsedDocument } from '../support/parsed-document.js';

const body = [1, 2, 3, 4]
  .map(
    (n) =>
      `<p>Paragraph ${n} of the story, with enough words, commas, and detail to read like real article text about the harbour.</p>`,
  )
  .join('');
const html = (head: string): Uint8Array =>
  new TextEncoder().encode(
    `<!doctype html><html><head>${head}</head><body><article><h1>Storm hits the coast</h1>${body}</article></body></html>`,
  );
const publishedAt = (head: string, sourceUrl?: string): string | null =>
  extractArticle(html(head), { contentType: 'text/html', ...(sourceUrl ? { sourceUrl } : {}) }).record
    .publishedAt;

describe('validIsoDate', () => {
  it('keeps real days, times and offsets', () => {
    expect(validIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(validIsoDate('2024-05-01T23:59:59Z')).toBe('2024-05-01T23:59:59Z');
    expect(validIsoDate('2024-05-01T10:00:00+14:00')).toBe('2024-05-01T10:00:00+14:00');
    expect(validIsoDate('2024-05-01T10:00:00-12:00')).toBe('2024-05-01T10:00:00-12:00');
    expect(validIsoDate('2024-05-01T10:00:00+05:45')).toBe('2024-05-01T10:00:00+05:45');
  });

  it('refuses impossible calendar days, times and offsets', () => {
    for (const value of [
      '2023-02-29',
      '2024-02-30',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-05-01T25:00:00Z',
      '2024-05-01T24:00:00Z',
      '2024-05-01T10:60:00Z',
      '2024-05-01T10:00:60Z',
      '2024-05-01T10:00:00+23:59',
      '2024-05-01T10:00:00+14:01',
      '2024-05-01T10:00:00-12:30',
      '2024-05-01T10:00:00+05:75',
      '1899-12-31',
      '2101-01-01',
      '2024-5-1',
    ]) {
      expect(validIsoDate(value), value).toBeNull();
    }
  });
});

describe('impossible dates are never emitted', () => {
  it('ignores an impossible machine-written date, time or offset', () => {
    expect(normalizeMachineDate('2024-05-01T25:00:00Z')).toBeNull();
    expect(normalizeMachineDate('2024-02-30')).toBeNull();
    expect(normalizeMachineDate('2024-05-01T10:00:00+23:59')).toBeNull();
    expect(normalizeMachineDate('2024-05-01T10:00:00+0300')).toBe('2024-05-01T10:00:00+03:00');
  });

  it('never emits them as publishedAt from HTML meta tags', () => {
    for (const value of ['2024-05-01T25:00:00Z', '2024-02-30', '2024-05-01T10:00:00+23:59']) {
      expect(publishedAt(`<meta property="article:published_time" content="${value}">`), value).toBeNull();
    }
  });

  it('falls through to the next source when the first one is impossible', () => {
    const head = `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-02-30T10:00:00Z"}</script>
      <meta property="article:published_time" content="2024-02-28T10:00:00Z">`;
    expect(publishedAt(head)).toBe('2024-02-28T10:00:00Z');
  });

  it('refuses written dates with an impossible offset', () => {
    expect(parseDate('1 May 2024 10:00 GMT+23:59')).toBeNull();
    expect(parseDate('1 May 2024 10:00 +14:00')).toBe('2024-05-01T10:00:00+14:00');
  });

  it('passes any parser’s date through the same check before the record is built', () => {
    const doc = (date: string): ParsedDocument =>
      parsedDocument({
        blocks: [{ type: 'paragraph', text: 'The council approved the plan on Monday after a long debate.' }],
        publishedAt: date,
      });
    const parsersGiving = (date: string): Parsers => ({
      text: () => doc(date),
      html: () => doc(date),
      markdown: () => doc(date),
    });
    const bytes = new TextEncoder().encode('plain text');
    expect(extractWith(parsersGiving('2024-05-01T25:00:00Z'), bytes, {}).record.publishedAt).toBeNull();
    expect(extractWith(parsersGiving('2024-02-30'), bytes, {}).record.publishedAt).toBeNull();
    expect(
      extractWith(parsersGiving('2024-02-30'), bytes, { sourceUrl: 'https://example.org/2024/02/28/a' })
        .record.publishedAt,
    ).toBe('2024-02-28');
    expect(extractWith(parsersGiving('2024-05-01T10:00:00+03:00'), bytes, {}).record.publishedAt).toBe(
      '2024-05-01T10:00:00+03:00',
    );
  });
});
