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

describe('authors: byline lines, widget columns and account names', () => {
  it('reads a byline after a date or an authorship phrase, in both scripts', () => {
    expect(
      authorsOf(
        page(
          '',
          '<h1>Storm hits the coast</h1><div>Ein Artikel von <b>Pamela Sladky</b> | 27.01.2022 - 12:45</div>',
        ),
      ),
    ).toEqual(['Pamela Sladky']);
    expect(
      authorsOf(
        page('', '<h1>Storm hits the coast</h1><h2>News <span>06.11.2023 13:30 von Olga</span></h2>'),
      ),
    ).toEqual(['Olga']);
    expect(
      authorsOf(
        page('', '<h1>Storm hits the coast</h1><p class="meta">Posted by Jane Doe on March 3, 2020</p>'),
      ),
    ).toEqual(['Jane Doe']);
    expect(
      authorsOf(page('', '<h1>عاصفة تضرب الساحل</h1><div>2023/11/06 - بقلم: أحمد علي</div>', 'ar')),
    ).toEqual(['أحمد علي']);
  });

  it('reads a colon label that follows other fields on the line', () => {
    expect(
      authorsOf(
        page(
          '',
          '<h1>Storm hits the coast</h1><div><h5>Datum: </h5>03.11.2021 <h5>Autor: </h5>Peter Maahn</div>',
        ),
      ),
    ).toEqual(['Peter Maahn']);
    expect(
      authorsOf(
        page(
          '',
          '<h1>Storm hits the coast</h1><div>05.02.2020 <span>- Redaktion: Eberhard Fuhr (Pressesprecher)</span></div>',
        ),
      ),
    ).toEqual(['Eberhard Fuhr']);
    expect(
      authorsOf(
        page('', '<h1>توفان به ساحل رسید</h1><div>تاریخ انتشار: ۱۴۰۲/۰۸/۱۵ نویسنده: مریم احمدی</div>', 'fa'),
      ),
    ).toEqual(['مریم احمدی']);
  });

  it('reads "date - name" under the headline, not in a dated list further down', () => {
    expect(authorsOf(page('', '<h1>Storm hits the coast</h1><p>11.12.2019 - Amelie Loevenich</p>'))).toEqual([
      'Amelie Loevenich',
    ]);
    expect(authorsOf(page('', '<h1>عاصفة تضرب الساحل</h1><p>11.12.2019 - سارة محمود</p>', 'ar'))).toEqual([
      'سارة محمود',
    ]);
    const filler = Array.from({ length: 30 }, (_, n) => `<p>Line ${n} of the programme notes.</p>`).join('');
    expect(
      authorsOf(page('', `<h1>Concerts in November</h1>${filler}<p>17.11.2022 - Grelle Forelle</p>`)),
    ).toEqual([]);
  });

  it('cuts the date, the next credit and the publication label after a name', () => {
    expect(
      authorsOf(page('', '<h1>Storm hits the coast</h1><p>By Nathan Willis March 25, 2015</p>')),
    ).toEqual(['Nathan Willis']);
    expect(
      authorsOf(
        page(
          '',
          '<h1>Storm hits the coast</h1><p><em>Text von Christian Seiler &nbsp; Illustration von Markus Roost</em></p>',
        ),
      ),
    ).toEqual(['Christian Seiler']);
    expect(cleanAuthors(['Herr_Rein Veröffentlicht am 3. Mai'], null)).toEqual(['Herr_Rein']);
    expect(cleanAuthors(['Veröffentlicht am'], null)).toEqual([]);
  });

  it('reads the author of a post inside a widget box that holds the headline (Blogger)', () => {
    const post = (title: string, name: string, lang: 'en' | 'ar'): string =>
      `<!doctype html><html lang="${lang}"><body><div class="widget Blog" id="Blog1"><div class="post hentry"><h1 class="post-title">${title}</h1>${paragraphs(lang)}<span class="post-author vcard"><span itemprop="author" itemscope itemtype="http://schema.org/Person"><span itemprop="name">${name}</span></span></span></div></div><div class="sidebar"><div class="widget Profile"><a rel="author" href="/p">Someone Else</a></div></div></body></html>`;
    expect(authorsOf(post('Storm hits the coast', 'T. V. Raman', 'en'))).toEqual(['T. V. Raman']);
    expect(authorsOf(post('عاصفة تضرب الساحل', 'أحمد علي', 'ar'))).toEqual(['أحمد علي']);
  });

  it('keeps an account name only when no person is named, or two sources agree on it', () => {
    const ld =
      '<script type="application/ld+json">{"@type":"Article","headline":"x","creator":"CC7567"}</script>';
    expect(
      authorsOf(
        page(
          ld,
          '<h1>Storm hits the coast</h1><p class="byline"><span class="author-name">James Akinaka</span></p>',
        ),
      ),
    ).toEqual(['James Akinaka']);
    expect(authorsOf(page(ld, '<h1>Storm hits the coast</h1>'))).toEqual(['CC7567']);
    const handle = '<meta name="author" content="freeman1984">';
    expect(
      authorsOf(
        page(
          handle,
          '<h1>Storm hits the coast</h1><div class="byline">von <a rel="author" href="/author/freeman1984/">freeman1984</a></div><p>By Jane Doe</p>',
        ),
      ),
    ).toEqual(['freeman1984']);
    expect(cleanAuthors(['freeman1984', '2019'], null)).toEqual(['freeman1984']);
  });
});

describe('authors: headings, glued labels, desks, agencies and first names', () => {
  it('reads a byline under the first heading of a page with no headline element', () => {
    const noH1 = (heading: string, line: string, lang: 'en' | 'ar'): string =>
      `<!doctype html><html lang="${lang}"><body><div>${heading}<p>${line}</p>${paragraphs(lang)}</div></body></html>`;
    expect(authorsOf(noH1('<h2>A detective music film</h2>', 'von <em>Klaus Stanjek</em>', 'en'))).toEqual([
      'Klaus Stanjek',
    ]);
    expect(authorsOf(noH1('<h2>فيلم وثائقي</h2>', 'بقلم: <em>سارة محمود</em>', 'ar'))).toEqual([
      'سارة محمود',
    ]);
  });

  it('reads "By" glued to the name by markup and a date-led "Posted on … by"', () => {
    expect(
      authorsOf(
        page(
          '',
          '<h1>Storm hits the coast</h1><div><span>By</span><span><a href="/team/jr">J.R. Stone</a></span></div>',
        ),
      ),
    ).toEqual(['J.R. Stone']);
    expect(
      authorsOf(
        page('', '<h1>Storm hits the coast</h1><div>Posted on September 21, 2020 by Adi Tzlil</div>'),
      ),
    ).toEqual(['Adi Tzlil']);
    expect(authorsOf(page('', '<h1>Storm hits the coast</h1><div><span>Bywater</span> notes</div>'))).toEqual(
      [],
    );
  });

  it('keeps a desk credit only when no person signs', () => {
    expect(
      authorsOf(page('', '<h1>Storm hits the coast</h1><span class="byline">von Redaktion, </span>')),
    ).toEqual(['Redaktion']);
    expect(authorsOf(page('', '<h1>Storm hits the coast</h1><div>By Staff Writer</div>'))).toEqual([
      'Staff Writer',
    ]);
    expect(
      authorsOf(
        page(
          '<meta name="author" content="Redaktion">',
          '<h1>Storm hits the coast</h1><p>Von Claudia Lindner</p>',
        ),
      ),
    ).toEqual(['Claudia Lindner']);
    expect(
      authorsOf(
        page(
          '<meta name="author" content="التحرير">',
          '<h1>عاصفة تضرب الساحل</h1><div>كتبت: سارة محمود</div>',
          'ar',
        ),
      ),
    ).toEqual(['سارة محمود']);
    expect(cleanAuthors(['Jane Doe, Senior Editor'], null)).toEqual(['Jane Doe']);
  });

  it('keeps the person of a "person/agency" credit', () => {
    expect(cleanAuthors(['Peter Maahn/SP-X'], null)).toEqual(['Peter Maahn']);
    expect(cleanAuthors(['أحمد علي/ رويترز'], null)).toEqual(['أحمد علي']);
  });

  it('completes a first name alone with the full name a later source gives', () => {
    const meta = '<meta name="author" content="Todd">';
    expect(authorsOf(page(meta, '<h1>Storm hits the coast</h1><div>By Todd Bates</div>'))).toEqual([
      'Todd Bates',
    ]);
    const ar = '<meta name="author" content="سارة">';
    expect(authorsOf(page(ar, '<h1>عاصفة تضرب الساحل</h1><div>كتبت: سارة محمود</div>', 'ar'))).toEqual([
      'سارة محمود',
    ]);
    expect(authorsOf(page(meta, '<h1>Storm hits the coast</h1><div>By Jane Doe</div>'))).toEqual(['Todd']);
  });
});

describe('authors: credit lines with several fields', () => {
  it('stops a name at the next labelled field and reads combined labels', () => {
    expect(
      authorsOf(
        page(
          '',
          '<h1>Storm hits the coast</h1><div><p>Auteur : Kossivi Tiassou</p><p>Edition : M-A. Pioerron</p></div>',
        ),
      ),
    ).toEqual(['Kossivi Tiassou']);
    expect(
      authorsOf(page('', '<h1>Storm hits the coast</h1><td>Text &amp; Fotos: Ivan Valetny</td>')),
    ).toEqual(['Ivan Valetny']);
    expect(
      authorsOf(page('', '<h1>Storm hits the coast</h1><div>Text und Interview: Harald Willenbrock</div>')),
    ).toEqual(['Harald Willenbrock']);
    expect(
      authorsOf(
        page(
          '',
          '<h1>عاصفة تضرب الساحل</h1><div><p>الكاتب: أحمد علي</p><p>تحرير: سارة محمود</p></div>',
          'ar',
        ),
      ),
    ).toEqual(['أحمد علي']);
  });

  it('reads a short line indented with long runs of white space', () => {
    const pad = ' '.repeat(300);
    expect(
      authorsOf(
        page(
          '',
          `<h1>Storm hits the coast</h1><div><h5>Datum:</h5>${pad}03.11.2021${pad}<br><h5>Autor: </h5>${pad}Peter Maahn/SP-X${pad}</div>`,
        ),
      ),
    ).toEqual(['Peter Maahn']);
  });

  it('goes on past a byline-like line that names nobody, and never takes an "About" link', () => {
    expect(
      authorsOf(
        page('', '<h1>Storm hits the coast</h1><div>By email: news@example.org</div><p>By Jane Doe</p>'),
      ),
    ).toEqual(['Jane Doe']);
    expect(
      authorsOf(
        page(
          '',
          '<h1>عاصفة تضرب الساحل</h1><div>كتب: https://example.org/a</div><p>بقلم: أحمد علي</p>',
          'ar',
        ),
      ),
    ).toEqual(['أحمد علي']);
    expect(cleanAuthors(['A propos de la DW'], null)).toEqual([]);
    expect(cleanAuthors(['About us'], null)).toEqual([]);
  });
});

describe('authors: the publisher signing as author', () => {
  const ld = (author: string, publisher: string): string =>
    `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"x","author":${author},"publisher":{"@type":"Organization","name":"${publisher}"}}</script>`;

  it('lets a visible byline beat a JSON-LD Organization author that is the publisher', () => {
    const site = '<meta property="og:site_name" content="Coast News">';
    const en = site + ld('{"@type":"Organization","name":"Coast Media Group"}', 'Coast Media Group');
    expect(authorsOf(page(en, '<h1>Storm hits the coast</h1><p>By Jane Doe</p>'))).toEqual(['Jane Doe']);
    expect(authorsOf(page(en, '<h1>Storm hits the coast</h1>'))).toEqual(['Coast Media Group']);
    const ar =
      '<meta property="og:site_name" content="أخبار الساحل">' +
      ld('{"@type":"NewsMediaOrganization","name":"شبكة الساحل"}', 'شبكة الساحل');
    expect(authorsOf(page(ar, '<h1>عاصفة تضرب الساحل</h1><div>كتب: محمد حسن</div>', 'ar'))).toEqual([
      'محمد حسن',
    ]);
  });

  it('keeps a person typed ["Person", "Organization"] (a blog owner) and an organization that is not the publisher', () => {
    const owner = `<meta property="og:site_name" content="Jane's Garden">${ld('{"@type":["Person","Organization"],"name":"Jane Doe"}', 'Jane Doe')}`;
    expect(authorsOf(page(owner, '<h1>Storm hits the coast</h1><p>By John Roe</p>'))).toEqual(['Jane Doe']);
    const other = ld('{"@type":"Organization","name":"Harbour Research Institute"}', 'Coast Media Group');
    expect(authorsOf(page(other, '<h1>Storm hits the coast</h1><p>By John Roe</p>'))).toEqual([
      'Harbour Research Institute',
    ]);
  });
});

describe('authors: scholarly pages', () => {
  it('reads citation_author before the itemprop authors of the cited works', () => {
    const refs = (names: string): string =>
      `<ol><li itemprop="citation" itemscope itemtype="http://schema.org/ScholarlyArticle"><meta itemprop="author" content="${names}"><span>Cited work.</span></li></ol>`;
    const head = '<meta name="citation_author" content="Marwan H. Adwan">';
    expect(
      authorsOf(page(head, `<h1>Drug reactions in rheumatology</h1>${refs('NH. Shear, SP. Spielberg')}`)),
    ).toEqual(['Marwan H. Adwan']);
    const ar = '<meta name="citation_author" content="مروان عدوان">';
    expect(authorsOf(page(ar, `<h1>تفاعلات الأدوية</h1>${refs('أحمد علي، سارة محمود')}`, 'ar'))).toEqual([
      'مروان عدوان',
    ]);
  });
});

describe('authors: Arabic and Persian name lists', () => {
  it('splits on the Arabic comma and drops a role after the name or a title before it', () => {
    expect(cleanAuthors(['أحمد علي، سارة محمود'], null)).toEqual(['أحمد علي', 'سارة محمود']);
    expect(cleanAuthors(['بقلم: أحمد علي، مراسل الجزيرة'], null)).toEqual(['أحمد علي']);
    expect(cleanAuthors(['مریم احمدی، خبرنگار ایسنا'], null)).toEqual(['مریم احمدی']);
    expect(cleanAuthors(['الكاتب الصحفي محمد حسن'], null)).toEqual(['محمد حسن']);
    // The Latin counterparts: a role after the name is dropped, a label before it too.
    expect(cleanAuthors(['By Jane Doe, Senior Correspondent'], null)).toEqual(['Jane Doe']);
    expect(cleanAuthors(['خبرنگار: علی رضایی'], null)).toEqual(['علی رضایی']);
  });
});

describe('authors: wire datelines', () => {
  const wire = (lead: string, lang: 'en' | 'ar' | 'de', byline = ''): string =>
    `<!doctype html><html lang="${lang}"><body><article><h1>Headline</h1>${byline}<p>${lead}</p>${paragraphs(lang === 'ar' ? 'ar' : 'en')}</article></body></html>`;

  it('credits the agency of a dateline opening the text when no person signs', () => {
    expect(
      authorsOf(
        wire(
          'Hamburg (dpa/lno) – Trotz eines Gesprächs zwischen den beiden Seiten bleibt der Streit offen.',
          'de',
        ),
      ),
    ).toEqual(['dpa/lno']);
    expect(
      authorsOf(
        wire('القاهرة (رويترز) - قالت مصادر في الميناء إن العمل سيستأنف صباح الغد بعد توقف دام يومين.', 'ar'),
      ),
    ).toEqual(['رويترز']);
  });

  it('prefers a person, and takes no parenthesis that is not an agency', () => {
    expect(
      authorsOf(
        wire(
          'Hamburg (dpa/lno) – Trotz eines Gesprächs zwischen den beiden Seiten bleibt der Streit offen.',
          'de',
          '<p>Von Claudia Lindner</p>',
        ),
      ),
    ).toEqual(['Claudia Lindner']);
    expect(
      authorsOf(
        wire(
          'Berlin (Germany) – The council met on Monday to discuss the harbour and its future plans.',
          'en',
        ),
      ),
    ).toEqual([]);
  });
});

describe('authors: a credit line at the end of the article', () => {
  const signed = (end: string, lang: 'en' | 'ar' | 'fa', aside = ''): string => {
    const filler = Array.from({ length: 140 }, (_, n) => `<span>${n}</span>`).join('');
    return `<!doctype html><html lang="${lang}"><body><article><h1>Headline</h1>${paragraphs(lang)}<div>${filler}</div>${end}</article>${aside}</body></html>`;
  };

  it('reads "Autor:" with the name in a link, or "Label: name" in one element', () => {
    expect(
      authorsOf(
        signed(
          '<p><strong>Autor:</strong> <a href="/profil/207">Klausmartin Friedrich</a><br><strong>Tags:</strong> <a href="/t/1907">1907</a>, <a href="/t/nag">nag</a></p>',
          'en',
        ),
      ),
    ).toEqual(['Klausmartin Friedrich']);
    expect(authorsOf(signed('<p><span>【纠错】 责任编辑： 焦鹏</span></p>', 'en'))).toEqual(['焦鹏']);
    expect(authorsOf(signed('<p><b>نویسنده:</b> <a href="/u/1">مریم احمدی</a></p>', 'fa'))).toEqual([
      'مریم احمدی',
    ]);
    expect(authorsOf(signed('<p><b>الكاتب:</b> أحمد علي</p>', 'ar'))).toEqual(['أحمد علي']);
  });

  it('takes no sentence, and nothing from a sidebar or comments', () => {
    expect(authorsOf(signed('<p>Hier ist der <b>Text:</b> wir fordern mehr Geld.</p>', 'en'))).toEqual([]);
    expect(
      authorsOf(
        signed('', 'en', '<div class="sidebar"><p><b>Autor:</b> <a href="/p/1">Jane Doe</a></p></div>'),
      ),
    ).toEqual([]);
    expect(authorsOf(signed('<div class="comments"><p><b>Author:</b> Jane Doe</p></div>', 'en'))).toEqual([]);
  });
});

describe('authors: hostile markup', () => {
  it('takes no label for a name in 20,000 nested or repeated credit labels', () => {
    const n = 20_000;
    const nested = `<html><body><h1>T</h1>${'<div>Autor: '.repeat(n)}x${'</div>'.repeat(n)}</body></html>`;
    expect(authorsOf(nested)).toEqual([]);
    const repeated = `<html><body><h1>T</h1>${'<p><b>نویسنده:</b> x</p>'.repeat(n)}</body></html>`;
    expect(authorsOf(repeated)).toEqual([]);
    expect(cleanAuthors(['Autor', 'Author'], null)).toEqual([]);
  });
});

describe('authors: lines that only look like bylines', () => {
  const at = (line: string, head = '', lang: 'en' | 'ar' = 'en'): readonly string[] =>
    authorsOf(page(head, `<h1>Storm hits the coast</h1>${line}`, lang));

  it('takes no phrase in lower case, no "Text Size" control and no category strip', () => {
    expect(at('<p>by the way</p>')).toEqual([]);
    expect(at('<div><span>Text</span> <span>Size</span></div>')).toEqual([]);
    expect(at('<p>30/10/23 | StarsInsider Gesundheit Angst</p>')).toEqual([]);
    expect(at('<p>Posted by kovarex, TOGos on 2019-02-15</p>')).toEqual(['kovarex', 'TOGos']);
  });

  it('cuts a name at "//", "~" and "zuletzt bearbeitet", and reads a label cell beside its name cell', () => {
    expect(at('<p>22. Januar 2020 @ 18:13 // Autor: c1ph4 // ~ Lesezeit: 1 Minute</p>')).toEqual(['c1ph4']);
    expect(at('<p>von Jane Doe <br><span>zuletzt bearbeitet: 04.02.2022, 08:27</span></p>')).toEqual([
      'Jane Doe',
    ]);
    expect(
      at(
        '<ul><li><div>Datum</div><div>31.01.2022</div></li><li><div>Autor</div><div>Peter Middel</div></li></ul>',
      ),
    ).toEqual(['Peter Middel']);
    expect(at('<ul><li><div>الكاتب:</div><div>أحمد علي</div></li></ul>', '', 'ar')).toEqual(['أحمد علي']);
  });

  it('never completes a first name with the site name, nor takes a piece of the publisher for a person', () => {
    const meta = '<meta name="author" content="Matthias">';
    expect(
      authorsOf(
        page(meta, '<h1>Storm hits the coast</h1><p>Von Matthias herrpfleger</p>'),
        'https://herrpfleger.de/a',
      ),
    ).toEqual(['Matthias']);
    const ld =
      '<script type="application/ld+json">{"@type":"Article","headline":"x","author":"von AUTO ZEITUNG"}</script><meta property="og:site_name" content="AUTO ZEITUNG">';
    expect(authorsOf(page(ld, '<h1>Storm hits the coast</h1><p class="byline">AUTO</p>'))).toEqual([
      'AUTO ZEITUNG',
    ]);
  });

  it('takes no "Who we are" link and no broken URL', () => {
    expect(cleanAuthors(['Who we are'], null)).toEqual([]);
    expect(cleanAuthors(['من نحن'], null)).toEqual([]);
    expect(cleanAuthors(['„http:'], null)).toEqual([]);
  });
});

describe('authors: Arabic desks and datelines before the label', () => {
  it('lets a person beat a desk or site-admin meta author, in both scripts', () => {
    const desk = (name: string): string => `<meta name="author" content="${name}">`;
    expect(
      authorsOf(page(desk('فريق التحرير'), '<h1>عاصفة تضرب الساحل</h1><div>كتب: محمد حسن</div>', 'ar')),
    ).toEqual(['محمد حسن']);
    expect(
      authorsOf(page(desk('مدير الموقع'), '<h1>عاصفة تضرب الساحل</h1><div>كتب: محمد حسن</div>', 'ar')),
    ).toEqual(['محمد حسن']);
    expect(
      authorsOf(page(desk('سردبیری'), '<h1>توفان به ساحل رسید</h1><div>گزارش: مریم احمدی</div>', 'fa')),
    ).toEqual(['مریم احمدی']);
    expect(
      authorsOf(page(desk('Editorial Team'), '<h1>Storm hits the coast</h1><div>By Jane Doe</div>')),
    ).toEqual(['Jane Doe']);
  });

  it('reads the label after a parenthesized dateline', () => {
    expect(
      authorsOf(page('', '<h1>عاصفة تضرب الساحل</h1><div>(القاهرة - الموقع) كتب محمد حسن</div>', 'ar')),
    ).toEqual(['محمد حسن']);
    expect(authorsOf(page('', '<h1>Storm hits the coast</h1><div>(Berlin) – By Jane Doe</div>'))).toEqual([
      'Jane Doe',
    ]);
  });
});
