import { type AnyNode, Element, isTag, isText } from 'domhandler';
import type { ArticleImage, BlockType, ContentBlock } from '../article-record.js';
import { findDate, isDateLine } from '../dates/dates.js';
import { resolveUrl } from '../normalize-url.js';
import type { RawLink } from '../parsed-document.js';
import { RELATED_LABELS, RELATED_LABELS_IF_LINKED, RELATED_LABELS_LOOSE } from '../related-marker.js';
import { foldWhitespace } from '../text.js';
import { splitCredit } from './credit.js';
import type { DomIndex } from './dom-index.js';
import { BOLD_CLOSE, BOLD_OPEN, BR, isSubhead, MARKERS, splitParagraphs } from './paragraph-breaks.js';
import { classWeight, hintTokens, isBlock, linkDensity, type TextStats } from './scoring.js';
import { elementText, squash } from './text.js';

/** The article's blocks, links and pictures, in document order. */
export interface EmittedContent {
  readonly blocks: ContentBlock[];
  readonly links: RawLink[];
  readonly images: ArticleImage[];
}

export interface EmitContext {
  readonly index: DomIndex;
  readonly stats: TextStats;
  /** Folded, squashed title, to skip the headline when it repeats inside the body. */
  readonly titleKey: string | null;
  /** Squashed author names, to drop byline lines repeated inside the body. */
  readonly authorKeys: readonly string[];
  /** Base for resolving image URLs. */
  readonly base: string | null;
  /** Last resort for pages where nothing else was found: class names alone drop nothing. */
  readonly relaxed: boolean;
}

// Class/id words that mark a whole subtree as page furniture wherever it appears in the body.
const BOILERPLATE_TOKENS = new Set([
  'share',
  'sharing',
  'sharer',
  'social',
  'socials',
  'comment',
  'comments',
  'commentlist',
  'kommentar',
  'kommentare',
  'commentaires',
  'comentarios',
  'disqus',
  'newsletter',
  'subscribe',
  'subscription',
  'signup',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'promo',
  'advert',
  'advertisement',
  'advertising',
  'ad',
  'ads',
  'adsbygoogle',
  'dfp',
  'banner',
  'sponsor',
  'sponsored',
  'outbrain',
  'taboola',
  'breadcrumb',
  'breadcrumbs',
  'pagination',
  'pager',
  'tags',
  'tagcloud',
  'tag-list',
  'bio',
  'authorbox',
  'author-box',
  'about-author',
  'recommended',
  'recommendations',
  'popular',
  'trending',
  'mostread',
  'most-read',
  'sidebar',
  'widget',
  'toolbar',
  'print',
  'modal',
  'popup',
  'overlay',
  'sr-only',
  'visually-hidden',
  'screen-reader-text',
  'skip',
  'nav',
  'navigation',
  'menu',
  'footer',
  'masthead',
  'paywall',
  'login',
  'rating',
  'ratings',
  'contact',
  'kontakt',
  'player',
  'citation',
  'donate',
  'donation',
  // A shop's purchase box beside a paid article or product ("Buy article", prices, VAT).
  'buybox',
  // Affiliate and editorial disclaimers, tables of contents, previous/next-story links.
  'disclaimer',
  'affiliate',
  'toc',
  'prev',
  'previous',
]);
// A comment section named in one compound word (commentsection, kommentarModul, commentarea).
const COMMENT_COMPOUND =
  /^(?:comments?|kommentare?)(?:modul|module|section|area|box|block|wrapper|container|form|list|thread)$/;

function isBoilerplateToken(token: string): boolean {
  return BOILERPLATE_TOKENS.has(token) || COMMENT_COMPOUND.test(token);
}
// "author" with one of these is a box about the author, not the article's byline.
const AUTHOR_BOX_PARTS = new Set([
  'info',
  'description',
  'bio',
  'about',
  'details',
  'box',
  'card',
  'profile',
]);
const RELATED_TOKENS = new Set([
  'related',
  'relatedposts',
  'read-also',
  'readalso',
  'also-read',
  'see-also',
  'yarpp',
]);
// Compounds written as one word name the same box: relatedlinks, relatedarticles, relatedcontent.
const RELATED_COMPOUND = /^related(?:links?|articles?|content|stories|news|items?|reads?)$/;

function isRelatedToken(token: string): boolean {
  return RELATED_TOKENS.has(token) || RELATED_COMPOUND.test(token);
}

// Unlikely-looking boxes with this much unlinked text inside the content are read.
const CHROME_PROSE = 150;
// A box around a button link with more text than this is prose with a link in it.
const MAX_CALL_BOX = 500;
const SHARE_TOKENS: ReadonlySet<string> = new Set(['share', 'sharing', 'social']);
const TEASER_TOKENS = new Set(['teaser', 'teasers']);
const MAX_TEASER_ELEMENTS = 200;
const PULLQUOTE_TOKENS = new Set([
  'pullquote',
  'pull-quote',
  'pull',
  'quote-pull',
  'highlight',
  'blockquote-pull',
]);
const CAPTION_TOKENS = new Set([
  'caption',
  'figcaption',
  'wp-caption-text',
  'image-caption',
  'photo-caption',
]);
// Credit classes that mean a picture's credit wherever they stand ("byline" and "source" do not).
const LOOSE_CREDIT_TOKENS = new Set([
  'credit',
  'credits',
  'credito',
  'creditos',
  'photographer',
  'copyright',
]);
// Caption classes: "caption", "wp-caption-text", "image__caption", "legend", "cap".
function isCaptionToken(token: string): boolean {
  return CAPTION_TOKENS.has(token) || token === 'cap' || /^(?:caption|legend)|caption$/.test(token);
}
// Boxes that may hold one picture and its caption line, and at most this much text.
const IMAGE_BOX_TAGS: ReadonlySet<string> = new Set(['div', 'p', 'center', 'section']);
const MAX_CAPTION = 200;
// Teaser cards and picture boxes are small subtrees; larger ones are not looked into.
const MAX_BOX_ELEMENTS = 60;
const FIGURE_TOKENS = new Set(['wp-caption', 'figure', 'image-with-caption']);
const LINK_TAGS: ReadonlySet<string> = new Set(['a']);
const CARD_TAGS: ReadonlySet<string> = new Set(['div', 'section', 'article', 'aside', 'li', 'figure']);
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)/i;
const FIGURE_TAGS: ReadonlySet<string> = new Set(['figure']);
const CREDIT_TOKENS = new Set([
  'credit',
  'credits',
  'copyright',
  'photographer',
  'source',
  'byline',
  'attribution',
]);

/** "Read also: …" labels (the text parser's list), then a separator or nothing. */
const RELATED_LABEL = new RegExp(
  `^(?:(?:${RELATED_LABELS})(?:\\s*[:：\\-–—|»>]+\\s*|\\s*$)|(?:${RELATED_LABELS_LOOSE})\\s+)`,
  'iu',
);
const RELATED_LABEL_IF_LINKED = new RegExp(`^(?:${RELATED_LABELS_IF_LINKED})\\s*[:：]\\s*`, 'iu');
const BOILERPLATE_LINE =
  /^(?:advertisement|advertisment|anzeige|werbung|publicité|publicidad|pubblicità|إعلان|اعلان|share(?: this)?(?: article| story| post)?|tweet|print|e-?mail|comments?|\d+\s+comments?|no comments?|loading\.*|continue reading|read more|subscribe(?: now)?|sign up|follow us|skip to (?:main )?content|back to top|zurück|nach oben|weiter|next|previous|vorheriger?|nächster?)[\s:.!…»›→]*$/i;
const DATE_LABEL =
  /^(?:(?:zuletzt\s+)?aktualisiert(?:\s+am)?|updated(?:\s+on)?|last\s+updated|published(?:\s+on)?|posted(?:\s+on)?|veröffentlicht(?:\s+am)?|erstellt(?:\s+am)?|publicado(?:\s+el)?|publié\s+le|mis\s+à\s+jour\s+le|تاريخ\s+النشر|نشر\s+في|آخر\s+تحديث)\s*[:：]?\s*/i;
const BYLINE_LABEL = /^(?:by|von|par|por|door|di|بقلم|كتب|كتبت)\s*[:：]?\s+/i;
// Closing notes: each this short, after at least this many plain paragraphs.
const MAX_NOTE = 300;
const MAX_LOGIN_PROMPT = 200;
// The path or query value of a sign-in or registration page (WordPress, forums, CMS accounts).
const SIGN_IN_PATH =
  /(?:\/|[?&][a-z_]+=)(?:wp-login\.php|login|log-in|signin|sign-in|signup|sign-up|register|registrieren|registrierung|anmelden|anmeldung|connexion|inscription)(?:[/?.#&]|$)/i;
// A line this short that is a link's text elsewhere on the page is that link repeated.
const MAX_LINKED_LINE = 120;
const MIN_PROSE_BEFORE_NOTES = 2;
const CLOCK_TIME = /(?:^|[^\p{N}])\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b|uhr|h\b)/iu;
const EMPHASIS_TAGS: ReadonlySet<string> = new Set(['b', 'strong', 'i', 'em']);
// A bold subhead ranks below every `<h1>`–`<h6>`.
const SUBHEAD_LEVEL = 7;
// Blocks whose bold lines may be subheads; in a list item or a table cell bold is the item's term.
const SUBHEAD_TAGS: ReadonlySet<string> = new Set(['p', 'div', 'section', 'article', 'main', 'body']);
// Longer than this, an `<h1>`–`<h6>` is a paragraph set in a heading's type (some CMSs do).
const MAX_HEADING = 250;
// Containers whose loose text (not in a `<p>`) may be paragraphs separated by single `<br>`s.
const BLOCKLESS_TAGS: ReadonlySet<string> = new Set([
  'div',
  'section',
  'article',
  'main',
  'td',
  'body',
  'center',
]);

// In a table cell or a list item a number alone is data, not a counter.
const CELL_TAGS: ReadonlySet<string> = new Set(['td', 'th', 'li', 'dd', 'dt']);
// Hosts whose links in a short line make it a "follow us" call, in any language.
const SOCIAL_HOST =
  /(?:^|\.)(?:facebook\.com|fb\.me|twitter\.com|x\.com|instagram\.com|t\.me|telegram\.me|whatsapp\.com|wa\.me|youtube\.com|youtu\.be|tiktok\.com|linkedin\.com|pinterest\.com|threads\.net|aparat\.com|eitaa\.com|rubika\.ir|news\.google\.com)$/i;

const STRIP_SEPARATOR = /[|•·»›]/u;
const APP_STORE_HOST = /^(?:apps\.apple\.com|itunes\.apple\.com|play\.google\.com|appgallery\.huawei\.com)$/i;
/** A short line of links and separators only: "Politics | World", "Home › News". */
function isLinkStrip(text: string, links: readonly RawLink[]): boolean {
  if (text.length >= 80 || links.length === 0) return false;
  let rest = text;
  for (const link of links) rest = rest.replace(link.text, ' ');
  return !/[\p{L}\p{N}]/u.test(rest);
}

/** A short line whose links all lead to social networks: "Follow us on …", "تابعونا على …". */
function isSocialCall(links: readonly RawLink[]): boolean {
  if (links.length === 0) return false;
  return links.every((link) => {
    // A follow call's links are network names, handles or icons; a title is a reference.
    if (link.text.length > 30 || link.text.split(' ').length > 2) return false;
    const host = link.href === null ? null : URL.parse(link.href)?.hostname;
    return host !== null && host !== undefined && SOCIAL_HOST.test(host);
  });
}

/** Links that all lead to social networks, messengers or app stores: a "follow us" or "get the app" call. */
function leadsToNetworks(links: readonly RawLink[]): boolean {
  if (links.length === 0) return false;
  return links.every((link) => {
    const host = link.href === null ? null : URL.parse(link.href)?.hostname;
    return host !== null && host !== undefined && (SOCIAL_HOST.test(host) || APP_STORE_HOST.test(host));
  });
}

/**
 * Blocks that are never prose: digits or punctuation alone (like counters, "19:49", "* * *"), a
 * bare URL (microdata a stylesheet hides), or a lone share or copy-link button label.
 */
function isFurniture(text: string): boolean {
  // Two marks alone ("=)", ":-") may be a reply's smiley; a number or a longer run is not prose.
  if (text.length < 40 && !/\p{L}/u.test(text) && (/\p{N}/u.test(text) || text.length > 2)) return true;
  return text.length < 300 && /^(?:https?:\/\/|www\.)\S+$/iu.test(text);
}

/**
 * A wire trailer ("انتهای پیام", "/ends", "(ANSA)"): the last paragraph, a few words with no
 * sentence and no number, after a paragraph of prose. Agencies end every story with one.
 */
function dropWireTrailer(blocks: ContentBlock[]): void {
  let last = blocks.length - 1;
  while (last >= 0 && blocks[last]?.type !== 'paragraph') last -= 1;
  const trailer = blocks[last];
  const before = blocks[last - 1];
  if (trailer === undefined || before?.type !== 'paragraph' || before.text.length < 100) return;
  const text = trailer.text;
  if (text.length > 25 || text.split(' ').length > 3 || /[\p{N}.!?؟…:]/u.test(text)) return;
  blocks.splice(last, 1);
}

/** Whether an element is a picture with its caption (`<figure>`, WordPress `.wp-caption`). */
export function isFigure(index: DomIndex, i: number): boolean {
  const element = index.elements[i];
  if (element === undefined) return false;
  return element.name === 'figure' || hintTokens(index, i).some((t) => FIGURE_TOKENS.has(t));
}

function imageSource(element: Element): string | null {
  const a = element.attribs;
  const candidates = [a['data-src'], a['data-original'], a['data-lazy-src'], a['data-url'], a.src];
  for (const candidate of candidates) {
    if (candidate !== undefined && candidate.trim() !== '' && !candidate.trim().startsWith('data:'))
      return candidate.trim();
  }
  const srcset = a['data-srcset'] ?? a.srcset;
  if (srcset !== undefined) {
    const first = srcset.trim().split(/\s+/)[0];
    if (first !== undefined && first !== '' && !first.startsWith('data:')) return first.replace(/,$/, '');
  }
  return null;
}

// Declared this small on both sides (or named so), a picture is an icon, a logo or a tracker.
const ICON_SIZE = 64;
const ICON_NAME = /(?:^|[\s/_.-])(?:icons?|logos?|emoji|avatar|sprite|spinner|spacer|pixel)(?:$|[\s/_.-])/i;

function nonEmpty(value: string | undefined): string | null {
  const folded = value === undefined ? '' : foldWhitespace(value);
  return folded === '' ? null : folded;
}

function isTinyImage(element: Element): boolean {
  const width = Number.parseInt(element.attribs.width ?? '', 10);
  const height = Number.parseInt(element.attribs.height ?? '', 10);
  if ((Number.isFinite(width) && width <= 5) || (Number.isFinite(height) && height <= 5)) return true;
  if (Number.isFinite(width) && Number.isFinite(height) && width <= ICON_SIZE && height <= ICON_SIZE)
    return true;
  const hints = `${element.attribs.class ?? ''} ${element.attribs.src ?? ''}`;
  return hints.length < 500 && ICON_NAME.test(hints);
}

// Query parameters that only pick a size or format of the same picture.
const SIZE_PARAMETER =
  /^(?:w|h|width|height|resize|fit|crop|quality|q|size|dpr|auto|format|fm|im|ssl|strip)$/i;

/**
 * One key for every size variant of a picture: `a-300x200.jpg`, `a@2x.jpg`, `a-scaled.jpg`,
 * `a.jpg?w=640` and `a.jpg` are the same image (WordPress and image CDNs name sizes this way).
 */
export function imageVariantKey(url: string): string {
  const parsed = URL.parse(url);
  if (parsed === null) return url;
  const path = parsed.pathname.replace(/(?:-\d{2,5}x\d{2,5}|@\dx|-scaled|-e\d{10,})+(?=\.\w{2,5}$)/i, '');
  const kept = [...parsed.searchParams].filter(([name]) => !SIZE_PARAMETER.test(name));
  const query = kept.map(([name, value]) => `${name}=${value}`).join('&');
  return `${parsed.host}${path}${query === '' ? '' : `?${query}`}`;
}

function relTokens(element: Element): string[] {
  const rel = element.attribs.rel;
  return rel === undefined
    ? []
    : rel
        .toLowerCase()
        .split(/\s+/)
        .filter((t) => t !== '');
}

function hrefOf(element: Element): string | null {
  const raw = element.attribs.href;
  if (raw === undefined) return null;
  const href = raw.trim();
  if (href === '' || href.startsWith('#')) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') return null;
  return href;
}

interface Frame {
  readonly exit: Element;
  readonly type: BlockType | null;
}

/** Returned by `enter` for inline elements, whose end needs no action. */
const INLINE: Frame = { exit: new Element('span', {}), type: null };

/**
 * Walks the chosen content roots once, in document order, and emits blocks, links and images.
 * Furniture inside the article (share bars, comment sections, ads, author boxes) is dropped by
 * tag and class; related-article lists become `related` blocks and links.
 */
export class BlockEmitter {
  readonly blocks: ContentBlock[] = [];
  readonly links: RawLink[] = [];
  readonly images: ArticleImage[] = [];
  private parts: string[] = [];
  private pendingLinks: RawLink[] = [];
  private pendingLinkText = 0;
  private types: BlockType[] = ['paragraph'];
  private relatedArmed = false;
  /** Rank of each heading block: `<h1>`–`<h6>`, and bold subheads below them. */
  private readonly headingLevels = new WeakMap<ContentBlock, number>();
  /** Link strips met above the first paragraph. */
  private readonly strips = new WeakSet<ContentBlock>();
  /** Whether a paragraph was emitted yet (strips above the first one are page furniture). */
  private hasParagraph = false;
  /** The block element whose text is being buffered. */
  private blockName = 'body';
  private blockElement: Element | null = null;
  /**
   * Paragraphs that read as notes when they close the article: set wholly in bold or italics, or
   * linking only to social networks and app stores (sources, disclaimers, "follow us", "get the app").
   */
  private readonly notes = new WeakSet<ContentBlock>();
  private readonly seenImages = new Map<string, number>();
  private readonly rootText: number;
  private readonly rootCount: number;

  constructor(
    private readonly context: EmitContext,
    private readonly roots: readonly number[],
  ) {
    let total = 0;
    for (const root of roots) total += context.stats.text[root] ?? 0;
    this.rootText = total;
    this.rootCount = roots.length;
  }

  /** Emits one content root. */
  emitRoot(root: number): void {
    const element = this.context.index.elements[root];
    if (element === undefined) return;
    // A picture box that joined the body as a sibling of it: its line of text is a caption.
    if (this.rootCount > 1 && this.isImageBox(root, element)) {
      this.emitFigure(root, true);
      return;
    }
    this.walk(element, true);
    this.flush();
  }

  /** Emits a figure found next to (outside) the content roots. */
  emitFigureAt(i: number): void {
    this.emitFigure(i);
  }

  /** Emits a related-articles container found outside the content roots. */
  emitRelatedContainer(i: number): void {
    const element = this.context.index.elements[i];
    if (element === undefined) return;
    this.flush();
    this.emitRelated(element);
  }

  private walk(start: Element, isRoot: boolean): void {
    const { index } = this.context;
    const stack: (AnyNode | Frame)[] = [start];
    let first = isRoot;
    while (stack.length > 0) {
      const item = stack.pop();
      if (item === undefined) break;
      if ('exit' in item) {
        this.leave(item);
        continue;
      }
      if (isText(item)) {
        this.parts.push(item.data.replace(MARKERS, ''));
        continue;
      }
      if (!isTag(item)) continue;
      const i = index.indexOf(item);
      if (i === undefined || index.excluded[i] === 1) continue;
      const isFirst = first;
      first = false;
      const frame = this.enter(item, i, isFirst);
      if (frame === null) continue;
      // Inline elements do nothing when they close: no exit frame for them.
      if (frame !== INLINE) stack.push(frame);
      const children = item.children;
      for (let c = children.length - 1; c >= 0; c -= 1) {
        const child = children[c];
        if (child !== undefined) stack.push(child);
      }
    }
  }

  /** Decides what an element is; returns the frame to close it with, or null to skip its subtree. */
  private enter(element: Element, i: number, isRoot: boolean): Frame | null {
    const { index, stats } = this.context;
    const name = element.name;
    if (name === 'br') {
      this.parts.push(BR);
      return null;
    }
    if (name === 'img') {
      this.addImage(element, null, null);
      return null;
    }
    if (name === 'hr') {
      this.flush();
      return null;
    }
    const tokens = hintTokens(index, i);
    const text = stats.text[i] ?? 0;
    if (!isRoot) {
      // An article's own <header> holds its headline, byline and standfirst: walked, with the
      // headline, byline and date lines filtered out as they are met.
      if (name === 'nav' || name === 'footer' || name === 'form' || name === 'menu') return null;
      const related = tokens.some(isRelatedToken) || (tokens.includes('more') && tokens.includes('stories'));
      if (related && !this.isDominant(i)) {
        this.flush();
        this.emitRelated(element);
        return null;
      }
      if (this.isTeaserCard(i, element) || this.isTeaserBox(i, tokens)) {
        this.flush();
        this.emitRelated(element);
        return null;
      }
      const pullquote = tokens.some((t) => PULLQUOTE_TOKENS.has(t)) && text < 600 && !this.holdsCode(i);
      if (!pullquote && this.isChromeInside(i, name)) return null;
      if (name === 'aside' && !pullquote) return null;
      const authorBox = tokens.includes('author') && tokens.some((t) => AUTHOR_BOX_PARTS.has(t));
      if (
        !pullquote &&
        (authorBox || tokens.some(isBoilerplateToken) || isHiddenClass(element)) &&
        !this.isDominant(i)
      ) {
        return null;
      }
      if (name === 'figure' || tokens.some((t) => FIGURE_TOKENS.has(t))) {
        if (this.emitFigure(i)) return null;
      }
      if (
        (name === 'figcaption' && !this.holdsParagraphs(i)) ||
        (tokens.some(isCaptionToken) && text < 400 && name !== 'p' && name !== 'figcaption')
      ) {
        this.flush();
        this.emitCaption(element);
        return null;
      }
      if (this.isImageBox(i, element)) {
        this.emitFigure(i, true);
        return null;
      }
      // A picture credit set apart from its figure ("Photo: AFP" in a `.credit` span): the last
      // picture's credit, never a paragraph.
      if (tokens.some((t) => LOOSE_CREDIT_TOKENS.has(t)) && text < 200 && !this.isDominant(i)) {
        this.flush();
        this.emitCredit(element);
        return null;
      }
      if (this.relatedArmed && this.isLinkList(i, element)) {
        this.flush();
        this.emitRelated(element);
        this.relatedArmed = false;
        return null;
      }
      if (this.isClutter(element, i) || this.isCallBox(i, name)) return null;
      if (pullquote || (name === 'blockquote' && tokens.includes('quote') && text < 300)) {
        this.flush();
        const frame: Frame = { exit: element, type: 'highlight' };
        this.types.push('highlight');
        return frame;
      }
    }
    if (name === 'a') {
      this.addLink(element);
      return INLINE;
    }
    if (name === 'strong' || name === 'b') {
      this.parts.push(BOLD_OPEN);
      return { exit: element, type: null };
    }
    if (!isBlock(name)) return INLINE;
    this.flush();
    this.blockName = name;
    this.blockElement = element;
    let type: BlockType | null = null;
    // A "heading" holding paragraphs is a wrapper: `<h2>…</h3>` leaves the h2 open over the whole
    // article in a parser that, unlike browsers, does not close it at the wrong end tag.
    if (/^h[1-6]$/.test(name) && this.context.index.hasBlockChild[i] === 0) type = 'heading';
    else if (name === 'figcaption' && !this.holdsParagraphs(i)) type = 'caption';
    if (type !== null) this.types.push(type);
    return { exit: element, type };
  }

  private leave(frame: Frame): void {
    const name = frame.exit.name;
    if (name === 'strong' || name === 'b') {
      this.parts.push(BOLD_CLOSE);
      return;
    }
    if (!isBlock(name) && frame.type === null) return;
    this.flush();
    // Text after a closed block belongs to the block around it.
    const parent = frame.exit.parent !== null && isTag(frame.exit.parent) ? frame.exit.parent : null;
    this.blockName = parent?.name ?? 'body';
    this.blockElement = parent;
    if (frame.type !== null) this.types.pop();
  }

  /**
   * Chrome the strict pass set aside (a menu, a sidebar widget, a social or sharing box, by tag,
   * role or class) that sits inside the chosen content: its text did not count for the choice and
   * is not the article's. The article's own `<header>` is walked (headline, byline, standfirst).
   */
  private isChromeInside(i: number, name: string): boolean {
    const { index, stats } = this.context;
    if (name === 'header' || stats.counted[i] === 1 || index.excluded[i] === 1) return false;
    const parent = index.parent[i] ?? -1;
    if (parent < 0 || stats.counted[parent] === 0) return false;
    // Prose in it (a class name misread as chrome) is walked: paragraphs, few links.
    const end = index.end[i] ?? i;
    let text = 0;
    let links = 0;
    for (let k = i, linkEnd = i; k < end; k += 1) {
      if (index.elements[k]?.name === 'a' && k >= linkEnd) linkEnd = index.end[k] ?? k;
      const own = index.ownText[k] ?? 0;
      text += own;
      if (k < linkEnd) links += own;
    }
    return text - links < CHROME_PROSE || links > text * 0.3;
  }

  private isDominant(i: number): boolean {
    const { stats } = this.context;
    return this.rootText > 0 && (stats.text[i] ?? 0) > this.rootText * 0.5 && linkDensity(stats, i) < 0.5;
  }

  private isLinkList(i: number, element: Element): boolean {
    const { stats } = this.context;
    const name = element.name;
    if (
      name !== 'ul' &&
      name !== 'ol' &&
      name !== 'div' &&
      name !== 'section' &&
      name !== 'p' &&
      name !== 'dl'
    ) {
      return false;
    }
    return (stats.text[i] ?? 0) > 0 && linkDensity(stats, i) >= 0.6;
  }

  /**
   * A teaser for another story inside the body: a short box that is mostly links, with a
   * thumbnail and a title linking to the same page (a credit or a kicker may sit between them).
   */
  private isTeaserCard(i: number, element: Element): boolean {
    if (!CARD_TAGS.has(element.name)) return false;
    const { index, stats } = this.context;
    const text = stats.text[i] ?? 0;
    if (text === 0 || text > 300 || linkDensity(stats, i) < 0.5) return false;
    const end = index.end[i] ?? i;
    if (end - i > MAX_BOX_ELEMENTS) return false;
    let pictureTarget: string | null = null;
    const titleTargets = new Set<string>();
    for (let j = i + 1; j < end; j += 1) {
      const child = index.elements[j];
      if (child?.name !== 'a') continue;
      const href = hrefOf(child);
      if (href === null || IMAGE_FILE.test(href)) continue;
      if (this.hasDescendantImage(child)) pictureTarget ??= href;
      if ((stats.text[j] ?? 0) > 0) titleTargets.add(href);
      j = (index.end[j] ?? j + 1) - 1;
    }
    return pictureTarget !== null && titleTargets.has(pictureTarget);
  }

  /**
   * A box its template calls a teaser that links elsewhere: another story's headline and intro,
   * not this article's text (a teaser without a link is the article's own lead, and stays).
   */
  /**
   * A box that is or holds preformatted code (`<pre>`, or a `<code>` block of its own): syntax
   * highlighters (Rouge, Pygments, highlight.js) name their boxes `highlight`, the pull-quote
   * word, but the listing is the article's text.
   */
  private holdsCode(i: number): boolean {
    const { index } = this.context;
    const end = Math.min(index.end[i] ?? i, i + MAX_TEASER_ELEMENTS);
    for (let j = i; j < end; j += 1) {
      const name = index.elements[j]?.name;
      if (name === 'pre' || (name === 'code' && j === i)) return true;
    }
    return false;
  }

  /**
   * A caption set as paragraphs of its own (two or more `<p>`, as gallery slides carry their
   * text) is the slide's prose, read as body text; a one-line caption is a caption.
   */
  private holdsParagraphs(i: number): boolean {
    const { index } = this.context;
    const end = Math.min(index.end[i] ?? i, i + MAX_TEASER_ELEMENTS);
    let paragraphs = 0;
    for (let j = i + 1; j < end; j += 1) if (index.elements[j]?.name === 'p') paragraphs += 1;
    return paragraphs >= 2;
  }

  private isTeaserBox(i: number, tokens: readonly string[]): boolean {
    if (!tokens.some((t) => TEASER_TOKENS.has(t)) || this.isDominant(i)) return false;
    const { index } = this.context;
    // Bounded: a teaser is a small box, and nested teaser classes must not make the walk quadratic.
    const end = Math.min(index.end[i] ?? i, i + MAX_TEASER_ELEMENTS);
    for (let j = i + 1; j < end; j += 1) {
      const child = index.elements[j];
      if (child?.name === 'a' && hrefOf(child) !== null) return true;
    }
    return false;
  }

  /**
   * A short box around a link styled as a button ("Become a member", "Subscribe", "Download
   * the app"): a call to action set in the article, not its text.
   */
  private isCallBox(i: number, name: string): boolean {
    // Set in an article: after its first paragraph, never the page's only text.
    if (!this.hasParagraph || (name !== 'div' && name !== 'section' && name !== 'aside')) return false;
    const { index, stats } = this.context;
    const end = index.end[i] ?? i;
    if (end - i > MAX_BOX_ELEMENTS || this.isDominant(i)) return false;
    let text = 0;
    let button = false;
    for (let j = i; j < end; j += 1) {
      text += index.ownText[j] ?? 0;
      const link = index.elements[j];
      if (button || link?.name !== 'a') continue;
      const tokens = hintTokens(index, j);
      if (!tokens.some((t) => t === 'button' || t === 'btn' || t === 'cta')) continue;
      if (tokens.some((t) => SHARE_TOKENS.has(t))) continue;
      // Share buttons are icons or network names and lead to the network; a call has words of its own.
      let label = 0;
      for (let k = j; k < (index.end[j] ?? j); k += 1) label += index.ownText[k] ?? 0;
      button = label > 0 && !leadsToNetworks([{ kind: 'inline', text: '', href: hrefOf(link), rel: [] }]);
    }
    return button && text < MAX_CALL_BOX && (stats.counted[i] === 0 || text > 0);
  }

  /** Readability's conditional cleaning: link farms and widget containers inside the article. */
  private isClutter(element: Element, i: number): boolean {
    const name = element.name;
    if (
      name !== 'div' &&
      name !== 'section' &&
      name !== 'ul' &&
      name !== 'ol' &&
      name !== 'table' &&
      name !== 'dl' &&
      name !== 'aside'
    ) {
      return false;
    }
    const { stats, index } = this.context;
    if (this.isDominant(i)) return false;
    const weight = classWeight(index, i);
    if (weight < 0 && !this.context.relaxed) return true;
    if ((stats.commas[i] ?? 0) >= 10) return false;
    const text = stats.text[i] ?? 0;
    const density = linkDensity(stats, i);
    if (weight < 25 && density > 0.5 && text < 2000) return true;
    if (weight >= 25 && density > 0.75) return true;
    return false;
  }

  private addLink(element: Element): void {
    const href = hrefOf(element);
    if (href === null) return;
    let text = elementText(element, 2000, LINK_TAGS);
    let kind: RawLink['kind'] = 'inline';
    if (/^mailto:/i.test(href)) kind = 'email';
    else if (text === '') {
      const image = element.children.find((c): c is Element => isTag(c) && c.name === 'img');
      if (image === undefined && !this.hasDescendantImage(element)) return;
      kind = 'image';
      text = foldWhitespace(image?.attribs.alt ?? element.attribs.title ?? '');
    }
    this.pendingLinks.push({ kind, text, href, rel: relTokens(element) });
    this.pendingLinkText += text.length;
  }

  private hasDescendantImage(element: Element): boolean {
    const { index } = this.context;
    const i = index.indexOf(element);
    if (i === undefined) return false;
    const end = index.end[i] ?? i;
    for (let j = i + 1; j < end; j += 1) {
      const name = index.elements[j]?.name;
      if (name === 'img') return true;
      // A nested link's picture is that link's: skipping it keeps nested links linear.
      if (name === 'a') j = (index.end[j] ?? j + 1) - 1;
    }
    return false;
  }

  /** Resolved exactly like links (CONTRACT §3): null when it cannot be made absolute. */
  private resolveImage(src: string): string | null {
    const url = resolveUrl(src, this.context.base);
    return url !== null && /^https?:/i.test(url) ? url : null;
  }

  private addImage(element: Element, figureCaption: string | null, figureCredit: string | null): boolean {
    if (isTinyImage(element)) return false;
    const attributes = element.attribs;
    const caption = figureCaption ?? nonEmpty(attributes['data-caption'] ?? attributes['data-title']);
    const credit =
      figureCredit ??
      nonEmpty(attributes['data-credit'] ?? attributes['data-copyright'] ?? attributes['data-photographer']);
    const src = imageSource(element);
    if (src === null) return false;
    const url = this.resolveImage(src);
    if (url === null) {
      // CONTRACT §3: a picture whose URL cannot be made absolute keeps its caption, with no URL.
      if (caption === null && credit === null) return false;
      this.images.push({ url: null, caption, credit });
      return true;
    }
    const key = imageVariantKey(url);
    const at = this.seenImages.get(key);
    if (at !== undefined) {
      // A later variant with the caption the first one lacked completes it.
      const seen = this.images[at];
      if (
        seen !== undefined &&
        seen.caption === null &&
        seen.credit === null &&
        (caption !== null || credit !== null)
      )
        this.images[at] = { url: seen.url, caption, credit };
      return false;
    }
    this.seenImages.set(key, this.images.length);
    this.images.push({ url, caption, credit });
    return true;
  }

  /**
   * A picture with a short line of text and nothing else in its box (`<div><img><span>Caption
   * (AFP)</span></div>`, `<p><img><br><em>Caption</em></p>`): that text is the caption, not a
   * paragraph of the body.
   */
  private isImageBox(i: number, element: Element): boolean {
    if (!IMAGE_BOX_TAGS.has(element.name)) return false;
    const { index, stats } = this.context;
    const text = stats.text[i] ?? 0;
    if (text === 0 || text > MAX_CAPTION || linkDensity(stats, i) > 0.5) return false;
    const end = index.end[i] ?? i;
    // A picture box is a handful of elements: the bound keeps deep nesting linear.
    if (end - i > MAX_BOX_ELEMENTS) return false;
    // In a paragraph, text before the picture is prose with a picture set in it (`<p>Text.<br><img>
    // <a>Download</a></p>`), not a caption: a caption follows its picture there.
    if (element.name === 'p' && hasTextBeforeImage(element)) return false;
    let images = 0;
    for (let j = i + 1; j < end; j += 1) {
      const child = index.elements[j];
      if (child === undefined) continue;
      if (child.name === 'p' || /^h[1-6]$/.test(child.name) || child.name === 'li') return false;
      if (child.name === 'img' && !isTinyImage(child) && imageSource(child) !== null) images += 1;
    }
    return images === 1;
  }

  private emitFigure(i: number, textIsCaption = false): boolean {
    const { index } = this.context;
    const end = index.end[i] ?? i;
    let image: Element | null = null;
    let captionElement: Element | null = null;
    let creditElement: Element | null = null;
    for (let j = i + 1; j < end; j += 1) {
      if (image !== null && captionElement !== null && creditElement !== null) break;
      const child = index.elements[j];
      if (child === undefined) continue;
      // A nested figure is read as its own figure: scanning into it made nested figures quadratic.
      if (child.name === 'figure') {
        j = (index.end[j] ?? j + 1) - 1;
        continue;
      }
      if (child.name === 'img' && image === null && imageSource(child) !== null) image = child;
      const tokens = hintTokens(index, j);
      if (captionElement === null && (child.name === 'figcaption' || tokens.some(isCaptionToken))) {
        captionElement = child;
      } else if (creditElement === null && tokens.some((t) => CREDIT_TOKENS.has(t))) creditElement = child;
    }
    if (image === null) return false;
    this.flush();
    let caption: string | null = null;
    let credit: string | null = null;
    const box = index.elements[i];
    if (captionElement === null && textIsCaption && box !== undefined) captionElement = box;
    if (captionElement !== null) {
      const full = elementText(captionElement, 2000, FIGURE_TAGS);
      if (creditElement !== null) {
        credit = elementText(creditElement, 300) || null;
        caption = credit === null ? full : foldWhitespace(full.replace(credit, '')) || null;
      } else {
        const parts = splitCredit(full);
        caption = parts.caption;
        credit = parts.credit;
      }
      this.collectLinks(captionElement, 'inline');
    } else if (creditElement !== null) credit = elementText(creditElement, 300) || null;
    for (let j = i + 1; j < end; j += 1) {
      const child = index.elements[j];
      if (child?.name === 'figure') {
        j = (index.end[j] ?? j + 1) - 1;
        continue;
      }
      if (child?.name === 'a' && this.hasDescendantImage(child)) {
        const href = hrefOf(child);
        if (href !== null) {
          this.links.push({
            kind: 'image',
            text: foldWhitespace(image.attribs.alt ?? ''),
            href,
            rel: relTokens(child),
          });
        }
        break;
      }
    }
    this.addImage(image, caption, credit);
    if (caption !== null) this.blocks.push({ type: 'caption', text: caption });
    return true;
  }

  private emitCaption(element: Element): void {
    const parts = splitCredit(elementText(element, 2000));
    if (parts.caption === null && parts.credit === null) return;
    const last = this.images[this.images.length - 1];
    if (last !== undefined && last.caption === null && last.credit === null) {
      this.images[this.images.length - 1] = { url: last.url, caption: parts.caption, credit: parts.credit };
    }
    if (parts.caption !== null) this.blocks.push({ type: 'caption', text: parts.caption });
    this.collectLinks(element, 'inline');
  }

  private emitCredit(element: Element): void {
    const credit = elementText(element, 300) || null;
    const last = this.images[this.images.length - 1];
    if (credit !== null && last !== undefined && last.credit === null)
      this.images[this.images.length - 1] = { url: last.url, caption: last.caption, credit };
  }

  private collectLinks(element: Element, kind: 'inline' | 'related'): void {
    const { index } = this.context;
    const i = index.indexOf(element);
    if (i === undefined) return;
    const end = index.end[i] ?? i;
    for (let j = i; j < end; j += 1) {
      const child = index.elements[j];
      if (child?.name !== 'a' || index.excluded[j] === 1) continue;
      const href = hrefOf(child);
      if (href === null) continue;
      const text = elementText(child, 2000);
      this.links.push({ kind: /^mailto:/i.test(href) ? 'email' : kind, text, href, rel: relTokens(child) });
    }
  }

  /** A related-articles list: one `related` block and link per item. */
  private emitRelated(element: Element): void {
    const { index } = this.context;
    const i = index.indexOf(element);
    if (i === undefined) return;
    const end = index.end[i] ?? i;
    let lastHref: string | null = null;
    let lastBlock = -1;
    for (let j = i + 1; j < end; j += 1) {
      const child = index.elements[j];
      if (child?.name !== 'a' || index.excluded[j] === 1) continue;
      const href = hrefOf(child);
      if (href === null) continue;
      const text = elementText(child, 500);
      if (RELATED_LABEL.test(text) && text.replace(RELATED_LABEL, '').trim() === '') continue;
      if (href === lastHref) {
        // Thumbnail and title usually link to the same story: keep one item, with the title.
        if (text !== '' && lastBlock >= 0 && this.blocks[lastBlock]?.text === '') {
          this.blocks[lastBlock] = { type: 'related', text };
          const previous = this.links[this.links.length - 1];
          if (previous !== undefined) this.links[this.links.length - 1] = { ...previous, text };
        }
        continue;
      }
      if (text === '' && !this.hasDescendantImage(child)) continue;
      lastHref = href;
      this.links.push({ kind: 'related', text, href, rel: relTokens(child) });
      this.blocks.push({ type: 'related', text });
      lastBlock = this.blocks.length - 1;
    }
    // Drop image-only items whose title never came.
    for (let b = this.blocks.length - 1; b >= 0 && b >= lastBlock - 50; b -= 1) {
      const block = this.blocks[b];
      if (block?.type === 'related' && block.text === '') this.blocks.splice(b, 1);
    }
  }

  /** Turns the buffered inline text into blocks and commits the links found in it. */
  flush(): void {
    if (this.parts.length === 0 && this.pendingLinks.length === 0) return;
    const raw = this.parts.join('');
    this.parts = [];
    const links = this.pendingLinks;
    const linkText = this.pendingLinkText;
    this.pendingLinks = [];
    this.pendingLinkText = 0;
    const outer = this.types[this.types.length - 1] ?? 'paragraph';
    const subheads = outer === 'paragraph' && SUBHEAD_TAGS.has(this.blockName);
    const pieces = splitParagraphs(raw, {
      blockless: outer === 'paragraph' && BLOCKLESS_TAGS.has(this.blockName),
      splitLead: subheads,
    });
    const text = pieces.map((piece) => piece.text).join(' ');
    const single = pieces.length === 1 ? pieces[0] : undefined;
    const type =
      subheads && single !== undefined && isSubhead(single)
        ? 'heading'
        : outer === 'heading' && text.length > MAX_HEADING
          ? 'paragraph'
          : outer;
    if (text === '') {
      for (const link of links) if (link.kind === 'image' || link.kind === 'email') this.links.push(link);
      return;
    }
    if (type === 'heading' && this.context.titleKey !== null && squash(text) === this.context.titleKey)
      return;
    if (type === 'paragraph' || type === 'heading') {
      const linked = RELATED_LABEL_IF_LINKED.exec(text);
      const label =
        RELATED_LABEL.exec(text) ??
        (linked !== null && links.length > 0 && linkText >= (text.length - linked[0].length) * 0.8
          ? linked
          : null);
      if (label !== null && text.length < 300) {
        const rest = text.slice(label[0].length).trim();
        if (rest === '' || squash(rest) === '') {
          this.relatedArmed = true;
          return;
        }
        if (type === 'paragraph' || links.length > 0) {
          this.commitLinks(links, 'related');
          if (links.length === 0) this.links.push({ kind: 'related', text: rest, href: null, rel: [] });
          this.blocks.push({ type: 'related', text: rest });
          return;
        }
      }
      if (this.relatedArmed) {
        if (links.length > 0 && linkText >= text.length * 0.8) {
          this.commitLinks(links, 'related');
          this.blocks.push({ type: 'related', text });
          return;
        }
        this.relatedArmed = false;
      }
      if (text.length < 80 && BOILERPLATE_LINE.test(text)) return;
      // A label with nothing after it ("Release date:", "Telefon:", "Kontakt:") is a form's or a
      // data box's field whose value did not come with it.
      if (
        type === 'paragraph' &&
        !(single?.bold ?? false) &&
        text.length < 40 &&
        /[:：]$/u.test(text) &&
        text.split(' ').length <= 3
      )
        return;
      if (text.length < 100 && this.isMetaLine(text)) return;
      if (!CELL_TAGS.has(this.blockName) && isFurniture(text)) return;
      // Little text of its own around links to social networks: a "follow us" call.
      if (text.length - linkText < 40 && isSocialCall(links)) return;
      // A short line with a link to the site's sign-in or registration page, after the first
      // paragraph: a prompt to log in (to comment, to read on), not the article's text. A page
      // whose only text it is (a login wall) keeps it.
      if (
        this.hasParagraph &&
        text.length < MAX_LOGIN_PROMPT &&
        links.some((link) => SIGN_IN_PATH.test(link.href ?? ''))
      )
        return;
    }
    // A strip of links above the first paragraph ("Politics | World"): the section trail, dropped
    // by `finish` once a paragraph has followed it.
    // A paragraph that is one link to another page and nothing else, between paragraphs of prose:
    // a reference to another story set as its own line ("<p><a>Title of another story</a></p>").
    if (
      type === 'paragraph' &&
      this.blockName === 'p' &&
      this.hasParagraph &&
      links.length === 1 &&
      links[0]?.kind === 'inline' &&
      linkText >= text.length * 0.9 &&
      text.length < 150 &&
      !IMAGE_FILE.test(links[0].href ?? '') &&
      !/\.(?:pdf|docx?|xlsx?|pptx?|zip)(?:[?#]|$)/i.test(links[0].href ?? '')
    ) {
      this.commitLinks(links, 'related');
      this.blocks.push({ type: 'related', text });
      return;
    }
    const strip = type === 'paragraph' && !this.hasParagraph && isLinkStrip(text, links);
    // After the first paragraph a strip of several links ("Press kit | RSS feed", "Home · Archive")
    // is navigation set between or after the paragraphs: dropped with its links.
    if (
      type === 'paragraph' &&
      this.hasParagraph &&
      isLinkStrip(text, links) &&
      (links.length > 1 || STRIP_SEPARATOR.test(text))
    )
      return;
    this.commitLinks(links, null);
    if (type === 'paragraph' && !strip) this.hasParagraph = true;
    if (type === 'paragraph' && pieces.length > 1) {
      for (const piece of pieces) {
        if (!CELL_TAGS.has(this.blockName) && isFurniture(piece.text)) continue;
        if (subheads && isSubhead(piece)) this.pushHeading(piece.text, SUBHEAD_LEVEL);
        else this.blocks.push({ type, text: piece.text });
      }
    } else if (type === 'heading') {
      this.pushHeading(
        text,
        outer === 'heading' ? Number(/^h([1-6])$/.exec(this.blockName)?.[1] ?? 6) : SUBHEAD_LEVEL,
      );
    } else {
      const block: ContentBlock = { type, text };
      if (strip) this.strips.add(block);
      if (
        type === 'paragraph' &&
        this.blockName === 'p' &&
        (this.isEmphasised(this.blockElement) || leadsToNetworks(links))
      )
        this.notes.add(block);
      this.blocks.push(block);
    }
  }

  private pushHeading(text: string, level: number): void {
    const block: ContentBlock = { type: 'heading', text };
    this.headingLevels.set(block, level);
    this.blocks.push(block);
  }

  /**
   * Drops headings that head nothing: a section title whose section was all links, widgets or
   * teasers ("More from us", "Upcoming events") stays behind when its content is dropped. A
   * heading keeps its place when text, a quote or a picture follows before the next heading of
   * its rank or above.
   */
  finish(): void {
    // With no paragraph at all the headings are all the text there is: they stay.
    const prose = this.blocks.filter((block) => block.type === 'paragraph' && !this.strips.has(block));
    if (prose.length === 0) return;
    const kept: ContentBlock[] = [];
    for (let k = 0; k < this.blocks.length; k += 1) {
      const block = this.blocks[k];
      if (block === undefined || this.strips.has(block)) continue;
      const level = block.type === 'heading' ? this.headingLevels.get(block) : undefined;
      // A bold subhead stays: it may well introduce the list or box that follows it.
      // A heading written as a sentence is a pull quote or a standfirst, not a section title.
      if (
        level === undefined ||
        level === SUBHEAD_LEVEL ||
        /[.!?؟…]["'»”’)]*$/u.test(block.text) ||
        this.headsContent(k, level)
      )
        kept.push(block);
    }
    this.dropClosingNotes(kept);
    this.dropLinkedElsewhere(kept);
    dropWireTrailer(kept);
    this.blocks.length = 0;
    for (const block of kept) this.blocks.push(block);
  }

  /**
   * Short note-like paragraphs (see `notes`) after the article's last plain paragraph: the
   * editor's notes, sources, disclaimers and calls to follow, subscribe or download that close an
   * article ("*Source: …*", "**Follow us on …**", "Join our channel: t.me/…"). The prose before
   * them must stay.
   */
  private dropClosingNotes(blocks: ContentBlock[]): void {
    let plain = 0;
    for (const block of blocks) if (block.type === 'paragraph' && !this.notes.has(block)) plain += 1;
    if (plain < MIN_PROSE_BEFORE_NOTES) return;
    for (let k = blocks.length - 1; k >= 0; k -= 1) {
      const block = blocks[k];
      if (block === undefined) break;
      if (block.type === 'related' || block.type === 'caption') continue;
      // A bold line with nothing after it heads nothing: a call set as a subhead.
      const boldLine = block.type === 'heading' && this.headingLevels.get(block) === SUBHEAD_LEVEL;
      const note = block.type === 'paragraph' && this.notes.has(block);
      if (!(boldLine || note) || block.text.length > MAX_NOTE) break;
      // A dated note ("Update July 3, 8:05 AM: …", "Press release of 20.12.2022") is part of the
      // record: an update or a reference, not a call.
      if (findDate(block.text) !== null || CLOCK_TIME.test(block.text)) break;
      blocks.splice(k, 1);
    }
  }

  /**
   * Short lines that are, word for word, the text of a link outside the content (a menu entry, a
   * category, a story's teaser title in a list beside the article): the page's navigation
   * repeated inside the container, not the article's text.
   */
  private dropLinkedElsewhere(blocks: ContentBlock[]): void {
    const { index } = this.context;
    const linked = new Set<string>();
    let root = 0;
    const sorted = [...this.roots].sort((a, b) => a - b);
    for (let j = 0; j < index.elements.length; j += 1) {
      const start = sorted[root];
      if (start !== undefined && j >= start) {
        j = Math.max(j, index.end[start] ?? j + 1) - 1;
        root += 1;
        continue;
      }
      const element = index.elements[j];
      // A link to an anchor (a table of contents, '#section' or 'page.html#section') names the
      // article's own sections.
      if (element?.name !== 'a' || index.excluded[j] === 1 || (element.attribs.href ?? '#').includes('#'))
        continue;
      const text = elementText(element, MAX_LINKED_LINE + 1);
      const key = text.length > MAX_LINKED_LINE ? '' : squash(text);
      if (key.length > 0) linked.add(key);
    }
    if (linked.size === 0) return;
    // The first block stays: a page whose opening line is linked elsewhere is still that page.
    let kept = 1;
    for (let k = 1; k < blocks.length; k += 1) {
      const block = blocks[k];
      if (block === undefined) continue;
      const line =
        (block.type === 'paragraph' || block.type === 'heading') && block.text.length <= MAX_LINKED_LINE;
      if (line && linked.has(squash(block.text))) continue;
      blocks[kept] = block;
      kept += 1;
    }
    if (blocks.length > 0) blocks.length = kept;
  }

  /** Whether every letter of a paragraph sits in `<b>`, `<strong>`, `<i>`, `<em>`: a note, not prose. */
  private isEmphasised(element: Element | null): boolean {
    if (element === null) return false;
    const i = this.context.index.indexOf(element);
    if (i === undefined || (this.context.index.end[i] ?? i) - i > MAX_BOX_ELEMENTS) return false;
    const stack: { node: AnyNode; inside: boolean }[] = element.children.map((node) => ({
      node,
      inside: false,
    }));
    let letters = false;
    for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
      const { node, inside } = item;
      if (isText(node)) {
        if (!/[\p{L}\p{N}]/u.test(node.data)) continue;
        if (!inside) return false;
        letters = true;
      } else if (isTag(node)) {
        const emphasis = inside || EMPHASIS_TAGS.has(node.name);
        for (const child of node.children) stack.push({ node: child, inside: emphasis });
      }
    }
    return letters;
  }

  private headsContent(k: number, level: number): boolean {
    for (let next = k + 1; next < this.blocks.length; next += 1) {
      const block = this.blocks[next];
      if (block === undefined) break;
      if (block.type === 'related') continue;
      if (block.type !== 'heading') return true;
      if ((this.headingLevels.get(block) ?? 0) <= level) return false;
    }
    return false;
  }

  /** A byline, a bare date or "Updated on <date>" repeated in the body: page furniture, not prose. */
  private isMetaLine(text: string): boolean {
    if (BYLINE_LABEL.test(text)) {
      if (text.split(/\s+/).length <= 8 && !/[.!?؟]$/.test(text)) return true;
    }
    if (text.length < 60 && this.context.authorKeys.length > 0) {
      const key = squash(text.replace(BYLINE_LABEL, ''));
      if (key !== '' && this.context.authorKeys.includes(key)) return true;
    }
    if (text.length < 70 && /\d/.test(text)) {
      const stripped = text.replace(DATE_LABEL, '').trim();
      if (stripped !== '' && isDateLine(stripped)) return true;
    }
    return false;
  }

  private commitLinks(links: readonly RawLink[], kind: 'related' | null): void {
    for (const link of links) {
      this.links.push(kind === null || link.kind === 'email' ? link : { ...link, kind });
    }
  }
}

/**
 * A class that hides the element itself: `hidden` as a whole class name. As a part of one it
 * hides something else ("field-label-hidden" hides the field's label) or hides only at one
 * screen size ("hidden-xs", "l-hidden-s"): that text is shown.
 */
function isHiddenClass(element: Element): boolean {
  const cls = element.attribs.class;
  return cls !== undefined && cls.length < 300 && /(?:^|\s)hidden(?:\s|$)/i.test(cls);
}

/** Whether an element holds letters before its first `<img>`, in document order. */
function hasTextBeforeImage(element: Element): boolean {
  const stack: AnyNode[] = [...element.children].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (isText(node)) {
      if (/[\p{L}\p{N}]/u.test(node.data)) return true;
    } else if (isTag(node)) {
      if (node.name === 'img') return false;
      for (let k = node.children.length - 1; k >= 0; k -= 1) {
        const child = node.children[k];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return false;
}
