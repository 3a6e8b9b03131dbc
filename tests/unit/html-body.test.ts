import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { parseText } from '../../lib/article/parse-text.js';

const paragraph = (n: number): string =>
  `<p>Paragraph ${n} of the story, with enough words, commas, and detail to read like real article text about the harbour, the council and the people who live nearby.</p>`;
const body = [1, 2, 3, 4].map(paragraph).join('\n');
const arabicParagraph = (n: number): string =>
  `<p>الفقرة ${n} من الخبر، وفيها ما يكفي من الكلمات والتفاصيل، عن المرفأ والمجلس البلدي، والناس الذين يعيشون قربه منذ سنوات طويلة.</p>`;
const arabicBody = [1, 2, 3, 4].map(arabicParagraph).join('\n');
const page = (head: string, bodyHtml: string, dir = ''): string =>
  `<!DOCTYPE html><html${dir}><head>${head}</head><body>${bodyHtml}</body></html>`;
const parse = (html: string, sourceUrl: string | null = null) => parseHtml(html, { sourceUrl });
const blocksOf = (html: string, type: string, sourceUrl: string | null = null): string[] =>
  parse(html, sourceUrl)
    .blocks.filter((b) => b.type === type)
    .map((b) => b.text);

describe('parseHtml images', () => {
  it('resolves image URLs like links, and null (never relative) when no base is known', () => {
    const html = page(
      '<base href="/media/">',
      `<article><figure><img src="../img/a.jpg"><figcaption>The harbour at dawn</figcaption></figure>${body}</article>`,
    );
    expect(parse(html, 'https://example.org/news/1').images.map((i) => i.url)).toEqual([
      'https://example.org/img/a.jpg',
    ]);
    expect(parse(html, null).images).toEqual([{ url: null, caption: 'The harbour at dawn', credit: null }]);
  });

  it('lists the size variants of one picture once', () => {
    const html = page(
      '<meta property="og:image" content="https://example.org/up/harbour-1200x630.jpg">',
      `<article><img src="/up/harbour-300x200.jpg" srcset="/up/harbour-300x200.jpg 300w, /up/harbour.jpg 1200w">${body}
       <figure><img src="/up/harbour.jpg?w=640&amp;q=80"><figcaption>الميناء عند الفجر</figcaption></figure>
       <img src="/up/boats.jpg"></article>`,
    );
    const images = parse(html, 'https://example.org/news/1').images;
    expect(images.map((i) => i.url)).toEqual([
      'https://example.org/up/harbour-300x200.jpg',
      'https://example.org/up/boats.jpg',
    ]);
    expect(images[0]?.caption).toBe('الميناء عند الفجر');
  });

  it('does not count icons in promo links as article images', () => {
    const html = page(
      '',
      `<article>${body}<p><a href="https://t.me/site"><img src="/i/telegram.png" width="24" height="24"> تابعونا على تلغرام</a></p>
       <p><a href="/app"><img src="/assets/icons/app-store.svg"></a></p><img src="/up/photo.jpg"></article>`,
    );
    expect(parse(html, 'https://example.org/a').images.map((i) => i.url)).toEqual([
      'https://example.org/up/photo.jpg',
    ]);
  });
});

describe('parseHtml related references', () => {
  const related = (html: string) => {
    const doc = parse(html, 'https://example.org/news/1');
    return {
      blocks: doc.blocks.filter((b) => b.type === 'related').map((b) => b.text),
      links: doc.links.filter((l) => l.kind === 'related').map((l) => [l.text, l.href]),
      body: doc.blocks.filter((b) => b.type === 'paragraph').map((b) => b.text),
    };
  };

  it.each([
    ['شاهد أيضا', 'ar'],
    ['طالع أيضًا', 'ar'],
    ['خبر ذات صلة', 'ar'],
    ['اقرأ المزيد', 'ar'],
    ['للمزيد', 'ar'],
    ['اقرأ/ي أيضًا', 'ar'],
    ['بیشتر بخوانید', 'fa'],
    ['مطالب مرتبط', 'fa'],
    ['اخبار مرتبط', 'fa'],
    ['See also', 'en'],
    ['Related', 'en'],
  ])('reads "%s:" with a link inline as a related reference (%s)', (label) => {
    const html = page(
      '',
      `<article>${arabicBody}<p>${label}: <a href="/story/9?utm_source=tw">عنوان الخبر الآخر</a></p>${arabicParagraph(5)}</article>`,
    );
    const found = related(html);
    expect(found.blocks).toEqual(['عنوان الخبر الآخر']);
    expect(found.links).toEqual([['عنوان الخبر الآخر', '/story/9?utm_source=tw']]);
    expect(found.body.join(' ')).not.toContain('عنوان الخبر الآخر');
  });

  it('reads a labelled heading followed by a list of links, in both scripts', () => {
    const html = page(
      '',
      `<article>${body}<h3>Read more</h3><ul><li><a href="/a">First other story</a></li><li><a href="/b">Second other story</a></li></ul>
       ${arabicBody}<h4>شاهد أيضا</h4><div><a href="/c">قصة أخرى</a></div>${paragraph(6)}</article>`,
    );
    const found = related(html);
    expect(found.blocks).toEqual(['First other story', 'Second other story', 'قصة أخرى']);
    expect(found.links.map(([, href]) => href)).toEqual(['/a', '/b', '/c']);
    expect(found.body.join(' ')).not.toMatch(/other story|قصة أخرى|Read more|شاهد/);
  });

  it('reads a teaser card inside the body (thumbnail, credit, title link) as one related link', () => {
    const card = (href: string, title: string, credit: string): string =>
      `<div class="card"><a href="${href}"><img src="/t${href}.jpg"></a><span>${credit}</span><a href="${href}">${title}</a></div>`;
    const html = page(
      '',
      `<article>${paragraph(1)}${paragraph(2)}${card('/x', 'Council approves the new harbour plan', 'Photo: AFP')}${paragraph(3)}
       ${arabicParagraph(1)}${card('/y', 'المجلس يقر خطة المرفأ', 'رويترز')}${arabicParagraph(2)}</article>`,
    );
    const found = related(html);
    expect(found.links).toEqual([
      ['Council approves the new harbour plan', '/x'],
      ['المجلس يقر خطة المرفأ', '/y'],
    ]);
    expect(found.body.join(' ')).not.toMatch(/AFP|رويترز|harbour plan|خطة المرفأ/);
    expect(parse(html, 'https://example.org/n').images).toEqual([]);
  });
});

describe('related labels shared by the text parser', () => {
  it.each([
    'شاهد أيضا',
    'طالع أيضا',
    'خبر ذات صلة',
    'اقرأ المزيد',
    'للمزيد',
    'بیشتر بخوانید',
    'مطالب مرتبط',
    'اخبار مرتبط',
  ])('reads "%s:" in plain text as a related reference', (label) => {
    const text = `عنوان الخبر\n\nالفقرة الأولى من الخبر، وفيها ما يكفي من الكلمات والتفاصيل عن المرفأ والمجلس البلدي.\n\n${label}: عنوان الخبر الآخر https://example.org/story/9\n`;
    const doc = parseText(text, { sourceUrl: null });
    expect(doc.blocks.filter((b) => b.type === 'related').map((b) => b.text)).toEqual(['عنوان الخبر الآخر']);
    expect(doc.links.filter((l) => l.kind === 'related').map((l) => l.href)).toEqual([
      'https://example.org/story/9',
    ]);
  });

  it('never takes a speaker named Lea or Mira for a label, in text or HTML', () => {
    const text = 'Interview\n\nMira: I grew up by the harbour, and I still swim there every morning.\n';
    expect(parseText(text, { sourceUrl: null }).blocks.some((b) => b.type === 'related')).toBe(false);
    const html = page(
      '',
      `<article>${body}<p>Mira: I grew up by the harbour, and I still swim there.</p></article>`,
    );
    expect(blocksOf(html, 'paragraph')).toContain('Mira: I grew up by the harbour, and I still swim there.');
  });
});

describe('parseHtml paragraph structure', () => {
  const sentence = 'A line of prose that goes on for a while, with commas, and ends like a sentence.';
  const arabicSentence = 'سطر من النص يمتد لبعض الوقت، وفيه فواصل وتفاصيل، وينتهي كما تنتهي الجملة.';

  it('splits block-less text at single <br>s that end sentences, in both scripts', () => {
    const html = page(
      '',
      `<div class="content">${sentence} One.<br>${sentence} Two.<br>${sentence} Three.</div>
       <div class="content">${arabicSentence}<br>${arabicSentence} ثانيا.<br>${arabicSentence} ثالثا.</div>`,
    );
    expect(blocksOf(html, 'paragraph')).toHaveLength(6);
  });

  it('keeps lines that run on (a verse, an address) and a <p> with a line break as one block', () => {
    const verse = 'The harbour lights are low<br>the boats come slowly in<br>and no one says a word tonight';
    const html = page(
      '',
      `<article>${body}<div>${verse}</div><p>${sentence}<br>${sentence}</p><div>${sentence}<br><br>${sentence}<br>the end of it.</div></article>`,
    );
    const paragraphs = blocksOf(html, 'paragraph');
    expect(paragraphs).toContain(
      'The harbour lights are low the boats come slowly in and no one says a word tonight',
    );
    expect(paragraphs).toContain(`${sentence} ${sentence}`);
    expect(paragraphs).toContain(`${sentence} the end of it.`);
  });

  it('makes a bold subhead or question opening a <p> a heading of its own (interview Q&A)', () => {
    const html = page(
      '',
      `<article>${body}<p><strong>Why did the council wait so long?</strong> Because the money only came in March, and the plans needed it.</p>
       <p><strong>The plan for next year</strong> The works start in spring and last until the autumn, weather permitting.</p>
       <p><strong>لماذا تأخر المجلس كل هذا الوقت؟</strong> لأن المال لم يصل إلا في آذار، والخطط كانت تحتاج إليه.</p></article>`,
    );
    expect(blocksOf(html, 'heading')).toEqual([
      'Why did the council wait so long?',
      'The plan for next year',
      'لماذا تأخر المجلس كل هذا الوقت؟',
    ]);
    expect(blocksOf(html, 'paragraph')).toContain('لأن المال لم يصل إلا في آذار، والخطط كانت تحتاج إليه.');
  });

  it('keeps bold lead-ins, datelines and names inside their paragraph', () => {
    const html = page(
      '',
      `<article>${body}<p><strong>Note:</strong> The road stays open.</p><p><b>John Smith</b> said the works would start soon.</p>
       <p><strong>القاهرة -</strong> قال المسؤول إن الأعمال ستبدأ قريبا.</p><p><strong>أحمد علي</strong> قال إن الأعمال ستبدأ قريبا.</p></article>`,
    );
    expect(blocksOf(html, 'heading')).toEqual([]);
    expect(blocksOf(html, 'paragraph')).toEqual(
      expect.arrayContaining([
        'Note: The road stays open.',
        'John Smith said the works would start soon.',
        'القاهرة - قال المسؤول إن الأعمال ستبدأ قريبا.',
        'أحمد علي قال إن الأعمال ستبدأ قريبا.',
      ]),
    );
  });

  it('makes bold-only lines headings, in both scripts', () => {
    const html = page(
      '',
      `<article>${paragraph(1)}<p><strong>What happens next</strong></p>${paragraph(2)}<div><b>Background</b><br>${sentence}</div>
       ${arabicParagraph(1)}<p><b>ماذا بعد</b></p>${arabicParagraph(2)}</article>`,
    );
    expect(blocksOf(html, 'heading')).toEqual(['What happens next', 'Background', 'ماذا بعد']);
  });
});

describe('parseHtml furniture inside the article', () => {
  it('drops a section heading whose section was all links or widgets, in both scripts', () => {
    const links = Array.from(
      { length: 4 },
      (_, n) => `<li><a href="/s/${n}">Story number ${n} elsewhere on the site</a></li>`,
    ).join('');
    const html = page(
      '',
      `<article>${body}${arabicBody}<h3>أحدث الأخبار</h3><div class="widget"><a href="/x">خبر آخر</a></div>
       <h2>What happens next</h2>${paragraph(7)}<h4>The council will meet again in May.</h4><h2>Upcoming events</h2><ul>${links}</ul></article>`,
    );
    expect(blocksOf(html, 'heading')).toEqual(['What happens next', 'The council will meet again in May.']);
  });

  it('reads a heading that holds paragraphs (an unclosed <h2>) as a wrapper, not as headings', () => {
    const html = page(
      '',
      `<article><h2 class="excerpt">The standfirst of the story.</h3>${body}</h2></article>`,
    );
    expect(blocksOf(html, 'heading')).toEqual([]);
    expect(blocksOf(html, 'paragraph')).toHaveLength(5);
  });
});

describe('parseHtml boxes inside the article', () => {
  it('keeps a picture credit set apart from its figure as the credit, not a paragraph', () => {
    const html = page(
      '',
      `<article><img src="/up/boats.jpg"><span class="photo-credit">Foto: AFP</span>${body}
       <img src="/up/port.jpg"><div class="credits">تصوير: رويترز</div>${arabicBody}</article>`,
    );
    const doc = parse(html, 'https://example.org/a');
    expect(doc.images.map((i) => i.credit)).toEqual(['Foto: AFP', 'تصوير: رويترز']);
    expect(blocksOf(html, 'paragraph').join(' ')).not.toMatch(/AFP|رويترز/);
  });

  it('drops author boxes, disclaimers, tables of contents and previous/next links, in both scripts', () => {
    const html = page(
      '',
      `<article><div class="toc"><ul><li>Part one</li><li>Part two</li></ul></div>${body}
       <div class="author-info"><p>Jane Doe writes about harbours and the sea for this site since 2010.</p></div>
       <p class="affiliate-disclaimer">We earn a commission when you buy through the links on this page.</p>
       ${arabicBody}<div class="author-bio"><p>كاتبة تكتب عن الموانئ والبحر لهذا الموقع منذ عام 2010.</p></div>
       <div class="prev-post"><p>المقال السابق: حكاية المرفأ القديم</p></div></article>`,
    );
    expect(blocksOf(html, 'paragraph').join(' ')).not.toMatch(/Part one|Jane Doe|commission|كاتبة|السابق/);
    expect(blocksOf(html, 'paragraph')).toHaveLength(8);
  });
});

describe('parseHtml captions and credits', () => {
  it('keeps a paragraph whose text comes before its picture as prose, in both scripts', () => {
    const html = page(
      '',
      `<article>${paragraph(1)}<p><span>Suitable for every engine and gearbox. Compensates up to half of the wear.</span><br><br><img src="/doc.png"><a href="/how">How it works</a></p>
       <p><span>مناسب لكل المحركات. يعوض حتى نصف التآكل.</span><br><img src="/doc-ar.png"><a href="/how-ar">كيف يعمل</a></p>${body}</article>`,
    );
    const paragraphs = blocksOf(html, 'paragraph', 'https://example.org/p/1');
    expect(paragraphs.some((t) => t.startsWith('Suitable for every engine'))).toBe(true);
    expect(paragraphs.some((t) => t.startsWith('مناسب لكل المحركات'))).toBe(true);
    expect(blocksOf(html, 'caption', 'https://example.org/p/1')).toEqual([]);
    // A caption set after its picture in a paragraph is still read as the caption.
    const captioned = page(
      '',
      `<article><p><img src="/a.jpg"><br><em>Boats in the bay (AFP)</em></p>${body}</article>`,
    );
    expect(parse(captioned, 'https://example.org/p/2').images).toEqual([
      { url: 'https://example.org/a.jpg', caption: 'Boats in the bay', credit: 'AFP' },
    ]);
  });

  const images = (html: string) => parse(html, 'https://example.org/news/1').images;

  it('reads caption classes (cap, legend, image__caption) and a figcaption outside a figure', () => {
    const html = page(
      '',
      `<article><div class="pic"><img src="/a.jpg"></div><div class="cap">The harbour at dawn (Photo: AFP)</div>${body}
       <img src="/b.jpg"><div class="image__legend">الميناء عند الفجر (رويترز)</div>${arabicBody}
       <img src="/c.jpg"><figcaption>Boats in the bay</figcaption>${paragraph(9)}</article>`,
    );
    expect(images(html)).toEqual([
      { url: 'https://example.org/a.jpg', caption: 'The harbour at dawn', credit: 'Photo: AFP' },
      { url: 'https://example.org/b.jpg', caption: 'الميناء عند الفجر', credit: 'رويترز' },
      { url: 'https://example.org/c.jpg', caption: 'Boats in the bay', credit: null },
    ]);
    expect(blocksOf(html, 'paragraph').join(' ')).not.toMatch(/dawn|الفجر|Boats/);
  });

  it('reads caption and credit attributes of the picture', () => {
    const html = page(
      '',
      `<article><img src="/a.jpg" data-caption="Boats in the bay" data-credit="Jane Doe">${body}</article>`,
    );
    expect(images(html)).toEqual([
      { url: 'https://example.org/a.jpg', caption: 'Boats in the bay', credit: 'Jane Doe' },
    ]);
  });

  it('takes the unclassed line beside a picture in its box for the caption, in both scripts', () => {
    const html = page(
      '',
      `<article>${paragraph(1)}<div><img src="/a.jpg"><span>Boats in the bay at dawn © Agency</span></div>${paragraph(2)}
       ${arabicParagraph(1)}<p><img src="/b.jpg"><br><em>قوارب في الخليج عند الفجر</em></p>${arabicParagraph(2)}</article>`,
    );
    expect(images(html)).toEqual([
      { url: 'https://example.org/a.jpg', caption: 'Boats in the bay at dawn', credit: 'Agency' },
      { url: 'https://example.org/b.jpg', caption: 'قوارب في الخليج عند الفجر', credit: null },
    ]);
    expect(blocksOf(html, 'paragraph')).toHaveLength(4);
  });
});

describe('parseHtml furniture lines', () => {
  it('drops counters, bare URLs, "follow us" calls, category strips and wire trailers, in both scripts', () => {
    const html = page(
      '',
      `<article><p><a href="/politics">سياسة</a> | <a href="/world">العالم</a></p>${arabicBody}<p>12</p><p>٣٤٥</p>
       <p>https://example.org/images/lead.jpg</p>
       <p>تابعونا على <a href="https://t.me/site">تلغرام</a> و<a href="https://twitter.com/site">تويتر</a></p>
       <p>ما را در <a href="https://www.instagram.com/site">اینستاگرام</a> دنبال کنید</p>
       <p>Follow us on <a href="https://facebook.com/site">Facebook</a></p>${body}<p>انتهای پیام</p></article>`,
    );
    const paragraphs = blocksOf(html, 'paragraph');
    expect(paragraphs).toHaveLength(8);
    expect(paragraphs.join(' ')).not.toMatch(/سياسة|12|٣٤٥|https|تابعونا|اینستاگرام|Follow|انتهای/);
  });

  it('keeps numbers in table cells, a smiley reply, and references that link to a video', () => {
    const html = page(
      '',
      `<article>${body}<table><tr><td>Rate</td><td>286,35 €</td></tr></table><p>=)</p>
       <p>2008-2012 100 episodes of <a href="https://www.youtube.com/playlist?list=1">Bad puns, badly acted out</a></p>${paragraph(5)}</article>`,
    );
    const paragraphs = blocksOf(html, 'paragraph');
    expect(paragraphs).toEqual(
      expect.arrayContaining(['286,35 €', '=)', '2008-2012 100 episodes of Bad puns, badly acted out']),
    );
  });
});

describe('parseHtml lead picture', () => {
  it('reads the caption of a lead figure that sits outside the body wrapper, in both scripts', () => {
    const lead = (caption: string): string =>
      `<div class="top"><div class="media"><figure><img src="/lead.jpg"><figcaption>${caption}</figcaption></figure></div></div>`;
    const english = page(
      '',
      `<div class="page">${lead('The harbour at dawn (Jane Doe/AFP)')}<div class="columns"><div class="text">${body}</div><div class="aside"><a href="/x">Elsewhere</a></div></div></div>`,
    );
    expect(parse(english, 'https://example.org/n').images[0]).toEqual({
      url: 'https://example.org/lead.jpg',
      caption: 'The harbour at dawn',
      credit: 'Jane Doe/AFP',
    });
    const arabic = page(
      '',
      `<div class="page">${lead('الميناء عند الفجر (رويترز)')}<div class="columns"><div class="text">${arabicBody}</div><div class="aside"><a href="/x">خبر آخر</a></div></div></div>`,
    );
    expect(parse(arabic, 'https://example.org/n').images[0]).toEqual({
      url: 'https://example.org/lead.jpg',
      caption: 'الميناء عند الفجر',
      credit: 'رويترز',
    });
  });
});
