import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLinks, findTextLinks } from '../../lib/article/extract-links.js';
import type { RawLink } from '../../lib/article/parsed-document.js';

const notLinks = readFileSync(new URL('../fixtures/not-links.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '');

describe('findTextLinks', () => {
  it.each([
    ['(انظر https://example.org/a).', 'https://example.org/a', 'https://example.org/a'],
    ['https://example.org/تقرير وهنا', 'https://example.org/تقرير', 'https://example.org/تقرير'],
    [
      'المصدر https://example.org/a/تقرير-جديد، ثم',
      'https://example.org/a/تقرير-جديد',
      'https://example.org/a/تقرير-جديد',
    ],
    ['https://example.comوهذا', 'https://example.com', 'https://example.com'],
    ['https://example.org/aوهذا نص', 'https://example.org/a', 'https://example.org/a'],
    ['زوروا www.example.com، ثم', 'www.example.com', 'https://www.example.com'],
    ['ونشرwww.example.com', 'www.example.com', 'https://www.example.com'],
    ['see example.com/path?x=1.', 'example.com/path?x=1', 'https://example.com/path?x=1'],
    ['«https://example.org/x»', 'https://example.org/x', 'https://example.org/x'],
    ['“https://example.org/x”.', 'https://example.org/x', 'https://example.org/x'],
    ['[https://example.org/x]', 'https://example.org/x', 'https://example.org/x'],
    ['see https://example.org/a... then', 'https://example.org/a', 'https://example.org/a'],
    ['هل رأيت https://example.org/a؟', 'https://example.org/a', 'https://example.org/a'],
    ['المصدر: https://example.org/a؛ والمصدر', 'https://example.org/a', 'https://example.org/a'],
    [
      'https://ar.wikipedia.org/wiki/سوريا_(توضيح)',
      'https://ar.wikipedia.org/wiki/سوريا_(توضيح)',
      'https://ar.wikipedia.org/wiki/سوريا_(توضيح)',
    ],
    [
      'http://example.org:8080/a?b=1&c=2#d',
      'http://example.org:8080/a?b=1&c=2#d',
      'http://example.org:8080/a?b=1&c=2#d',
    ],
    ['ftp://files.example.org/a.zip', 'ftp://files.example.org/a.zip', 'ftp://files.example.org/a.zip'],
    ['lemonde.fr', 'lemonde.fr', 'https://lemonde.fr'],
    ['see <https://example.org/a>.', 'https://example.org/a', 'https://example.org/a'],
    ['[نص](https://example.org/a)', 'https://example.org/a', 'https://example.org/a'],
    ["it's at 'https://example.org/a'.", 'https://example.org/a', 'https://example.org/a'],
    ['https://example.org/a،ثم', 'https://example.org/a', 'https://example.org/a'],
    ['انظر:https://example.org/a', 'https://example.org/a', 'https://example.org/a'],
    ['https://example.org/a_(b)_c).', 'https://example.org/a_(b)_c', 'https://example.org/a_(b)_c'],
    ['http://localhost:3000/x', 'http://localhost:3000/x', 'http://localhost:3000/x'],
    [
      'https://example.org/search?q=سوريا&x=1،',
      'https://example.org/search?q=سوريا&x=1',
      'https://example.org/search?q=سوريا&x=1',
    ],
    ['www.README.md', 'www.README.md', 'https://www.README.md'],
  ])('finds the URL in %j', (text, written, href) => {
    expect(findTextLinks(text)).toEqual([{ kind: 'inline', text: written, href, rel: [] }]);
  });

  it.each([
    ['email me: John@Example.COM.', 'John@Example.COM', 'mailto:John@Example.COM'],
    ['راسلونا على ali@example.org؛ شكرا', 'ali@example.org', 'mailto:ali@example.org'],
    ['mailto:ali@example.com!', 'mailto:ali@example.com', 'mailto:ali@example.com'],
  ])('finds the e-mail address in %j', (text, written, href) => {
    expect(findTextLinks(text)).toEqual([{ kind: 'email', text: written, href, rel: [] }]);
  });

  it('finds every link in order', () => {
    const links = findTextLinks('أولا https://a.example.org/1 ثم www.b.example.org وأخيرا c@example.org.');
    expect(links.map((link) => link.href)).toEqual([
      'https://a.example.org/1',
      'https://www.b.example.org',
      'mailto:c@example.org',
    ]);
  });

  it.each(notLinks)('finds no link in %j', (line) => {
    expect(findTextLinks(line)).toEqual([]);
  });

  it('finds nothing in the seed article, which has no URLs', () => {
    const seed = readFileSync(new URL('../../../shared/seed/seed-article.txt', import.meta.url), 'utf8');
    expect(findTextLinks(seed)).toEqual([]);
  });

  it('finds the URLs and e-mail next to Arabic punctuation in the fixture article', () => {
    const source = readFileSync(
      new URL('../fixtures/articles/text-urls-arabic-punctuation/source.txt', import.meta.url),
      'utf8',
    );
    expect(findTextLinks(source).map((link) => [link.kind, link.href])).toEqual([
      ['inline', 'https://moh.example.gov/news/2020/03/05'],
      ['email', 'mailto:info@moh.example.gov'],
      ['inline', 'https://www.example.org/moh-page'],
      ['inline', 'https://example.org/fact-check'],
      ['inline', 'https://example.org/sources'],
    ]);
  });
});

const context = { baseUrl: 'https://example.org/news/1', siteUrl: 'https://example.org/' } as const;
const raw = (link: Partial<RawLink> & Pick<RawLink, 'href'>): RawLink => ({
  kind: 'inline',
  text: '',
  rel: [],
  ...link,
});

describe('buildLinks', () => {
  it('resolves, normalizes and judges a link', () => {
    expect(
      buildLinks([raw({ text: 'A', href: '/a?utm_source=x&b=1#top', rel: ['NoFollow'] })], context),
    ).toEqual([
      {
        kind: 'inline',
        text: 'A',
        url: 'https://example.org/a?utm_source=x&b=1#top',
        normalizedUrl: 'https://example.org/a?b=1',
        domain: 'example.org',
        external: false,
        rel: ['nofollow'],
        targetArticleId: null,
      },
    ]);
  });

  it('marks links to other sites as external and links to subdomains as internal', () => {
    const links = buildLinks(
      [raw({ href: 'https://www.bbc.co.uk/news' }), raw({ href: 'https://blog.example.org/x' })],
      context,
    );
    expect(links.map((link) => [link.domain, link.external])).toEqual([
      ['bbc.co.uk', true],
      ['example.org', false],
    ]);
  });

  it('leaves external null when the site is unknown or the URL is not http(s)', () => {
    const links = buildLinks(
      [raw({ href: 'https://other.org/a' }), raw({ kind: 'email', href: 'mailto:Ali@Example.org' })],
      { baseUrl: null, siteUrl: null },
    );
    expect(links.map((link) => link.external)).toEqual([null, null]);
    const email = buildLinks([raw({ kind: 'email', href: 'mailto:Ali@Example.org' })], context)[0];
    expect(email).toMatchObject({ kind: 'email', normalizedUrl: 'mailto:ali@example.org', external: null });
  });

  it('drops javascript:, same-page fragments, empty and unresolvable hrefs', () => {
    const links = buildLinks(
      [
        raw({ href: 'javascript:void(0)' }),
        raw({ href: '#comments' }),
        raw({ href: 'https://example.org/news/1#top' }),
        raw({ href: '' }),
        raw({ href: 'data:text/html,x' }),
        raw({ href: 'https://ok.example.net/' }),
      ],
      context,
    );
    expect(links.map((link) => link.url)).toEqual(['https://ok.example.net/']);
    expect(buildLinks([raw({ href: 'relative/path' })], { baseUrl: null, siteUrl: null })).toEqual([]);
  });

  it('keeps one entry per target at its first position, merging rel and filling an empty text', () => {
    const links = buildLinks(
      [
        raw({ kind: 'image', text: '', href: 'https://x.org/a', rel: ['nofollow'] }),
        raw({ text: 'B', href: 'https://y.org/' }),
        raw({ text: 'A', href: 'HTTPS://X.ORG/a?utm_medium=m#frag', rel: ['Sponsored', 'nofollow'] }),
        raw({ text: 'A again', href: 'https://x.org/a' }),
      ],
      context,
    );
    expect(links.map((link) => [link.kind, link.text, link.normalizedUrl, link.rel])).toEqual([
      ['image', 'A', 'https://x.org/a', ['nofollow', 'sponsored']],
      ['inline', 'B', 'https://y.org/', []],
    ]);
  });

  it('de-duplicates references without a URL by their matching key', () => {
    const links = buildLinks(
      [
        raw({ kind: 'related', text: 'حلب وتدمر.. حسابات داعش', href: null }),
        raw({ kind: 'related', text: 'حلب وتدمر..حسابات  داعش', href: null }),
        raw({ kind: 'related', text: 'لأجل من قُتلت سوريا؟', href: null }),
        raw({ kind: 'related', text: '  ', href: null }),
      ],
      context,
    );
    expect(links.map((link) => [link.text, link.url, link.domain, link.external])).toEqual([
      ['حلب وتدمر.. حسابات داعش', null, null, null],
      ['لأجل من قُتلت سوريا؟', null, null, null],
    ]);
  });

  it('splits, lower-cases and de-duplicates rel tokens', () => {
    const [link] = buildLinks([raw({ href: 'https://x.org/', rel: ['NoFollow  UGC', 'ugc', ''] })], context);
    expect(link?.rel).toEqual(['nofollow', 'ugc']);
  });

  it('folds white space in link text but keeps its characters', () => {
    const [link] = buildLinks([raw({ text: '  أُلغِيَ\n الاتفاق ', href: 'https://x.org/' })], context);
    expect(link?.text).toBe('أُلغِيَ الاتفاق');
  });

  it('handles 100,000 links with many duplicates', () => {
    const many = Array.from({ length: 100_000 }, (_, i) =>
      raw({ text: `t${i}`, href: `https://x.org/p${i % 5000}` }),
    );
    const links = buildLinks(many, context);
    expect(links).toHaveLength(5000);
    expect(links[4999]?.text).toBe('t4999');
  });
});
