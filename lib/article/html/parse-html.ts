import type { ArticleImage } from '../article-record.js';
import { dateFromUrl, findDate } from '../dates/dates.js';
import { resolveUrl } from '../normalize-url.js';
import type { ParsedDocument, ParseOptions } from '../parsed-document.js';
import { BlockEmitter, imageVariantKey, isFigure } from './blocks.js';
import { chooseDescription } from './description.js';
import { type DomIndex, indexDom } from './dom-index.js';
import { type HtmlMetadata, readHtmlMetadata } from './metadata.js';
import { parseHtmlDocument } from './parser.js';
import { choosePublished, findScriptDate } from './published-date.js';
import { hasUnlikely, hintTokens, selectBody, selectContent } from './scoring.js';
import { squash } from './text.js';
import { chooseTitle } from './title.js';
import { findPageDate, findVisibleDateEvidence } from './visible-date.js';

const RELATED_HINT = /(?:^|[\s_-])(?:related|read-?also|also-read|see-also|more-stories|yarpp)(?:$|[\s_-])/;
// Below this much body text the strict pass probably cut the article with the chrome: retry.
const MIN_BODY_CHARS = 500;
// Below this, no container stood out at all: read the whole body, minus its chrome.
const MIN_BODY_FALLBACK_CHARS = 200;

/** Which pass found the body: the strict container, the lenient one, the whole body, or relaxed. */
type ExtractionMode = 'strict' | 'lenient' | 'body' | 'relaxed';

export interface Extraction {
  readonly mode: ExtractionMode;
  readonly emitter: BlockEmitter;
  readonly roots: readonly number[];
  readonly bodyChars: number;
  readonly title: { readonly title: string | null; readonly element: number };
}

function extract(
  index: DomIndex,
  metadata: HtmlMetadata,
  base: string | null,
  mode: ExtractionMode,
): Extraction | null {
  const selection =
    mode === 'body' || mode === 'relaxed' ? selectBody(index) : selectContent(index, mode === 'lenient');
  if (selection === null) return null;
  const title = chooseTitle(index, metadata.titles, selection.roots);
  const emitter = new BlockEmitter(
    {
      index,
      stats: selection.stats,
      titleKey: title.title === null ? null : squash(title.title),
      authorKeys: metadata.authors.map(squash),
      base,
      relaxed: mode === 'relaxed',
    },
    selection.roots,
  );
  const scope = articleScope(index, selection.roots);
  const first = selection.roots[0] ?? 0;
  for (let j = leadStart(index, scope.start, first); j < first; j += 1) {
    if (isLeadFigure(index, j)) {
      emitter.emitFigureAt(j);
      j = (index.end[j] ?? j + 1) - 1;
    }
  }
  for (const root of selection.roots) emitter.emitRoot(root);
  emitRelatedNearby(index, selection.roots, scope.end, emitter);
  emitter.finish();
  let bodyChars = 0;
  for (const block of emitter.blocks) if (block.type === 'paragraph') bodyChars += block.text.length;
  return { mode, emitter, roots: selection.roots, bodyChars, title };
}

/**
 * The body as parseHtml extracts it: the strict container first, then the lenient, whole-body and
 * relaxed passes while the text found is too short; null when no pass finds a container.
 */
export function chooseExtraction(
  index: DomIndex,
  metadata: HtmlMetadata,
  base: string | null,
): Extraction | null {
  let result = extract(index, metadata, base, 'strict');
  if ((result === null || result.bodyChars < MIN_BODY_CHARS) && hasUnlikely(index)) {
    const lenient = extract(index, metadata, base, 'lenient');
    if (lenient !== null && (result === null || lenient.bodyChars > result.bodyChars)) result = lenient;
  }
  if (result === null || result.bodyChars < MIN_BODY_FALLBACK_CHARS) {
    const body = extract(index, metadata, base, 'body');
    if (body !== null && (result === null || body.bodyChars > result.bodyChars)) result = body;
  }
  if (result === null || result.bodyChars === 0) {
    // A paywalled teaser in a "media" box is still the article's text.
    const relaxed = extract(index, metadata, base, 'relaxed');
    if (relaxed !== null && relaxed.bodyChars > 0) result = relaxed;
  }
  return result;
}

/** The `<article>` around the body (or the body's parent): where its figures and related list live. */
function articleScope(index: DomIndex, roots: readonly number[]): { start: number; end: number } {
  const first = roots[0];
  if (first === undefined) return { start: 0, end: 0 };
  const parent = index.parent[first] ?? -1;
  for (let a = parent, hops = 0; a >= 0 && hops < 6; a = index.parent[a] ?? -1, hops += 1) {
    if (index.elements[a]?.name === 'article') return { start: a, end: index.end[a] ?? a };
  }
  if (parent < 0 || index.elements[parent]?.name === 'body') return { start: first, end: first };
  return { start: parent, end: index.end[parent] ?? parent };
}

/**
 * Where to look for the lead picture: the article scope, or, when it holds none above the body,
 * the nearest of the next three ancestors that does (the header figure often sits beside the
 * body's wrapper, outside the `<article>` or the body's parent).
 */
function leadStart(index: DomIndex, scopeStart: number, first: number): number {
  const hasLead = (from: number): boolean => {
    for (let j = from; j < first; j += 1) if (isLeadFigure(index, j)) return true;
    return false;
  };
  if (hasLead(scopeStart)) return scopeStart;
  let ancestor = index.parent[scopeStart] ?? -1;
  for (let hops = 0; hops < 3 && ancestor >= 0; hops += 1) {
    const name = index.elements[ancestor]?.name;
    if (name === 'body' || name === 'html') break;
    // Only the pictures between this ancestor's start and the body, never the whole page above.
    if (first - ancestor < 2000 && hasLead(ancestor)) return ancestor;
    ancestor = index.parent[ancestor] ?? -1;
  }
  return scopeStart;
}

/** A `<figure>` with a picture above the body: the article's lead image and its caption. */
function isLeadFigure(index: DomIndex, i: number): boolean {
  if (index.excluded[i] === 1 || !isFigure(index, i)) return false;
  const end = index.end[i] ?? i;
  for (let j = i + 1; j < end; j += 1) if (index.elements[j]?.name === 'img') return true;
  return false;
}

/** Related-article lists next to the body (same `<article>` or right after it) belong to it. */
function emitRelatedNearby(
  index: DomIndex,
  roots: readonly number[],
  scopeEnd: number,
  emitter: BlockEmitter,
): void {
  const last = roots[roots.length - 1];
  if (last === undefined) return;
  const lastEnd = index.end[last] ?? last;
  for (let j = lastEnd; j < scopeEnd; j += 1) {
    if (index.excluded[j] === 1) continue;
    const element = index.elements[j];
    if (element === undefined) continue;
    const hints = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.toLowerCase();
    if (
      hints.length > 2 &&
      hints.length < 300 &&
      RELATED_HINT.test(hints) &&
      !hintTokens(index, j).includes('hidden')
    ) {
      emitter.emitRelatedContainer(j);
      j = (index.end[j] ?? j + 1) - 1;
    }
  }
}

/** The `dir` nearest the article body (its own, `<main dir>`, `<body dir>`), as a browser applies it. */
function directionAround(index: DomIndex, roots: readonly number[]): 'rtl' | 'ltr' | null {
  for (let a = roots[0] ?? -1; a >= 0; a = index.parent[a] ?? -1) {
    const dir = index.elements[a]?.attribs.dir?.trim().toLowerCase();
    if (dir === 'rtl' || dir === 'ltr') return dir;
  }
  return null;
}

/** "23.01.2022 - Wierer wins": a date written into the page title. */
function dateInTitles(titles: readonly string[]): string | null {
  for (const title of titles) {
    const found = findDate(title);
    if (found !== null) return found.iso;
  }
  return null;
}

function mergeLeadImage(lead: string | null, images: readonly ArticleImage[]): ArticleImage[] {
  if (lead === null) return [...images];
  const key = (url: string | null): string => (url === null ? '' : imageVariantKey(url));
  const match = images.find((image) => key(image.url) === key(lead));
  if (match !== undefined) return [match, ...images.filter((image) => image !== match)];
  return [{ url: lead, caption: null, credit: null }, ...images];
}

/**
 * Parses an HTML page into blocks and metadata: the main content (navigation, comments, share
 * bars and ads dropped; figures and related-article lists kept), JSON-LD/OpenGraph/`<meta>`
 * metadata, figures with captions and credits, and the article's raw links in document order.
 *
 * @example
 * ```ts
 * const doc = parseHtml('<html lang="en"><h1>Hi</h1><p>Body…</p></html>', { sourceUrl: null });
 * doc.title; // "Hi"
 * ```
 */
export function parseHtml(text: string, options: ParseOptions): ParsedDocument {
  const document = parseHtmlDocument(text);
  const index = indexDom(document);
  const metadata = readHtmlMetadata(index, options.sourceUrl);
  // Links and images resolve alike: `<base href>` (itself resolved against the source URL), then
  // the canonical URL, then the source URL; what stays relative has no URL.
  const declaredBase = metadata.baseUrl ?? metadata.canonicalUrl;
  const base =
    (declaredBase === null ? null : resolveUrl(declaredBase, options.sourceUrl)) ?? options.sourceUrl;
  const result = chooseExtraction(index, metadata, base);
  const roots = result?.roots ?? [];
  const title = result?.title ?? chooseTitle(index, metadata.titles, roots);
  const pageUrl = metadata.canonicalUrl ?? options.sourceUrl;
  const urlDate =
    (pageUrl === null ? null : dateFromUrl(pageUrl)) ??
    (options.sourceUrl === null || options.sourceUrl === pageUrl ? null : dateFromUrl(options.sourceUrl));
  const visible = findVisibleDateEvidence(index, title.element, roots, metadata.times);
  const publishedAt =
    choosePublished({
      declared: metadata.publishedAt,
      declaredWeak: metadata.declaredDates.weak,
      declaredAll: metadata.declaredDates.all,
      declaredModified: metadata.declaredDates.modified,
      visible: visible?.iso ?? null,
      visibleUpdated: visible?.updated ?? false,
      inTitle: dateInTitles(metadata.titles.declared),
      url: urlDate,
    }) ??
    findScriptDate(index) ??
    findPageDate(index) ??
    // Last, the lead image's upload path (`/files/2016/05/04/…`), as htmldate's image search.
    (metadata.leadImage === null ? null : dateFromUrl(metadata.leadImage));
  return {
    blocks: result?.emitter.blocks ?? [],
    title: title.title,
    siteName: metadata.siteName,
    canonicalUrl: metadata.canonicalUrl,
    publishedAt,
    authors: metadata.authors,
    description: chooseDescription(
      metadata.descriptions,
      title.title,
      (result?.emitter.blocks ?? [])
        .filter((block) => block.type === 'paragraph')
        .map((block) => block.text)
        .join(' '),
    ),
    declaredLanguage: metadata.declaredLanguage,
    declaredDirection: directionAround(index, roots) ?? metadata.declaredDirection,
    baseUrl: metadata.baseUrl ?? metadata.canonicalUrl,
    images: mergeLeadImage(metadata.leadImage, result?.emitter.images ?? []),
    links: result?.emitter.links ?? [],
  };
}
