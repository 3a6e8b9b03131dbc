import { describe, expect, it } from 'vitest';
import { cleanAuthors } from '../../lib/article/html/authors.js';
import { splitCredit } from '../../lib/article/html/credit.js';
import { readJsonLd } from '../../lib/article/html/json-ld.js';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { normalizeMachineDate } from '../../lib/article/html/published-date.js';
import { cleanTitle } from '../../lib/article/html/title.js';

const paragraph = (n: number): string =>
  `<p>Paragraph ${n} of the story, with enough words, commas, and detail to read like real article text about the harbour, the council and the people who live nearby.</p>`;
const body = [1, 2, 3, 4].map(paragraph).join('\n');
const page = (head: string, bodyHtml: string): string =>
  `<!DOCTYPE html><html><head>${head}</head><body>${bodyHtml}</body></html>`;
const parse = (html: string, sourceUrl: string | null = null) => parseHtml(html, { sourceUrl });
const texts = (html: string, type = 'paragraph'): string[] =>
  parse(html)
    .blocks.filter((b) => b.type === type)
    .map((b) => b.text);

describe('parseHtml metadata precedence', () => {
  it('prefers the JSON-LD article date over meta tags, <time> and the URL', () => {
    const html = page(
      `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-03-16T09:30:00+01:00"}</script>
       <meta property="article:published_time" content="2020-01-01">`,
      `<article><time datetime="2019-05-05">5 May 2019</time>${body}</article>`,
    );
    expect(parse(html, 'https://example.org/2021/03/14/story').publishedAt).toBe('2021-03-16T09:30:00+01:00');
  });

  it('uses article:published_time when there is no JSON-LD, and never the modified time', () => {
    const html = page(
      `<meta property="article:modified_time" content="2022-02-02"><meta property="article:published_time" content="2021-12-24T18:00:00Z">`,
      `<article>${body}</article>`,
    );
    expect(parse(html).publishedAt).toBe('2021-12-24T18:00:00Z');
  });

  it('falls back to the <time datetime> of the article, then to the URL path', () => {
    const withTime = page(
      '',
      `<article><h1>Storm hits the coast</h1><time datetime="2019-05-05T10:00:00+02:00">5 May</time>${body}</article>`,
    );
    expect(parse(withTime).publishedAt).toBe('2019-05-05T10:00:00+02:00');
    const bare = page('', `<article><h1>Storm hits the coast</h1>${body}</article>`);
    expect(parse(bare, 'https://example.org/2018/02/03/storm').publishedAt).toBe('2018-02-03');
  });

  it('reads a visible Arabic date written under the headline', () => {
    const html = page(
      '',
      `<div class="post"><h1>عنوان الخبر هنا</h1><div class="date">22 مايو 2017</div>${body}</div>`,
    );
    expect(parse(html).publishedAt).toBe('2017-05-22');
  });

  it('reads lang, dir, canonical, <base> and site name', () => {
    const html = `<html lang="ar-EG" dir="rtl"><head><link rel="canonical" href="/a/1"><base href="https://cdn.example.org/x/">
      <meta property="og:site_name" content="الموقع"></head><body><article>${body}</article></body></html>`;
    const doc = parse(html, 'https://example.org/a/1?ref=home');
    expect(doc.declaredLanguage).toBe('ar');
    expect(doc.declaredDirection).toBe('rtl');
    expect(doc.canonicalUrl).toBe('https://cdn.example.org/a/1');
    expect(doc.baseUrl).toBe('https://cdn.example.org/x/');
    expect(doc.siteName).toBe('الموقع');
  });

  it('takes the direction nearest the body over <html dir>', () => {
    const html = `<html dir="ltr"><body dir="rtl"><main><article>${body}</article></main></body></html>`;
    expect(parse(html).declaredDirection).toBe('rtl');
  });

  it('prefers the visible <h1> over og:title and strips the site from <title>', () => {
    const withH1 = page(
      '<title>Storm hits the coast | Daily News</title><meta property="og:title" content="Storm hits coast, thousands without power">',
      `<article><h1>Storm hits the coast</h1>${body}</article>`,
    );
    expect(parse(withH1).title).toBe('Storm hits the coast');
    const withoutH1 = page(
      '<title>Storm hits the coast | Daily News</title><meta property="og:site_name" content="Daily News">',
      `<article>${body}</article>`,
    );
    expect(parse(withoutH1).title).toBe('Storm hits the coast');
  });
});

describe('cleanTitle', () => {
  it('removes " | Site", " - Site" and "Site: " decorations but keeps inner dashes', () => {
    expect(cleanTitle('Storm hits coast | Daily News', 'Daily News', null)).toBe('Storm hits coast');
    expect(cleanTitle('Daily News - Storm hits coast', 'Daily News', null)).toBe('Storm hits coast');
    expect(cleanTitle('Storm hits coast - BBC News', null, 'bbc')).toBe('Storm hits coast');
    expect(cleanTitle('Covid-19 - what we know', 'Daily News', null)).toBe('Covid-19 - what we know');
  });
});

describe('cleanAuthors', () => {
  it('drops "By", roles, dates, URLs, the site name and duplicates', () => {
    expect(cleanAuthors(['By Jane Doe and John Roe', 'jane doe', 'Daily News'], 'Daily News')).toEqual([
      'Jane Doe',
      'John Roe',
    ]);
    expect(cleanAuthors(['بقلم: أحمد علي'], null)).toEqual(['أحمد علي']);
    expect(cleanAuthors(['https://facebook.com/jane', 'Posted on 12/03/2020'], null)).toEqual([]);
    // A desk alone on its line is kept as a credit (readAuthors ranks it below any person);
    // beside a person it is a role.
    expect(cleanAuthors(['Staff Writer'], null)).toEqual(['Staff Writer']);
    expect(cleanAuthors(['Jane Doe, Staff Writer'], null)).toEqual(['Jane Doe']);
    expect(cleanAuthors(['Eingestellt von der Michel'], null)).toEqual(['der Michel']);
  });
});

describe('readJsonLd', () => {
  it('finds the article inside @graph and resolves an author given by @id', () => {
    const article = readJsonLd([
      JSON.stringify({
        '@graph': [
          { '@type': 'WebPage', datePublished: '2000-01-01' },
          { '@type': 'Person', '@id': '#jane', name: 'Jane Doe' },
          {
            '@type': ['NewsArticle'],
            headline: 'Hi',
            datePublished: '2021-01-02',
            author: { '@id': '#jane' },
          },
        ],
      }),
    ]);
    expect(article?.headline).toBe('Hi');
    expect(article?.datePublished).toBe('2021-01-02');
    expect(article?.authors).toEqual(['Jane Doe']);
  });

  it('decodes the HTML entities CMSs write into JSON-LD text, and leaves a bare "&" alone', () => {
    const article = readJsonLd([
      JSON.stringify({
        '@type': 'NewsArticle',
        headline: 'Q&amp;A &bull; Wahlen &#8211; AT&T',
        author: { '@type': 'Person', name: 'Ren&eacute;e Dupont' },
        publisher: { '@type': 'Organization', name: 'عرب&nbsp;نيوز' },
        image: 'https://example.com/a.jpg?w=1&amp;h=2',
      }),
    ]);
    expect(article?.headline).toBe('Q&A • Wahlen – AT&T');
    expect(article?.authors).toEqual(['Renée Dupont']);
    expect(article?.publisher).toBe('عرب\u00a0نيوز');
    expect(article?.image).toBe('https://example.com/a.jpg?w=1&h=2');
  });

  it('reads top-level arrays and author arrays', () => {
    const article = readJsonLd([
      '[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","author":[{"name":"A B"},"C D"],"publisher":{"name":"Blog"}}]',
    ]);
    expect(article?.authors).toEqual(['A B', 'C D']);
    expect(article?.publisher).toBe('Blog');
  });

  it('repairs raw newlines and trailing commas, and ignores JSON it cannot repair', () => {
    expect(readJsonLd(['{"@type":"Article","headline":"Two\nlines",}'])?.headline).toBe('Two lines');
    expect(readJsonLd(['{"@type": "Article", headline: oops'])).toBeNull();
  });
});

describe('normalizeMachineDate', () => {
  it('keeps the offset when known and drops a time without one', () => {
    expect(normalizeMachineDate('2017-05-22T08:30:00+0300')).toBe('2017-05-22T08:30:00+03:00');
    expect(normalizeMachineDate('2017-05-22T08:30:00')).toBe('2017-05-22');
    expect(normalizeMachineDate('20170522')).toBe('2017-05-22');
    expect(normalizeMachineDate('2017-13-40')).toBeNull();
  });
});

describe('splitCredit', () => {
  it('separates "(Name / Agency)", "Photo: Name" and "© Agency" credits', () => {
    expect(splitCredit('Fighters on parade (Yasser al-Khodr/ Reuters)')).toEqual({
      caption: 'Fighters on parade',
      credit: 'Yasser al-Khodr/ Reuters',
    });
    expect(splitCredit('The bridge at dawn. Photo: Sam Lee')).toEqual({
      caption: 'The bridge at dawn.',
      credit: 'Sam Lee',
    });
    expect(splitCredit('Ruins of the old town © AFP')).toEqual({
      caption: 'Ruins of the old town',
      credit: 'AFP',
    });
    expect(splitCredit('A quiet street (in spring)')).toEqual({
      caption: 'A quiet street (in spring)',
      credit: null,
    });
  });
});

describe('parseHtml main content', () => {
  const chrome = `
    <header><a href="/">Site</a><nav><a href="/news">News</a><a href="/sport">Sport</a></nav></header>
    <div class="cookie-notice">We use cookies to give you the best experience on our website, by continuing you agree.</div>`;

  it('keeps body paragraphs and drops navigation, share bars, comments, forms, scripts and footers', () => {
    const html = page(
      '<style>p{color:red}</style>',
      `${chrome}<main><article>${body}
        <div class="social-share"><a href="https://facebook.com/share">Share on Facebook, Twitter, and more places you like</a></div>
        <script>var x = "Paragraph from a script, with commas, that must not appear";</script>
        <form><p>Sign in to comment on this story, it only takes a moment, really.</p><input></form>
       </article>
       <section class="comments"><p>A long comment by a reader who disagrees with everything, strongly, loudly and at length.</p></section>
       </main><footer><p>© Site, all rights reserved, since 1999, in every country of the world.</p></footer>`,
    );
    const paragraphs = texts(html);
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs.join(' ')).not.toMatch(/cookies|Share on|script|Sign in|reader|rights reserved/);
  });

  it('turns a related block into related blocks and links, and never into body text', () => {
    const html = page(
      '',
      `<article><div class="entry-content">${body}</div>
        <div class="related-posts"><h3>Related</h3><ul>
          <li><a href="/a"><img src="/a.jpg"></a><a href="/a">First related story</a></li>
          <li><a href="/b">Second related story</a></li></ul></div></article>`,
    );
    const doc = parse(html, 'https://example.org/story');
    expect(doc.blocks.filter((b) => b.type === 'related').map((b) => b.text)).toEqual([
      'First related story',
      'Second related story',
    ]);
    expect(doc.links.filter((l) => l.kind === 'related').map((l) => [l.text, l.href])).toEqual([
      ['First related story', '/a'],
      ['Second related story', '/b'],
    ]);
    expect(texts(html).join(' ')).not.toContain('related story');
  });

  it('reads "اقرأ أيضًا:" and "Read also:" paragraphs as related references', () => {
    const html = page(
      '',
      `<article>${body}<p>اقرأ أيضًا: <a href="/x">حلب وتدمر</a></p><p>Read also: Storm season begins early</p></article>`,
    );
    const doc = parse(html);
    expect(doc.blocks.filter((b) => b.type === 'related').map((b) => b.text)).toEqual([
      'حلب وتدمر',
      'Storm season begins early',
    ]);
    expect(doc.links.map((l) => [l.kind, l.text, l.href])).toEqual([
      ['related', 'حلب وتدمر', '/x'],
      ['related', 'Storm season begins early', null],
    ]);
  });

  it('keeps figures as images with caption and credit, and captions out of body text', () => {
    const html = page(
      '',
      `<article><figure><img data-src="/img/a.jpg" src="data:image/gif;base64,R0lGOD"><figcaption>Fighters on parade (Yasser al-Khodr/ Reuters)</figcaption></figure>${body}</article>`,
    );
    const doc = parse(html, 'https://example.org/news/1');
    expect(doc.images).toEqual([
      {
        url: 'https://example.org/img/a.jpg',
        caption: 'Fighters on parade',
        credit: 'Yasser al-Khodr/ Reuters',
      },
    ]);
    expect(doc.blocks.filter((b) => b.type === 'caption').map((b) => b.text)).toEqual(['Fighters on parade']);
    expect(texts(html).join(' ')).not.toContain('Fighters');
  });

  it('puts the og:image first as the lead image', () => {
    const html = page(
      '<meta property="og:image" content="https://example.org/lead.jpg">',
      `<article>${body}</article>`,
    );
    expect(parse(html).images[0]).toEqual({
      url: 'https://example.org/lead.jpg',
      caption: null,
      credit: null,
    });
  });

  it('marks pull quotes as highlights, and keeps list items and headings of the article', () => {
    const html = page(
      '',
      `<article>${body}<h2>What happens next</h2><ul><li>The road reopens on Monday morning for all traffic.</li><li>Buses return to their usual routes the same day.</li></ul><aside class="pullquote">A huge relief for everyone</aside></article>`,
    );
    const doc = parse(html);
    expect(doc.blocks.filter((b) => b.type === 'heading').map((b) => b.text)).toEqual(['What happens next']);
    expect(doc.blocks.filter((b) => b.type === 'highlight').map((b) => b.text)).toEqual([
      'A huge relief for everyone',
    ]);
    expect(texts(html)).toContain('Buses return to their usual routes the same day.');
  });

  it('splits <br><br> runs into separate paragraphs', () => {
    const html = page(
      '',
      `<div class="content">${'A first line of text that goes on for quite a while, with commas, like prose. '.repeat(3)}<br><br>${'A second paragraph of text after a double break, with commas, and more. '.repeat(3)}</div>`,
    );
    expect(texts(html)).toHaveLength(2);
  });

  it('keeps raw hrefs with rel tokens and skips javascript: and #fragment links', () => {
    const html = page(
      '',
      `<article>${body}<p>See <a href="/page?utm_source=x" rel="nofollow sponsored">the page</a>, <a href="#top">top</a>, <a href="javascript:void(0)">print</a> and <a href="mailto:a@b.org">mail</a> for more, with details.</p></article>`,
    );
    expect(parse(html).links).toEqual([
      { kind: 'inline', text: 'the page', href: '/page?utm_source=x', rel: ['nofollow', 'sponsored'] },
      { kind: 'email', text: 'mail', href: 'mailto:a@b.org', rel: [] },
    ]);
  });

  it('gives no paragraphs for a page of nothing but navigation', () => {
    const html = page(
      '',
      `<nav>${Array.from({ length: 30 }, (_, i) => `<a href="/s/${i}">Section number ${i} of the site</a>`).join(' ')}</nav><footer><a href="/about">About us and our long history as a company</a></footer>`,
    );
    expect(texts(html)).toEqual([]);
  });

  it('reads every paragraph of a bare HTML fragment with no <html> or <body>', () => {
    const fragment = [1, 2, 3].map(paragraph).join('');
    expect(texts(fragment)).toHaveLength(3);
    const mixed = `${paragraph(1)}<div>${paragraph(2)}</div>${paragraph(3)}${paragraph(4)}`;
    expect(texts(mixed)).toHaveLength(4);
  });
});
