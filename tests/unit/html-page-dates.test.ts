import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { articleProse } from '../support/html-fixtures.js';

const dateOf = (html: string): string | null => parseHtml(html, { sourceUrl: null }).publishedAt;

describe('dates stamped away from the headline', () => {
  it('reads a post footer stamp when the page declares and shows no other date', () => {
    const en = `<!doctype html><html lang="en"><body><article><h1>Storm hits the coast</h1>${articleProse('en')}<div class="post-footer">Written on 14 December 2015 at 14:48 by Jo</div></article></body></html>`;
    expect(dateOf(en)).toBe('2015-12-14');
    const ar = `<!doctype html><html lang="ar" dir="rtl"><body><article><h1>عاصفة تضرب الساحل</h1>${articleProse('ar')}<div class="post-footer">كُتب يوم 14 ديسمبر 2015 الساعة 14:48</div></article></body></html>`;
    expect(dateOf(ar)).toBe('2015-12-14');
  });

  it('takes the stamp written most often, not a date from a comment or a sidebar', () => {
    const en = `<!doctype html><html lang="en"><body><article><h1>Storm hits the coast</h1>${articleProse('en')}<p class="small">Stand: 09.10.2017</p><p class="small">Seite vom 09.10.2017</p></article><aside class="sidebar"><p>12.12.2019</p><p>12.12.2019</p><p>12.12.2019</p></aside><div class="comments"><p>Reply of 01.01.2020</p><p>Reply of 01.01.2020</p><p>Reply of 01.01.2020</p></div></body></html>`;
    expect(dateOf(en)).toBe('2017-10-09');
    const fa = `<!doctype html><html lang="fa" dir="rtl"><body><article><h1>طوفان به ساحل رسید</h1>${articleProse('ar')}<span>۱۴۰۲/۰۵/۱۲</span><span>۱۴۰۲/۰۵/۱۲</span></article><div class="widget"><span>۱۴۰۳/۰۱/۰۱</span><span>۱۴۰۳/۰۱/۰۱</span><span>۱۴۰۳/۰۱/۰۱</span></div></body></html>`;
    expect(dateOf(fa)).toBe('2023-08-03');
  });

  it('never takes a date from inside prose as the stamp', () => {
    const long =
      ' The council met on Monday to discuss the harbour, the new lanes and the cost of both projects for the city.'.repeat(
        2,
      );
    const en = `<!doctype html><html><body><article><h1>Storm hits the coast</h1>${articleProse('en')}<p>${long} It was first planned on 01.02.2022.</p></article></body></html>`;
    expect(dateOf(en)).toBeNull();
  });

  it('finds a labelled date in the footer when a long paragraph without a dateline follows the headline', () => {
    const lede = (text: string): string => `<p>${text.repeat(3)}</p>`;
    const en = `<!doctype html><html lang="en"><body><article><h1>Storm hits the coast</h1>${lede(' The council met on Monday to discuss the harbour, the new lanes and the cost of both projects for the city.')}${articleProse('en')}</article><footer><p>Last change: 03.11.2023 - 14:49<br>Published on: 01.11.2023<br>Reads: 61</p></footer></body></html>`;
    expect(dateOf(en)).toBe('2023-11-01');
    const ar = `<!doctype html><html lang="ar" dir="rtl"><body><article><h1>عاصفة تضرب الساحل</h1>${lede(' اجتمع المجلس البلدي يوم الاثنين لمناقشة مشروع الميناء الجديد وتكلفته على المدينة وسكانها.')}${articleProse('ar')}</article><footer><p>آخر تعديل: 3 نوفمبر 2023<br>تاريخ النشر: 1 نوفمبر 2023</p></footer></body></html>`;
    expect(dateOf(ar)).toBe('2023-11-01');
  });
});

describe('page-wide stamps under layout classes', () => {
  it('reads stamps in a page whose <body> class names its sidebar layout', () => {
    const en = `<!doctype html><html lang="en"><body class="one-sidebar sidebar-second"><article><h1>Storm hits the coast</h1>${articleProse('en')}<div class="submitted">Saved by jo on 24 July 2017 - 18:55</div></article></body></html>`;
    expect(dateOf(en)).toBe('2017-07-24');
    const ar = `<!doctype html><html lang="ar" dir="rtl"><body class="one-sidebar sidebar-second"><article><h1>عاصفة تضرب الساحل</h1>${articleProse('ar')}<div class="submitted">حفظه جو يوم 24 يوليو 2017 - 18:55</div></article></body></html>`;
    expect(dateOf(ar)).toBe('2017-07-24');
  });
});

describe('a publication label and its value in separate elements', () => {
  it('reads the date in the element after a label element, in a side box too', () => {
    // Far from the headline (past the lines read around it), so only the label can point at it.
    const filler = `<div class="tags">${'<span>tag</span>'.repeat(150)}</div>`;
    const en = `<!doctype html><html lang="en"><body><article><h1>Storm hits the coast</h1>${articleProse('en')}</article>${filler}<aside class="sidebar"><ul><li><p>Published</p><p>23 May 2019</p></li><li><p>Length</p><p>12 min</p></li></ul></aside></body></html>`;
    expect(dateOf(en)).toBe('2019-05-23');
    const fr = `<!doctype html><html lang="fr"><body><article><h1>La voix des nuls</h1>${articleProse('en')}</article>${filler}<aside class="sidebar"><dl><dt>Mise en ligne</dt><dd>23 mai 2019</dd></dl></aside></body></html>`;
    expect(dateOf(fr)).toBe('2019-05-23');
    const ar = `<!doctype html><html lang="ar" dir="rtl"><body><article><h1>عاصفة تضرب الساحل</h1>${articleProse('ar')}</article>${filler}<aside class="sidebar"><dl><dt>تاريخ النشر</dt><dd>23 مايو 2019</dd></dl></aside></body></html>`;
    expect(dateOf(ar)).toBe('2019-05-23');
  });
});

describe("the lead image's path as the last resort", () => {
  it('reads the date in the og:image path when the page has no other', () => {
    const head = '<meta property="og:image" content="https://example.org/files/2016/05/04/report-og.png">';
    const en = `<!doctype html><html lang="en"><head>${head}</head><body><article><h1>Annual report</h1>${articleProse('en')}</article></body></html>`;
    expect(dateOf(en)).toBe('2016-05-04');
    const ar = `<!doctype html><html lang="ar" dir="rtl"><head>${head}</head><body><article><h1>التقرير السنوي</h1>${articleProse('ar')}</article></body></html>`;
    expect(dateOf(ar)).toBe('2016-05-04');
  });

  it('never prefers it over a date the page writes', () => {
    const head = '<meta property="og:image" content="https://example.org/files/2016/05/04/report-og.png">';
    const en = `<!doctype html><html lang="en"><head>${head}</head><body><article><h1>Annual report</h1>${articleProse('en')}<p class="small">Stand: 09.10.2017</p></article></body></html>`;
    expect(dateOf(en)).toBe('2017-10-09');
  });
});

describe("a publication date in the page's script data", () => {
  it('reads published_at from a page-state or product object when nothing else declares a date', () => {
    const script =
      '<script>var meta = {"product":{"title":"Beans","published_at":"2019-03-02T06:22:28+01:00","created_at":"2019-03-01T06:27:24+01:00"}};</script>';
    const en = `<!doctype html><html lang="en"><head>${script}</head><body><article><h1>Sidamo beans</h1>${articleProse('en')}</article></body></html>`;
    expect(dateOf(en)).toBe('2019-03-02T06:22:28+01:00');
    const ar = `<!doctype html><html lang="ar" dir="rtl"><head>${script}</head><body><article><h1>حبوب سيدامو</h1>${articleProse('ar')}</article></body></html>`;
    expect(dateOf(ar)).toBe('2019-03-02T06:22:28+01:00');
  });

  it('never reads it over a declared <meta> date', () => {
    const head =
      '<meta property="article:published_time" content="2020-01-01T10:00:00Z"><script>var s = {"publishedAt":"2019-03-02T06:22:28Z"};</script>';
    const en = `<!doctype html><html lang="en"><head>${head}</head><body><article><h1>Sidamo beans</h1>${articleProse('en')}</article></body></html>`;
    expect(dateOf(en)).toBe('2020-01-01T10:00:00Z');
  });

  it('reads a forum stamp with a two-digit year (28.09.19) under the headline', () => {
    const post = (stamp: string, text: string): string =>
      `<div class="post"><span class="name">jo</span><span class="stamp"><span>${stamp}</span><span>12:44</span></span><div class="text">${text}</div></div>`;
    const en = `<!doctype html><html lang="de"><body><h1>Kein App Store über mobile Daten</h1>${post('28.09.19', 'hallo, hat jemand eine Idee?')}${post('29.09.19', 'Bei mir geht es.')}${articleProse('en')}</body></html>`;
    expect(dateOf(en)).toBe('2019-09-28');
    const ar = `<!doctype html><html lang="ar" dir="rtl"><body><h1>لا يعمل المتجر عبر بيانات الجوال</h1>${post('٢٨.٠٩.١٩', 'مرحبا، هل من فكرة؟')}${post('٢٩.٠٩.١٩', 'عندي يعمل.')}${articleProse('ar')}</body></html>`;
    expect(dateOf(ar)).toBe('2019-09-28');
  });

  it('reads a pipe-separated date (26 | 01 | 2022) in the line above the headline', () => {
    const subline = (date: string, section: string): string =>
      `<div class="subline"><table><tr><td>${date} </td><td class="categories">${section}</td></tr></table></div>`;
    const en = `<!doctype html><html lang="de"><body><article>${subline('26 | 01 | 2022', 'Schweiz | Praxis | Video')}<h1>Winterhechte am See</h1>${articleProse('en')}</article></body></html>`;
    expect(dateOf(en)).toBe('2022-01-26');
    const ar = `<!doctype html><html lang="ar" dir="rtl"><body><article>${subline('٢٦ | ٠١ | ٢٠٢٢', 'رياضة | صيد')}<h1>صيد الشتاء في البحيرة</h1>${articleProse('ar')}</article></body></html>`;
    expect(dateOf(ar)).toBe('2022-01-26');
  });

  it('reads the date line above the headline when prose follows it, not the masthead clock', () => {
    const lede = (text: string): string => `<p>${text.repeat(3)}</p>`;
    const en = `<!doctype html><html lang="de"><body><div id="top"><span id="clock">Donnerstag, 16. Februar 2012</span></div><div class="box"><div class="boxHeader"><span>14. Februar 2012</span></div><h1>Prozess geht weiter</h1>${lede(' Das Verfassungsgericht hat am Dienstag entschieden, dass der Prozess in Mailand weitergehen kann und nicht verlegt wird.')}${articleProse('en')}</div></body></html>`;
    expect(dateOf(en)).toBe('2012-02-14');
    const ar = `<!doctype html><html lang="ar" dir="rtl"><body><div id="top"><span id="clock">الخميس، 16 فبراير 2012</span></div><div class="box"><div class="boxHeader"><span>14 فبراير 2012</span></div><h1>المحاكمة مستمرة</h1>${lede(' قررت المحكمة الدستورية يوم الثلاثاء أن المحاكمة في ميلانو يمكن أن تستمر ولن تنقل إلى مدينة أخرى كما طلب الدفاع.')}${articleProse('ar')}</div></body></html>`;
    expect(dateOf(ar)).toBe('2012-02-14');
  });

  it('never takes the clock of the site header (the latest date on the page) for the article', () => {
    const en = `<!doctype html><html lang="de"><body><div class="top-bar"><p class="date">Freitag, 21. Januar 2022</p></div><nav><a href="/">Start</a></nav><article><h1>Was gilt beim Friseurbesuch</h1>${articleProse('en')}<div class="post-footer">Written on 14 December 2015 at 14:48 by Jo</div></article></body></html>`;
    expect(dateOf(en)).toBe('2015-12-14');
    const ar = `<!doctype html><html lang="ar" dir="rtl"><body><div id="masthead"><span>الجمعة 21 يناير 2022</span></div><nav><a href="/">الرئيسية</a></nav><article><h1>ما المسموح في صالون الحلاقة</h1>${articleProse('ar')}<div class="post-footer">كُتب يوم 14 ديسمبر 2015 الساعة 14:48</div></article></body></html>`;
    expect(dateOf(ar)).toBe('2015-12-14');
  });
});
