import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/article/index.js';
import { foldWhitespace } from '../../lib/article/text.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Pathological inputs must finish (the test timeout catches a hang) and give a sane record. */
describe('extractArticle on pathological input', () => {
  it('finishes on a 3 MB single line and counts its words', () => {
    const { record } = extractArticle(encode('كلمة (قوس [مربع '.repeat(200_000)));
    expect(record.status).toBe('processed');
    expect(record.wordCount).toBe(600_000);
  });

  it('finishes on 100,000 repeated related markers and finds no article text', () => {
    const { record } = extractArticle(encode('اقرأ/ي أيضًا:\n'.repeat(100_000)));
    expect(record.error?.code).toBe('NO_CONTENT');
  });

  it('finishes on 100,000 inline references and keeps one link per distinct title', () => {
    const body = 'هذه فقرة من نص المقال تكفي لتكون محتوى حقيقيًا يمكن استخراجه من الملف.';
    const lines = Array.from({ length: 100_000 }, (_, i) => `اقرأ/ي أيضًا: عنوان ${i % 10}`);
    const { record } = extractArticle(encode(`${body}\n\n${lines.join('\n\n')}\n\n${body}`));
    expect(record.status).toBe('processed');
    expect(record.links.map((link) => [link.kind, link.text])).toEqual(
      Array.from({ length: 10 }, (_, i) => ['related', `عنوان ${i}`]),
    );
  });

  it('finishes on deeply repeated brackets', () => {
    const text = `${'('.repeat(100_000)}نص${')'.repeat(100_000)}\n${'[('.repeat(100_000)}\n${'«['.repeat(50_000)}`;
    const { record } = extractArticle(encode(text));
    expect(['processed', 'rejected']).toContain(record.status);
    expect(record.error?.code).not.toBe('EXTRACTION_FAILED');
  });

  it('handles 300,000 lines without a blank line between them', () => {
    const { record, content } = extractArticle(encode('سطر قصير من النص.\n'.repeat(300_000)));
    expect(record.status).toBe('processed');
    expect(content.blocks).toHaveLength(300_000);
  });

  it('handles a line with 150,000 URLs, keeping one link per distinct URL', () => {
    const urls = Array.from({ length: 150_000 }, (_, i) => `https://example.org/${i % 3}`);
    const { record } = extractArticle(encode(`${urls.join(' ')}.`));
    expect(record.error).toBeNull();
    expect(record.links.map((link) => link.url)).toEqual([0, 1, 2].map((i) => `https://example.org/${i}`));
  });

  it('finishes on a long line of URL-like text', () => {
    const { record } = extractArticle(encode('a.b:c@d.e/'.repeat(20_000)));
    expect(record.error?.code).not.toBe('EXTRACTION_FAILED');
  });
});

/** About 9 MB, just under the 10 MiB limit: the size of the upload that was reported. */
const PADDING = 9_000_000;
const PARAGRAPHS = [
  'عنوان المقال',
  'بقلم سامي الخطيب',
  'هذه فقرة من نص المقال تكفي لتكون محتوى حقيقيًا يمكن استخراجه من الملف. Some words here.',
  'وهذه فقرة ثانية من النص نفسه تتحدث عن موضوع آخر، وفيها ما يكفي من الكلمات.',
];
const ARTICLES: readonly (readonly [string, string])[] = [
  ['article.txt', PARAGRAPHS.join('\n\n')],
  ['article.md', `# ${PARAGRAPHS.join('\n\n')}`],
  ['article.html', PARAGRAPHS.map((paragraph) => `<p>${paragraph}</p>`).join('\n')],
];

/**
 * Regression: white space runs of millions of characters in non-Latin-1 text overflowed V8's
 * regular expression stack (a `u`-flag `\s+`), so a padded upload came back EXTRACTION_FAILED.
 */
describe('extractArticle on an article padded with millions of white space characters', () => {
  const shapes: readonly (readonly [string, (article: string) => string])[] = [
    ['spaces after the text', (article) => `${article}${' '.repeat(PADDING)}`],
    ['newlines after the text', (article) => `${article}\n${'\n'.repeat(PADDING)}`],
    ['no-break spaces after the text', (article) => `${article}${'\u00a0'.repeat(PADDING / 2)}`],
    [
      'tabs inside the last paragraph',
      (article) => article.replace('الكلمات', `الكلمات${'\t'.repeat(PADDING)}هنا`),
    ],
    [
      'mixed white space around the text',
      (article) => `${' \n\t\u00a0\r\n'.repeat(PADDING / 14)}${article}${' \r\n'.repeat(PADDING / 6)}`,
    ],
  ];
  for (const [shape, pad] of shapes) {
    for (const [fileName, article] of ARTICLES) {
      it(`extracts the article from ${shape} (${fileName})`, () => {
        const { record, content } = extractArticle(encode(pad(article)), { fileName });
        expect(record.status).toBe('processed');
        expect(content.text).toContain('وهذه فقرة ثانية من النص نفسه');
        expect(content.text.length).toBeLessThan(1_000);
      });
    }
  }

  it('folds a run of millions of white space characters after Arabic text', () => {
    const text = `نص${'\n \t'.repeat(3_000_000)}آخر`;
    expect(foldWhitespace(text)).toBe('نص آخر');
  });
});
