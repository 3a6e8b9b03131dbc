import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { articleProse } from '../support/html-fixtures.js';

const titleOf = (
  head: string,
  body: string,
  lang: 'en' | 'ar' = 'en',
  url: string | null = null,
): string | null =>
  parseHtml(
    `<!doctype html><html lang="${lang}"><head>${head}</head><body>${body.replace('{p}', articleProse(lang))}</body></html>`,
    { sourceUrl: url },
  ).title;

describe('titles', () => {
  it('takes the declared headline, not a logo <h1> that names the site', () => {
    const en = titleOf(
      '<title>Provence Travel Guide | Beige</title><meta property="og:site_name" content="Beige">',
      '<header><h1>Beige</h1></header><article>{p}</article>',
    );
    expect(en).toBe('Provence Travel Guide');
    const ar = titleOf(
      '<title>عاصفة تضرب الساحل - الموقع</title><meta property="og:site_name" content="الموقع">',
      '<header><h1>الموقع</h1></header><article>{p}</article>',
      'ar',
    );
    expect(ar).toBe('عاصفة تضرب الساحل');
  });

  it('takes no <h1> that is only the short end of the title: the blog or section name', () => {
    const en = titleOf(
      '<title>Harbour Notes: Council approves the new quay plan after a long debate</title>',
      '<header><h1>Harbour Notes</h1></header><article><h1>Council approves the new quay plan after a long debate</h1>{p}</article>',
    );
    expect(en).toBe('Council approves the new quay plan after a long debate');
    const ar = titleOf(
      '<title>أخبار البلدية - المجلس البلدي يقر خطة الرصيف الجديدة بعد نقاش طويل</title>',
      '<h1>أخبار البلدية</h1><article><h1>المجلس البلدي يقر خطة الرصيف الجديدة بعد نقاش طويل</h1>{p}</article>',
      'ar',
    );
    expect(ar).toBe('المجلس البلدي يقر خطة الرصيف الجديدة بعد نقاش طويل');
  });

  it('takes no <h1> that is all a link to the front page', () => {
    expect(
      titleOf(
        '<title>Harbour Notes</title><meta property="og:title" content="Council approves the new quay plan">',
        '<header><h1><a href="https://harbour.example.org/">Harbour Notes</a></h1></header><article>{p}</article>',
      ),
    ).toBe('Council approves the new quay plan');
    expect(
      titleOf(
        '<title>دفتر الميناء</title><meta property="og:title" content="المجلس البلدي يقر خطة الرصيف الجديدة">',
        '<header><h1><a href="/ar/">دفتر الميناء</a></h1></header><article>{p}</article>',
        'ar',
      ),
    ).toBe('المجلس البلدي يقر خطة الرصيف الجديدة');
  });

  it('takes no <h1> that links to the section front page, and leaves out permalink marks', () => {
    expect(
      titleOf(
        '<title>Quay Planning: Shared Moorings — harbour handbook</title>',
        '<h1><a href="index.html"><span>harbour handbook</span></a></h1><article><h1><a href="#s1">Quay Planning: Shared Moorings</a><a class="headerlink" href="#quay">¶</a></h1>{p}</article>',
      ),
    ).toBe('Quay Planning: Shared Moorings');
    expect(
      titleOf(
        '<title>تخطيط الأرصفة: المراسي المشتركة — دليل الميناء</title>',
        '<h1><a href="./">دليل الميناء</a></h1><article><h1>تخطيط الأرصفة: المراسي المشتركة<a href="#quay">#</a></h1>{p}</article>',
        'ar',
      ),
    ).toBe('تخطيط الأرصفة: المراسي المشتركة');
  });

  it("cuts the site's name, as its logo heading shows it, from the declared title", () => {
    expect(
      titleOf(
        '<title>Quay Moorings - Harbour Guides - Rueda Port</title>',
        '<h1><a href="/">Harbour Guides - Rueda Port</a></h1><article>{p}</article>',
      ),
    ).toBe('Quay Moorings');
    expect(
      titleOf(
        '<title>دليل الميناء | خطة الرصيف الجديدة</title>',
        '<h1 class="site-logo">دليل الميناء</h1><article>{p}</article>',
        'ar',
      ),
    ).toBe('خطة الرصيف الجديدة');
  });

  it('takes no logo <h1> even when the title ends with its name', () => {
    expect(
      titleOf(
        '<title>Council approves the new quay plan l HARBOUR POST</title>',
        '<h1 class="logo"><a href="/">HARBOUR POST</a></h1><article><h1>Council approves the new quay plan</h1>{p}</article>',
      ),
    ).toBe('Council approves the new quay plan');
    expect(
      titleOf(
        '<title>المجلس البلدي يقر خطة الرصيف الجديدة | بريد الميناء</title>',
        '<h1 class="site-logo">بريد الميناء</h1><article><h1>المجلس البلدي يقر خطة الرصيف الجديدة</h1>{p}</article>',
        'ar',
      ),
    ).toBe('المجلس البلدي يقر خطة الرصيف الجديدة');
  });

  it('takes no sub-heading that is only a fragment of the declared title', () => {
    expect(
      titleOf(
        '<meta property="og:title" content="The Harbour Project: Better Quays for a Small Town">',
        '<article><h2>Harbour Project:</h2>{p}</article>',
      ),
    ).toBe('The Harbour Project: Better Quays for a Small Town');
    expect(
      titleOf(
        '<meta property="og:title" content="مشروع الميناء: أرصفة أفضل لمدينة صغيرة">',
        '<article><h2>مشروع الميناء</h2>{p}</article>',
        'ar',
      ),
    ).toBe('مشروع الميناء: أرصفة أفضل لمدينة صغيرة');
  });

  it('compares a short heading letter by letter only in scripts written without spaces', () => {
    // "Highlights" shares most of its letters with the title, but none of its words.
    expect(
      titleOf(
        '<title>The New Harbour Times en Español - The Harbour Times</title><meta property="og:site_name" content="The Harbour Times">',
        '<article><h2>Highlights</h2>{p}</article>',
      ),
    ).toBe('The New Harbour Times en Español');
    expect(
      titleOf(
        '<title>市议会批准新码头计划_新闻_港口网</title>',
        '<article><h1>市议会批准新码头计划</h1>{p}</article>',
        'en',
      ),
    ).toBe('市议会批准新码头计划');
  });

  it('takes the visible headline when the declared title only names the site or the page kind', () => {
    expect(
      titleOf('<title>Home</title>', '<article><h1>Time to say goodbye to the old quay</h1>{p}</article>'),
    ).toBe('Time to say goodbye to the old quay');
    expect(
      titleOf(
        '<title>Harbour Post</title>',
        '<article><h1>Welcome aboard!</h1>{p}</article>',
        'en',
        'https://www.harbourpost.example/index.html',
      ),
    ).toBe('Welcome aboard!');
    expect(
      titleOf('<title>الرئيسية</title>', '<article><h1>وداعًا للرصيف القديم</h1>{p}</article>', 'ar'),
    ).toBe('وداعًا للرصيف القديم');
  });

  it('takes a sub-heading the page address names word for word when the declared title names the site and section', () => {
    const en = (url: string | null): string | null =>
      titleOf(
        '<title>Harbour Fire Brigade - Training</title>',
        '<div class="content"><h2>Boat Service Training</h2>{p}</div>',
        'en',
        url,
      );
    expect(en('https://harbour-brigade.example/boat-service/training.html')).toBe('Boat Service Training');
    // Without the address, or when it names only part of the heading, the declared title stands.
    expect(en(null)).toBe('Harbour Fire Brigade - Training');
    expect(en('https://harbour-brigade.example/boat/training.html')).toBe('Harbour Fire Brigade - Training');
    const ar = (url: string | null): string | null =>
      titleOf(
        '<title>فرقة إطفاء الميناء - التدريب</title>',
        '<div class="content"><h2>تدريب فرقة القوارب</h2>{p}</div>',
        'ar',
        url,
      );
    expect(
      ar(`https://example.org/${encodeURIComponent('تدريب')}/${encodeURIComponent('فرقة-القوارب')}`),
    ).toBe('تدريب فرقة القوارب');
    expect(ar(null)).toBe('فرقة إطفاء الميناء - التدريب');
  });

  it('reads the <h1> that ends a breadcrumb trail in a <nav>, but not a hidden one', () => {
    const page = (h1: string, og: string, title: string, lang: 'en' | 'ar', hidden = ''): string | null =>
      titleOf(
        `<title>${title}</title><meta property="og:title" content="${og}"><meta property="og:site_name" content="Harbour Post">`,
        `<nav${hidden}><ol class="breadcrumb"><li><a href="/">Harbour Post</a></li><li><a href="/city">City</a></li><li><h1>${h1}</h1></li></ol></nav><article>{p}</article>`,
        lang,
      );
    const en = [
      'Council approves the new quay plan after a long night',
      'Quay plan: council says yes',
    ] as const;
    expect(page(en[0], en[1], `${en[0]} | Harbour Post`, 'en')).toBe(en[0]);
    expect(page(en[0], en[1], `${en[0]} | Harbour Post`, 'en', ' hidden')).toBe(en[1]);
    const ar = [
      'المجلس البلدي يوافق على خطة الرصيف الجديد بعد ليلة طويلة',
      'خطة الرصيف: المجلس يوافق',
    ] as const;
    expect(page(ar[0], ar[1], `${ar[0]} | Harbour Post`, 'ar')).toBe(ar[0]);
    expect(page(ar[0], ar[1], `${ar[0]} | Harbour Post`, 'ar', ' style="display:none"')).toBe(ar[1]);
  });

  it('reads a page whose <nav> holds 20,000 nested <h1>s', () => {
    const en = titleOf(
      '<title>Council approves the new quay plan | Harbour Post</title>',
      `<article><h1>Council approves the new quay plan</h1>{p}</article><nav>${'<div><h1>Menu item'.repeat(20_000)}</nav>`,
    );
    expect(en).toBe('Council approves the new quay plan');
  }, 20_000);

  it("takes the <h1> the article's JSON-LD headline names over a different og:title and <title>", () => {
    const page = (h1: string, og: string, ld: string | null, lang: 'en' | 'ar'): string | null =>
      titleOf(
        `<title>${og} | Harbour Post</title><meta property="og:title" content="${og}">` +
          (ld === null
            ? ''
            : `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: ld })}</script>`),
        `<article><h1>${h1}</h1>{p}</article>`,
        lang,
      );
    const en = [
      'Council approves the new quay plan after a long night',
      'Quay plan: what the vote means',
    ] as const;
    expect(page(en[0], en[1], en[0], 'en')).toBe(en[0]);
    // Without the JSON-LD headline, the declared title stands against a heading it shares no words with.
    expect(page(en[0], en[1], null, 'en')).toBe(en[1]);
    const ar = [
      'المجلس البلدي يوافق على خطة الرصيف الجديد بعد ليلة طويلة',
      'ماذا يعني التصويت للسكان',
    ] as const;
    expect(page(ar[0], ar[1], ar[0], 'ar')).toBe(ar[0]);
    expect(page(ar[0], ar[1], null, 'ar')).toBe(ar[1]);
  });

  it('takes the one <h1> marked as the entry title over declared titles that name no heading', () => {
    const page = (h1s: string, og: string, lang: 'en' | 'ar'): string | null =>
      titleOf(
        `<title>${og} • Harbour Post</title><meta property="og:title" content="${og} • Harbour Post"><meta property="og:site_name" content="Harbour Post">`,
        `<article><header class="entry-meta-wrap">${h1s}</header>{p}</article>`,
        lang,
      );
    const en = [
      'Twenty small ideas for the quay when space is tight',
      'Best quay ideas 2022 - comparison',
    ] as const;
    expect(page(`<h1 class="title entry-title">${en[0]}</h1>`, en[1], 'en')).toBe(en[0]);
    // Unmarked, or one of several marked headings (a listing), it does not outrank the declared title.
    expect(page(`<h1>${en[0]}</h1>`, en[1], 'en')).toBe(en[1]);
    expect(
      page(
        `<h1 class="entry-title">${en[0]}</h1><h1 class="entry-title">Another story of the day</h1>`,
        en[1],
        'en',
      ),
    ).toBe(en[1]);
    const ar = ['عشرون فكرة صغيرة للرصيف حين يضيق المكان', 'أفضل أفكار الرصيف 2022 - مقارنة'] as const;
    expect(page(`<h1 class="post-title">${ar[0]}</h1>`, ar[1], 'ar')).toBe(ar[0]);
    expect(page(`<h1>${ar[0]}</h1>`, ar[1], 'ar')).toBe(ar[1]);
    // A class token ending in "headline" (BEM "story__headline", "hero-headline") marks it too.
    expect(page(`<h1 class="story__headline">${ar[0]}</h1>`, ar[1], 'ar')).toBe(ar[0]);
    expect(page(`<h1 class="hero-headline">${en[0]}</h1>`, en[1], 'en')).toBe(en[0]);
  });

  it('drops the kicker of the heading that shows the declared title', () => {
    const en = titleOf(
      '<meta property="og:title" content="Harbour: Council approves the new quay plan">',
      '<h1>Elsewhere today</h1><article><h2><span class="overline">Harbour</span> <span>Council approves the new quay plan</span></h2>{p}</article>',
    );
    expect(en).toBe('Council approves the new quay plan');
    const ar = titleOf(
      '<meta property="og:title" content="الميناء: المجلس البلدي يقر خطة الرصيف الجديدة">',
      '<h1>في مكان آخر اليوم</h1><article><h2><span class="overline">الميناء</span> <span>المجلس البلدي يقر خطة الرصيف الجديدة</span></h2>{p}</article>',
      'ar',
    );
    expect(ar).toBe('المجلس البلدي يقر خطة الرصيف الجديدة');
  });

  it('never takes a section label or a widget heading for the headline', () => {
    expect(
      titleOf('<title>Auf das erste Elektron kommt es an</title>', '<h1>News</h1><article>{p}</article>'),
    ).toBe('Auf das erste Elektron kommt es an');
  });

  it('drops a kicker set in its own element inside the headline', () => {
    const en = titleOf(
      '<meta property="og:title" content="Why collaborative thinking beats individual smarts">',
      '<article><h1><span class="kicker">Open Progress</span> <span>Why collaborative thinking beats individual smarts</span></h1>{p}</article>',
    );
    expect(en).toBe('Why collaborative thinking beats individual smarts');
    const ar = titleOf(
      '<meta property="og:title" content="المجلس البلدي يقر خطة الميناء الجديدة | الموقع">',
      '<article><h1><span>عاجل</span> <span>المجلس البلدي يقر خطة الميناء الجديدة</span></h1>{p}</article>',
      'ar',
    );
    expect(ar).toBe('المجلس البلدي يقر خطة الميناء الجديدة');
  });

  it('drops a class-marked kicker even when the declared title carries it too', () => {
    const en = titleOf(
      '<title>Harbour: Council approves the new quay plan | Harbour Post</title>',
      '<article><h1><span class="article-heading__kicker">Harbour</span><span class="visually-hidden">: </span><span>Council approves the new quay plan</span></h1>{p}</article>',
    );
    expect(en).toBe('Council approves the new quay plan');
    const ar = titleOf(
      '<title>الميناء: المجلس البلدي يقر خطة الرصيف الجديدة | بريد الميناء</title>',
      '<article><h1><span class="dachzeile">الميناء</span> <span class="headline">المجلس البلدي يقر خطة الرصيف الجديدة</span></h1>{p}</article>',
      'ar',
    );
    expect(ar).toBe('المجلس البلدي يقر خطة الرصيف الجديدة');
  });

  it('leaves out screen-reader labels and a leading <small> kicker of the heading', () => {
    expect(
      titleOf(
        '<title>Council approves the new quay plan | Harbour Post</title>',
        '<article><h1><span class="sr-only">Headline:</span> Council approves the new quay plan</h1>{p}</article>',
      ),
    ).toBe('Council approves the new quay plan');
    expect(
      titleOf(
        '<title>أسبوع الميناء | المجلس البلدي يقر خطة الرصيف الجديدة</title>',
        '<article><h1><small>أسبوع الميناء</small><br>المجلس البلدي يقر خطة الرصيف الجديدة</h1>{p}</article>',
        'ar',
      ),
    ).toBe('المجلس البلدي يقر خطة الرصيف الجديدة');
    // A heading that is all kicker keeps its text.
    expect(
      titleOf(
        '<title>Harbour news</title>',
        '<article><h1><span class="kicker">Harbour news</span></h1>{p}</article>',
      ),
    ).toBe('Harbour news');
  });

  it('trims an unclosed guillemet or a bar in front of the heading, not quotation marks', () => {
    expect(titleOf('<title>Jens Weber</title>', '<article><h1>» Jens Weber</h1>{p}</article>')).toBe(
      'Jens Weber',
    );
    expect(titleOf('<title>»frag.jetzt«</title>', '<article><h1>»frag.jetzt«</h1>{p}</article>')).toBe(
      '»frag.jetzt«',
    );
  });
});
