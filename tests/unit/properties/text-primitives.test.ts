import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeForMatching } from '../../../lib/article/arabic.js';
import { findDate, isDateLine, parseDate } from '../../../lib/article/dates/dates.js';
import { buildLinks, findTextLinks } from '../../../lib/article/extract-links.js';
import { normalizeUrl } from '../../../lib/article/normalize-url.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2}))?$/u;

/** Checks an ISO string names a real day (and time), independently of the parser. */
function isRealDate(iso: string): boolean {
  const match = ISO_DATE.exec(iso);
  if (match === null) return false;
  const [, y, m, d, hh = '00', mm = '00', ss = '00'] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), Number(hh), Number(mm), Number(ss)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d) &&
    date.getUTCHours() === Number(hh) &&
    Number(y) >= 1900 &&
    Number(y) <= 2100
  );
}

const monthNames = [
  'مايو',
  'أيار',
  'تشرين الأول',
  'February',
  'فبراير',
  'شباط',
  'Feb',
  'mai',
  'اسفند',
  'مرداد',
];
const dateLike = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 14 }),
      fc.integer({ min: 1290, max: 2200 }),
    )
    .chain(([d, m, y]) =>
      fc.constantFrom(
        `${d}/${m}/${y}`,
        `${y}-${m}-${d}`,
        `${d}.${m}.${y}`,
        `${y}/${m}/${d}`,
        `${m}/${d}/${y}`,
      ),
    ),
  fc
    .tuple(
      fc.integer({ min: 0, max: 40 }),
      fc.constantFrom(...monthNames),
      fc.integer({ min: 1290, max: 2200 }),
    )
    .map(([d, m, y]) => `${d} ${m} ${y}`),
  fc
    .tuple(
      fc.date({ min: new Date('1890-01-01'), max: new Date('2110-01-01'), noInvalidDate: true }),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 70 }),
    )
    .map(([date, h, min]) => `${date.toISOString().slice(0, 10)}T${h}:${min}:00+0${h % 10}:00`),
  fc.string(),
  fc.string({ unit: fc.constantFrom(...'0123456789٠١٢٣۱۲/-.: ,،مايوTZ+'.split('')) }),
);

/** Strings assembled from date fragments: near-misses of every supported form. */
const dateFragments = fc
  .array(
    fc.constantFrom(
      ...['22', '5', '2017', '1438', '1402', '۱۴۰۲', '٢٢', '31', '12', '0', ' ', '-', '/', '.', ',', '،'],
      ...['مايو', 'أيار', 'تشرين', 'الأول', 'شعبان', 'هـ', 'م', 'T', 'Z', '+', ':', '10', '30', '00', 'PM'],
      ...['a', '.m.', 'GMT', 'الاثنين', 'Monday', 'May', 'of', 'de', 'le', '1er', 'nd', '(', ')', 'الموافق'],
      ...['年', '月', '日', 'x', '\u200f', '|', 'يوم', 'الساعة'],
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

describe('date properties', () => {
  it('findDate and isDateLine agree with parseDate on strings of date fragments', () => {
    fc.assert(
      fc.property(dateFragments, (text) => {
        const iso = parseDate(text);
        expect(iso === null || isRealDate(iso)).toBe(true);
        if (iso !== null) {
          expect(isDateLine(text)).toBe(true);
          expect(findDate(text)?.iso).toBe(iso);
        }
        const found = findDate(text);
        if (found !== null)
          expect(parseDate(text.slice(found.index, found.index + found.length))).toBe(found.iso);
      }),
      { numRuns: 5000 },
    );
  });

  it('parseDate never throws and never returns an impossible date', () => {
    fc.assert(
      fc.property(dateLike, (input) => {
        const iso = parseDate(input);
        expect(iso === null || isRealDate(iso)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('findDate never throws, and what it finds is inside the text and parses to the same date', () => {
    fc.assert(
      fc.property(fc.string(), dateLike, fc.string(), (before, date, after) => {
        const text = `${before} ${date} ${after}`;
        const found = findDate(text);
        if (found === null) return;
        expect(isRealDate(found.iso)).toBe(true);
        expect(found.index + found.length).toBeLessThanOrEqual(text.length);
        expect(parseDate(text.slice(found.index, found.index + found.length))).toBe(found.iso);
      }),
      { numRuns: 2000 },
    );
  });

  it('every date parseDate accepts is a date line', () => {
    fc.assert(
      fc.property(dateLike, (input) => {
        if (parseDate(input) !== null) expect(isDateLine(input)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads every real day of 1900–2100 written day-first with an Arabic month name', () => {
    const names = [
      'يناير',
      'فبراير',
      'مارس',
      'أبريل',
      'مايو',
      'يونيو',
      'يوليو',
      'أغسطس',
      'سبتمبر',
      'أكتوبر',
      'نوفمبر',
      'ديسمبر',
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          const text = `${date.getUTCDate()}-${names[date.getUTCMonth()]}-${date.getUTCFullYear()}`;
          expect(parseDate(text)).toBe(iso);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

const webUrl = fc.oneof(
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.webUrl({ validSchemes: ['http', 'https', 'ftp'], withFragments: true, withQueryParameters: true }),
  fc
    .tuple(
      fc.webUrl(),
      fc.array(fc.tuple(fc.constantFrom('utm_source', 'a', 'B', 'fbclid', '%7e', 'q'), fc.string())),
    )
    .map(([url, params]) => `${url}?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`),
  fc.string().map((s) => `https://example.org/${s}`),
);

describe('URL properties', () => {
  it('normalizeUrl normalizes every web URL, idempotently', () => {
    fc.assert(
      fc.property(webUrl, (url) => {
        const once = normalizeUrl(url);
        expect(once).not.toBeNull();
        expect(normalizeUrl(once ?? '')).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('normalizeUrl never throws on any string, and a normalized URL normalizes to itself', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string().map((s) => `mailto:${s}`),
          fc.string(),
        ),
        (text) => {
          // Most of these are no URL (null); the idempotence of real URLs is the property above.
          const once = normalizeUrl(text);
          expect(normalizeUrl(once ?? text)).toBe(once);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('normalizeUrl is idempotent on adversarial escapes, dot segments and schemes', () => {
    const head = fc.constantFrom(
      'https://Example.org/',
      'http://a.b:80/',
      'ftp://x.y/',
      'tel:',
      'urn:a:',
      'mailto:',
      'file:///',
      'https://a.b./',
    );
    const segment = fc.constantFrom(
      ...['%2e', '%2E%2e', '..', '.', '%7E', '%41', 'تقرير', '%zz', '%', 'a b', '?', '#', '%3F', '%23'],
      ...['%2F', '&', '=', 'utm_source=1', '+', '%20', '%00', '[', '@', ':', 'A', '%25', ',', ' ', 'É'],
    );
    const joiner = fc.constantFrom('/', '', '?', '&', '#', ',');
    fc.assert(
      fc.property(head, fc.array(segment, { maxLength: 12 }), joiner, (start, segments, join) => {
        const once = normalizeUrl(start + segments.join(join));
        // Every head is an absolute URL the parser accepts whatever follows it.
        expect(once).not.toBeNull();
        expect(normalizeUrl(once ?? '')).toBe(once);
      }),
      { numRuns: 5000 },
    );
  });

  it('normalizeUrl does not depend on fragment, parameter order or tracking parameters', () => {
    fc.assert(
      fc.property(fc.webUrl(), fc.string(), (url, fragment) => {
        const base = normalizeUrl(url);
        const noisy = `${url.split('#')[0]}${url.includes('?') ? '&' : '?'}utm_campaign=x#${encodeURIComponent(fragment)}`;
        expect(base).not.toBeNull();
        expect(normalizeUrl(noisy)).toBe(normalizeUrl(url.split('#')[0] ?? url));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('link properties', () => {
  it('findTextLinks never throws, and every link is text of the input with a resolvable href', () => {
    const textWithLinks = fc
      .array(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.constantFrom('،', '؛', '؟', '(', ')', '«', '»', 'وهذا', ' ', '.'),
        ),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(textWithLinks, (text) => {
        for (const link of findTextLinks(text)) {
          expect(text).toContain(link.text);
          expect(link.href === null || normalizeUrl(link.href) !== null).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('buildLinks keeps one entry per normalized URL and per reference text', () => {
    const rawLinks = fc.array(
      fc.record({
        kind: fc.constantFrom('inline', 'related', 'image', 'email', 'mention' as const),
        text: fc.string(),
        href: fc.option(fc.oneof(fc.webUrl({ withFragments: true }), fc.string())),
        rel: fc.array(fc.string()),
      }),
    );
    fc.assert(
      fc.property(rawLinks, fc.option(fc.webUrl()), (raw, site) => {
        const links = buildLinks(raw, { baseUrl: site, siteUrl: site });
        const keys = links.map((link) => link.normalizedUrl ?? `text:${normalizeForMatching(link.text)}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 500 },
    );
  });
});
