/**
 * The core's text primitives on realistic and hostile input: dates, URL normalization, text links,
 * link building and language detection. Baselines are the nearest built-in or library call doing
 * less work (`Date.parse`, `new URL().href`, a bare linkify-it scan), run in the same process.
 */
import { readFile } from 'node:fs/promises';
import { LinkifyIt } from 'linkify-it';
import { findDate, parseDate } from '../../lib/article/dates/dates.js';
import { buildLinks, findTextLinks } from '../../lib/article/extract-links.js';
import { detectLanguage } from '../../lib/article/language.js';
import { normalizeUrl } from '../../lib/article/normalize-url.js';
import type { RawLink } from '../../lib/article/parsed-document.js';
import { type BenchRow, medianMs } from './bench-kit.js';

/** The seed article, in `../shared` beside the repository (as CI lays it out). */
const SEED = new URL('../../../shared/seed/seed-article.txt', import.meta.url);
const SUITE = 'core-primitives';

const DATE_INPUTS: readonly string[] = [
  '22-مايو-2017',
  '١٤-تشرين الأول-٢٠١٩',
  '2017-05-22T10:30:00.123+03:00',
  'Mon, 22 May 2017 10:30:00 GMT',
  'الاثنين 22 مايو 2017',
  '14 تشرين الأول/أكتوبر 2019',
  '۱۴۰۲/۰۵/۱۲',
  'Monday, May 22nd, 2017',
  '22/5/2017',
  'not a date at all',
];

const URLS: readonly string[] = Array.from(
  { length: 1000 },
  (_, i) =>
    `HTTPS://WWW.Example${i % 37}.com:443/news/${i}/%7euser/تقرير?utm_source=x&b=${i}&a=1&fbclid=${i}#frag`,
);

function perCallMicroseconds(batchMs: number, calls: number): number {
  return (batchMs * 1000) / calls;
}

export async function bench(): Promise<BenchRow[]> {
  const seed = await readFile(SEED, 'utf8');
  const rows: BenchRow[] = [];

  const parseMs = await medianMs(() => DATE_INPUTS.map(parseDate), 2000);
  const dateParseMs = await medianMs(() => DATE_INPUTS.map((input) => Date.parse(input)), 2000);
  rows.push({
    suite: SUITE,
    metric: 'parseDate, per call (mixed forms)',
    value: perCallMicroseconds(parseMs, DATE_INPUTS.length),
    unit: 'µs',
    baseline: { name: 'Date.parse', value: perCallMicroseconds(dateParseMs, DATE_INPUTS.length) },
    target: '< 20 µs',
    met: perCallMicroseconds(parseMs, DATE_INPUTS.length) < 20,
  });

  const seedLines = seed.split('\n');
  const findSeedMs = await medianMs(() => seedLines.map(findDate), 500);
  rows.push({ suite: SUITE, metric: 'findDate over every seed line', value: findSeedMs, unit: 'ms' });

  const hugeLine = `${'عادت للواجهة مرة أخرى الأحاديث عن اتفاق بين 12 عنصرا '.repeat(55_000)}22 مايو 2017`;
  const hugeMs = await medianMs(() => findDate(hugeLine), 5, 1);
  rows.push({
    suite: SUITE,
    metric: `findDate, ${(hugeLine.length / 1e6).toFixed(1)} M-char line, date at the end`,
    value: hugeMs,
    unit: 'ms',
    target: '< 500 ms',
    met: hugeMs < 500,
  });
  const denseYears = 'في عام 2017 قتل 12 شخصا '.repeat(120_000);
  const denseMs = await medianMs(() => findDate(denseYears), 3, 1);
  rows.push({
    suite: SUITE,
    metric: `findDate, ${(denseYears.length / 1e6).toFixed(1)} M-char line, a year every 24 chars`,
    value: denseMs,
    unit: 'ms',
  });

  const normalizeMs = await medianMs(() => URLS.map(normalizeUrl), 200);
  const whatwgMs = await medianMs(() => URLS.map((url) => new URL(url).href), 200);
  rows.push({
    suite: SUITE,
    metric: 'normalizeUrl, per URL',
    value: perCallMicroseconds(normalizeMs, URLS.length),
    unit: 'µs',
    baseline: { name: 'new URL().href', value: perCallMicroseconds(whatwgMs, URLS.length) },
  });

  const linkText = `${seed}\n${URLS.slice(0, 50)
    .map((url, i) => `المصدر (${url})، والبريد info${i}@example.org.`)
    .join('\n')}`;
  const linkify = new LinkifyIt({ fuzzyLink: true });
  const linksMs = await medianMs(() => findTextLinks(linkText), 200);
  const linkifyMs = await medianMs(() => linkify.match(linkText), 200);
  rows.push({
    suite: SUITE,
    metric: 'findTextLinks, seed + 50 URLs and e-mails',
    value: linksMs,
    unit: 'ms',
    baseline: { name: 'linkify-it match', value: linkifyMs },
  });

  const raw: RawLink[] = Array.from({ length: 100_000 }, (_, i) => ({
    kind: 'inline',
    text: `t${i}`,
    href: `/p${i % 20_000}?utm_source=x`,
    rel: ['nofollow'],
  }));
  const buildMs = await medianMs(
    () => buildLinks(raw, { baseUrl: 'https://example.org/a', siteUrl: 'https://example.org/' }),
    5,
    1,
  );
  const perLink = perCallMicroseconds(buildMs, raw.length);
  rows.push({
    suite: SUITE,
    metric: 'buildLinks, per raw link (100,000 links, 20,000 targets)',
    value: perLink,
    unit: 'µs',
    target: '< 20 µs (on a shared, loaded machine)',
    met: perLink < 20,
  });

  const languageMs = await medianMs(() => detectLanguage(seed, null), 200);
  rows.push({ suite: SUITE, metric: 'detectLanguage, seed article', value: languageMs, unit: 'ms' });

  return rows;
}
