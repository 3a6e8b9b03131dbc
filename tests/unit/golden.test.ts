import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type ExtractOptions, extractArticle } from '../../lib/article/index.js';

/**
 * Golden cases: `tests/fixtures/articles/<case>/{source.*, expected.json}`. `expected.json` lists
 * the record fields that must match (links: the listed keys of each link, in order) and the body
 * paragraphs; fields it does not list are free.
 */
interface GoldenCase {
  readonly options?: ExtractOptions;
  readonly record: Readonly<Record<string, unknown>>;
  readonly bodyParagraphs?: readonly string[];
}

const root = new URL('../fixtures/articles/', import.meta.url);

/** Fixture folders missing a file or an `expected.record`: a test fails on each, never a silent skip. */
const incomplete: string[] = [];

async function loadCases(): Promise<{ name: string; source: Buffer; expected: GoldenCase }[]> {
  const cases = [];
  for (const entry of (await readdir(root, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory()) continue;
    const dir = new URL(`${entry.name}/`, root);
    const files = await readdir(dir);
    const sourceName = files.find((file) => file.startsWith('source.'));
    if (sourceName === undefined || !files.includes('expected.json')) {
      incomplete.push(`${entry.name}: no ${sourceName === undefined ? 'source.*' : 'expected.json'}`);
      continue;
    }
    const expected = JSON.parse(await readFile(new URL('expected.json', dir), 'utf8')) as GoldenCase;
    if (typeof expected.record !== 'object' || expected.record === null) {
      incomplete.push(`${entry.name}: expected.json has no "record" object`);
      continue;
    }
    cases.push({ name: entry.name, source: await readFile(new URL(sourceName, dir)), expected });
  }
  return cases;
}

const cases = await loadCases();

describe('golden articles', () => {
  it('finds a source and an expected.json with a record in every fixture folder', () => {
    expect(incomplete).toEqual([]);
  });

  it('has the plain-text cases this suite is about', () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'text-arabic-indic-digits',
        'text-english-byline',
        'text-levantine-months',
        'text-references',
        'text-title-above-date',
        'text-urls-arabic-punctuation',
        'text-utf16-bom',
        'text-windows-1256',
      ]),
    );
  });

  describe.each(cases)('$name', ({ source, expected }) => {
    const { record, content } = extractArticle(source, expected.options ?? {});
    const fields = Object.entries(expected.record).filter(([key]) => key !== 'links');

    it.each(fields)('has the expected %s', (key, value) => {
      expect(record[key as keyof typeof record]).toEqual(value);
    });

    if (Array.isArray(expected.record.links)) {
      const links = expected.record.links as readonly Record<string, unknown>[];
      it('has the expected links, in document order', () => {
        const actual = record.links.map((link, i) =>
          Object.fromEntries(Object.keys(links[i] ?? {}).map((key) => [key, link[key as keyof typeof link]])),
        );
        expect(actual).toEqual(links);
      });
    }

    if (expected.bodyParagraphs !== undefined) {
      const paragraphs = expected.bodyParagraphs;
      it('has exactly the body paragraphs, in order', () => {
        expect(content.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text)).toEqual(paragraphs);
      });
    }
  });

  it('reads windows-1256 bytes with no declaration as the same article as its UTF-8 version', () => {
    const byName = new Map(cases.map((c) => [c.name, c.source]));
    const utf8 = extractArticle(byName.get('text-title-above-date') ?? Buffer.alloc(0));
    const legacy = extractArticle(byName.get('text-windows-1256') ?? Buffer.alloc(0));
    expect(legacy.record.encoding).toBe('windows-1256');
    expect(legacy.record.contentHash).not.toBe(utf8.record.contentHash);
    expect({ ...legacy.record, encoding: 'x', contentHash: 'x' }).toEqual({
      ...utf8.record,
      encoding: 'x',
      contentHash: 'x',
    });
    expect(legacy.content).toEqual(utf8.content);
  });
});
