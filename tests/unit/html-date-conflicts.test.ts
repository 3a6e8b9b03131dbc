import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { choosePublished } from '../../lib/article/html/published-date.js';
import { articlePage as page } from '../support/html-fixtures.js';

const dateOf = (html: string): string | null => parseHtml(html, { sourceUrl: null }).publishedAt;

describe('declared and shown dates that disagree', () => {
  it('takes the date shown under the headline over a generic `date` meta (often the last save)', () => {
    const en = page(
      '<meta name="date" content="2020-02-12">',
      '<h1>Storm hits the coast</h1><div class="news-timedata">05.02.2020 - Editor: Jo</div>',
    );
    expect(dateOf(en)).toBe('2020-02-05');
    const ar = page(
      '<meta name="dc.date" content="2020-02-12">',
      '<h1>عاصفة تضرب الساحل</h1><div class="post-date">5 فبراير 2020</div>',
      'ar',
    );
    expect(dateOf(ar)).toBe('2020-02-05');
  });

  it('keeps a publication key over a shown date that nothing else confirms', () => {
    const en = page(
      '<meta property="article:published_time" content="2020-02-12T10:00:00+01:00">',
      '<h1>Storm hits the coast</h1><div class="post-date">05.02.2020</div>',
    );
    expect(dateOf(en)).toBe('2020-02-12T10:00:00+01:00');
  });

  it('takes the shown date when another declared publication key agrees with it', () => {
    const en = page(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-01-04T07:29:00Z"}</script><meta property="article:published_time" content="2022-01-06T08:29:34">',
      '<h1>Storm hits the coast</h1><div class="article-info">06.01.2022</div>',
    );
    expect(dateOf(en)).toBe('2022-01-06');
    const ar = page(
      '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-01-04T07:29:00Z"}</script><meta property="article:published_time" content="2022-01-06T08:29:34">',
      '<h1>عاصفة تضرب الساحل</h1><div class="article-info">6 يناير 2022</div>',
      'ar',
    );
    expect(dateOf(ar)).toBe('2022-01-06');
  });

  it('never lets a date labelled as an update override the declared publication', () => {
    const head =
      '<meta property="article:published_time" content="2017-12-15T08:50:02-05:00"><meta name="sailthru.date" content="2018-07-24">';
    const en = page(
      head,
      '<h1>Storm hits the coast</h1><div class="byline"><span>Updated <time datetime="2018-07-24T18:15:58+00:00">Jul 24, 2018</time></span></div>',
    );
    expect(dateOf(en)).toBe('2017-12-15T08:50:02-05:00');
    const ar = page(
      head,
      '<h1>عاصفة تضرب الساحل</h1><div class="byline">آخر تحديث: 24 يوليو 2018</div>',
      'ar',
    );
    expect(dateOf(ar)).toBe('2017-12-15T08:50:02-05:00');
  });

  it('skips a <time> labelled as an update for the one that follows', () => {
    const en = page(
      '',
      '<h1>Storm hits the coast</h1><p class="meta">Updated <time datetime="2018-07-24">Jul 24</time>, first published <time datetime="2017-12-15">Dec 15</time></p>',
    );
    expect(dateOf(en)).toBe('2017-12-15');
  });

  it('decides with the flags alone', () => {
    const none = { declared: null, visible: null, inTitle: null, url: null };
    expect(
      choosePublished({ ...none, declared: '2020-02-12', declaredWeak: true, visible: '2020-02-05' }),
    ).toBe('2020-02-05');
    expect(choosePublished({ ...none, declared: '2020-02-12', visible: '2020-02-05' })).toBe('2020-02-12');
    expect(
      choosePublished({
        ...none,
        declared: '2020-02-12',
        declaredAll: ['2020-02-12', '2020-02-05'],
        visible: '2020-02-05',
      }),
    ).toBe('2020-02-05');
    expect(
      choosePublished({
        ...none,
        declared: '2020-02-12',
        declaredWeak: true,
        visible: '2020-02-05',
        visibleUpdated: true,
      }),
    ).toBe('2020-02-12');
  });
});

describe('declared dates of other things', () => {
  it("takes the article object's date over an embedded video's upload date", () => {
    const head = `<script type="application/ld+json">{"@type":"VideoObject","name":"Clip","uploadDate":"2024-12-07T01:36:42Z"}</script><script type="application/ld+json">{"@type":"NewsArticle","headline":"Storm hits the coast","datePublished":"2024-12-05T22:00:40Z"}</script>`;
    expect(dateOf(page(head, '<h1>Storm hits the coast</h1>'))).toBe('2024-12-05T22:00:40Z');
    expect(dateOf(page(head, '<h1>عاصفة تضرب الساحل</h1>', 'ar'))).toBe('2024-12-05T22:00:40Z');
  });

  it('keeps the declared publication when the date shown is the declared modification day', () => {
    const head =
      '<meta property="article:published_time" content="2020-01-03T09:48:24Z"><meta property="article:modified_time" content="2020-01-06T09:22:36Z"><meta name="date" content="2020-01-06T09:22:36Z">';
    expect(
      dateOf(page(head, '<h1>Storm hits the coast</h1><div class="post-date">6 January 2020</div>')),
    ).toBe('2020-01-03T09:48:24Z');
    expect(
      dateOf(page(head, '<h1>عاصفة تضرب الساحل</h1><div class="post-date">6 يناير 2020</div>', 'ar')),
    ).toBe('2020-01-03T09:48:24Z');
  });

  it('reads no local day from a shown stamp of another instant', () => {
    const none = { declared: null, visible: null, inTitle: null, url: null };
    // 22:00 UTC is the next day east of Greenwich, but 12:43 the next day is another instant (an edit).
    expect(
      choosePublished({ ...none, declared: '2024-12-06T22:00:40Z', visible: '2024-12-07T12:43:39Z' }),
    ).toBe('2024-12-06T22:00:40Z');
    // The same instant written with the local offset does give the local day.
    expect(
      choosePublished({ ...none, declared: '2024-12-06T22:00:40Z', visible: '2024-12-07T07:00:40+09:00' }),
    ).toBe('2024-12-07');
  });
});

describe('declared dates read where the markup is broken or late', () => {
  it('reads datePublished from JSON-LD that does not parse', () => {
    const head =
      '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","datePublished":"2020-10-26T18:10:00+01:00"}}</script>';
    expect(dateOf(page(head, '<h1>Storm hits the coast</h1>'))).toBe('2020-10-26T18:10:00+01:00');
    expect(dateOf(page(head, '<h1>عاصفة تضرب الساحل</h1>', 'ar'))).toBe('2020-10-26T18:10:00+01:00');
  });

  it("takes the URL's day over a declared date stamped weeks later (a re-save or a migration)", () => {
    const head = '<meta itemprop="datePublished" content="2019-06-17T18:28:00+0200">';
    const html = page(head, '<h1>Storm hits the coast</h1>');
    expect(parseHtml(html, { sourceUrl: 'https://example.org/home/2017/7/12/storm' }).publishedAt).toBe(
      '2017-07-12',
    );
    // A few days apart is an ordinary late stamp: the declared date stays.
    expect(parseHtml(html, { sourceUrl: 'https://example.org/home/2019/6/14/storm' }).publishedAt).toBe(
      '2019-06-17T18:28:00+02:00',
    );
  });

  it('reads a <time> without datetime whose text carries a time and a word after the date', () => {
    const en = page('', '<h1>Storm hits the coast</h1><ul><li><time>29.04.2020, 12:01 Uhr</time></li></ul>');
    expect(dateOf(en)).toBe('2020-04-29');
    const ar = page(
      '',
      '<h1>عاصفة تضرب الساحل</h1><ul><li><time>29 أبريل 2020، الساعة 12:01 ظهرًا</time></li></ul>',
      'ar',
    );
    expect(dateOf(ar)).toBe('2020-04-29');
  });
});

describe('dates of quoted posts and opinion headers', () => {
  it("never takes an embedded post's <time> (an Instagram or X embed is a blockquote)", () => {
    const embed = (by: string): string =>
      `<blockquote class="instagram-media"><p>${by} <time datetime="2018-03-12T19:30:12+00:00">Mar 12, 2018</time></p></blockquote>`;
    const en = page(
      '',
      `<h1>Storm hits the coast</h1><div class="publishDate"><span>Tuesday,</span> <span>29 January 2019</span></div>${embed('A post shared by Jo')}`,
    );
    expect(dateOf(en)).toBe('2019-01-29');
    const ar = page(
      '',
      `<h1>عاصفة تضرب الساحل</h1><div class="publishDate">الثلاثاء 29 يناير 2019</div>${embed('منشور شاركه جو')}`,
      'ar',
    );
    expect(dateOf(ar)).toBe('2019-01-29');
  });

  it('reads the publish date of an opinion column whose header class says comment', () => {
    const en = page(
      '',
      '<h1>Storm hits the coast</h1><div class="ArticleHeaderComment_publishDate">29 January 2019</div>',
    );
    expect(dateOf(en)).toBe('2019-01-29');
    const ar = page(
      '',
      '<h1>عاصفة تضرب الساحل</h1><div class="comment-publish-date">29 يناير 2019</div>',
      'ar',
    );
    expect(dateOf(ar)).toBe('2019-01-29');
  });

  it('still skips a date classed as a comment or as an update', () => {
    const en = page(
      '',
      '<h1>Storm hits the coast</h1><div class="comment-date">1 March 2019</div><div class="entry-date">29 January 2019</div>',
    );
    expect(dateOf(en)).toBe('2019-01-29');
    const ar = page(
      '',
      '<h1>عاصفة تضرب الساحل</h1><div class="published updated">1 مارس 2019</div><div class="entry-date">29 يناير 2019</div>',
      'ar',
    );
    expect(dateOf(ar)).toBe('2019-01-29');
  });
});

describe('publication keys in a site namespace', () => {
  it('reads a meta key whose last segment names the upload or publication', () => {
    const head = `<meta property="five_hundred_pixels:uploaded" content="2013-02-16T04:36:36-05:00"><meta property="five_hundred_pixels:highest_rating" content="93.5">`;
    expect(dateOf(page(head, '<h1>Spring in China</h1>'))).toBe('2013-02-16T04:36:36-05:00');
    expect(dateOf(page(head, '<h1>الربيع في الصين</h1>', 'ar'))).toBe('2013-02-16T04:36:36-05:00');
    // A key that only ends in a date-like word of something else is not read.
    const other = `<meta property="site:registration_date" content="2010-01-01T00:00:00Z">`;
    expect(dateOf(page(other, '<h1>Spring in China</h1>'))).toBeNull();
  });
});

describe('a URL date and a date near the headline', () => {
  it("takes the URL's day over an event date in the headline area when nothing is declared", () => {
    const en = page('', '<h1>Results: regional championship</h1><p class="subtitle">Aalen, 19.5.2007</p>');
    expect(parseHtml(en, { sourceUrl: 'https://example.org/2007/05/20/results/' }).publishedAt).toBe(
      '2007-05-20',
    );
    const ar = page('', '<h1>نتائج البطولة الإقليمية</h1><p class="subtitle">عمّان، 19 مايو 2007</p>', 'ar');
    expect(parseHtml(ar, { sourceUrl: 'https://example.org/2007/05/20/results/' }).publishedAt).toBe(
      '2007-05-20',
    );
  });
});

describe('dates of other articles near the headline', () => {
  it("skips a teaser card's date for the article's own", () => {
    const card = (date: string): string =>
      `<div class="contenttype-teaser"><div class="infos"><p>${date} // Tips</p></div><a href="/other">Another story</a></div>`;
    const en = page(
      '',
      `<p class="subline">21 Jan 2022 // Dominik</p><h1>Storm hits the coast</h1>${card('06 Aug 2020')}`,
    );
    expect(dateOf(en)).toBe('2022-01-21');
    const ar = page(
      '',
      `<p class="subline">21 يناير 2022 // دومينيك</p><h1>عاصفة تضرب الساحل</h1>${card('6 أغسطس 2020')}`,
      'ar',
    );
    expect(dateOf(ar)).toBe('2022-01-21');
  });
});

describe("a reader's comment near the article", () => {
  it("never takes a comment's <time> for the article's date", () => {
    const comment = (who: string): string =>
      `<ol class="comment-list"><li class="comment"><article class="comment-body"><footer class="comment-meta"><b>${who}</b><div class="comment-metadata"><a href="#c1"><time datetime="2019-08-24T03:36:11+02:00">24 August 2019</time></a></div></footer></article></li></ol>`;
    const en = page(
      '',
      `<h1>Storm hits the coast</h1><p>Published on 16.08.2019<br>Length: 1 hour</p>${comment('Peter')}`,
    );
    expect(dateOf(en)).toBe('2019-08-16');
    const ar = page('', `<h1>عاصفة تضرب الساحل</h1><p>نشر في 16 أغسطس 2019</p>${comment('بيتر')}`, 'ar');
    expect(dateOf(ar)).toBe('2019-08-16');
  });
});
