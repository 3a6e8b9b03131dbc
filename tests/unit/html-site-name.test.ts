import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';

const siteNameOf = (head: string, lang = 'en'): string | null =>
  parseHtml(
    `<!doctype html><html lang="${lang}"><head>${head}</head><body><article><h1>Story</h1><p>Text of the story.</p></article></body></html>`,
    { sourceUrl: 'https://news.example.org/a/1' },
  ).siteName;

const publisher = (name: string): string =>
  `<script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: 'Story',
    publisher: { '@type': 'Organization', name },
  })}</script>`;

describe('site names', () => {
  it("takes the article's JSON-LD publisher over an og:site_name with a slogan or a platform's name", () => {
    expect(
      siteNameOf(
        `<meta property="og:site_name" content="Harbour Post - News you can trust">${publisher('Harbour Post')}`,
      ),
    ).toBe('Harbour Post');
    expect(
      siteNameOf(`<meta property="og:site_name" content="Medium">${publisher('Engineering at Harbour')}`),
    ).toBe('Engineering at Harbour');
    expect(
      siteNameOf(
        `<meta property="og:site_name" content="بريد الميناء - أخبار تثق بها">${publisher('بريد الميناء')}`,
        'ar',
      ),
    ).toBe('بريد الميناء');
  });

  it('keeps og:site_name when the page declares no publisher', () => {
    expect(siteNameOf('<meta property="og:site_name" content="Harbour Post">')).toBe('Harbour Post');
    expect(siteNameOf('<meta property="og:site_name" content="بريد الميناء">', 'ar')).toBe('بريد الميناء');
  });
});
