import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';

const latin = (n: number): string =>
  `<p>Paragraph ${n} of the tutorial, with enough words, commas, and detail to read like real article text about builds, caches and the layers of an image.</p>`;
const arabic = (n: number): string =>
  `<p>الفقرة ${n} من الدرس، وفيها ما يكفي من الكلمات والتفاصيل، عن بناء الصور وطبقاتها، وذاكرة التخزين المؤقت التي تسرّع العمل.</p>`;
const body = (paragraph: (n: number) => string, count = 4): string =>
  Array.from({ length: count }, (_, n) => paragraph(n + 1)).join('\n');
const parse = (html: string) =>
  parseHtml(`<!DOCTYPE html><html><body>${html}</body></html>`, { sourceUrl: null }).blocks;
const bodyTexts = (html: string): string[] =>
  parse(html)
    .filter((b) => b.type === 'paragraph' || b.type === 'heading')
    .map((b) => b.text);

describe('parseHtml code listings', () => {
  it('keeps a listing in a syntax highlighter box named "highlight" as body text, in both scripts', () => {
    const listing = 'FROM python:3.7\nCOPY . /tmp/myapp\nRUN pip install /tmp/myapp';
    const english = bodyTexts(
      `<article>${body(latin, 2)}<div class="highlighter-rouge"><div class="highlight"><pre class="highlight"><code>${listing}</code></pre></div></div>${body(latin, 2)}</article>`,
    );
    expect(english.join('\n')).toContain('RUN pip install /tmp/myapp');

    const arabicTexts = bodyTexts(
      `<article>${body(arabic, 2)}<div class="highlight"><pre><code class="language-bash">$ npm install --save-dev vitest</code></pre></div>${body(arabic, 2)}</article>`,
    );
    expect(arabicTexts.join('\n')).toContain('npm install --save-dev vitest');
  });

  it('still takes a short box named "highlight" without code for a pull quote', () => {
    const quote = 'We will not close the harbour without asking the people who work there.';
    const blocks = parse(
      `<article>${body(latin, 2)}<div class="highlight"><p>${quote}</p></div>${body(latin, 2)}</article>`,
    );
    expect(blocks.find((b) => b.text === quote)?.type).toBe('highlight');

    const arabicQuote = 'لن نغلق المرفأ دون أن نسأل الناس الذين يعملون فيه.';
    const arabicBlocks = parse(
      `<article>${body(arabic, 2)}<div class="highlight"><p>${arabicQuote}</p></div>${body(arabic, 2)}</article>`,
    );
    expect(arabicBlocks.find((b) => b.text === arabicQuote)?.type).toBe('highlight');
  });
});

describe('parseHtml gallery slides', () => {
  it('reads a slide caption set as paragraphs as body text, a one-line caption as a caption, in both scripts', () => {
    const slide = (n: number, first: string, second: string): string =>
      `<figure class="slide"><h2><a href="/slide/${n}">${n}. Slide</a></h2><div class="embed"></div><figcaption><p>${first}</p><p>${second}</p></figcaption></figure>`;
    const blocks = parse(
      `<article>${body(latin, 2)}${slide(1, 'Long hair or not, you can still pull this one off.', 'What you need: plait your hair to the side and add some flowery clips.')}
       ${slide(2, 'يمكنك أن تتقمصي هذه الشخصية بسهولة.', 'ما تحتاجينه: فستان وردي وبعض المشابك المزهرة للشعر.')}
       <figure><div class="embed"></div><figcaption>The old harbour at dawn.</figcaption></figure>
       <figure><div class="embed"></div><figcaption>المرفأ القديم عند الفجر.</figcaption></figure>${body(latin, 2)}</article>`,
    );
    const typeOf = (text: string) => blocks.find((b) => b.text === text)?.type;
    expect(typeOf('What you need: plait your hair to the side and add some flowery clips.')).toBe(
      'paragraph',
    );
    expect(typeOf('ما تحتاجينه: فستان وردي وبعض المشابك المزهرة للشعر.')).toBe('paragraph');
    expect(typeOf('The old harbour at dawn.')).toBe('caption');
    expect(typeOf('المرفأ القديم عند الفجر.')).toBe('caption');
  });
});
