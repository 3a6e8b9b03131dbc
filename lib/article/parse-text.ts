import type { ArticleImage, ContentBlock } from './article-record.js';
import { findDate, isDateLine, parseDate } from './dates/dates.js';
import { findTextLinks } from './extract-links.js';
import type { ParsedDocument, ParseOptions, RawLink } from './parsed-document.js';
import { RELATED_LABELS, RELATED_LABELS_LOOSE } from './related-marker.js';
import { foldWhitespace } from './text.js';

/**
 * Plain text in the newsroom house style (`shared/seed/README.md`), and plain text in general:
 * one block per line or per blank-line-separated paragraph; an optional header of title, date,
 * byline and lead caption; body paragraphs with short unpunctuated highlights between them;
 * "اقرأ/ي أيضًا:" / "Read also:" references inline or as a trailing list.
 */

/** Longest line that can be a title, highlight, caption or related title (UTF-16 units). */
const SHORT_LINE = 300;
const MAX_TITLE_WORDS = 30;
/** At most this many words and no punctuation at all: a sub-heading rather than a highlight. */
const MAX_HEADING_WORDS = 4;
/** Words besides the date on a dateline: a place, a weekday, "Updated". */
const MAX_DATELINE_WORDS = 3;
/** Header lines (title, date, byline, lead caption) are looked for among the first blocks only. */
const MAX_HEADER_BLOCKS = 6;

/** A related-article marker at the start of a line, then its title (possibly empty). */
const RELATED_MARKER = new RegExp(`^(?:${RELATED_LABELS})\\s*(?:[:：]|\\s[-–—]\\s|$)\\s*`, 'iu');
/** "اقرأ أيضًا TITLE" / "Read also TITLE" with the colon lost in the export: short lines only. */
const RELATED_MARKER_LOOSE = new RegExp(`^(?:${RELATED_LABELS_LOOSE})\\s+(?=\\S)`, 'iu');

const BYLINE_EN = /^(?:[Bb]y|BY|(?:[Ww]ritten|[Ww]ords|[Rr]eporting)\s+by)[:\s]\s*(\p{Lu}.{0,150})$/u;
const BYLINE_AR = /^(?:بقلم\s*[:：]?|(?:كتب|كتبت|كتبه|إعداد|تحرير|تقرير)\s*[:：])\s*(\S.{0,100})$/u;

/** "By Jane Doe, Reuters": the agency is the source, not an author. */
const NEWS_AGENCY =
  /^(?:reuters|ap|afp|dpa|associated press|agence france-presse|bloomberg|xinhua|anadolu(?: agency)?|staff|رويترز|أ\s*ف\s*ب|فرانس\s*برس|الأناضول|وكالات)$/iu;

const CAPTION_WITH_CREDIT = /^(.{2,300}?)\s*[(（]([^()（）]{2,100})[)）]\s*$/u;
const CREDIT_WORDS =
  /[/\\|©]|\b(?:reuters|afp|ap|epa|getty|anadolu|xinhua|photo|photograph|credit|courtesy|shutterstock|file|archive|social media)\b|رويترز|فرانس\s*برس|أ\s*\.?\s*ف\s*\.?\s*ب|الأناضول|غيتي|جيتي|شينخوا|تصوير|الصورة|صورة|أرشيف|أرشيفية|وكالات|مواقع التواصل|إنترنت|الإنترنت/iu;

/** Sentence-final punctuation, looked for after closing quotes and brackets. */
const TERMINAL = /[.!?؟…։۔。:;؛]$/u;
const TRAILING_CLOSERS = /["'»”’)\]}\s]+$/u;
const DATE_PREFIX =
  /^(?:published|updated|posted|date|last\s+updated|نشر(?:\s+في)?|تاريخ\s+النشر|آخر\s+تحديث|تحديث|بتاريخ)\s*[:：-]?\s*/iu;
/** Attribution and rights lines that end newsroom exports: "المصدر: الجزيرة + وكالات", "© 2020 …". */
const BOILERPLATE =
  /^(?:(?:المصدر|المصادر|Source|Sources)\s*[:：]|©|\(c\)\s|copyright\b|all rights reserved|جميع الحقوق محفوظة)/iu;
const BULLET = /^(?:[-–—•*·▪►]|\d{1,2}[.)-])\s+/u;

type Kind = 'paragraph' | 'short' | 'heading';

interface Line {
  readonly text: string;
}

/**
 * Parses plain text into blocks and metadata.
 *
 * @example
 * ```ts
 * const doc = parseText('22-مايو-2017\n\nنص الفقرة الأولى.', { sourceUrl: null });
 * doc.publishedAt; // "2017-05-22"
 * doc.blocks;      // [{ type: 'paragraph', text: 'نص الفقرة الأولى.' }]
 * ```
 */
export function parseText(text: string, options: ParseOptions): ParsedDocument {
  void options;
  const lines = splitBlocks(text);
  const header = readHeader(lines);
  const body = readBody(
    lines.slice(header.consumed).filter((_, i) => !header.skipped.has(header.consumed + i)),
  );
  return {
    blocks: body.blocks,
    title: header.title,
    siteName: null,
    canonicalUrl: null,
    publishedAt: header.publishedAt,
    authors: header.authors,
    description: null,
    declaredLanguage: null,
    declaredDirection: null,
    baseUrl: null,
    images: [...header.images, ...body.images],
    links: [...header.links, ...body.links],
  };
}

/**
 * Lines → blocks. Blank lines separate blocks; consecutive lines are one block only when they look
 * hard-wrapped (similar, moderate lengths), since the house style puts one block on each line.
 */
function splitBlocks(text: string): Line[] {
  const blocks: Line[] = [];
  let group: string[] = [];
  const flush = (): void => {
    const previous = blocks.at(-1)?.text;
    // Lines right under a related-list heading are titles, one per line, never a wrapped paragraph.
    const underHeading =
      previous !== undefined && RELATED_MARKER.exec(previous)?.[0].length === previous.length;
    // Loops, not push(...): a group can have hundreds of thousands of lines.
    for (const block of underHeading ? group.map((line) => ({ text: line })) : joinGroup(group)) {
      blocks.push(block);
    }
    group = [];
  };
  for (const raw of text.split(/\r\n|[\n\r\f\v\u2028\u2029\u0085]/u)) {
    const line = foldWhitespace(raw);
    if (line === '') flush();
    else group.push(line);
  }
  flush();
  return blocks;
}

function joinGroup(group: readonly string[]): Line[] {
  if (group.length > 1 && isHardWrapped(group)) return [{ text: group.join(' ') }];
  return group.map((line) => ({ text: line }));
}

function isHardWrapped(group: readonly string[]): boolean {
  const longest = group.reduce((max, line) => Math.max(max, line.length), 0);
  if (longest < 30 || longest > 100) return false;
  if (group.some((line) => RELATED_MARKER.test(line) || BULLET.test(line) || isDateLine(line))) return false;
  const bodyLines = group.slice(0, -1);
  const ended = bodyLines.filter((line) => TERMINAL.test(line.replace(TRAILING_CLOSERS, ''))).length;
  return bodyLines.every((line) => line.length >= longest * 0.6) && ended * 2 <= bodyLines.length;
}

interface Header {
  readonly consumed: number;
  /** Date and byline lines found after a deck line, still in the header window: metadata, not body. */
  readonly skipped: ReadonlySet<number>;
  readonly title: string | null;
  readonly publishedAt: string | null;
  readonly authors: readonly string[];
  readonly images: readonly ArticleImage[];
  readonly links: readonly RawLink[];
}

/** Title (first line only), date, byline and lead caption, in any order, before the body. */
function readHeader(lines: readonly Line[]): Header {
  let title: string | null = null;
  let publishedAt: string | null = null;
  let authors: readonly string[] = [];
  const images: ArticleImage[] = [];
  const links: RawLink[] = [];
  let index = 0;
  for (; index < Math.min(lines.length, MAX_HEADER_BLOCKS); index += 1) {
    const text = lines[index]?.text ?? '';
    const date: string | null = publishedAt === null ? dateOfLine(text) : null;
    if (date !== null) {
      publishedAt = date;
      continue;
    }
    const byline = authors.length === 0 ? readByline(text) : null;
    if (byline !== null) {
      authors = byline.authors;
      publishedAt ??= byline.publishedAt;
      continue;
    }
    // A title is the first line; one followed by the date or byline is a title even if it ends
    // in a parenthesis, like a caption would.
    const next = lines[index + 1]?.text ?? '';
    const titleLike = index === 0 && lines.length > 1 && isTitleLike(text);
    if (titleLike && (dateOfLine(next) !== null || readByline(next) !== null)) {
      title = text;
      continue;
    }
    const caption = images.length === 0 ? readCaption(text, true) : null;
    if (caption !== null) {
      images.push(caption);
      append(links, linksIn(text));
      continue;
    }
    if (titleLike) {
      title = text;
      continue;
    }
    break;
  }
  // A deck or lead sentence may come before the date or byline ("Title / Deck. / Date").
  const skipped = new Set<number>();
  for (let later = index + 1; later < Math.min(lines.length, MAX_HEADER_BLOCKS); later += 1) {
    const text = lines[later]?.text ?? '';
    const date = publishedAt === null ? dateOfLine(text) : null;
    const byline = authors.length === 0 && date === null ? readByline(text) : null;
    if (date !== null) publishedAt = date;
    if (byline !== null) {
      authors = byline.authors;
      publishedAt ??= byline.publishedAt;
    }
    if (date !== null || byline !== null) skipped.add(later);
  }
  return { consumed: index, skipped, title, publishedAt, authors, images, links };
}

function dateOfLine(text: string): string | null {
  if (text.length > 80) return null;
  const bare = text.replace(DATE_PREFIX, '');
  if (isDateLine(bare)) return parseDate(bare);
  // A dateline: a place or weekday around the date ("بيروت - الأربعاء 12 أيار/مايو 2021",
  // "LONDON, June 3, 2020"); more words than that make it a sentence that mentions a date.
  const found = findDate(bare);
  if (found === null) return null;
  const rest = `${bare.slice(0, found.index)} ${bare.slice(found.index + found.length)}`;
  const restWords = wordsOf(rest.replace(/[\p{P}\p{S}]/gu, ' ')).filter((word) => /\p{L}/u.test(word));
  return restWords.length <= MAX_DATELINE_WORDS ? found.iso : null;
}

function readByline(text: string): { authors: string[]; publishedAt: string | null } | null {
  if (text.length > 160) return null;
  const match = BYLINE_EN.exec(text) ?? BYLINE_AR.exec(text);
  let names = match?.[1];
  if (names === undefined) return null;
  const date = findDate(names);
  if (date !== null) names = names.slice(0, date.index) + names.slice(date.index + date.length);
  const authors = names
    .replace(/\s*[|–—-]\s*$/u, '')
    .split(/\s*(?:,|،|&|\band\b|\s-\s|\|)\s*/u)
    .map((name) =>
      name
        .trim()
        .replace(/[.,،:;|–—-]+$/u, '')
        .trim(),
    )
    .filter((name) => /\p{L}/u.test(name) && !NEWS_AGENCY.test(name));
  if (authors.length === 0 || authors.some((name) => wordsOf(name).length > 6)) return null;
  return { authors, publishedAt: date?.iso ?? null };
}

function readCaption(text: string, inHeader: boolean): ArticleImage | null {
  if (text.length > SHORT_LINE) return null;
  const match = CAPTION_WITH_CREDIT.exec(text);
  const caption = match?.[1]?.trim();
  const credit = match?.[2]?.trim();
  if (caption === undefined || credit === undefined || !/\p{L}/u.test(caption)) return null;
  if (wordsOf(credit).length > 8) return null;
  if (!inHeader && !CREDIT_WORDS.test(credit)) return null;
  return { url: null, caption, credit };
}

function isTitleLike(text: string): boolean {
  if (text.length > SHORT_LINE || wordsOf(text).length > MAX_TITLE_WORDS) return false;
  if (!/\p{L}/u.test(text) || RELATED_MARKER.test(text) || looseMarker(text) !== null) return false;
  // A site name or address is not a title.
  if (/^(?:https?:\/\/|www\.)\S+$|^\S+\.[a-z]{2,}$/iu.test(text)) return false;
  return !/[.:،,;؛]$/u.test(text.replace(TRAILING_CLOSERS, ''));
}

interface Body {
  readonly blocks: readonly ContentBlock[];
  readonly images: readonly ArticleImage[];
  readonly links: readonly RawLink[];
}

type Entry =
  | { readonly role: 'text'; readonly kind: Kind; readonly text: string }
  | { readonly role: 'related'; readonly text: string; readonly link: RawLink }
  | { readonly role: 'caption'; readonly text: string; readonly image: ArticleImage };

function readBody(lines: readonly Line[]): Body {
  const entries = classify(lines);
  const blocks: ContentBlock[] = [];
  const images: ArticleImage[] = [];
  const links: RawLink[] = [];
  const shortCount = entries.filter((e) => e.role === 'text' && e.kind === 'short').length;
  const paragraphCount = entries.filter((e) => e.role === 'text' && e.kind === 'paragraph').length;
  // Highlights are a minority between paragraphs; a text made of short lines is all body.
  const highlightsAllowed = shortCount <= paragraphCount;
  let lastParagraph = -1;
  entries.forEach((e, i) => {
    if (e.role === 'text' && e.kind !== 'short') lastParagraph = i;
  });
  entries.forEach((entry, i) => {
    if (entry.role === 'related') {
      blocks.push({ type: 'related', text: entry.text });
      links.push(entry.link);
      return;
    }
    if (entry.role === 'caption') {
      blocks.push({ type: 'caption', text: entry.text });
      images.push(entry.image);
      append(links, linksIn(entry.text));
      return;
    }
    const type =
      entry.kind === 'heading'
        ? 'heading'
        : entry.kind === 'short' && highlightsAllowed && i < lastParagraph
          ? 'highlight'
          : 'paragraph';
    blocks.push({ type, text: entry.text });
    append(links, linksIn(entry.text));
  });
  return { blocks, images, links };
}

function classify(lines: readonly Line[]): Entry[] {
  const entries: Entry[] = [];
  let inRelatedList = false;
  for (const { text } of lines) {
    const marker = RELATED_MARKER.exec(text) ?? looseMarker(text);
    if (marker !== null) {
      const rest = text.slice(marker[0].length).trim();
      inRelatedList = rest === '';
      if (rest !== '') entries.push(relatedEntry(rest));
      continue;
    }
    if (inRelatedList && isRelatedTitle(text)) {
      entries.push(relatedEntry(text.replace(BULLET, '')));
      continue;
    }
    inRelatedList = false;
    // Separators ("* * *", "—"), date lines, source and copyright lines are layout, not text.
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    if (text.length <= 120 && BOILERPLATE.test(text)) continue;
    if (text.length <= 80 && isDateLine(text.replace(DATE_PREFIX, ''))) continue;
    const caption = readCaption(text, false);
    if (caption !== null) {
      entries.push({ role: 'caption', text: caption.caption ?? text, image: caption });
      continue;
    }
    entries.push({ role: 'text', kind: kindOf(text), text });
  }
  return entries;
}

/**
 * Bare URLs and emails of a block. Every link has a ".", "@" or ":" directly followed by a
 * non-space, non-punctuation character (a domain, an address, a scheme), so most prose lines skip
 * the linkifier entirely; that is most of the extraction time on long articles.
 */
function linksIn(text: string): RawLink[] {
  return /[.@:][^\s\p{P}]/u.test(text) ? findTextLinks(text) : [];
}

/** `target.push(...items)` without the argument-count limit (a line can hold 100,000 URLs). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function looseMarker(text: string): RegExpExecArray | null {
  if (text.length > SHORT_LINE || TERMINAL.test(text.replace(TRAILING_CLOSERS, ''))) return null;
  return RELATED_MARKER_LOOSE.exec(text);
}

function isRelatedTitle(text: string): boolean {
  return text.length <= SHORT_LINE && wordsOf(text).length <= MAX_TITLE_WORDS && /\p{L}/u.test(text);
}

/** A reference: its title, and the URL when the line carries one. */
function relatedEntry(rest: string): Entry {
  const found = linksIn(rest).find((link) => link.kind !== 'email' && link.href !== null);
  const href = found?.href ?? null;
  let title = rest;
  if (href !== null) {
    const at = rest.indexOf(href);
    const without = at >= 0 ? rest.slice(0, at) + rest.slice(at + href.length) : rest;
    title = foldWhitespace(without.replace(/[([<]\s*[)\]>]/gu, '')).replace(/^[\s:|–—-]+|[\s:|–—-]+$/gu, '');
  }
  const text = title === '' ? (href ?? rest) : title;
  return { role: 'related', text, link: { kind: 'related', text, href, rel: [] } };
}

function kindOf(text: string): Kind {
  if (text.length > SHORT_LINE || TERMINAL.test(text.replace(TRAILING_CLOSERS, ''))) return 'paragraph';
  if (!/\p{L}/u.test(text)) return 'paragraph';
  const words = wordsOf(text);
  if (words.length <= MAX_HEADING_WORDS && !/[\p{P}\p{S}]/u.test(text)) return 'heading';
  return 'short';
}

function wordsOf(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word !== '');
}
