import { describe, expect, it } from 'vitest';
import { chooseDescription, withoutMarkup } from '../../lib/article/html/description.js';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { decodeLeftoverEntities } from '../../lib/article/html/text.js';

const en = [1, 2, 3, 4]
  .map(
    (n) =>
      `<p>Paragraph ${n}: the storm hit the coast overnight, and the council met to discuss the harbour, the flooded lanes and the cost of repairs.</p>`,
  )
  .join('');
const ar = [1, 2, 3, 4]
  .map(
    (n) =>
      `<p>الفقرة ${n}: ضربت العاصفة الساحل ليلًا، واجتمع المجلس البلدي لمناقشة الميناء والطرق التي غمرتها المياه وتكلفة الإصلاحات.</p>`,
  )
  .join('');
const descriptionOf = (head: string, body: string, lang = 'en'): string | null =>
  parseHtml(
    `<!doctype html><html lang="${lang}"><head>${head}</head><body><article>${body}</article></body></html>`,
    {
      sourceUrl: null,
    },
  ).description;

describe('descriptions', () => {
  it("prefers the article's own description over the site's slogan", () => {
    const head =
      '<meta property="og:description" content="Your trusted source for everything, every day"><meta name="description" content="The storm hit the coast overnight; the council met about the harbour.">';
    expect(
      descriptionOf(`${head}<title>Storm hits the coast</title>`, `<h1>Storm hits the coast</h1>${en}`),
    ).toBe('The storm hit the coast overnight; the council met about the harbour.');
    const arHead =
      '<meta property="og:description" content="موقع إخباري مستقل يقدم لكم آخر الأخبار"><meta name="description" content="ضربت العاصفة الساحل ليلًا واجتمع المجلس البلدي">';
    expect(descriptionOf(arHead, `<h1>عاصفة تضرب الساحل</h1>${ar}`, 'ar')).toBe(
      'ضربت العاصفة الساحل ليلًا واجتمع المجلس البلدي',
    );
  });

  it('keeps the only declared description even when it is not about the article', () => {
    const head = '<meta property="og:description" content="Your trusted source for everything, every day">';
    expect(descriptionOf(head, `<h1>Storm hits the coast</h1>${en}`)).toBe(
      'Your trusted source for everything, every day',
    );
  });

  it('keeps what the page declares when the article has too little text to judge by', () => {
    expect(chooseDescription(['Your trusted source'], 'Hi', 'Short.')).toBe('Your trusted source');
  });

  it('reads markup escaped into a description as text, an excerpt cut inside a tag included', () => {
    expect(
      descriptionOf(
        '<meta property="og:description" content="&lt;p&gt;The storm hit the &lt;em&gt;coast&lt;/em&gt; overnight.&lt;/p&gt;">',
        `<h1>Storm hits the coast</h1>${en}`,
      ),
    ).toBe('The storm hit the coast overnight.');
    expect(
      descriptionOf(
        '<meta name="description" content="ضربت العاصفة الساحل ليلًا واجتمع المجلس&lt;a class=&quot;more&quot; href=&quot;https://example.org/a">',
        `<h1>عاصفة تضرب الساحل</h1>${ar}`,
        'ar',
      ),
    ).toBe('ضربت العاصفة الساحل ليلًا واجتمع المجلس');
    // Prose about "<" and a lone "<b" stay as written.
    expect(withoutMarkup('If a < b and b<c then a < c')).toBe('If a < b and b<c then a < c');
  });

  it('decodes entities escaped twice, keeping the Persian zero-width non-joiner', () => {
    expect(decodeLeftoverEntities('می&zwnj;شود')).toBe('می\u200cشود');
    expect(decodeLeftoverEntities('a&nbsp;b')).toBe('a\u00a0b');
    expect(decodeLeftoverEntities('AT&T and R&D')).toBe('AT&T and R&D');
    const fa = descriptionOf(
      '<meta name="description" content="این گزارش نشان می&amp;zwnj;دهد که بندر بسته شد">',
      '<h1>بندر بسته شد</h1><p>کوتاه</p>',
      'fa',
    );
    expect(fa).toBe('این گزارش نشان می\u200cدهد که بندر بسته شد');
  });
});
