import { describe, expect, it } from 'vitest';
import { cleanAuthors } from '../../lib/article/html/authors.js';
import { parseHtml } from '../../lib/article/html/parse-html.js';

const paragraphs = (lang: 'en' | 'ar' | 'fa'): string =>
  [1, 2, 3, 4]
    .map((n) =>
      lang === 'en'
        ? `<p>Paragraph ${n} of the story, with enough words, commas, and detail to read like real article text about the harbour and the council.</p>`
        : lang === 'ar'
          ? `<p>الفقرة ${n} من الخبر، وفيها ما يكفي من الكلمات والتفاصيل عن الميناء والمجلس البلدي والسكان الذين يعيشون بالقرب منه.</p>`
          : `<p>بند ${n} این گزارش، با واژه‌ها و جزئیات کافی درباره بندر و شورای شهر و مردمی که در نزدیکی آن زندگی می‌کنند.</p>`,
    )
    .join('');
const page = (head: string, article: string, lang: 'en' | 'ar' | 'fa' = 'en'): string =>
  `<!doctype html><html lang="${lang}"><head>${head}</head><body><article>${article}${paragraphs(lang)}</article></body></html>`;
const authorsOf = (html: string, url: string | null = null): readonly string[] =>
  parseHtml(html, { sourceUrl: url }).authors;

describe('authors', () => {
  it('reads a labelled byline line under the headline, in many languages', () => {
    expect(authorsOf(page('', '<h1>Storm hits the coast</h1><p>Von Claudia Lindner</p>'))).toEqual([
      'Claudia Lindner',
    ]);
    expect(authorsOf(page('', '<h1>عاصفة تضرب الساحل</h1><div>كتبت: سارة محمود</div>', 'ar'))).toEqual([
      'سارة محمود',
    ]);
    expect(authorsOf(page('', '<h1>عاصفة تضرب الساحل</h1><span>حوار - أحمد علي</span>', 'ar'))).toEqual([
      'أحمد علي',
    ]);
    expect(authorsOf(page('', '<h1>توفان به ساحل رسید</h1><div>گزارش: مریم احمدی</div>', 'fa'))).toEqual([
      'مریم احمدی',
    ]);
    expect(authorsOf(page('', '<h1>توفان به ساحل رسید</h1><div>خبرنگار: علی رضایی</div>', 'fa'))).toEqual([
      'علی رضایی',
    ]);
  });

  it('lets a visible byline beat a meta author that is the publisher or a social handle', () => {
    const head =
      '<meta property="og:site_name" content="Daily News | Local"><meta name="author" content="Daily News">';
    expect(authorsOf(page(head, '<h1>Storm hits the coast</h1><p>By Jane Doe</p>'))).toEqual(['Jane Doe']);
    const host = '<meta name="author" content="example.org">';
    expect(
      authorsOf(page(host, '<h1>Storm hits the coast</h1><p>By Jane Doe</p>'), 'https://www.example.org/a'),
    ).toEqual(['Jane Doe']);
    const handle = '<meta property="article:author" content="@DailyNews">';
    expect(authorsOf(page(handle, '<h1>Storm hits the coast</h1><p>By Jane Doe</p>'))).toEqual(['Jane Doe']);
    const ar = '<meta property="og:site_name" content="الموقع"><meta name="author" content="الموقع">';
    expect(authorsOf(page(ar, '<h1>عاصفة تضرب الساحل</h1><p>بقلم: أحمد علي</p>', 'ar'))).toEqual([
      'أحمد علي',
    ]);
  });

  it('keeps the publisher as author when no person signs (a blog signed by its site)', () => {
    const head =
      '<meta property="og:site_name" content="Zahlenzauberin"><meta name="author" content="Zahlenzauberin">';
    expect(authorsOf(page(head, '<h1>Storm hits the coast</h1>'))).toEqual(['Zahlenzauberin']);
  });

  it('keeps agency credits apart from people: a person wins, the agency only alone', () => {
    const head = '<meta name="author" content="AFP">';
    expect(authorsOf(page(head, '<h1>Storm hits the coast</h1><p>Par Sébastien Farcis</p>'))).toEqual([
      'Sébastien Farcis',
    ]);
    expect(authorsOf(page(head, '<h1>Storm hits the coast</h1>'))).toEqual(['AFP']);
    const ar = '<meta name="author" content="رويترز">';
    expect(authorsOf(page(ar, '<h1>عاصفة تضرب الساحل</h1><div>كتب: محمد حسن</div>', 'ar'))).toEqual([
      'محمد حسن',
    ]);
  });

  it('never takes a dateline or a photo credit for a name', () => {
    expect(cleanAuthors(['محمد علي - القاهرة'], null)).toEqual(['محمد علي']);
    expect(cleanAuthors(['كتب محمد علي (القاهرة - الموقع)'], null)).toEqual(['محمد علي']);
    expect(cleanAuthors(['Jane Doe - Berlin'], null)).toEqual(['Jane Doe']);
    expect(cleanAuthors(['Foto: Ingo Schneider'], null)).toEqual([]);
    expect(cleanAuthors(['تصوير: أحمد علي'], null)).toEqual([]);
    expect(cleanAuthors(['Artikel von'], null)).toEqual([]);
  });

  it('drops times, counters, doubled names and twice-escaped entities around a name', () => {
    expect(cleanAuthors(['Anna Dunst am Samstag'], null)).toEqual(['Anna Dunst']);
    expect(cleanAuthors(['Jane Doe 3 hours ago'], null)).toEqual(['Jane Doe']);
    expect(cleanAuthors(['Jane Doe, Anzahl der Kommentare: 0'], null)).toEqual(['Jane Doe']);
    expect(cleanAuthors(['Sara Zinnecker Sara Zinnecker'], null)).toEqual(['Sara Zinnecker']);
    expect(cleanAuthors(['Redacci&oacute;n Central'], null)).toEqual(['Redacción Central']);
    expect(cleanAuthors(['محمد&zwnj;رضا احمدی'], null)).toEqual(['محمد\u200cرضا احمدی']);
  });
});
