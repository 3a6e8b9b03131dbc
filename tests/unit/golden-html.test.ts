import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ContentBlock, ExtractOptions } from '../../lib/article/article-record.js';
import { extractArticle } from '../../lib/article/index.js';

/**
 * HTML golden cases (`tests/fixtures/articles/html-*`), checked by hand: the record fields listed
 * in `expected.json`, the links in document order, and every content block in order.
 */
interface HtmlGoldenCase {
  readonly options?: ExtractOptions;
  readonly record: Readonly<Record<string, unknown>>;
  readonly blocks: readonly ContentBlock[];
}

const root = new URL('../fixtures/articles/', import.meta.url);
const names = (await readdir(root)).filter((name) => name.startsWith('html-')).sort();
const cases = await Promise.all(
  names.map(async (name) => ({
    name,
    source: await readFile(new URL(`${name}/source.html`, root)),
    expected: JSON.parse(await readFile(new URL(`${name}/expected.json`, root), 'utf8')) as HtmlGoldenCase,
  })),
);

describe('HTML golden articles', () => {
  it('covers JSON-LD news, windows-1256 Arabic and link hygiene', () => {
    expect(names).toEqual(
      expect.arrayContaining(['html-english-jsonld', 'html-arabic-windows-1256', 'html-links']),
    );
  });

  describe.each(cases)('$name', ({ source, expected }) => {
    const { record, content } = extractArticle(source, expected.options ?? {});
    const fields = Object.entries(expected.record).filter(([key]) => key !== 'links');

    it.each(fields)('has the expected %s', (key, value) => {
      expect(record[key as keyof typeof record]).toEqual(value);
    });

    it('has the expected links, in document order', () => {
      const links = expected.record.links as readonly Record<string, unknown>[];
      const actual = record.links.map((link, i) =>
        Object.fromEntries(Object.keys(links[i] ?? {}).map((key) => [key, link[key as keyof typeof link]])),
      );
      expect(actual).toEqual(links);
    });

    it('has exactly the expected blocks, in order', () => {
      expect(content.blocks).toEqual(expected.blocks);
    });

    it('never links to javascript:, same-page fragments, scripts or styles', () => {
      for (const link of record.links) {
        expect(link.url ?? '').not.toMatch(/^javascript:|^#|tracker\.example|style\.example/);
      }
    });
  });
});
