import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { extractArticle } from '../../lib/article/index.js';

const sentence = 'This paragraph of the article is long enough, with commas, to count as real body text.';
const parse = (html: string) => parseHtml(html, { sourceUrl: 'https://example.org/a' });
const paragraphs = (html: string): string[] =>
  parse(html)
    .blocks.filter((b) => b.type === 'paragraph')
    .map((b) => b.text);

describe('parseHtml robustness', () => {
  it('reads a paragraph at the bottom of a 200,000-deep element tree', () => {
    const depth = 200_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>${sentence}</p>${'</div>'.repeat(depth)}</body></html>`;
    expect(paragraphs(html)).toEqual([sentence]);
  });

  it('survives 100,000 unclosed nested inline and block elements', () => {
    const html = `<html><body>${'<div><span>'.repeat(100_000)}${sentence}`;
    expect(paragraphs(html)).toEqual([sentence]);
  });

  it('ignores a 2 MB attribute value', () => {
    const html = `<html><body><article><p title="${'x'.repeat(2 * 1024 * 1024)}">${sentence}</p></article></body></html>`;
    expect(paragraphs(html)).toEqual([sentence]);
  });

  it('keeps every one of 100,000 links in the body, in order', () => {
    const count = 100_000;
    const items = Array.from(
      { length: count },
      (_, i) => `<p>${sentence} <a href="/p/${i}">link ${i}</a></p>`,
    );
    const doc = parse(`<html><body><article>${items.join('')}</article></body></html>`);
    expect(doc.links).toHaveLength(count);
    expect(doc.links[count - 1]).toEqual({
      kind: 'inline',
      text: `link ${count - 1}`,
      href: `/p/${count - 1}`,
      rel: [],
    });
  });

  it('recovers text from malformed markup', () => {
    const html = `<html><body><p>${sentence} <b>bold <i>italic</p><div><p>Second & third < fourth, ${sentence}</div></span></table><p>Last words of it all`;
    const texts = paragraphs(html);
    expect(texts[0]).toBe(`${sentence} bold italic`);
    expect(texts[1]).toBe(`Second & third < fourth, ${sentence}`);
  });

  it('never throws on truncated tags, comments, CDATA or stray entities', () => {
    for (const html of [
      '<',
      '<p',
      '<!--',
      '<![CDATA[x',
      '&#xFFFFFF;&bogus;&',
      '<a href="',
      '<script>',
      '<svg><p>x',
    ]) {
      expect(() => parse(html)).not.toThrow();
    }
  });

  it('rejects a page of nothing but navigation as NO_CONTENT', () => {
    const links = Array.from(
      { length: 200 },
      (_, i) => `<li><a href="/s/${i}">Section ${i} of the site menu</a></li>`,
    );
    const html = `<html><body><nav><ul>${links.join('')}</ul></nav><div class="footer">${links.slice(0, 20).join('')}</div></body></html>`;
    const { record } = extractArticle(new TextEncoder().encode(html), { contentType: 'text/html' });
    expect(record.status).toBe('rejected');
    expect(record.error?.code).toBe('NO_CONTENT');
  });

  it('never throws and returns only non-empty blocks for any mix of tags, text and entities', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<div class="content">',
        '</div>',
        '<a href="/x">',
        '</a>',
        '<br>',
        '<h1>',
        '</h1>',
      ),
      fc.constantFrom(
        '<script>',
        '</script>',
        '<!--',
        '-->',
        '<figure><img src=a.jpg><figcaption>',
        '&amp;',
        '&#x62;',
      ),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.option(fc.webUrl(), { nil: null }),
        (pieces, url) => {
          const doc = parseHtml(pieces.join(''), { sourceUrl: url });
          for (const block of doc.blocks) expect(block.text.trim()).toBe(block.text);
          for (const block of doc.blocks) expect(block.text).not.toBe('');
        },
      ),
      { numRuns: 300 },
    );
  });
});
