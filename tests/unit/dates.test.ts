import { describe, expect, it } from 'vitest';
import { dateFromUrl, findDate, isDateLine, parseDate } from '../../lib/article/dates/dates.js';

describe('parseDate', () => {
  const dates: readonly (readonly [string, string])[] = [
    // ISO 8601
    ['2017-05-22', '2017-05-22'],
    ['2017-5-2', '2017-05-02'],
    ['2017/05/22', '2017-05-22'],
    ['2017.05.22', '2017-05-22'],
    ['2017-05-22T10:30:00Z', '2017-05-22T10:30:00+00:00'],
    ['2017-05-22T10:30:00.123+03:00', '2017-05-22T10:30:00+03:00'],
    ['2017-05-22T10:30:00-0430', '2017-05-22T10:30:00-04:30'],
    ['2017-05-22T10:30Z', '2017-05-22T10:30:00+00:00'],
    ['2017-05-22 10:30:00 +03:00', '2017-05-22T10:30:00+03:00'],
    // RFC 2822 and HTTP dates
    ['Mon, 22 May 2017 10:30:00 GMT', '2017-05-22T10:30:00+00:00'],
    ['Mon, 22 May 2017 10:30:00 +0300', '2017-05-22T10:30:00+03:00'],
    ['Mon, 22 May 2017 10:30:00 EDT', '2017-05-22T10:30:00-04:00'],
    ['Thu, 01 Jan 1970 00:00:00 GMT', '1970-01-01T00:00:00+00:00'],
    // Numeric, day first unless impossible
    ['22/5/2017', '2017-05-22'],
    ['22.05.2017', '2017-05-22'],
    ['22-05-2017', '2017-05-22'],
    ['05/06/2017', '2017-06-05'],
    ['5/22/2017', '2017-05-22'],
    ['22 / 05 / 2017', '2017-05-22'],
    // Egyptian month names
    ['22-مايو-2017', '2017-05-22'],
    ['22 مايو 2017', '2017-05-22'],
    ['الاثنين 22 مايو 2017', '2017-05-22'],
    ['الإثنين، 22 مايو، 2017', '2017-05-22'],
    ['يوم الاثنين 22 مايو 2017', '2017-05-22'],
    ['1 يناير 2017', '2017-01-01'],
    ['1 فبراير 2017', '2017-02-01'],
    ['1 مارس 2017', '2017-03-01'],
    ['1 أبريل 2017', '2017-04-01'],
    ['1 ابريل 2017', '2017-04-01'],
    ['1 إبريل 2017', '2017-04-01'],
    ['1 يونيو 2017', '2017-06-01'],
    ['1 يونيه 2017', '2017-06-01'],
    ['1 يوليو 2017', '2017-07-01'],
    ['1 يوليه 2017', '2017-07-01'],
    ['1 أغسطس 2017', '2017-08-01'],
    ['1 اغسطس 2017', '2017-08-01'],
    ['1 سبتمبر 2017', '2017-09-01'],
    ['1 أكتوبر 2017', '2017-10-01'],
    ['1 اكتوبر 2017', '2017-10-01'],
    ['1 نوفمبر 2017', '2017-11-01'],
    ['1 ديسمبر 2017', '2017-12-01'],
    ['22 مايو 2017م', '2017-05-22'],
    // Levantine month names
    ['1 كانون الثاني 2017', '2017-01-01'],
    ['1 شباط 2017', '2017-02-01'],
    ['1 آذار 2017', '2017-03-01'],
    ['1 نيسان 2017', '2017-04-01'],
    ['22 أيار 2017', '2017-05-22'],
    ['1 حزيران 2017', '2017-06-01'],
    ['1 تموز 2017', '2017-07-01'],
    ['1 آب 2017', '2017-08-01'],
    ['1 أيلول 2017', '2017-09-01'],
    ['1 تشرين الأول 2017', '2017-10-01'],
    ['1 تشرين الثاني 2017', '2017-11-01'],
    ['1 كانون الأول 2017', '2017-12-01'],
    ['1 كانون ثاني 2017', '2017-01-01'],
    ['1 تشرين أول 2017', '2017-10-01'],
    ['١٤-تشرين الأول-٢٠١٩', '2019-10-14'],
    // Paired names
    ['14 تشرين الأول/أكتوبر 2019', '2019-10-14'],
    ['3 نيسان / أبريل 2015', '2015-04-03'],
    ['٢٢ آب (أغسطس) ٢٠١٧', '2017-08-22'],
    // Arabic-Indic and Persian digits
    ['٢٢ مايو ٢٠١٧', '2017-05-22'],
    ['۲۲/۰۵/۲۰۱۷', '2017-05-22'],
    // Maghrebi month names
    ['1 جانفي 2017', '2017-01-01'],
    ['1 فيفري 2017', '2017-02-01'],
    ['1 أفريل 2017', '2017-04-01'],
    ['22 ماي 2017', '2017-05-22'],
    ['1 جوان 2017', '2017-06-01'],
    ['1 جويلية 2017', '2017-07-01'],
    ['1 أوت 2017', '2017-08-01'],
    // Jalali (Solar Hijri)
    ['۱۴۰۲/۰۵/۱۲', '2023-08-03'],
    ['1403/01/01', '2024-03-20'],
    ['1399/12/30', '2021-03-20'],
    ['۱۲ مرداد ۱۴۰۲', '2023-08-03'],
    ['سه‌شنبه ۱۲ مرداد ۱۴۰۲', '2023-08-03'],
    // English, both orders
    ['May 22, 2017', '2017-05-22'],
    ['May 22 2017', '2017-05-22'],
    ['22 May 2017', '2017-05-22'],
    ['Monday, May 22nd, 2017', '2017-05-22'],
    ['22nd of May, 2017', '2017-05-22'],
    ['Sept. 3, 2017', '2017-09-03'],
    ['22 May 2017 10:30 PM EDT', '2017-05-22T22:30:00-04:00'],
    ['May 22, 2017 at 10:30 a.m. GMT+3', '2017-05-22T10:30:00+03:00'],
    ['May 22, 2017 12:05 AM UTC', '2017-05-22T00:05:00+00:00'],
    // French, German, Spanish
    ['22 mai 2017', '2017-05-22'],
    ['le 1er mai 2017', '2017-05-01'],
    ['lundi 22 mai 2017', '2017-05-22'],
    ['3 février 2017', '2017-02-03'],
    ['Montag, 22. Mai 2017', '2017-05-22'],
    ['3. März 2017', '2017-03-03'],
    ['22 de mayo de 2017', '2017-05-22'],
    ['22 maggio 2017', '2017-05-22'],
    ['22 de maio de 2017', '2017-05-22'],
    ['Pazartesi, 22 Mayıs 2017', '2017-05-22'],
    ['22 من مايو 2017', '2017-05-22'],
    ['20 septembrie 2020', '2020-09-20'],
    ['10. marts 2020', '2020-03-10'],
    ['3 mei 2020', '2020-05-03'],
    ['23 сентября 2020', '2020-09-23'],
    ['6 червня 2020', '2020-06-06'],
    ['1 maja 2020', '2020-05-01'],
    ['12 května 2020', '2020-05-12'],
    ['17 Agustus 2020', '2020-08-17'],
    ['2020. 08. 18. 21:35', '2020-08-18'],
    // Hijri and Gregorian together: the Gregorian date is the answer
    ['الاثنين 26 شعبان 1438 هـ - الموافق 22 مايو 2017 م', '2017-05-22'],
    ['الاثنين 26 شعبان 1438هـ - 22 مايو 2017م', '2017-05-22'],
    ['22 مايو 2017 (26 شعبان 1438)', '2017-05-22'],
    // Chinese, Japanese, Korean
    ['2017年5月22日', '2017-05-22'],
    ['2017년 5월 22일', '2017-05-22'],
    // Time without offset: the instant is unknown, so only the date
    ['2017-05-22T10:30:00', '2017-05-22'],
    ['الاثنين 22 مايو 2017 - 10:30', '2017-05-22'],
    ['22 مايو 2017 الساعة 10:30 مساءً', '2017-05-22'],
    // Surrounding white space and bidi marks
    ['  22-مايو-2017  ', '2017-05-22'],
    ['\u200f22-مايو-2017\u200f', '2017-05-22'],
    // Leap years
    ['29/02/2016', '2016-02-29'],
    ['29 February 2000', '2000-02-29'],
  ];

  it.each(dates)('reads %j as %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  const notDates: readonly string[] = [
    '',
    'hello',
    'نيسان/أبريل 2015',
    'May 2017',
    '31 February 2017',
    '29/02/2017',
    '29 February 1900',
    '2017-13-01',
    '2017-00-10',
    '32/01/2017',
    '13/13/2017',
    '22 مايو 1850',
    '22 مايو 2150',
    '0933 12 2017',
    '+963-11-22-05-2017',
    '2017-05-22T25:00:00Z',
    '08/11/2023 20:26 PM',
    '2017-05-22T10:61:00Z',
    '2017-05-22T10:30:00+15:00',
    '22 May 2017 13:00 PM GMT',
    '1402/12/30',
    '26 شعبان 1438',
    '12 ذو الحجة 1444 هـ',
    '1438/08/26هـ',
    '26/08/1438',
    '2017年13月22日',
    '2017年5月',
    '22/05/17',
    '12 قوات الأسد 2015',
    'Published on 14 October 2019',
    '14 October 2019 by John',
    'x'.repeat(3_000_000),
  ];

  it.each(notDates)('returns null for %j', (input) => {
    expect(parseDate(input)).toBeNull();
  });

  it('gives the same answer for Arabic-Indic, Persian and ASCII digits', () => {
    expect(parseDate('٢٢/٠٥/٢٠١٧')).toBe(parseDate('22/05/2017'));
    expect(parseDate('۲۲/۰۵/۲۰۱۷')).toBe(parseDate('22/05/2017'));
  });
});

describe('findDate', () => {
  const found: readonly (readonly [string, string, string])[] = [
    ['Published on 14 October 2019 by John', '2019-10-14', '14 October 2019'],
    ['نشر في ١٤ تشرين الأول ٢٠١٩ بواسطة', '2019-10-14', '١٤ تشرين الأول ٢٠١٩'],
    ['Updated: Monday, May 22nd, 2017, 10:30.', '2017-05-22', 'Monday, May 22nd, 2017, 10:30'],
    ['v1.2.3 released on 2017-05-22.', '2017-05-22', '2017-05-22'],
    ['تاريخ النشر: 22-مايو-2017 | المحرر', '2017-05-22', '22-مايو-2017'],
    ['في 31 فبراير 2017 ثم في 1 مارس 2017', '2017-03-01', '1 مارس 2017'],
    ['政府は2017年5月22日に発表しました', '2017-05-22', '2017年5月22日'],
    ['Share this article 08/11/2023 | 20:26 PM Updated', '2023-11-08', '08/11/2023'],
    ['دوشنبه ۲ تير ۱۳۹۹ - 12:09:08', '2020-06-22', 'دوشنبه ۲ تير ۱۳۹۹ - 12:09:08'],
  ];

  it.each(found)('finds the date in %j', (text, iso, written) => {
    const result = findDate(text);
    expect(result?.iso).toBe(iso);
    expect(result === null ? null : text.slice(result.index, result.index + result.length)).toBe(written);
  });

  const without: readonly string[] = [
    'قرية المبعوجة في نيسان/أبريل 2015 أسفر عن مقتل',
    'call +963-11-22-05-2017 now',
    'قتل 80 شخصا في عام 2012',
    'version 3.14.2017',
    'نشر في 26 شعبان 1438 هـ',
    '',
  ];

  it.each(without)('finds nothing in %j', (text) => {
    expect(findDate(text)).toBeNull();
  });

  it('finds a date at the end of a 3 MB line', () => {
    const text = `${'كلمة '.repeat(600_000)}22 مايو 2017`;
    expect(findDate(text)?.index).toBe(text.length - '22 مايو 2017'.length);
  });
});

describe('two-digit years and pipe-separated dates', () => {
  it.each([
    ['28.09.19', '2019-09-28'],
    ['٢٨.٠٩.١٩', '2019-09-28'],
    ['۲۸.۰۹.۱۹', '2019-09-28'],
    ['28.09.98 12:44', '1998-09-28'],
    ['01.01.00', '2000-01-01'],
    ['26 | 01 | 2022', '2022-01-26'],
    ['٢٦ | ٠١ | ٢٠٢٢', '2022-01-26'],
  ])('reads %j as %s', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it.each([
    // Outside the web's years (1995 to now): no century makes it plausible.
    '28.09.60',
    // Only dots with two-digit parts make the short year unambiguous.
    '28/09/19',
    '28-09-19',
    '8.9.19',
    '28.9.19',
    '28.09.195',
    // Month-first never with pipes; pipes only spaced.
    '01 | 26 | 2022',
    '26|01|2022',
    '26 | 01 | 22',
  ])('returns null for %j', (input) => {
    expect(parseDate(input)).toBeNull();
  });

  it('finds a short-year stamp inside a line, but not a version number or a longer chain', () => {
    expect(findDate('macbacchi 28.09.19 12:44 hallo')?.iso).toBe('2019-09-28');
    expect(findDate('كتبه أحمد ٢٨.٠٩.١٩ الساعة ١٢:٤٤')?.iso).toBe('2019-09-28');
    expect(findDate('Version 10.12.06 is out')).toBeNull();
    expect(findDate('iOS 13.01.01 released')).toBeNull();
    expect(findDate('IP 192.28.09.19 blocked')).toBeNull();
    expect(findDate('Schweiz | Praxis 26 | 01 | 2022 Video')?.iso).toBe('2022-01-26');
    expect(findDate('Todos los datos 28.09.19')?.iso).toBe('2019-09-28');
  });
});

describe('day ranges in one month', () => {
  it.each([
    ['14. - 20. Januar 2022', '2022-01-14'],
    ['14–20 January 2022', '2022-01-14'],
    ['14 - 20 يناير 2022', '2022-01-14'],
    ['١٤ - ٢٠ يناير ٢٠٢٢', '2022-01-14'],
  ])('dates %j by its first day', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it('reads no range that runs backwards or past the month', () => {
    expect(parseDate('20 - 14 January 2022')).toBeNull();
    expect(findDate('20 - 14 January 2022')?.iso).toBe('2022-01-14');
    expect(findDate('5 - 40 May 2020')).toBeNull();
  });

  it('finds a range inside a title', () => {
    expect(findDate('Wochenbericht 14. - 20. Januar 2022')?.iso).toBe('2022-01-14');
    expect(findDate('التقرير الأسبوعي 14 - 20 يناير 2022')?.iso).toBe('2022-01-14');
  });
});

describe('isDateLine', () => {
  it.each([
    '22-مايو-2017',
    'الاثنين 22 مايو 2017 - 10:30',
    'Mon, 22 May 2017 10:30:00 GMT',
    '31-فبراير-2017',
    '26 شعبان 1438 هـ',
    '5 ربيع الأول 1440',
    '— 22 May 2017 —',
  ])('accepts the date-only line %j', (line) => {
    expect(isDateLine(line)).toBe(true);
  });

  it.each([
    'نيسان/أبريل 2015',
    'عناصر من تنظيم داعش خلال إحدى مواكبه الاستعراضية (ياسر الخضر/ رويترز)',
    'Published on 22 May 2017',
    '22 May 2017 was a Monday',
    '',
  ])('rejects the line %j', (line) => {
    expect(isDateLine(line)).toBe(false);
  });
});

describe('dateFromUrl', () => {
  it.each([
    ['https://example.org/news/2017/05/22/slug.html', '2017-05-22'],
    ['https://example.org/2017/5/2/slug', '2017-05-02'],
    ['https://example.org/2017-05-22-slug', '2017-05-22'],
    ['https://example.org/news/slug_2017_05_22', '2017-05-22'],
    ['https://example.org/a/20170522/', '2017-05-22'],
    ['https://example.org/a/20170522.html', '2017-05-22'],
    ['/2017/05/22/', '2017-05-22'],
    ['https://example.org/2017/02/30/x/2018/01/02/', '2018-01-02'],
    ['https://example.org/media-news/meldungen/29-10-2021', '2021-10-29'],
    ['https://example.org/presse/29.10.2021/', '2021-10-29'],
    ['https://example.org/أخبار/29-10-2021.html', '2021-10-29'],
  ])('reads %s as %s', (url, expected) => {
    expect(dateFromUrl(url)).toBe(expected);
  });

  it.each([
    'https://example.org/2017/05/',
    'https://blog.example.de/2023/10/3-fragen-an-tina/',
    'https://example.org/article/123456789',
    'https://example.org/2017/13/40/',
    'https://example.org/?d=2017-05-22',
    'https://example.org/news/top-10-12-2021',
    'https://example.org/news/29-10-2021-slug',
    'https://example.org/news/10-29-2021',
    'not a url',
  ])('gives null for %s', (url) => {
    expect(dateFromUrl(url)).toBeNull();
  });
});
