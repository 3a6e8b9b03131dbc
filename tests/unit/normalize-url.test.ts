import { describe, expect, it } from 'vitest';
import { normalizeUrl, resolveUrl } from '../../lib/article/normalize-url.js';
import { isSameSite, registrableDomain, siteKey } from '../../lib/article/site.js';

describe('resolveUrl', () => {
  it.each([
    ['../b?x=1#top', 'https://example.org/a/c', 'https://example.org/b?x=1#top'],
    ['/x', 'https://example.org/a/b', 'https://example.org/x'],
    ['//cdn.example.net/i.png', 'https://example.org/', 'https://cdn.example.net/i.png'],
    ['https://other.org/p', 'https://example.org/', 'https://other.org/p'],
    ['https://other.org/p', null, 'https://other.org/p'],
    ['  https://other.org/p  ', null, 'https://other.org/p'],
    ['mailto:ali@example.org', null, 'mailto:ali@example.org'],
    ['ftp://files.example.org/a', null, 'ftp://files.example.org/a'],
    ['تقرير', 'https://example.org/news/', 'https://example.org/news/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1'],
    ['https://example.org/a', 'https://example.org/a', 'https://example.org/a'],
    ['/a#part', 'https://example.org/b', 'https://example.org/a#part'],
  ])('resolves %j against %j', (href, base, expected) => {
    expect(resolveUrl(href, base)).toBe(expected);
  });

  it.each([
    ['javascript:void(0)', 'https://example.org/'],
    ['JavaScript:alert(1)', null],
    ['data:text/html,hi', null],
    ['vbscript:msgbox', null],
    ['', 'https://example.org/'],
    ['   ', null],
    ['#comments', 'https://example.org/a'],
    ['#', null],
    ['https://example.org/a#x', 'https://example.org/a'],
    ['?#x', 'https://example.org/a'],
    ['/relative', null],
    ['relative.html', null],
    ['http://exa mple.org/', null],
  ])('gives null for %j (base %j)', (href, base) => {
    expect(resolveUrl(href, base)).toBeNull();
  });
});

describe('normalizeUrl', () => {
  it.each([
    ['HTTPS://WWW.Example.COM/a', 'https://www.example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['http://example.com:8080/a', 'http://example.com:8080/a'],
    ['https://example.com/a#section', 'https://example.com/a'],
    ['https://example.com', 'https://example.com/'],
    ['https://example.com./a', 'https://example.com/a'],
    ['https://example.com/a/./b/../c', 'https://example.com/a/c'],
    ['https://example.com/?utm_source=x&utm_medium=y', 'https://example.com/'],
    ['https://example.com/a?b=2&a=1&a=0', 'https://example.com/a?a=0&a=1&b=2'],
    [
      'https://example.com/a?id=7&fbclid=1&gclid=2&msclkid=3&mc_cid=4&mc_eid=5&igshid=6&_ga=7&yclid=8&twclid=9&ref_src=10&dclid=11',
      'https://example.com/a?id=7',
    ],
    ['https://example.com/a?UTM_Campaign=x&q=1', 'https://example.com/a?q=1'],
    ['https://example.com/a?flag&q=1', 'https://example.com/a?flag&q=1'],
    ['https://example.com/%7euser/%d8%aa', 'https://example.com/~user/%D8%AA'],
    ['https://example.com/a%2fb', 'https://example.com/a%2Fb'],
    ['https://example.com/100%/a%zz', 'https://example.com/100%25/a%25zz'],
    ['mailto:Ali%40x@Example.org', 'mailto:ali%40x@example.org'],
    ['https://example.org/تقرير', 'https://example.org/%D8%AA%D9%82%D8%B1%D9%8A%D8%B1'],
    ['https://موقع.مصر/', 'https://xn--4gbrim.xn--wgbh1c/'],
    ['https://BÜCHER.de/', 'https://xn--bcher-kva.de/'],
    ['mailto:John.Doe@Example.COM?subject=Hi', 'mailto:john.doe@example.com'],
    ['MAILTO:a@X.org,b@Y.org', 'mailto:a@x.org,b@y.org'],
    ['ftp://Files.Example.org:21/a', 'ftp://files.example.org/a'],
  ])('normalizes %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it.each(['', 'not a url', '/relative/path', 'javascript:alert(1)', 'data:text/plain,x', 'http://'])(
    'gives null for %j',
    (input) => {
      expect(normalizeUrl(input)).toBeNull();
    },
  );

  it('gives equal keys to URLs that differ only in ways that do not change the target', () => {
    const variants = [
      'https://www.example.com/news/a?id=3&page=2',
      'HTTPS://WWW.EXAMPLE.COM:443/news/a?page=2&id=3#comments',
      'https://www.example.com/news/./a?utm_source=twitter&page=2&id=3&fbclid=abc',
    ];
    expect(new Set(variants.map(normalizeUrl)).size).toBe(1);
  });

  it('keeps www. and trailing slashes, which can name different resources', () => {
    expect(normalizeUrl('https://www.example.com/a/')).not.toBe(normalizeUrl('https://example.com/a'));
  });
});

describe('registrableDomain', () => {
  it.each([
    ['https://news.bbc.co.uk/x', 'bbc.co.uk'],
    ['https://www.example.org/', 'example.org'],
    ['https://a.b.example.com.eg/', 'example.com.eg'],
    ['https://user.github.io/repo', 'user.github.io'],
    ['https://xn--4gbrim.xn--wgbh1c/', 'xn--4gbrim.xn--wgbh1c'],
    ['mailto:ali@news.example.org', 'example.org'],
  ])('of %s is %s', (url, domain) => {
    expect(registrableDomain(url)).toBe(domain);
  });

  it.each(['http://127.0.0.1/x', 'http://[::1]/', 'http://localhost:3000/', 'mailto:nobody', 'nonsense'])(
    'is null for %s',
    (url) => {
      expect(registrableDomain(url)).toBeNull();
    },
  );
});

describe('isSameSite', () => {
  it.each([
    ['https://news.bbc.co.uk/a', 'https://www.bbc.co.uk/', true],
    ['http://example.org/a', 'https://example.org/', true],
    ['https://example.org.evil.com/', 'https://example.org/', false],
    ['https://other.org/', 'https://example.org/', false],
    ['https://a.github.io/', 'https://b.github.io/', false],
    ['http://127.0.0.1:3000/a', 'http://127.0.0.1/', true],
    ['http://127.0.0.1/a', 'http://127.0.0.2/', false],
    ['nonsense', 'https://example.org/', false],
  ])('%s and %s: %s', (url, site, expected) => {
    expect(isSameSite(url, site)).toBe(expected);
  });
});

describe('siteKey', () => {
  it.each([
    ['https://news.bbc.co.uk/a', 'bbc.co.uk'],
    ['http://127.0.0.1:3000/', '127.0.0.1'],
    ['http://localhost/', 'localhost'],
    ['mailto:ali@news.example.org', 'example.org'],
    ['nonsense', null],
    ['tel:+123', null],
  ])('of %s is %s', (url, key) => {
    expect(siteKey(url)).toBe(key);
  });
});
