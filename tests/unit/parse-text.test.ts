import { describe, expect, it } from 'vitest';
import { parseText } from '../../lib/article/parse-text.js';

const options = { sourceUrl: null };
const long = (sentence: string): string =>
  `${sentence} ${'وهذه جملة تكمل الفقرة وتجعلها طويلة بما يكفي. '.repeat(4)}`.trim();
const p1 = long('الفقرة الأولى من المقال.');
const p2 = long('الفقرة الثانية من المقال.');
const p3 = long('الفقرة الثالثة من المقال.');

describe('parseText', () => {
  it('reads a title only from a line above the date line', () => {
    const doc = parseText(`عنوان الخبر الرئيسي\n\n22-مايو-2017\n\n${p1}`, options);
    expect(doc.title).toBe('عنوان الخبر الرئيسي');
    expect(doc.publishedAt).toBe('2017-05-22');
    expect(doc.blocks).toEqual([{ type: 'paragraph', text: p1 }]);
  });

  it('never takes the date line or a caption as the title', () => {
    const doc = parseText(`22-مايو-2017\n\nصورة من المؤتمر الصحفي (أحمد علي/ رويترز)\n\n${p1}`, options);
    expect(doc.title).toBeNull();
    expect(doc.images).toEqual([
      { url: null, caption: 'صورة من المؤتمر الصحفي', credit: 'أحمد علي/ رويترز' },
    ]);
  });

  it('does not take a parenthesis at the end of a body paragraph as a caption', () => {
    const paragraph =
      'وقال المتحدث إن القوات تقدمت في المنطقة بعد معارك عنيفة مع قوات سوريا الديمقراطية (قسد)';
    const doc = parseText(`${p1}\n\n${paragraph}\n\n${p2}`, options);
    expect(doc.images).toEqual([]);
  });

  it('takes a short unpunctuated line between paragraphs as a highlight, and one at the end as body', () => {
    const doc = parseText(
      `${p1}\n\nسطر قصير بارز بين الفقرات دون نقطة\n\n${p2}\n\nسطر أخير قصير بلا نقطة في النهاية`,
      options,
    );
    expect(doc.blocks.map((b) => b.type)).toEqual(['paragraph', 'highlight', 'paragraph', 'paragraph']);
  });

  it('takes a very short unpunctuated line as a sub-heading', () => {
    const doc = parseText(`${p1}\n\nخلفية الأزمة\n\n${p2}`, options);
    expect(doc.blocks[1]).toEqual({ type: 'heading', text: 'خلفية الأزمة' });
  });

  it('treats a text made of unpunctuated lines as body, not highlights', () => {
    const lines = [
      'سطر أول من قصيدة طويلة نسبيًا',
      'سطر ثان من القصيدة نفسها هنا',
      'سطر ثالث من القصيدة ذاتها',
    ];
    const doc = parseText(lines.join('\n\n'), options);
    expect(doc.blocks.every((b) => b.type === 'paragraph')).toBe(true);
  });

  it.each([
    'اقرأ/ي أيضًا: عنوان مقال آخر',
    'اقرأ أيضًا: عنوان مقال آخر',
    'إقرأ أيضا: عنوان مقال آخر',
    'اقرأ أيضاً: عنوان مقال آخر',
    'Read also: عنوان مقال آخر',
    'See also - عنوان مقال آخر',
    'اقرأ أيضًا عنوان مقال آخر',
    'Read also عنوان مقال آخر',
  ])('reads the inline reference «%s»', (line) => {
    const doc = parseText(`${p1}\n\n${line}\n\n${p2}`, options);
    expect(doc.links).toEqual([{ kind: 'related', text: 'عنوان مقال آخر', href: null, rel: [] }]);
    expect(doc.blocks.map((b) => b.type)).toEqual(['paragraph', 'related', 'paragraph']);
  });

  it('keeps a sentence that starts with "see also" as a paragraph', () => {
    const sentence = 'See also the report the ministry published last year on the same subject.';
    const doc = parseText(`${p1}\n\n${sentence}\n\n${p2}`, options);
    expect(doc.links).toEqual([]);
    expect(doc.blocks[1]).toEqual({ type: 'paragraph', text: sentence });
  });

  it('reads a trailing reference list, with or without blank lines and bullets', () => {
    for (const list of [
      'اقرأ/ي أيضًا:\n\nالعنوان الأول\n\nالعنوان الثاني',
      'Read more:\n- العنوان الأول\n- العنوان الثاني',
    ]) {
      const doc = parseText(`${p1}\n\n${p2}\n\n${list}`, options);
      expect(doc.links.map((l) => [l.kind, l.text, l.href])).toEqual([
        ['related', 'العنوان الأول', null],
        ['related', 'العنوان الثاني', null],
      ]);
    }
  });

  it('ends a reference list at the next long paragraph', () => {
    const doc = parseText(`${p1}\n\nاقرأ أيضًا:\n\nعنوان مقال\n\n${p2}`, options);
    expect(doc.blocks.map((b) => b.type)).toEqual(['paragraph', 'related', 'paragraph']);
  });

  it('reads an English byline and a date written in words', () => {
    const doc = parseText(`A headline\n\nBy Jane Doe and John Smith\n\nMay 22, 2017\n\n${p1}`, options);
    expect(doc.title).toBe('A headline');
    expect(doc.authors).toEqual(['Jane Doe', 'John Smith']);
    expect(doc.publishedAt).toBe('2017-05-22');
  });

  it('finds the date and byline after a deck line near the top, and keeps them out of the body', () => {
    const doc = parseText(
      `A headline\n\nA one-sentence deck.\n\nBy Jane Doe\n\nMay 22, 2017\n\n${p1}`,
      options,
    );
    expect(doc.title).toBe('A headline');
    expect(doc.authors).toEqual(['Jane Doe']);
    expect(doc.publishedAt).toBe('2017-05-22');
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: 'A one-sentence deck.' },
      { type: 'paragraph', text: p1 },
    ]);
  });

  it.each([
    ['بيروت - الأربعاء 12 أيار/مايو 2021', '2021-05-12'],
    ['LONDON, June 3, 2020', '2020-06-03'],
  ])('reads the dateline «%s» in the header', (line, iso) => {
    const doc = parseText(`${line}\n\n${p1}`, options);
    expect(doc.publishedAt).toBe(iso);
    expect(doc.blocks).toEqual([{ type: 'paragraph', text: p1 }]);
  });

  it('does not take a short sentence that mentions a date as the date line', () => {
    const sentence = 'The city festival finally opens on June 3, 2020';
    const doc = parseText(`${sentence}\n\n${p1}`, options);
    expect(doc.publishedAt).toBeNull();
  });

  it.each(['المصدر : الجزيرة + وكالات', 'Source: Reuters', '© 2020 Example News. All rights reserved.'])(
    'drops the attribution or rights line «%s» from the body',
    (line) => {
      const doc = parseText(`${p1}\n\n${p2}\n\n${line}`, options);
      expect(doc.blocks.map((b) => b.text)).toEqual([p1, p2]);
    },
  );

  it('drops separator lines that have no letters or digits', () => {
    const doc = parseText(`${p1}\n\n* * *\n\n${p2}`, options);
    expect(doc.blocks.map((b) => b.text)).toEqual([p1, p2]);
  });

  it('does not count a news agency in a byline as an author', () => {
    const doc = parseText(`By Sam Lee, Reuters\n\n${p1}`, options);
    expect(doc.authors).toEqual(['Sam Lee']);
  });

  it('reads an Arabic byline and a prefixed date line', () => {
    const doc = parseText(`بقلم: أحمد محمود\n\nتاريخ النشر: 15 آذار 2021\n\n${p1}`, options);
    expect(doc.authors).toEqual(['أحمد محمود']);
    expect(doc.publishedAt).toBe('2021-03-15');
  });

  it('joins hard-wrapped lines into one paragraph but keeps one-block-per-line text apart', () => {
    const wrapped =
      'The council voted on Monday to approve the plan,\nwhich will add new lanes across the whole city\nover the next two years.';
    expect(parseText(wrapped, options).blocks).toEqual([
      { type: 'paragraph', text: wrapped.replaceAll('\n', ' ') },
    ]);
    expect(parseText(`${p1}\n${p2}\n${p3}`, options).blocks).toHaveLength(3);
  });

  it('folds white space but keeps a lone no-break space, the article\u2019s own character', () => {
    const doc = parseText(`  كلمة\u00a0أخرى   و\t\tثالثة.  ${p1}`, options);
    expect(doc.blocks[0]?.text.startsWith('كلمة\u00a0أخرى و ثالثة.')).toBe(true);
  });

  it('finishes on a 3 MB single line', () => {
    const line = 'كلمة (قوس [مربع '.repeat(200_000);
    const doc = parseText(line, options);
    expect(doc.blocks).toHaveLength(1);
  });

  it('finishes on 100,000 repeated related markers', () => {
    const doc = parseText('اقرأ/ي أيضًا:\n'.repeat(100_000), options);
    expect(doc.links).toEqual([]);
  });

  it('finishes on deeply repeated brackets', () => {
    const doc = parseText(`${'('.repeat(50_000)}نص${')'.repeat(50_000)}\n\n${'[('.repeat(50_000)}`, options);
    expect(doc.blocks.length).toBeGreaterThan(0);
  });
});
