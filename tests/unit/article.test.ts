import { describe, expect, it } from 'vitest';
import { extractWith, type Parsers } from '../../lib/article/article.js';
import type { ParsedDocument, ParseOptions } from '../../lib/article/parsed-document.js';
import { readingTimeMinutes } from '../../lib/article/reading-time.js';
import { parsedDocument } from '../support/parsed-document.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const emptyDoc: ParsedDocument = parsedDocument();

/** Parsers that return a fixed document and record what they were called with. */
function fixedParsers(doc: Partial<ParsedDocument>): { parsers: Parsers; calls: [string, ParseOptions][] } {
  const calls: [string, ParseOptions][] = [];
  const make =
    (format: string) =>
    (_text: string, options: ParseOptions): ParsedDocument => {
      calls.push([format, options]);
      return { ...emptyDoc, ...doc };
    };
  return { parsers: { text: make('text'), html: make('html'), markdown: make('markdown') }, calls };
}

const paragraph =
  'The council approved the plan on Monday after a long debate about the cost of the new lanes.';

describe('record assembly', () => {
  it('dispatches to the parser of the detected format with the source URL', () => {
    const { parsers, calls } = fixedParsers({ blocks: [{ type: 'paragraph', text: paragraph }] });
    extractWith(parsers, utf8('<!doctype html><p>x</p>'), { sourceUrl: 'https://example.org/a' });
    extractWith(parsers, utf8('# T\n\ntext'), { fileName: 'a.md' });
    extractWith(parsers, utf8('plain'), {});
    expect(calls).toEqual([
      ['html', { sourceUrl: 'https://example.org/a' }],
      ['markdown', { sourceUrl: null }],
      ['text', { sourceUrl: null }],
    ]);
  });

  it('builds content.text from headings and paragraphs only, and highlights from highlight blocks', () => {
    const { parsers } = fixedParsers({
      blocks: [
        { type: 'heading', text: 'Background' },
        { type: 'paragraph', text: paragraph },
        { type: 'highlight', text: 'A pull quote' },
        { type: 'caption', text: 'A caption' },
        { type: 'related', text: 'Another story' },
        { type: 'paragraph', text: 'Second paragraph.' },
      ],
    });
    const { record, content } = extractWith(parsers, utf8('x'));
    expect(content.text).toBe(`Background\n\n${paragraph}\n\nSecond paragraph.`);
    expect(record.highlights).toEqual(['A pull quote']);
    expect(record.wordCount).toBe(1 + paragraph.split(' ').length + 2);
  });

  it('keeps a meta description, else opens the first paragraph, cut at a word with "…"', () => {
    const long = `${'word '.repeat(60)}end.`;
    const withMeta = extractWith(
      fixedParsers({ description: 'Meta.', blocks: [{ type: 'paragraph', text: long }] }).parsers,
      utf8('x'),
    );
    expect(withMeta.record.description).toBe('Meta.');
    const { record } = extractWith(
      fixedParsers({ blocks: [{ type: 'paragraph', text: long }] }).parsers,
      utf8('x'),
    );
    expect(record.description?.endsWith('word…')).toBe(true);
    expect(Array.from(record.description ?? '').length).toBeLessThanOrEqual(201);
    const short = extractWith(
      fixedParsers({ blocks: [{ type: 'paragraph', text: paragraph }] }).parsers,
      utf8('x'),
    );
    expect(short.record.description).toBe(paragraph);
  });

  it('dates an undated article from its source URL', () => {
    const { parsers } = fixedParsers({ blocks: [{ type: 'paragraph', text: paragraph }] });
    const { record } = extractWith(parsers, utf8('x'), { sourceUrl: 'https://example.org/2019/03/04/story' });
    expect(record.publishedAt).toBe('2019-03-04');
  });

  it('resolves links against the source URL and judges them against the canonical site', () => {
    const { parsers } = fixedParsers({
      blocks: [{ type: 'paragraph', text: paragraph }],
      canonicalUrl: 'https://news.example.com/a',
      links: [
        { kind: 'inline', text: 'same site', href: '/b', rel: [] },
        { kind: 'inline', text: 'elsewhere', href: 'https://other.org/c', rel: [] },
      ],
    });
    const { record } = extractWith(parsers, utf8('x'), { sourceUrl: 'https://news.example.com/a?x=1' });
    expect(record.links.map((l) => [l.url, l.external])).toEqual([
      ['https://news.example.com/b', false],
      ['https://other.org/c', true],
    ]);
  });

  it('rejects a document whose body has no letters or digits as NO_CONTENT', () => {
    const { parsers } = fixedParsers({ blocks: [{ type: 'highlight', text: 'only a highlight' }] });
    expect(extractWith(parsers, utf8('x')).record.error?.code).toBe('NO_CONTENT');
  });
});

describe('readingTimeMinutes', () => {
  it('reads at the IReST speed of the language, at least one minute when there are words', () => {
    expect(readingTimeMinutes(745, 'ar')).toBe(5);
    expect(readingTimeMinutes(745, 'en')).toBe(3);
    expect(readingTimeMinutes(10, 'en')).toBe(1);
    expect(readingTimeMinutes(0, 'en')).toBe(0);
    expect(readingTimeMinutes(368, null)).toBe(2);
  });
});
