import MarkdownIt, { type Token } from 'markdown-it';
import type { ArticleImage, BlockType, ContentBlock } from './article-record.js';
import { parseDate } from './dates/dates.js';
import { type FrontMatter, splitFrontMatter } from './markdown-front-matter.js';
import { type InlineLine, type MarkdownImage, readInline } from './markdown-inline.js';
import { resolveUrl } from './normalize-url.js';
import type { ParsedDocument, ParseOptions, RawLink } from './parsed-document.js';
import { foldWhitespace } from './text.js';

const markdown = new MarkdownIt('default', { html: true, linkify: true, typographer: false });
// Links are returned as written; extractArticle resolves and normalizes them in one place.
markdown.normalizeLink = (url: string): string => url;
// Same bare-URL rules as plain text (`findTextLinks`): `www.example.org` and `example.org/x` are links.
markdown.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false });

/**
 * Inline markup in a block longer than this is read as plain text, without bare-URL links: a
 * real paragraph or cell is a few KB, and megabytes of `[`, `![`, `*` or `|a` kept markdown-it's
 * inline rules and linkify-it's fuzzy-link regex busy for 10–30 s.
 */
export const MAX_INLINE_CHARS = 64 * 1024;
/**
 * markdown-it costs 1–3 µs per character of text made mostly of markup (`![a![a…`), so a block
 * over 1 KB where more than this share is markup characters is read as plain text too; real
 * prose with links and emphasis stays far below it.
 */
const MAX_MARKUP_SHARE = 0.3;
const DENSE_MARKUP_MIN_CHARS = 1024;
const MARKUP_CHARS = new Set(
  ['*', '_', '[', ']', '!', '|', '<', '`', '~', '(', ')'].map((c) => c.charCodeAt(0)),
);

/** Oversized or markup-dense: not worth markdown-it's inline rules (see above). */
function isAbsurdInline(content: string): boolean {
  if (content.length > MAX_INLINE_CHARS) return true;
  if (content.length < DENSE_MARKUP_MIN_CHARS) return false;
  let markup = 0;
  for (let i = 0; i < content.length; i += 1) if (MARKUP_CHARS.has(content.charCodeAt(i))) markup += 1;
  return markup > content.length * MAX_MARKUP_SHARE;
}
// Hidden from the linkify rule (it reads only `inline` tokens), restored right after it.
const OVERSIZED_INLINE = 'inline_oversized';
markdown.core.ruler.at('inline', (state): void => {
  for (const token of state.tokens) {
    if (token.type !== 'inline') continue;
    token.children ??= [];
    if (!isAbsurdInline(token.content)) {
      state.md.inline.parse(token.content, state.md, state.env, token.children);
      continue;
    }
    const text = new state.Token('text', '', 0);
    text.content = token.content;
    token.children.push(text);
    token.type = OVERSIZED_INLINE;
  }
});
markdown.core.ruler.after('linkify', 'restore_oversized_inline', (state): void => {
  for (const token of state.tokens) if (token.type === OVERSIZED_INLINE) token.type = 'inline';
});

const ARABIC_MARKS = '[\\u064B-\\u065F\\u0670\\u0640]*';
const READ_ALSO = new RegExp(
  [
    '^(?:',
    '(?:read|see) (?:also|more)|also read|related(?: articles?| stories| story| posts?)?|more on this',
    `|(?:[اإأ]قر[أا]|شاهد|طالع)(?:\\/ي)?\\s+[أا]${ARABIC_MARKS}ي${ARABIC_MARKS}ض${ARABIC_MARKS}[اً]${ARABIC_MARKS}`,
    '|ذات صلة|مواضيع ذات صلة|مقالات ذات صلة|أخبار ذات صلة',
    ')\\s*[:：]\\s*',
  ].join(''),
  'iu',
);
const RELATED_HEADING = new RegExp(
  [
    '^(?:',
    '(?:read|see) (?:also|more)|also read|related(?: articles?| stories| story| posts?| reading| links| content)?',
    '|more on this(?: story| topic)?|further reading',
    `|(?:[اإأ]قر[أا]|شاهد|طالع)(?:\\/ي)?\\s+[أا]${ARABIC_MARKS}ي${ARABIC_MARKS}ض${ARABIC_MARKS}[اً]${ARABIC_MARKS}`,
    '|(?:مواضيع|مقالات|أخبار|موضوعات)?\\s*ذات صلة',
    ')\\s*[:：]?$',
  ].join(''),
  'iu',
);
const BYLINE = /^(?:by|written by|بقلم|كتب|كتبت)\s*[:：]?\s+(\S.{1,78})$/iu;
const CREDIT_LABEL =
  '(?:photo(?:graph)?s?|images?|pictures?|credits?|source|courtesy(?: of)?|تصوير|الصورة|صورة|المصدر|مصدر الصورة|حقوق الصورة)';
const CREDIT_ONLY = new RegExp(`^${CREDIT_LABEL}(?:\\s+by)?\\s*[:：]\\s*(.+)$`, 'iu');
const CREDIT_SUFFIX = new RegExp(
  `^(.*?)[\\s.,;]*(?:[(\\[]\\s*${CREDIT_LABEL}(?:\\s+by)?\\s*[:：]\\s*([^)\\]]+)[)\\]]|(?:[—–|-]\\s*)?${CREDIT_LABEL}(?:\\s+by)?\\s*[:：]\\s*(.+))\\s*$`,
  'iu',
);

interface MutableImage {
  url: string | null;
  caption: string | null;
  credit: string | null;
}

interface State {
  readonly sourceUrl: string | null;
  readonly blocks: ContentBlock[];
  readonly links: RawLink[];
  readonly images: MutableImage[];
  readonly authors: string[];
  title: string | null;
  frontMatterTitle: string | null;
  blockquoteDepth: number;
  listDepth: number;
  relatedSection: boolean;
  /** An image that stood alone in the previous paragraph: the next italic line is its caption. */
  captionTarget: MutableImage | null;
}

/**
 * Parses a Markdown article (with optional YAML `---` or TOML `+++` front matter) into blocks
 * and metadata, using markdown-it's token stream. Headings and paragraphs (list items
 * included) are the body; block quotes are highlights; "Read also:"/"اقرأ أيضًا:" lines and a
 * "Related" heading's list are related links; an italic line under a lone image is its caption.
 *
 * @example
 * ```ts
 * const doc = parseMarkdown('---\ntitle: Hi\ndate: 2024-03-01\n---\nSee [x](https://x.org).', { sourceUrl: null });
 * doc.title; // 'Hi'
 * doc.links[0]?.href; // 'https://x.org'
 * ```
 */
export function parseMarkdown(text: string, options: ParseOptions): ParsedDocument {
  const { frontMatter, body } = splitFrontMatter(text);
  const state: State = {
    sourceUrl: options.sourceUrl,
    blocks: [],
    links: [],
    images: [],
    authors: [...(frontMatter?.authors ?? [])],
    title: frontMatter?.title ?? null,
    frontMatterTitle: frontMatter?.title ?? null,
    blockquoteDepth: 0,
    listDepth: 0,
    relatedSection: false,
    captionTarget: null,
  };
  addFrontMatterImage(state, frontMatter);
  walk(markdown.parse(body, {}), state);
  return {
    blocks: state.blocks,
    title: state.title,
    siteName: frontMatter?.siteName ?? null,
    canonicalUrl: frontMatter?.canonicalUrl ?? null,
    publishedAt: frontMatter?.date ? parseDate(frontMatter.date) : null,
    authors: state.authors,
    description: frontMatter?.description ?? null,
    declaredLanguage: frontMatter?.language ?? null,
    declaredDirection: frontMatter?.direction ?? null,
    baseUrl: null,
    images: state.images.map(
      (image): ArticleImage => ({ url: image.url, caption: image.caption, credit: image.credit }),
    ),
    links: state.links,
  };
}

function addFrontMatterImage(state: State, frontMatter: FrontMatter | null): void {
  if (!frontMatter?.image) return;
  state.images.push({ url: imageUrl(state, frontMatter.image), caption: null, credit: null });
  state.links.push({ kind: 'image', text: '', href: frontMatter.image, rel: [] });
}

function walk(tokens: readonly Token[], state: State): void {
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token) continue;
    const inline = tokens[index + 1]?.type === 'inline' ? (tokens[index + 1]?.children ?? []) : [];
    switch (token.type) {
      case 'heading_open':
        onHeading(state, Number(token.tag.slice(1)), readInline(inline));
        break;
      case 'paragraph_open':
        onParagraph(state, readInline(inline));
        break;
      case 'fence':
      case 'code_block':
        // Code is article text, but its URLs are examples, not links.
        addBlock(state, 'paragraph', token.content);
        state.captionTarget = null;
        break;
      case 'tr_open':
        index = onTableRow(tokens, index, state);
        break;
      case 'blockquote_open':
        state.blockquoteDepth += 1;
        break;
      case 'blockquote_close':
        state.blockquoteDepth -= 1;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        state.listDepth += 1;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        state.listDepth -= 1;
        if (state.listDepth === 0) state.relatedSection = false;
        break;
      case 'hr':
        state.relatedSection = false;
        state.captionTarget = null;
        break;
      default:
        break;
    }
  }
}

function onHeading(state: State, level: number, lines: readonly InlineLine[]): void {
  const text = foldWhitespace(lines.map((line) => line.text).join(' '));
  state.captionTarget = null;
  if (!text) return;
  const bodyStarted = state.blocks.some((block) => block.type === 'heading' || block.type === 'paragraph');
  if (level === 1 && state.title === null) {
    state.title = text;
    return;
  }
  if (level <= 2 && !bodyStarted && state.frontMatterTitle !== null && sameText(text, state.frontMatterTitle))
    return;
  if (RELATED_HEADING.test(text)) {
    state.relatedSection = true;
    return;
  }
  state.relatedSection = false;
  pushLinks(state, lines, 'inline');
  addBlock(state, state.blockquoteDepth > 0 ? 'highlight' : 'heading', text);
}

function onParagraph(state: State, lines: readonly InlineLine[]): void {
  const captionTarget = state.captionTarget;
  state.captionTarget = null;
  if (lines.length === 0) return;
  if (captionTarget && lines.every((line) => line.emphasized)) {
    setCaption(state, captionTarget, lines.map((line) => line.text).join(' '));
    return;
  }
  if (state.relatedSection && onRelatedParagraph(state, lines)) return;
  const [first, ...rest] = lines;
  if (first && first.text === '' && first.images.length > 0) {
    onImageLine(state, first, rest);
    return;
  }
  if (onByline(state, lines)) return;
  readBodyLines(state, lines);
}

/** In a "Related" section: list items and link-only paragraphs are related references. */
function onRelatedParagraph(state: State, lines: readonly InlineLine[]): boolean {
  const linksOnly = lines.every((line) => line.links.length > 0 && sameText(linkText(line), line.text));
  if (!(state.listDepth > 0 || linksOnly)) {
    state.relatedSection = false;
    return false;
  }
  for (const line of lines) addRelated(state, line, line.text);
  return true;
}

function onImageLine(state: State, first: InlineLine, rest: readonly InlineLine[]): void {
  const images = first.images.map((image) => addImage(state, image));
  pushLinks(state, [first], 'inline');
  const last = images.at(-1);
  const [caption, ...more] = rest;
  if (last && caption?.emphasized) {
    setCaption(state, last, caption.text);
    pushLinks(state, [caption], 'inline');
    readBodyLines(state, more);
    return;
  }
  if (rest.length > 0) readBodyLines(state, rest);
  else state.captionTarget = last ?? null;
}

function onByline(state: State, lines: readonly InlineLine[]): boolean {
  const bodyStarted = state.blocks.some((block) => block.type === 'paragraph');
  const only = lines.length === 1 ? lines[0] : undefined;
  if (bodyStarted || !only) return false;
  const name = BYLINE.exec(only.text)?.[1];
  if (!name || name.split(/\s+/u).length > 6) return false;
  // A byline under the title is metadata even when front matter already named the authors.
  if (state.authors.length === 0) state.authors.push(name.replace(/[.,;]+$/u, ''));
  return true;
}

/** Body lines, except "Read also:" lines, which become related references. */
function readBodyLines(state: State, lines: readonly InlineLine[]): void {
  let paragraph: InlineLine[] = [];
  const flush = (): void => {
    if (paragraph.length === 0) return;
    pushLinks(state, paragraph, 'inline');
    for (const image of paragraph.flatMap((line) => line.images)) addImage(state, image);
    addBlock(
      state,
      state.blockquoteDepth > 0 ? 'highlight' : 'paragraph',
      paragraph.map((line) => line.text).join(' '),
    );
    paragraph = [];
  };
  for (const line of lines) {
    const prefix = READ_ALSO.exec(line.text);
    if (prefix) {
      flush();
      addRelated(state, line, line.text.slice(prefix[0].length));
    } else {
      paragraph.push(line);
    }
  }
  flush();
}

function addRelated(state: State, line: InlineLine, text: string): void {
  const title = foldWhitespace(text);
  if (line.links.length > 0) {
    for (const link of line.links)
      state.links.push({ ...link, kind: link.kind === 'email' ? 'email' : 'related' });
  } else if (title) {
    state.links.push({ kind: 'related', text: title, href: null, rel: [] });
  }
  addBlock(state, 'related', title);
}

function onTableRow(tokens: readonly Token[], start: number, state: State): number {
  const cells: InlineLine[] = [];
  let index = start;
  for (; index < tokens.length && tokens[index]?.type !== 'tr_close'; index += 1) {
    const token = tokens[index];
    if (token?.type === 'inline') cells.push(...readInline(token.children ?? []));
  }
  pushLinks(state, cells, 'inline');
  addBlock(state, 'paragraph', cells.map((cell) => cell.text).join(' '));
  return index;
}

function addImage(state: State, image: MarkdownImage): MutableImage {
  const credit = image.title ? CREDIT_ONLY.exec(image.title)?.[1] : undefined;
  const entry: MutableImage = {
    url: imageUrl(state, image.src),
    caption: (credit ? null : image.title) ?? (image.alt || null),
    credit: credit ? foldWhitespace(credit) : null,
  };
  state.images.push(entry);
  state.links.push({ kind: 'image', text: image.alt, href: image.src, rel: [] });
  return entry;
}

/** Image URLs are resolved here, as the HTML parser does, since `images` is not resolved later. */
function imageUrl(state: State, src: string): string {
  return resolveUrl(src, state.sourceUrl) ?? src;
}

function setCaption(state: State, image: MutableImage, line: string): void {
  const text = foldWhitespace(line);
  const match = CREDIT_SUFFIX.exec(text);
  const credit = match ? foldWhitespace(match[2] ?? match[3] ?? '') : '';
  const caption = match ? foldWhitespace(match[1] ?? '') : text;
  image.caption = caption || image.caption;
  if (credit) image.credit = credit;
  addBlock(state, 'caption', text);
}

function pushLinks(state: State, lines: readonly InlineLine[], kind: 'inline'): void {
  for (const line of lines) {
    for (const link of line.links) {
      if (!link.href || link.href.startsWith('#') || /^(?:javascript|vbscript|data):/iu.test(link.href))
        continue;
      state.links.push(link.kind === 'email' ? link : { ...link, kind });
    }
  }
}

function addBlock(state: State, type: BlockType, text: string): void {
  const folded = foldWhitespace(text);
  if (folded) state.blocks.push({ type, text: folded });
}

function linkText(line: InlineLine): string {
  return line.links.map((link) => link.text).join(' ');
}

function sameText(a: string, b: string): boolean {
  const fold = (value: string): string =>
    foldWhitespace(value)
      .replace(/[\s\p{P}]+/gu, '')
      .toLowerCase();
  return fold(a) === fold(b);
}
