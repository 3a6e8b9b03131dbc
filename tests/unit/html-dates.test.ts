import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { choosePublished } from '../../lib/article/html/published-date.js';
import { publishedDateInLine } from '../../lib/article/html/visible-date.js';
import { articlePage as page } from '../support/html-fixtures.js';

const dateOf = (html: string, url: string | null = null): string | null =>
  parseHtml(html, { sourceUrl: url }).publishedAt;

describe('choosePublished', () => {
  const none = { declared: null, visible: null, inTitle: null, url: null };

  it('takes the local day the URL or the page shows for a UTC instant one day off', () => {
    // 01:09 UTC on the 9th is the evening of the 8th in the Americas.
    expect(choosePublished({ ...none, declared: '2023-11-09T01:09:55Z', url: '2023-11-08' })).toBe(
      '2023-11-08',
    );
    // 23:00 UTC on the 4th is midnight of the 5th in Central Europe.
    expect(choosePublished({ ...none, declared: '2021-11-04T23:00:00Z', visible: '2021-11-05' })).toBe(
      '2021-11-05',
    );
  });

  it('keeps the declared instant when no real time zone gives the other day', () => {
    // 13:43 UTC is the 7th everywhere from −10:00 to +10:00.
    expect(choosePublished({ ...none, declared: '2022-05-07T13:43:46Z', url: '2022-05-06' })).toBe(
      '2022-05-07T13:43:46Z',
    );
    // An instant with its own offset already says the site's day.
    expect(choosePublished({ ...none, declared: '2020-02-19T18:37:32+01:00', url: '2020-02-18' })).toBe(
      '2020-02-19T18:37:32+01:00',
    );
  });

  it('prefers the declared date, then the URL path (as htmldate does), then the visible one, the title', () => {
    expect(
      choosePublished({ declared: '2020-01-02', visible: '2020-03-04', inTitle: null, url: '2020-05-06' }),
    ).toBe('2020-01-02');
    // A date near the headline may be the event's ("Results, 19.5.2007"); the URL's is the post's.
    expect(choosePublished({ ...none, visible: '2020-03-04', url: '2020-05-06' })).toBe('2020-05-06');
    expect(choosePublished({ ...none, inTitle: '2020-03-04', url: '2020-05-06' })).toBe('2020-05-06');
    expect(choosePublished({ ...none, visible: '2020-03-04', inTitle: '2020-05-06' })).toBe('2020-03-04');
    expect(choosePublished({ ...none, url: '2020-05-06' })).toBe('2020-05-06');
  });

  it('rejects dates before the web had news sites (a birth date in a biography)', () => {
    expect(choosePublished({ ...none, declared: '1975-01-28', url: '2020-02-14' })).toBe('2020-02-14');
    expect(choosePublished({ ...none, visible: '1990-05-01' })).toBeNull();
  });
});

describe('publishedDateInLine', () => {
  it('prefers the published date when "last updated" comes first', () => {
    expect(publishedDateInLine('Last updated: 12 May 2023 · Published: 10 May 2023')).toBe('2023-05-10');
    expect(publishedDateInLine('آخر تحديث: 12 مايو 2023 - نشر في: 10 مايو 2023')).toBe('2023-05-10');
    expect(publishedDateInLine('به‌روزرسانی: ۱۴۰۲/۰۲/۲۲ - تاریخ انتشار: ۱۴۰۲/۰۲/۲۰')).toBe('2023-05-10');
    expect(publishedDateInLine('Aktualisiert am 12.05.2023, veröffentlicht am 10.05.2023')).toBe(
      '2023-05-10',
    );
  });

  it('takes the first unlabelled date, and an update date only when it is the only one', () => {
    expect(publishedDateInLine('10 May 2023 (updated 12 May 2023)')).toBe('2023-05-10');
    expect(publishedDateInLine('Aktualisiert: 30.12.2016')).toBe('2016-12-30');
    expect(publishedDateInLine('no date here')).toBeNull();
  });
});

describe('visible dates in HTML, both scripts', () => {
  it('reads the published date of a date line that starts with the update', () => {
    const en = page(
      '',
      '<h1>Storm hits the coast</h1><div class="meta">Updated 12 May 2023 · Published 10 May 2023</div>',
    );
    expect(dateOf(en)).toBe('2023-05-10');
    const ar = page(
      '',
      '<h1>عاصفة تضرب الساحل</h1><div class="post-date">آخر تحديث: 12 مايو 2023 | نشر في: 10 مايو 2023</div>',
      'ar',
    );
    expect(dateOf(ar)).toBe('2023-05-10');
  });

  it('reads Persian (Jalali) and Arabic-Indic dates shown under the headline', () => {
    const fa = page(
      '',
      '<h1>توفان به ساحل رسید</h1><span class="news-time">تاریخ انتشار: ۲۰ اردیبهشت ۱۴۰۲</span>',
      'ar',
    );
    expect(dateOf(fa)).toBe('2023-05-10');
    const ar = page('', '<h1>عاصفة تضرب الساحل</h1><span class="date">١٠ مايو ٢٠٢٣</span>', 'ar');
    expect(dateOf(ar)).toBe('2023-05-10');
  });

  it('takes the URL day over a UTC stamp of the next morning', () => {
    const html = page(
      '<meta property="article:published_time" content="2023-11-09T01:09:55Z">',
      '<h1>Storm hits the coast</h1>',
    );
    expect(dateOf(html, 'https://news.example.org/2023/11/08/storm-hits-the-coast/')).toBe('2023-11-08');
    expect(dateOf(html, 'https://news.example.org/storm-hits-the-coast/')).toBe('2023-11-09T01:09:55Z');
  });

  it('reads a dateline that opens the first paragraph, never a date further in', () => {
    const long =
      ' The council met on Monday to discuss the harbour, the new lanes and the cost of both projects for the city.'.repeat(
        3,
      );
    const en = `<!doctype html><html><body><article><h1>Storm hits the coast</h1><p>BERLIN, 01.02.2022 – ${long}</p></article></body></html>`;
    expect(dateOf(en)).toBe('2022-02-01');
    const ar = `<!doctype html><html lang="ar"><body><article><h1>عاصفة تضرب الساحل</h1><p>القاهرة، 10 مايو 2023 - ${'اجتمع المجلس البلدي يوم الاثنين لمناقشة مشروع الميناء الجديد وتكلفته على المدينة وسكانها. '.repeat(4)}</p></article></body></html>`;
    expect(dateOf(ar)).toBe('2023-05-10');
    const later = `<!doctype html><html><body><article><h1>Storm hits the coast</h1><p>${long} It was first planned on 01.02.2022.</p></article></body></html>`;
    expect(dateOf(later)).toBeNull();
  });

  it('reads a date labelled as the publication anywhere when the header shows none', () => {
    const en = page('', '<h1>Storm hits the coast</h1>').replace(
      '</article>',
      '</article><p class="small">Last change: 31.10.2023 · First published: 01.11.2023</p>',
    );
    expect(dateOf(en)).toBe('2023-11-01');
    const ar = page('', '<h1>عاصفة تضرب الساحل</h1>', 'ar').replace(
      '</article>',
      '</article><p class="small">تاريخ النشر: 01-11-2023</p>',
    );
    expect(dateOf(ar)).toBe('2023-11-01');
  });
});
