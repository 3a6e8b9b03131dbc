import { decodeHTML } from 'entities';
import type { Token } from 'markdown-it';
import type { RawLink } from './parsed-document.js';
import { foldWhitespace } from './text.js';

/** An image as Markdown writes it: `![alt](src "title")`. */
export interface MarkdownImage {
  readonly src: string;
  readonly alt: string;
  readonly title: string | null;
}

/** One visual line of an inline run (Markdown soft and hard breaks end a line). */
export interface InlineLine {
  /** The line's text, white space folded; image alt text is not part of it. */
  readonly text: string;
  readonly links: readonly RawLink[];
  readonly images: readonly MarkdownImage[];
  /** The whole line is emphasized (`*…*`), as image captions are written. */
  readonly emphasized: boolean;
}

interface LineBuilder {
  text: string;
  plainChars: number;
  emphasizedChars: number;
  links: RawLink[];
  images: MarkdownImage[];
}

interface OpenLink {
  readonly href: string;
  readonly rel: readonly string[];
  text: string;
  alt: string;
}

const newLine = (): LineBuilder => ({ text: '', plainChars: 0, emphasizedChars: 0, links: [], images: [] });

/**
 * Splits the children of a markdown-it `inline` token into lines of text, links and images.
 *
 * @example
 * ```ts
 * const [line] = readInline(markdown.parseInline('See [docs](https://x.org)', {})[0]?.children ?? []);
 * line?.links[0]?.href; // 'https://x.org'
 * ```
 */
export function readInline(children: readonly Token[]): InlineLine[] {
  const lines: InlineLine[] = [];
  let line = newLine();
  let emphasis = 0;
  let link: OpenLink | null = null;

  const addText = (content: string): void => {
    line.text += content;
    if (link) link.text += content;
    const visible = content.replace(/\s+/gu, '').length;
    if (emphasis > 0) line.emphasizedChars += visible;
    else line.plainChars += visible;
  };
  const endLine = (): void => {
    lines.push(finishLine(line));
    line = newLine();
  };

  for (const token of children) {
    switch (token.type) {
      case 'text':
      case 'code_inline':
        addText(token.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        endLine();
        break;
      case 'em_open':
      case 'strong_open':
        emphasis += 1;
        break;
      case 'em_close':
      case 'strong_close':
        emphasis = Math.max(0, emphasis - 1);
        break;
      case 'link_open':
        link = { href: attribute(token, 'href'), rel: readRel(token), text: '', alt: '' };
        break;
      case 'link_close':
        if (link) line.links.push(toRawLink(link));
        link = null;
        break;
      case 'image': {
        const src = attribute(token, 'src');
        const alt = foldWhitespace(token.content);
        if (link) link.alt += alt;
        if (src) line.images.push({ src, alt, title: attribute(token, 'title') || null });
        break;
      }
      case 'html_inline': {
        // Raw inline HTML: its text stays (as text tokens); `<a href>` is a link, `<br>` a line break.
        const tag = readInlineTag(token.content);
        if (tag?.name === 'br') endLine();
        else if (tag?.name === 'a' && !tag.closing && tag.href)
          link = { href: tag.href, rel: tag.rel, text: '', alt: '' };
        else if (tag?.name === 'a' && tag.closing && link) {
          line.links.push(toRawLink(link));
          link = null;
        }
        break;
      }
      default:
        // Other markup carries no article text.
        break;
    }
  }
  endLine();
  return lines.filter((entry) => entry.text.length > 0 || entry.links.length > 0 || entry.images.length > 0);
}

interface InlineTag {
  readonly name: string;
  readonly closing: boolean;
  readonly href: string;
  readonly rel: readonly string[];
}

const INLINE_TAG = /^<(\/?)([a-z][a-z0-9]*)\b([^>]*)>$/iu;

function readInlineTag(html: string): InlineTag | null {
  const match = INLINE_TAG.exec(html.trim());
  if (!match) return null;
  const attributes = match[3] ?? '';
  return {
    name: (match[2] ?? '').toLowerCase(),
    closing: match[1] === '/',
    href: foldWhitespace(decodeHTML(readAttribute(attributes, 'href'))),
    rel: readAttribute(attributes, 'rel').toLowerCase().split(/\s+/u).filter(Boolean),
  };
}

function readAttribute(attributes: string, name: string): string {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'iu').exec(
    attributes,
  );
  return match?.[1] ?? match?.[2] ?? match?.[3] ?? '';
}

function attribute(token: Token, name: string): string {
  return foldWhitespace(String(token.attrGet(name) ?? ''));
}

function finishLine(line: LineBuilder): InlineLine {
  return {
    text: foldWhitespace(line.text),
    links: line.links,
    images: line.images,
    emphasized: line.emphasizedChars > 0 && line.plainChars === 0,
  };
}

function toRawLink(link: OpenLink): RawLink {
  const text = foldWhitespace(link.text) || link.alt;
  const isEmail = /^mailto:/iu.test(link.href);
  return { kind: isEmail ? 'email' : 'inline', text, href: link.href, rel: link.rel };
}

function readRel(token: Token): readonly string[] {
  const rel = attribute(token, 'rel');
  return rel ? rel.toLowerCase().split(/\s+/u).filter(Boolean) : [];
}
