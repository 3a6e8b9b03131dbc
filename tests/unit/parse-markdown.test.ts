import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../lib/article/markdown-front-matter.js';
import { parseMarkdown } from '../../lib/article/parse-markdown.js';
import type { ParsedDocument } from '../../lib/article/parsed-document.js';

const parse = (text: string): ParsedDocument => parseMarkdown(text, { sourceUrl: null });
const blocksOf = (doc: ParsedDocument, type: string): string[] =>
  doc.blocks.filter((block) => block.type === type).map((block) => block.text);

describe('parseMarkdown front matter', () => {
  it('reads title, date, authors, language, description and canonical URL from YAML', () => {
    const doc = parse(
      [
        '---',
        'title: "Rivers of Cairo"',
        'date: 2024-03-01',
        'authors:',
        '  - Jane Doe',
        '  - name: John Roe',
        'lang: en',
        'description: A walk along the Nile.',
        'canonical: https://news.example/rivers',
        'tags: [travel, egypt]',
        '---',
        '',
        'Body text.',
      ].join('\n'),
    );
    expect(doc.title).toBe('Rivers of Cairo');
    expect(doc.publishedAt).toBe('2024-03-01');
    expect(doc.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(doc.declaredLanguage).toBe('en');
    expect(doc.description).toBe('A walk along the Nile.');
    expect(doc.canonicalUrl).toBe('https://news.example/rivers');
    expect(blocksOf(doc, 'paragraph')).toEqual(['Body text.']);
  });

  it('reads TOML front matter between +++ lines', () => {
    const doc = parse('+++\ntitle = "TOML title"\nauthor = "Sam"\ndate = 2023-12-31\n+++\n\nText.');
    expect(doc.title).toBe('TOML title');
    expect(doc.authors).toEqual(['Sam']);
    expect(doc.publishedAt).toBe('2023-12-31');
  });

  it('leaves a leading rule that is not YAML metadata in the body', () => {
    const { frontMatter, body } = splitFrontMatter('---\nJust a line of prose.\n---\nMore');
    expect(frontMatter).toBeNull();
    expect(body).toContain('Just a line');
  });

  it('adds the front matter cover image to images and links', () => {
    const doc = parse('---\ntitle: T\nimage: /img/cover.jpg\n---\n\nText.');
    expect(doc.images).toEqual([{ url: '/img/cover.jpg', caption: null, credit: null }]);
    expect(doc.links.map((link) => [link.kind, link.href])).toEqual([['image', '/img/cover.jpg']]);
  });
});

describe('parseMarkdown headings and body', () => {
  it('takes the first H1 as the title and keeps it out of the body when front matter has none', () => {
    const doc = parse('# The title\n\nFirst paragraph.\n\n## A section\n\nSecond paragraph.');
    expect(doc.title).toBe('The title');
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: 'First paragraph.' },
      { type: 'heading', text: 'A section' },
      { type: 'paragraph', text: 'Second paragraph.' },
    ]);
  });

  it('drops an H1 that repeats the front matter title', () => {
    const doc = parse('---\ntitle: Same Title\n---\n\n# Same title\n\nText.');
    expect(blocksOf(doc, 'heading')).toEqual([]);
    expect(doc.title).toBe('Same Title');
  });

  it('keeps list items as paragraphs and block quotes as highlights', () => {
    const doc = parse('Intro.\n\n- first item\n- second item\n\n> A pull quote.');
    expect(blocksOf(doc, 'paragraph')).toEqual(['Intro.', 'first item', 'second item']);
    expect(blocksOf(doc, 'highlight')).toEqual(['A pull quote.']);
  });

  it('reads a "By" line under the title as the author, not body text', () => {
    const doc = parse('# Title\n\nBy Jane Doe\n\nBody.');
    expect(doc.authors).toEqual(['Jane Doe']);
    expect(blocksOf(doc, 'paragraph')).toEqual(['Body.']);
  });

  it('keeps raw HTML out of the text', () => {
    const doc = parse('<div class="ad">Buy now</div>\n\nReal <span>text</span> here.');
    expect(blocksOf(doc, 'paragraph')).toEqual(['Real text here.']);
  });
});

describe('parseMarkdown links', () => {
  it('returns inline, reference, autolink, bare and email links as written, in order', () => {
    const doc = parse(
      [
        'See [the report](../report.html "Report") and [the data][d].',
        'Also <https://auto.example/x>, https://bare.example/y and <desk@news.example>.',
        '',
        '[d]: https://data.example/set',
      ].join('\n'),
    );
    expect(doc.links.map((link) => [link.kind, link.text, link.href])).toEqual([
      ['inline', 'the report', '../report.html'],
      ['inline', 'the data', 'https://data.example/set'],
      ['inline', 'https://auto.example/x', 'https://auto.example/x'],
      ['inline', 'https://bare.example/y', 'https://bare.example/y'],
      ['email', 'desk@news.example', 'mailto:desk@news.example'],
    ]);
  });

  it('links bare domains without a scheme, as in plain text', () => {
    const doc = parse('Visit www.aljazeera.net or see aljazeera.net/news today.');
    expect(doc.links.map((link) => link.href)).toEqual([
      'http://www.aljazeera.net',
      'http://aljazeera.net/news',
    ]);
  });

  it('reads links and line breaks written as raw inline HTML, keeping their text', () => {
    const doc = parse(
      'See <a href="https://x.example/a?b=1&amp;c=2" rel="nofollow">the filing</a> now.<br>Next line <a href="javascript:void(0)">x</a>.',
    );
    expect(doc.links).toEqual([
      { kind: 'inline', text: 'the filing', href: 'https://x.example/a?b=1&c=2', rel: ['nofollow'] },
    ]);
    expect(blocksOf(doc, 'paragraph')).toEqual(['See the filing now. Next line x.']);
  });

  it('never returns javascript: or same-page fragment links', () => {
    const doc = parse('[a](javascript:alert(1)) [b](#top) [c](https://ok.example)');
    expect(doc.links.map((link) => link.href)).toEqual(['https://ok.example']);
  });

  it('keeps URLs in code blocks and code spans out of links', () => {
    const doc = parse('Run `curl https://span.example`:\n\n```\ncurl https://fence.example/api\n```');
    expect(doc.links).toEqual([]);
    expect(blocksOf(doc, 'paragraph')).toContain('curl https://fence.example/api');
  });

  it('turns "Read also:" lines into related links, with or without a URL', () => {
    const doc = parse(
      'Body text.\n\nRead also: [Dams on the Nile](/nile-dams)\n\nاقرأ أيضًا: حلب وتدمر.. حسابات داعش',
    );
    expect(doc.links).toEqual([
      { kind: 'related', text: 'Dams on the Nile', href: '/nile-dams', rel: [] },
      { kind: 'related', text: 'حلب وتدمر.. حسابات داعش', href: null, rel: [] },
    ]);
    expect(blocksOf(doc, 'related')).toEqual(['Dams on the Nile', 'حلب وتدمر.. حسابات داعش']);
    expect(blocksOf(doc, 'paragraph')).toEqual(['Body text.']);
  });

  it('recognizes the Arabic prefix with the tanween before or after the alef', () => {
    const doc = parse('اقرأ أيضاً: [عنوان](https://a.example/1)\n\nإقرأ ايضا: عنوان آخر');
    expect(doc.links.map((link) => [link.kind, link.text])).toEqual([
      ['related', 'عنوان'],
      ['related', 'عنوان آخر'],
    ]);
  });

  it('reads the list under a "Related" heading as related links', () => {
    const doc = parse(
      'Text.\n\n## Related\n\n- [One](https://r.example/1)\n- [Two](https://r.example/2)\n\n## Next\n\nMore.',
    );
    expect(doc.links.map((link) => [link.kind, link.href])).toEqual([
      ['related', 'https://r.example/1'],
      ['related', 'https://r.example/2'],
    ]);
    expect(blocksOf(doc, 'heading')).toEqual(['Next']);
    expect(blocksOf(doc, 'paragraph')).toEqual(['Text.', 'More.']);
  });
});

describe('parseMarkdown related sections', () => {
  it('reads an Arabic «مواضيع ذات صلة» heading list and a bold «اقرأ أيضًا:» line as related', () => {
    const doc = parse(
      'نص.\n\n**اقرأ أيضًا:** [عنوان أول](https://a.example/1)\n\n### مواضيع ذات صلة\n\n1. [عنوان ثان](/2)\n2. عنوان بلا رابط',
    );
    expect(doc.links.map((link) => [link.kind, link.text, link.href])).toEqual([
      ['related', 'عنوان أول', 'https://a.example/1'],
      ['related', 'عنوان ثان', '/2'],
      ['related', 'عنوان بلا رابط', null],
    ]);
    expect(blocksOf(doc, 'paragraph')).toEqual(['نص.']);
    expect(blocksOf(doc, 'heading')).toEqual([]);
  });
});

describe('parseMarkdown images', () => {
  it('reads a credit from the image title and a caption from the italic line below', () => {
    const doc = parse(
      '![Protesters](/img/a.jpg "Photo: Jane Roe / Reuters")\n*Protesters in Tahrir Square*\n\nBody.',
    );
    expect(doc.images).toEqual([
      { url: '/img/a.jpg', caption: 'Protesters in Tahrir Square', credit: 'Jane Roe / Reuters' },
    ]);
    expect(blocksOf(doc, 'caption')).toEqual(['Protesters in Tahrir Square']);
    expect(blocksOf(doc, 'paragraph')).toEqual(['Body.']);
  });

  it('takes an italic paragraph after a lone image as its caption and splits a trailing credit', () => {
    const doc = parse('![](/img/b.jpg)\n\n_Smoke over the city (Photo: AP)_\n\nBody.');
    expect(doc.images).toEqual([{ url: '/img/b.jpg', caption: 'Smoke over the city', credit: 'AP' }]);
  });

  it('falls back to the alt text as caption and lists the image as a link', () => {
    const doc = parse('Text.\n\n![A red boat](boat.png)');
    expect(doc.images).toEqual([{ url: 'boat.png', caption: 'A red boat', credit: null }]);
    expect(doc.links).toEqual([{ kind: 'image', text: 'A red boat', href: 'boat.png', rel: [] }]);
  });

  it('does not treat an italic paragraph as a caption when no image precedes it', () => {
    const doc = parse('Text.\n\n*An emphasized paragraph.*');
    expect(blocksOf(doc, 'caption')).toEqual([]);
    expect(blocksOf(doc, 'paragraph')).toEqual(['Text.', 'An emphasized paragraph.']);
  });
});

describe('parseMarkdown robustness', () => {
  it('never throws and yields only non-empty blocks for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const doc = parse(text);
        expect(doc.blocks.every((block) => block.text.trim().length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on Markdown-shaped noise', () => {
    const piece = fc.constantFrom(
      '---\n',
      '+++\n',
      '# ',
      '> ',
      '- ',
      '![',
      '](',
      ')',
      '[',
      ']',
      '*',
      '_',
      '`',
      '\n\n',
      'x',
      'اقرأ أيضًا: ',
      'title: a\n',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        expect(() => parse(pieces.join(''))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
