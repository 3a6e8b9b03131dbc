import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';

const paragraph = (n: number): string =>
  `<p>Paragraph ${n} of the story, with enough words, commas, and detail to read like real article text about the harbour, the council and the people who live nearby.</p>`;
const body = [1, 2, 3, 4].map(paragraph).join('\n');
const arabicParagraph = (n: number): string =>
  `<p>الفقرة ${n} من الخبر، وفيها ما يكفي من الكلمات والتفاصيل، عن المرفأ والمجلس البلدي، والناس الذين يعيشون قربه منذ سنوات طويلة.</p>`;
const arabicBody = [1, 2, 3, 4].map(arabicParagraph).join('\n');
const page = (head: string, bodyHtml: string, dir = ''): string =>
  `<!DOCTYPE html><html${dir}><head>${head}</head><body>${bodyHtml}</body></html>`;
const parse = (html: string, sourceUrl: string | null = null) => parseHtml(html, { sourceUrl });
const blocksOf = (html: string, type: string, sourceUrl: string | null = null): string[] =>
  parse(html, sourceUrl)
    .blocks.filter((b) => b.type === type)
    .map((b) => b.text);

describe('parseHtml images', () => {
  it('resolves image URLs like links, and null (never relative) when no base is known', () => {
    const html = page(
      '<base href="/media/">',
      `<article><figure><img src="../img/a.jpg"><figcaption>The harbour at dawn</figcaption></figure>${body}</article>`,
    );
    expect(parse(html, 'https://example.org/news/1').images.map((i) => i.url)).toEqual([
      'https://example.org/img/a.jpg',
    ]);
    expect(parse(html, null).images).toEqual([{ url: null, caption: 'The harbour at dawn', credit: null }]);
  });

  it('lists the size variants of one picture once', () => {
    const html = page(
      '<meta property="og:image" content="https://example.org/up/harbour-1200x630.jpg">',
      `<article><img src="/up/harbour-300x200.jpg" srcset="/up/harbour-300x200.jpg 300w, /up/harbour.jpg 1200w">${body}
       <figure><img src="/up/harbour.jpg?w=640&amp;q=80"><figcaption>الميناء عند الفجر</figcaption></figure>
       <img src="/up/boats.jpg"></article>`,
    );
    const images = parse(html, 'https://example.org/news/1').images;
    expect(images.map((i) => i.url)).toEqual([
      'https://example.org/up/harbour-300x200.jpg',
      'https://example.org/up/boats.jpg',
    ]);
    expect(images[0]?.caption).toBe('الميناء عند الفجر');
  });

  it('does not count icons in promo links as article images', () => {
    const html = page(
      '',
      `<article>${body}<p><a href="https://t.me/site"><img src="/i/telegram.png" width="24" height="24"> تابعونا على تلغرام</a></p>
       <p><a href="/app"><img src="/assets/icons/app-store.svg"></a></p><img src="/up/photo.jpg"></article>`,
    );
    expect(parse(html, 'https://example.org/a').images.map((i) => i.url)).toEqual([
      'https://example.org/up/photo.jpg',
    ]);
  });
});
