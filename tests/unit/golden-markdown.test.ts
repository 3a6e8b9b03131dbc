import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ContentBlock, ExtractOptions } from '../../lib/article/article-record.js';
import { extractArticle } from '../../lib/article/index.js';

/**
 * Markdown golden cases (`tests/fixtures/articles/markdown-*`), run through `extractArticle`.
 * The record fields and body paragraphs are also checked by `golden.test.ts`; here every
 * content block (captions, highlights, related references included) must match, in order.
 */
interface MarkdownCase {
  readonly options?: ExtractOptions;
  readonly record: Readonly<Record<string, unknown>>;
  readonly blocks: readonly ContentBlock[];
}

const root = new URL('../fixtures/articles/', import.meta.url);
const names = (await readdir(root)).filter((name) => name.startsWith('markdown-')).sort();
const cases = await Promise.all(
  names.map(async (name) => ({
    name,
    source: await readFile(new URL(`${name}/source.md`, root)),
    expected: JSON.parse(await readFile(new URL(`${name}/expected.json`, root), 'utf8')) as MarkdownCase,
  })),
);

describe('golden Markdown articles', () => {
  it('has an English and an Arabic case', () => {
    expect(names).toEqual(expect.arrayContaining(['markdown-arabic', 'markdown-english']));
  });

  describe.each(cases)('$name', ({ source, expected }) => {
    const { record, content } = extractArticle(source, expected.options ?? {});

    it('is read as Markdown and processed', () => {
      expect(record.format).toBe('markdown');
      expect(record.status).toBe('processed');
    });

    it('has every content block, in document order', () => {
      expect(content.blocks).toEqual(expected.blocks);
    });

    it('keeps captions, highlights and related references out of content.text', () => {
      const body = content.blocks.filter((block) => block.type === 'heading' || block.type === 'paragraph');
      expect(content.text).toBe(body.map((block) => block.text).join('\n\n'));
    });

    it('has the expected title, date, authors, language, direction, images and highlights', () => {
      const keys = [
        'title',
        'publishedAt',
        'authors',
        'language',
        'direction',
        'images',
        'highlights',
      ] as const;
      for (const key of keys) {
        if (key in expected.record) expect(record[key], key).toEqual(expected.record[key]);
      }
    });

    it('has the expected links, in document order', () => {
      const links = expected.record.links as readonly Record<string, unknown>[];
      const actual = record.links.map((link, index) =>
        Object.fromEntries(
          Object.keys(links[index] ?? {}).map((key) => [key, link[key as keyof typeof link]]),
        ),
      );
      expect(actual).toEqual(links);
    });
  });
});
