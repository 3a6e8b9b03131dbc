import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/article/index.js';

const seedDir = new URL('../../../shared/seed/', import.meta.url);

interface SeedExpectation {
  readonly status: string;
  readonly format: string;
  readonly encoding: string;
  readonly language: string;
  readonly direction: string;
  readonly title: string | null;
  readonly publishedAt: string;
  readonly images: readonly unknown[];
  readonly highlights: readonly string[];
  readonly links: readonly { kind: string; text: string; url: string | null }[];
  readonly bodyParagraphs: readonly string[];
  readonly wordCountOfBodyParagraphs: number;
}

const bytes = await readFile(new URL('seed-article.txt', seedDir));
const expected = JSON.parse(await readFile(new URL('expected.json', seedDir), 'utf8')) as SeedExpectation;
const { record, content } = extractArticle(bytes, { fileName: '2017/05/seed.txt' });

describe('the seed article', () => {
  it('is processed as UTF-8 Arabic plain text written right to left', () => {
    expect(record.status).toBe(expected.status);
    expect(record.error).toBeNull();
    expect(record.format).toBe(expected.format);
    expect(record.encoding).toBe(expected.encoding);
    expect(record.language).toBe(expected.language);
    expect(record.direction).toBe(expected.direction);
  });

  it('has no title: the date line and the lead caption are not titles', () => {
    expect(record.title).toBe(expected.title);
  });

  it('takes the publication date from the Egyptian-month date line', () => {
    expect(record.publishedAt).toBe(expected.publishedAt);
  });

  it('turns the lead caption into an image with caption and credit', () => {
    expect(record.images).toEqual(expected.images);
  });

  it('lists the short standalone lines between paragraphs as highlights, in order', () => {
    expect(record.highlights).toEqual(expected.highlights);
  });

  it('lists the inline and trailing "اقرأ/ي أيضًا" references as related links without URL, in order', () => {
    expect(record.links.map(({ kind, text, url }) => ({ kind, text, url }))).toEqual(expected.links);
  });

  it('has exactly the body paragraphs, in order, as its paragraph blocks and content text', () => {
    const paragraphs = content.blocks
      .filter((block) => block.type === 'paragraph')
      .map((block) => block.text);
    expect(paragraphs).toEqual(expected.bodyParagraphs);
    expect(content.text).toBe(expected.bodyParagraphs.join('\n\n'));
  });

  it('counts the words of the body paragraphs and reads them at the Arabic speed', () => {
    expect(record.wordCount).toBe(expected.wordCountOfBodyParagraphs);
    expect(record.readingTimeMinutes).toBe(Math.round(expected.wordCountOfBodyParagraphs / 138));
  });

  it('describes the article with the opening of its first paragraph', () => {
    const first = expected.bodyParagraphs[0] ?? '';
    expect(record.description?.endsWith('…')).toBe(true);
    expect(first.startsWith(record.description?.slice(0, -1) ?? '-')).toBe(true);
  });

  it('hashes the raw bytes and names the parser version', async () => {
    const { createHash } = await import('node:crypto');
    expect(record.contentHash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
    expect(record.parserVersion).toMatch(/^\d{4}\.\d+\.\d+$/u);
  });
});
