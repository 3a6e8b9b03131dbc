import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { extractArticle } from '../../lib/article/index.js';
import { MAX_FRONT_MATTER_CHARS, splitFrontMatter } from '../../lib/article/markdown-front-matter.js';
import { MAX_INLINE_CHARS, parseMarkdown } from '../../lib/article/parse-markdown.js';

// Pathological inputs take about a second here; the timeout is what catches a hang or a quadratic.
const SLOW = 20_000;
const extract = (text: string, fileName: string, contentType?: string) =>
  extractArticle(Buffer.from(text), { fileName, contentType, maxBytes: 20 * 1024 * 1024 });

describe('Markdown front matter limits', () => {
  it(
    'processes 9 MB of YAML front matter, keeping the body after it',
    () => {
      const text = `---\n${'a: b\n'.repeat(1_800_000)}---\nSome body text.\n`;
      const { record, content } = extract(text, 'big.md');
      expect(record.status).toBe('processed');
      expect(content.text).toBe('Some body text.');
    },
    SLOW,
  );

  it('drops, unread, a mapping block larger than the front matter limit', () => {
    const filler = 'note: x\n'.repeat(Math.ceil(MAX_FRONT_MATTER_CHARS / 8) + 1);
    const { frontMatter, body } = splitFrontMatter(`---\ntitle: Hidden\n${filler}---\nBody.\n`);
    expect(frontMatter).toBeNull();
    expect(body).toBe('Body.\n');
  });

  it('still reads a mapping block just under the limit', () => {
    const filler = 'note: x\n'.repeat(Math.floor(MAX_FRONT_MATTER_CHARS / 8) - 4);
    const { frontMatter, body } = splitFrontMatter(`---\ntitle: Shown\n${filler}---\nBody.\n`);
    expect(frontMatter?.title).toBe('Shown');
    expect(body).toBe('Body.\n');
  });

  it('leaves a long prose section between two rules in the body', () => {
    const prose = 'A sentence of prose that is not metadata.\n'.repeat(3000);
    const text = `---\n${prose}---\nEnd.\n`;
    const { frontMatter, body } = splitFrontMatter(text);
    expect(frontMatter).toBeNull();
    expect(body).toBe(text);
  });

  it('reads CRLF front matter and a closing "..." line', () => {
    const { frontMatter, body } = splitFrontMatter('---\r\ntitle: Crlf\r\n...\r\nBody.');
    expect(frontMatter?.title).toBe('Crlf');
    expect(body).toBe('Body.');
  });
});

const sentence = 'This paragraph of the article is long enough, with commas, to count as real body text.';
const lead = `<html><body><article><p>${sentence.repeat(3)}</p><p>`;
const parseArticle = (html: string) => parseHtml(html, { sourceUrl: 'https://example.org/a' });

describe('HTML nested unclosed links', () => {
  it(
    "gives each of 100,000 nested unclosed links its own text, not its descendants'",
    () => {
      const count = 100_000;
      const links = Array.from({ length: count }, (_, i) => `<a href="/x/${i}">t${i} `).join('');
      const doc = parseArticle(lead + links);
      expect(doc.links).toHaveLength(count);
      expect(doc.links[0]).toEqual({ kind: 'inline', text: 't0', href: '/x/0', rel: [] });
      expect(doc.links[count - 1]?.text).toBe(`t${count - 1}`);
    },
    SLOW,
  );

  it(
    'drops 100,000 nested unclosed empty links and keeps the paragraph before them',
    () => {
      const links = '<a href="/x"><span>'.repeat(100_000);
      const doc = parseArticle(lead + links);
      expect(doc.links).toEqual([]);
      expect(doc.blocks.map((block) => block.text)).toEqual([sentence.repeat(3).trim()]);
    },
    SLOW,
  );

  it(
    'keeps image links nested 50,000 deep as image links',
    () => {
      const count = 50_000;
      const links = Array.from(
        { length: count },
        (_, i) => `<a href="/x/${i}"><span><img src="/i/${i}.png" alt="p${i}">`,
      ).join('');
      const doc = parseArticle(lead + links);
      const imageLinks = doc.links.filter((link) => link.kind === 'image');
      expect(imageLinks).toHaveLength(count);
      expect(imageLinks[1]).toEqual({ kind: 'image', text: '', href: '/x/1', rel: [] });
    },
    SLOW,
  );
});

describe('HTML that is only plain text', () => {
  it('makes blank-line separated paragraphs the body, entities decoded', () => {
    const text = 'First paragraph of plain text, with enough words.\r\n\r\nSecond one &amp; the last.\n';
    const { record, content } = extract(text, 'plain.html', 'text/html; charset=utf-8');
    expect(record.status).toBe('processed');
    expect(record.format).toBe('html');
    expect(content.blocks.map((block) => block.text)).toEqual([
      'First paragraph of plain text, with enough words.',
      'Second one & the last.',
    ]);
  });

  it('makes each line a paragraph when no blank line separates them', () => {
    const { record, content } = extract('<!doctype html>\nمرحبا بالعالم.\nSecond line.\n', 'plain.html');
    expect(record.status).toBe('processed');
    expect(content.blocks.map((block) => block.text)).toEqual(['مرحبا بالعالم.', 'Second line.']);
  });

  it('still rejects an HTML file of only white space and comments as NO_CONTENT', () => {
    const { record } = extract('<!-- nothing -->\n  \n', 'empty.html', 'text/html');
    expect(record.status).toBe('rejected');
    expect(record.error?.code).toBe('NO_CONTENT');
  });
});

describe('Markdown with absurd inline markup', () => {
  for (const unit of ['![a', '[a', '|a', '*a', '_a']) {
    it(
      `keeps 9 MB of ${JSON.stringify(unit)} as literal text`,
      () => {
        const markup = unit.repeat(Math.floor(9_000_000 / unit.length));
        const { record, content } = extract(`Some words first.\n\n${markup}\n`, 'absurd.md');
        expect(record.status).toBe('processed');
        expect(content.text).toBe(`Some words first.\n\n${markup}`);
      },
      SLOW,
    );
  }

  it(
    'keeps 150 markup-dense blocks just under the size cap as literal text',
    () => {
      const block = '![a'.repeat(Math.floor((MAX_INLINE_CHARS - 100) / 3));
      const doc = parseMarkdown(`${block}\n\n`.repeat(150), { sourceUrl: null });
      expect(doc.blocks).toHaveLength(150);
      expect(doc.blocks[149]?.text).toBe(block);
    },
    SLOW,
  );

  it('still reads links and emphasis in a long ordinary paragraph', () => {
    const sentence = 'A sentence of *ordinary* prose with a [link](https://example.org/p) in it. ';
    const doc = parseMarkdown(sentence.repeat(40), { sourceUrl: null });
    expect(doc.links).toHaveLength(40);
    expect(doc.blocks[0]?.text.startsWith('A sentence of ordinary prose with a link in it.')).toBe(true);
  });

  it('still finds bare URLs in a paragraph of ordinary length', () => {
    const doc = parseMarkdown('See www.example.org/page for details.', { sourceUrl: null });
    expect(doc.links.map((link) => link.href)).toEqual(['http://www.example.org/page']);
  });
});

describe('HTML nested headings and figures', () => {
  it(
    'keeps the body and a headline with 20,000 nested unclosed headings after it',
    () => {
      const doc = parseArticle(`<h1>The headline</h1>${lead}${'<h1><span>'.repeat(20_000)}`);
      expect(doc.title).toBe('The headline');
      expect(doc.blocks.filter((block) => block.type === 'paragraph').map((block) => block.text)).toEqual([
        sentence.repeat(3).trim(),
      ]);
    },
    SLOW,
  );

  it(
    'reads 20,000 nested figures, each with its own picture and credit',
    () => {
      const count = 20_000;
      const figures = Array.from(
        { length: count },
        (_, i) =>
          `<figure><img src="/i/${i}.png"><figcaption>Picture ${i} <span class="credit">Agency ${i}</span>`,
      ).join('');
      const doc = parseArticle(lead + figures);
      expect(doc.images[0]).toEqual({
        url: 'https://example.org/i/0.png',
        caption: 'Picture 0',
        credit: 'Agency 0',
      });
    },
    SLOW,
  );
});
