import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';

const latin = (n: number): string =>
  `<p>Paragraph ${n} of the story, with enough words, commas, and detail to read like real article text about the harbour, the council and the people who live nearby.</p>`;
const arabic = (n: number): string =>
  `<p>الفقرة ${n} من الخبر، وفيها ما يكفي من الكلمات والتفاصيل، عن المرفأ والمجلس البلدي، والناس الذين يعيشون قربه منذ سنوات طويلة.</p>`;
const body = (paragraph: (n: number) => string, count = 5): string =>
  Array.from({ length: count }, (_, n) => paragraph(n + 1)).join('\n');
const texts = (html: string): string[] =>
  parseHtml(`<!DOCTYPE html><html><body>${html}</body></html>`, { sourceUrl: null })
    .blocks.filter((b) => b.type === 'paragraph' || b.type === 'heading')
    .map((b) => b.text);

describe('parseHtml standfirst', () => {
  it('keeps the lead set in the header between the headline and the body, in both scripts', () => {
    const lead = 'The council voted last night to close the old harbour to cargo ships from next spring.';
    const english = texts(
      `<article><header><h1>Harbour closes</h1><p class="excerpt">${lead}</p><span>By Jane Roe</span></header>
       <div class="story-body">${body(latin)}</div></article>`,
    );
    expect(english[0]).toBe(lead);
    expect(english).toHaveLength(6);

    const arabicLead =
      'صوّت المجلس البلدي مساء أمس على إغلاق المرفأ القديم أمام سفن الشحن ابتداءً من الربيع المقبل.';
    const arabicTexts = texts(
      `<main><div class="head"><h1>إغلاق المرفأ</h1><div class="lead"><p>${arabicLead}</p></div></div>
       <section class="text">${body(arabic)}</section></main>`,
    );
    expect(arabicTexts[0]).toBe(arabicLead);
  });

  it('finds the lead under an <h2> the template names the title, and in a page header beside <main>', () => {
    const lead =
      'Rain, storms and snow are expected today in the central and southern regions of the country.';
    const titled = texts(
      `<header><h1><a href="/news">News</a></h1></header><article><header><h2 class="entry__title">Polar air reaches the south</h2>
       <p class="entry__subtitle">${lead}</p></header><div class="entry__content">${body(latin)}</div></article>`,
    );
    expect(titled[0]).toBe(lead);

    const arabicLead =
      'زيارة استثنائية: التقى وزير الخارجية اليوم أعضاء المجمع الكنسي في العاصمة، وأكد الجميع أهمية الحوار.';
    const besideMain = texts(
      `<header class="news-header"><div><h1>زيارة وزير الخارجية</h1><div class="lead"><p>${arabicLead}</p></div></div></header>
       <main>${body(arabic)}</main>`,
    );
    expect(besideMain[0]).toBe(arabicLead);
  });

  it('does not take a caption, a credit or a short kicker between the headline and the body for a lead', () => {
    const caption = 'The old harbour at dawn, seen from the lighthouse on the northern pier, last winter.';
    const result = texts(
      `<article><h1>Harbour closes</h1><div class="main-img"><img src="/a.jpg"><div>${caption}</div></div>
       <div class="photo-caption">${caption} Two</div><p>Politics</p>
       <div class="story-body">${body(latin)}</div></article>`,
    );
    expect(result.join('\n')).not.toContain('The old harbour at dawn');
    expect(result).not.toContain('Politics');
    expect(result).toHaveLength(5);
  });

  it('does not take a run of other stories between the headline and the body for a lead', () => {
    const teasers = [1, 2, 3, 4]
      .map(
        (n) =>
          `<p>Teaser ${n}: another story of the day, told in one long sentence about the town and its people.</p>`,
      )
      .join('');
    const result = texts(
      `<div><h1>Harbour closes</h1><div class="day">${teasers}</div><div class="story-body">${body(latin, 8)}</div></div>`,
    );
    expect(result.join('\n')).not.toContain('Teaser');
  });
});

describe('parseHtml closing notes', () => {
  it('drops short bold or italic notes after the last plain paragraph, in both scripts', () => {
    const english = texts(
      `<article>${body(latin)}<p><strong>Follow our channel for more stories from the coast</strong></p>
       <p><em>Source: Harbour Agency</em></p></article>`,
    );
    expect(english).toHaveLength(5);
    expect(english.join('\n')).not.toMatch(/Follow our channel|Source:/);

    const arabicTexts = texts(
      `<article>${body(arabic)}<p><b>تابعونا على قناتنا لمزيد من أخبار الساحل</b></p><p><i>المصدر: وكالة المرفأ</i></p></article>`,
    );
    expect(arabicTexts).toHaveLength(5);
  });

  it('keeps emphasised paragraphs inside the article, dated update notes, and articles set wholly in italics', () => {
    const note = 'Update, 3 July 2019: added the council’s reply.';
    const result = texts(
      `<article>${latin(1)}<p><em>A quoted letter, set in italics in the middle of the story.</em></p>${latin(2)}${latin(3)}
       <p><em>${note}</em></p></article>`,
    );
    expect(result).toContain('A quoted letter, set in italics in the middle of the story.');
    expect(result).toContain(note);

    const italic = [1, 2, 3].map(
      (n) => `<p><em>Verse ${n} of the poem, long enough to be read as text.</em></p>`,
    );
    expect(texts(`<article>${latin(1)}${italic.join('')}</article>`)).toHaveLength(4);
  });
});

describe('parseHtml furniture inside the article', () => {
  it('turns a teaser box that links to another story into a related link, in both scripts', () => {
    const doc = parseHtml(
      `<html><body><article>${body(latin)}
       <div class="teaser"><h2><a href="/other">Another story of the week</a></h2><div class="teasertext"><p>What the council said about the bridge, and why it matters to every family in town.</p></div></div>
       <div class="news-teaser"><h3><a href="/ar">خبر آخر</a></h3><p>ما قاله المجلس عن الجسر، ولماذا يهم كل عائلة في المدينة.</p></div>
       </article></body></html>`,
      { sourceUrl: 'https://example.org/a' },
    );
    const text = doc.blocks.filter((b) => b.type === 'paragraph' || b.type === 'heading').map((b) => b.text);
    expect(text).toHaveLength(5);
    expect(doc.blocks.filter((b) => b.type === 'related').map((b) => b.text)).toEqual([
      'Another story of the week',
      'خبر آخر',
    ]);
  });

  it('reads the class of a teaser box whose generated id is very long, in both scripts', () => {
    const hash = (n: number): string => `${'7a616d6774'.repeat(20)}${n}`;
    const doc = parseHtml(
      `<html><body><article>${body(latin)}
       <div id="portletwrapper-${hash(1)}" class="teaser portletWrapper kssattr-${hash(1)}"><p><span>Weather reports for the past…</span> <a href="/reports">more</a></p></div>
       <div id="portletwrapper-${hash(2)}" class="teaser portletWrapper kssattr-${hash(2)}"><p><span>تقارير الطقس للأيام الماضية…</span> <a href="/ar/reports">المزيد</a></p></div>
       </article></body></html>`,
      { sourceUrl: 'https://example.org/a' },
    );
    const text = doc.blocks.filter((b) => b.type === 'paragraph' || b.type === 'heading').map((b) => b.text);
    expect(text).toHaveLength(5);
    expect(text.join('\n')).not.toContain('تقارير الطقس');
  });

  it('turns a related box named in one compound word (relatedlinks, relatedArticles) into related links, in both scripts', () => {
    const doc = parseHtml(
      `<html><body><article>${body(latin)}
       <section class="relatedlinks block"><div class="relatedlinks__content"><h2>Discover now</h2><ul><li><span>Read</span><ul><li><a href="/bridge">The bridge reopens</a> <span>31.10.2023</span></li><li><a href="/port">The port grows</a> <span>30.10.2023</span></li></ul></li></ul></div></section>
       <div class="relatedArticles"><h3>اكتشف الآن</h3><ul><li><span>اقرأ</span><ul><li><a href="/ar/bridge">الجسر يفتح من جديد</a> <span>31.10.2023</span></li><li><a href="/ar/port">المرفأ يتوسع</a> <span>30.10.2023</span></li></ul></li></ul></div>
       </article></body></html>`,
      { sourceUrl: 'https://example.org/a' },
    );
    const text = doc.blocks.filter((b) => b.type === 'paragraph' || b.type === 'heading').map((b) => b.text);
    expect(text).toHaveLength(5);
    expect(text.join('\n')).not.toContain('اكتشف');
    expect(text.join('\n')).not.toContain('Discover now');
    expect(doc.blocks.filter((b) => b.type === 'related').map((b) => b.text)).toEqual([
      'The bridge reopens',
      'The port grows',
      'الجسر يفتح من جديد',
      'المرفأ يتوسع',
    ]);
  });

  it('reads a BEM modifier as a variant, not a role: a section "--ads" (with ad slots) is text, in both scripts', () => {
    const section = (title: string, paragraph: string): string =>
      `<section class="Report__Section Report__Section--Ads"><h2>${title}</h2><div class="cf"><p>${paragraph}</p></div><div class="ad-slot"></div></section>`;
    const english = texts(
      `<article>${section('The result', 'We put the steak on the grill, heated it from both sides for a minute and a half, and then let it rest until the core reached 55 degrees.')}
       ${section('Cleaning', 'The grill tray and the rack go in the dishwasher, the burner only needs a damp cloth, and the whole job takes less than ten minutes.')}
       ${section('The price', 'At this price the grill is a bargain, and it does one thing, searing meat at very high heat, better than any pan in a home kitchen.')}
       <div class="Report__Share share__bar--top"><a href="https://twitter.com/share">Share on X</a></div></article>`,
    );
    expect(english.join('\n')).toContain('We put the steak on the grill');
    expect(english.join('\n')).toContain('The grill tray and the rack');
    expect(english.join('\n')).not.toContain('Share on X');

    const arabic = texts(
      `<article>${section('النتيجة', 'وضعنا قطعة اللحم على الشواية، وسخّناها من الجانبين دقيقة ونصفًا، ثم تركناها حتى بلغت حرارتها الداخلية خمسًا وخمسين درجة.')}
       ${section('التنظيف', 'صينية الشواية والشبكة تدخلان غسالة الصحون، والموقد يحتاج إلى قطعة قماش مبللة فقط، والعمل كله أقل من عشر دقائق.')}
       ${section('السعر', 'بهذا السعر الشواية صفقة رابحة، وهي تتقن شيئًا واحدًا، شيّ اللحم على حرارة عالية جدًا، أفضل من أي مقلاة في المطبخ.')}</article>`,
    );
    expect(arabic.join('\n')).toContain('وضعنا قطعة اللحم على الشواية');
    expect(arabic.join('\n')).toContain('صينية الشواية والشبكة');
  });

  it('keeps a teaser without links: the article’s own lead', () => {
    const lead = 'The council voted last night to close the old harbour to cargo ships from next spring.';
    expect(texts(`<article><p class="teaser">${lead}</p>${body(latin)}</article>`)).toContain(lead);
  });

  it('drops comment sections named in the page’s language', () => {
    const result = texts(
      `<main>${body(latin)}<section class="kommentare"><p>Keine Kommentare vorhanden, schreiben Sie den ersten Kommentar zu diesem Artikel.</p></section>
       <div id="commentaires"><p>Aucun commentaire pour le moment, soyez le premier à réagir à cet article.</p></div></main>`,
    );
    expect(result).toHaveLength(5);
  });

  it('drops comment sections named in one compound word, in both scripts, and keeps a commentary', () => {
    const latinResult = texts(
      `<main>${body(latin)}<div id="kommentarModul" class="kommentarModul"><p class="strong">Sie sind aktuell nicht eingeloggt.</p>
       <p>Melden Sie sich an, um einen Kommentar zu schreiben.</p></div></main>`,
    );
    expect(latinResult.join('\n')).not.toMatch(/eingeloggt|Kommentar/);
    expect(latinResult).toHaveLength(5);

    const arabicResult = texts(
      `<main>${body(arabic)}<section class="commentSection"><p>يجب عليك تسجيل الدخول لكتابة تعليق على هذا الخبر.</p></section></main>`,
    );
    expect(arabicResult.join('\n')).not.toContain('تسجيل الدخول');
    expect(arabicResult).toHaveLength(5);

    const commentary = texts(`<main><div class="commentary">${body(latin)}</div></main>`);
    expect(commentary).toHaveLength(5);
  });
});

describe('parseHtml navigation and labels between paragraphs', () => {
  it('drops a strip of links after the first paragraph, in both scripts, and keeps a lone link paragraph', () => {
    const result = texts(
      `<article>${body(latin)}<p><a href="/kit">Press kit</a> | <a href="/rss">RSS feed</a></p>
       <p><a href="/ar">الأرشيف</a> · <a href="/">الرئيسية</a></p><p><a href="/report.pdf">Full report of the council</a></p></article>`,
    );
    expect(result.join('\n')).not.toMatch(/Press kit|الأرشيف/);
    expect(result).toContain('Full report of the council');
  });

  it('drops a field label with no value, in both scripts, and keeps a label that heads what follows', () => {
    const result = texts(
      `<article>${body(latin)}<p>Telefon:</p><p>الهاتف:</p><h3>For the pastry:</h3><p>Flour, butter and a pinch of salt.</p></article>`,
    );
    expect(result).not.toContain('Telefon:');
    expect(result).not.toContain('الهاتف:');
    expect(result).toContain('For the pastry:');
  });
});

describe('parseHtml chrome inside the chosen content', () => {
  it('skips a menu, a sidebar widget or a category strip set inside the article container, in both scripts', () => {
    const result = texts(
      `<div id="content"><div class="menu-top-container"><ul><li><a href="/p">Projekte</a></li><li><a href="/k">Kontakt</a></li></ul></div>
       <div class="single-header"><div class="post-category"><span>Promis</span></div></div>${body(latin)}
       <div class="sidebar-box"><p>الأكثر قراءة اليوم</p></div>${body(arabic)}</div>`,
    );
    expect(result.join('\n')).not.toMatch(/Projekte|Promis|الأكثر قراءة/);
    expect(result).toHaveLength(10);
  });

  it('reads a box with a chrome-looking class that holds prose', () => {
    const prose =
      'How the interest on a personal loan is worked out, and what each part of the rate means for the sum you pay back to the bank over the years of the loan.';
    const result = texts(
      `<div id="content"><div class="form-header"><p>${prose}</p></div>${body(latin)}</div>`,
    );
    expect(result).toContain(prose);
  });
});

describe('parseHtml hidden classes', () => {
  it('drops an element whose class is hidden, and keeps text whose class only hides a label or hides at one screen size', () => {
    const intro =
      'Did you know that the right diet makes hair grow faster? These foods give you a long mane in no time.';
    const arabicIntro = 'هل تعلم أن الغذاء المناسب يسرّع نمو الشعر؟ هذه الأطعمة تمنحك شعرًا طويلًا في وقت قصير.';
    const result = texts(
      `<article><div class="field field-intro-text field-label-hidden"><p>${intro}</p></div>${body(latin)}
       <p class="hidden-xs">${arabicIntro}</p><div class="hidden"><p>Old version of the story, kept for the editors only.</p></div></article>`,
    );
    expect(result).toContain(intro);
    expect(result).toContain(arabicIntro);
    expect(result.join('\n')).not.toContain('Old version');
  });
});

describe('parseHtml one-link lines', () => {
  it('makes a paragraph that is one link to another page a related link, in both scripts; a document link stays', () => {
    const doc = parseHtml(
      `<html><body><article>${body(latin)}<p><a href="/stories/bears">The zoo's bears wake early</a></p>
       <p><a href="/ar/1">دببة الحديقة تستيقظ مبكرًا</a></p><p><a href="/report.pdf">Full report of the council</a></p>${latin(6)}</article></body></html>`,
      { sourceUrl: 'https://example.org/a' },
    );
    const text = doc.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text);
    expect(text).toHaveLength(7);
    expect(text).toContain('Full report of the council');
    expect(doc.blocks.filter((b) => b.type === 'related').map((b) => b.text)).toEqual([
      "The zoo's bears wake early",
      'دببة الحديقة تستيقظ مبكرًا',
    ]);
    expect(doc.links.filter((l) => l.kind === 'related').map((l) => l.href)).toEqual([
      '/stories/bears',
      '/ar/1',
    ]);
  });
});

describe('parseHtml closing calls', () => {
  it('drops a closing paragraph whose links all lead to a network or an app store, in both scripts', () => {
    const result = texts(
      `<article>${body(latin)}<p>Did you know we have a channel? Join from your phone with <a href="https://t.me/harbour">this invitation link</a>.</p>
       <p>لآخر الأخبار حمّلوا تطبيقنا على <a href="https://apps.apple.com/app/id1">آيفون</a> و<a href="https://play.google.com/store/apps/details?id=x">أندرويد</a></p></article>`,
    );
    expect(result).toHaveLength(5);
  });

  it('keeps a closing paragraph that links to a page of the story', () => {
    const last =
      'The full ruling is on the court’s website, and the council will answer it <a href="https://court.example/r1">in a statement</a> next week.';
    expect(texts(`<article>${body(latin)}<p>${last}</p></article>`)).toHaveLength(6);
  });
});

describe('parseHtml call boxes', () => {
  it('drops a short box around a button link, in both scripts', () => {
    const result = texts(
      `<article>${body(latin)}<div class="support"><h2>An informed public decides better.</h2><p>We have reported for 106 years.</p>
       <a class="support__button" href="https://members.example/">Become a member now</a></div>
       <div class="promo-box"><p>ادعموا الصحافة المستقلة.</p><a class="btn" href="/subscribe">اشترك الآن</a></div>${latin(6)}</article>`,
    );
    expect(result).toHaveLength(6);
    expect(result.join('\n')).not.toMatch(/106 years|الصحافة/);
  });

  it('keeps the article text in a box that also holds share buttons', () => {
    const result = texts(
      `<article>${body(latin)}<div class="downloads"><p>The council has put its full advice on the move online, as a PDF: <a href="/files/advice.pdf">advice sheet</a></p>
       <a class="share-facebook sd-button" href="/post?share=facebook"><span>Facebook</span></a></div></article>`,
    );
    expect(result).toContain(
      'The council has put its full advice on the move online, as a PDF: advice sheet',
    );
  });
});

describe('parseHtml boxes named for contacts, players and citations', () => {
  it('drops contact boxes, audio players and cite-this boxes inside the article, in both scripts', () => {
    const result = texts(
      `<article><div class="audio-player"><h4>Listen to this story here</h4></div>${body(latin)}
       <div class="infobox article-contact"><p>Press office of the harbour, phone and e-mail for journalists.</p></div>
       <div class="citation"><p>How to cite this article: Roe, J. (2022). Harbour closes.</p></div>
       <div class="kontakt"><p>للتواصل مع مكتب الصحافة في المرفأ.</p></div></article>`,
    );
    expect(result).toHaveLength(5);
  });
});

describe('parseHtml lines that are links elsewhere on the page', () => {
  it('drops a short line that is a link’s text outside the article, in both scripts', () => {
    const latinResult = texts(
      `<nav><a href="/projects">Projects</a> <a href="/contact">Contact</a></nav>
       <article>${body(latin)}<p>Contact</p><p>Harbour fees rise again this winter</p></article>
       <aside><h3>More news</h3><ul><li><a href="/news/fees">Harbour fees rise again this winter</a></li><li><a href="/news/ferry">New ferry line</a></li></ul></aside>`,
    );
    expect(latinResult).not.toContain('Contact');
    expect(latinResult).not.toContain('Harbour fees rise again this winter');
    expect(latinResult).toHaveLength(5);

    const arabicResult = texts(
      `<nav><a href="/ar/contact">اتصل بنا</a> <a href="/ar/sport">رياضة</a></nav>
       <article>${body(arabic)}<p>اتصل بنا</p><p>ارتفاع رسوم المرفأ مجددًا هذا الشتاء</p></article>
       <aside><ul><li><a href="/ar/news/1">ارتفاع رسوم المرفأ مجددًا هذا الشتاء</a></li><li><a href="/ar/news/2">خط عبارات جديد</a></li></ul></aside>`,
    );
    expect(arabicResult.join('\n')).not.toMatch(/اتصل بنا|ارتفاع رسوم/);
    expect(arabicResult).toHaveLength(5);
  });

  it('keeps a section heading a table of contents links to, and lines linked nowhere else', () => {
    const result = texts(
      `<div class="contents"><ol><li><a href="/story.html#costs">What it costs</a></li><li><a href="#ferry">The ferry</a></li></ol></div>
       <article>${body(latin, 2)}<h2 id="costs">What it costs</h2>${body(latin, 2)}<p>Harbour fees rise again this winter</p></article>`,
    );
    expect(result).toContain('What it costs');
    expect(result).toContain('Harbour fees rise again this winter');
  });
});

describe('parseHtml prompts to sign in', () => {
  it('drops a short line linking to the sign-in or registration page, in both scripts', () => {
    const latinResult = texts(
      `<article>${body(latin)}<p>Sie müssen <a href="/index.php?site=login">eingeloggt</a> sein, um Kommentare zu schreiben!</p>
       <p><a href="https://example.org/account/register">Read the digital edition</a> - register here for free!</p></article>`,
    );
    expect(latinResult.join('\n')).not.toMatch(/eingeloggt|digital edition/);
    expect(latinResult).toHaveLength(5);

    const arabicResult = texts(
      `<article>${body(arabic)}<p>يجب <a href="/ar/login/">تسجيل الدخول</a> لكتابة تعليق.</p></article>`,
    );
    expect(arabicResult.join('\n')).not.toContain('تسجيل الدخول');
    expect(arabicResult).toHaveLength(5);
  });

  it('keeps prose about signing in and links whose path only starts like a sign-in page', () => {
    const prose = `The council’s new portal asks every resident to <a href="/login">log in</a> with the same account used for the parking permit, the library card and the waste collection calendar, which several readers found confusing at first, as the town hall admitted at its meeting on Tuesday.`;
    const howTo = 'Our guide to safer passwords for the portal';
    const result = texts(
      `<article>${body(latin)}<p>${prose}</p><p>See <a href="/login-tips">${howTo}</a> before the first visit.</p></article>`,
    );
    expect(result).toHaveLength(7);
  });
});

describe('parseHtml a login wall', () => {
  it('keeps the sign-in line of a page that has no other text', () => {
    const result = texts(`<main><p>Please <a href="/login">sign in</a> to read this page.</p></main>`);
    expect(result).toEqual(['Please sign in to read this page.']);
  });
});
