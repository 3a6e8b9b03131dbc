import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../lib/article/detect-format.js';

const plain = '22-مايو-2017\n\nنص الفقرة الأولى من المقال.\n\nالفقرة الثانية.';

describe('detectFormat', () => {
  it.each([
    ['text/html; charset=utf-8', 'html'],
    ['application/xhtml+xml', 'html'],
    ['text/markdown', 'markdown'],
    ['TEXT/X-MARKDOWN', 'markdown'],
  ] as const)('follows the content type %s', (contentType, format) => {
    expect(detectFormat(plain, { contentType })).toBe(format);
  });

  it.each([
    ['a/b/article.html', 'html'],
    ['page.HTM', 'html'],
    ['doc.xhtml', 'html'],
    ['notes.md', 'markdown'],
    ['notes.markdown', 'markdown'],
  ] as const)('follows the file name %s', (fileName, format) => {
    expect(detectFormat(plain, { fileName })).toBe(format);
  });

  it('lets a specific extension win over a generic text/plain content type', () => {
    expect(detectFormat('# Title\n\nText.', { contentType: 'text/plain', fileName: 'notes.md' })).toBe(
      'markdown',
    );
    expect(detectFormat('<p>x</p>', { contentType: 'text/html', fileName: 'notes.md' })).toBe('html');
  });

  it('treats a document that opens as HTML as HTML even when called text', () => {
    expect(
      detectFormat('\ufeff  <!DOCTYPE html><html><body><p>x</p></body></html>', { fileName: 'a.txt' }),
    ).toBe('html');
    expect(
      detectFormat('<!-- saved -->\n<html lang="ar"><p>x</p></html>', { contentType: 'text/plain' }),
    ).toBe('html');
  });

  it('keeps declared plain text as text even when it contains Markdown-like lines', () => {
    expect(detectFormat('# Title\n\n- a\n- b\n\n**bold**', { fileName: 'a.txt' })).toBe('text');
  });

  it('sniffs HTML fragments from their tag density', () => {
    expect(detectFormat('<div class="post"><h1>Title</h1><p>One.</p><p>Two.</p></div>')).toBe('html');
  });

  it('does not call text with an occasional angle bracket HTML', () => {
    const text = `${'A long paragraph of ordinary prose, where 3 < 4 and x > y. '.repeat(20)}<b>`;
    expect(detectFormat(text)).toBe('text');
  });

  it.each([
    ['front matter', '---\ntitle: Hello\n---\n\nBody text.'],
    ['an inline link', 'Read [the report](https://example.org/report) today.'],
    ['two headings', '# One\n\nText.\n\n## Two\n\nMore text.'],
    ['a heading and a list', '# One\n\n- first\n- second\n'],
    ['a fenced code block', 'Intro\n\n```js\nx()\n```\n'],
  ])('sniffs Markdown from %s', (_signal, text) => {
    expect(detectFormat(text)).toBe('markdown');
  });

  it('leaves the seed house style and undecided text as plain text', () => {
    expect(detectFormat(plain)).toBe('text');
    expect(detectFormat('Just one line - with a dash.')).toBe('text');
    expect(detectFormat('Shopping:\n- milk\n- bread\n')).toBe('text');
  });
});
