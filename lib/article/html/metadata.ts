import type { Element } from 'domhandler';
import { parseDate } from '../dates/dates.js';
import type { ParsedDocument } from '../parsed-document.js';
import { foldWhitespace } from '../text.js';
import { classAndId, type DomIndex } from './dom-index.js';
import { type JsonLdArticle, readJsonLd } from './json-ld.js';
import { elementText } from './text.js';

/**
 * What the page declares about itself, before the body is read: the document-level fields of
 * `ParsedDocument` (`publishedAt` from machine-readable sources only: JSON-LD, `<meta>`,
 * `itemprop`, `<time>`), plus what the body walk needs.
 */
export interface HtmlMetadata
  extends Pick<
    ParsedDocument,
    | 'title'
    | 'siteName'
    | 'canonicalUrl'
    | 'publishedAt'
    | 'authors'
    | 'description'
    | 'declaredLanguage'
    | 'declaredDirection'
    | 'baseUrl'
  > {
  /** Index of the `<h1>` that carries the title, when there is one. */
  readonly titleElement: number;
  readonly leadImage: string | null;
  /** The `<title>` and `og:title` as written, for dates written into them. */
  readonly rawTitles: readonly string[];
  /** `<time>` elements with a machine-readable date, by element index. */
  readonly times: readonly { readonly index: number; readonly iso: string }[];
}

const PUBLISHED_KEYS = [
  'article:published_time',
  'article:published',
  'og:published_time',
  'og:article:published_time',
  'published_time',
  'article.published',
  'datepublished',
  'date_published',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'pubdate',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date.created',
  'dcterms.created',
  'dc.date',
  'dcterms.date',
  'citation_publication_date',
  'citation_date',
  'sailthru.date',
  'parsely-pub-date',
  'rnews:datepublished',
  'article_date_original',
  'originalpublicationdate',
  'cxenseparse:recs:publishtime',
  'date',
  'created',
  'dc.created',
];
const AUTHOR_KEYS = [
  'dc:creator',
  'dcterm:creator',
  'dcterms:creator',
  'author',
  'article:author',
  'og:article:author',
  'dc.creator',
  'dcterms.creator',
  'sailthru.author',
  'parsely-author',
  'citation_author',
  'byl',
  'creator',
];
const SITE_KEYS = ['og:site_name', 'application-name', 'al:android:app_name', 'al:ios:app_name', 'publisher'];
const DESCRIPTION_KEYS = ['og:description', 'description', 'twitter:description', 'dc.description'];
const IMAGE_KEYS = ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'];
const TITLE_KEYS = [
  'dc:title',
  'dc.title',
  'dcterm:title',
  'dcterms.title',
  'og:title',
  'weibo:article:title',
  'weibo:webpage:title',
  'twitter:title',
  'parsely-title',
  'sailthru.title',
  'headline',
  'title',
];
// Class/id fragments of a byline, camelCase included (`authorName`, `itemAuthor`); bio boxes are
// too long to pass the length check where this is used.
const BYLINE_PATTERN = /byline|author|writer|reporter|contributor|verfasser|autor/;
const AUTHOR_HREF = /\/(?:author|authors|autor|autoren|auteur|autore|writers?|profile)\//i;

const ISO_DATE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;

/**
 * Normalizes a machine-written date (`2017-05-22T08:30:00+03:00`, `20170522`, `2017-05-22`)
 * to the record's form: a date, or a date-time with its offset when the offset is known.
 * Anything else goes to the core date parser.
 *
 * @example
 * ```ts
 * normalizeMachineDate('2017-05-22T08:30:00Z'); // "2017-05-22T08:30:00Z"
 * normalizeMachineDate('2017-05-22T08:30:00');  // "2017-05-22"
 * ```
 */
export function normalizeMachineDate(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  const match = ISO_DATE.exec(text);
  if (match !== null) {
    const [, y, m, d, hh, mm, ss, zone] = match;
    const year = Number(y);
    const month = Number(m);
    const day = Number(d);
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
    const date = `${y}-${m}-${d}`;
    if (hh === undefined || mm === undefined || zone === undefined) return date;
    const offset =
      zone.toUpperCase() === 'Z'
        ? 'Z'
        : zone.length === 3
          ? `${zone}:00`
          : zone.includes(':')
            ? zone
            : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    return `${date}T${hh.padStart(2, '0')}:${mm}:${ss ?? '00'}${offset}`;
  }
  if (text.length > 80) return null;
  return parseDate(text);
}

/** Headings read as title candidates. */
const MAX_H1S = 100;

function firstValue(meta: ReadonlyMap<string, string[]>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const values = meta.get(key);
    if (values === undefined) continue;
    for (const value of values) {
      const folded = foldWhitespace(value);
      if (folded !== '') return folded;
    }
  }
  return null;
}

function resolve(href: string | null, base: string | null): string | null {
  if (href === null || href.trim() === '') return null;
  const url = URL.parse(href.trim(), base ?? undefined);
  return url === null || !/^https?:$/.test(url.protocol) ? null : url.href;
}

function hostLabel(url: string | null): string | null {
  if (url === null) return null;
  const host = URL.parse(url)?.hostname ?? '';
  const labels = host.replace(/^www\d?\./, '').split('.');
  return labels.length >= 2 ? (labels[labels.length - 2] ?? null) : (labels[0] ?? null);
}

function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const TITLE_SEPARATOR = /\s+(?:\||-|–|—|·|•|«|»|::|\/\/|\\\\|—|:)\s+/;

function isSiteSegment(segment: string, siteName: string | null, host: string | null): boolean {
  const s = squash(segment);
  if (s === '') return true;
  if (siteName !== null) {
    const site = squash(siteName);
    if (site !== '' && (s === site || (s.length <= 40 && (s.includes(site) || site.includes(s)))))
      return true;
  }
  return (
    host !== null && host.length >= 3 && s.length <= 40 && s.includes(host.toLowerCase().replace(/-/g, ''))
  );
}

/**
 * Removes " | Site" / " - Site" / "Site: " decorations from a page title.
 *
 * @example
 * ```ts
 * cleanTitle('Storm hits coast | Daily News', 'Daily News', null); // "Storm hits coast"
 * ```
 */
export function cleanTitle(title: string, siteName: string | null, host: string | null): string {
  const segments = title.split(TITLE_SEPARATOR).filter((s) => s.trim() !== '');
  if (segments.length < 2) return title;
  const kept = segments.filter((s) => !isSiteSegment(s, siteName, host));
  if (kept.length > 0 && kept.length < segments.length) {
    // Keep the original separators between the remaining segments by cutting the title itself.
    const first = kept[0] ?? '';
    const last = kept[kept.length - 1] ?? '';
    const start = title.indexOf(first);
    const end = title.lastIndexOf(last) + last.length;
    if (start >= 0 && end > start) return title.slice(start, end).trim();
  }
  return title;
}

interface Collected {
  readonly meta: Map<string, string[]>;
  readonly jsonLd: string[];
  readonly h1s: number[];
  readonly bylines: number[];
  readonly itemprops: Map<string, number[]>;
  readonly times: number[];
  readonly authorLinks: number[];
  readonly authorHrefs: number[];
  title: string | null;
  canonical: string | null;
  base: string | null;
  lang: string | null;
  dir: string | null;
}

function collect(index: DomIndex): Collected {
  const found: Collected = {
    meta: new Map(),
    jsonLd: [],
    h1s: [],
    bylines: [],
    itemprops: new Map(),
    times: [],
    authorLinks: [],
    authorHrefs: [],
    title: null,
    canonical: null,
    base: null,
    lang: null,
    dir: null,
  };
  const { elements } = index;
  for (let i = 0; i < elements.length; i += 1) {
    const element = elements[i];
    if (element === undefined) continue;
    const attribs = element.attribs;
    switch (element.name) {
      case 'html':
        found.lang ??= attribs.lang ?? attribs['xml:lang'] ?? null;
        found.dir ??= attribs.dir ?? null;
        break;
      case 'body':
        found.dir ??= attribs.dir ?? null;
        break;
      case 'meta': {
        const key = attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'];
        const content = attribs.content;
        if (key === undefined || content === undefined) break;
        for (const k of key.toLowerCase().split(/\s+/)) {
          const list = found.meta.get(k);
          if (list === undefined) found.meta.set(k, [content]);
          else list.push(content);
        }
        break;
      }
      case 'title': {
        const parentIndex = index.parent[i] ?? -1;
        const parentName = parentIndex >= 0 ? elements[parentIndex]?.name : undefined;
        if (
          found.title === null &&
          (parentName === 'head' || parentName === 'html' || parentName === undefined)
        ) {
          found.title = elementText(element, 2000);
        }
        break;
      }
      case 'link': {
        const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/);
        if (rel.includes('canonical')) found.canonical ??= attribs.href ?? null;
        break;
      }
      case 'base':
        found.base ??= attribs.href ?? null;
        break;
      case 'script':
        if ((attribs.type ?? '').toLowerCase().includes('ld+json'))
          found.jsonLd.push(elementTextRaw(element));
        break;
      case 'h1':
        if (index.excluded[i] === 0) found.h1s.push(i);
        break;
      case 'time':
        found.times.push(i);
        break;
      case 'a':
        if ((attribs.rel ?? '').toLowerCase().split(/\s+/).includes('author')) found.authorLinks.push(i);
        else if (AUTHOR_HREF.test(attribs.href ?? '')) found.authorHrefs.push(i);
        break;
      default:
        break;
    }
    const itemprop = attribs.itemprop;
    if (itemprop !== undefined && element.name !== 'meta') {
      for (const prop of itemprop.toLowerCase().split(/\s+/)) {
        const list = found.itemprops.get(prop);
        if (list === undefined) found.itemprops.set(prop, [i]);
        else list.push(i);
      }
    }
    if (
      element.name !== 'a' &&
      element.name !== 'body' &&
      element.name !== 'html' &&
      index.excluded[i] === 0
    ) {
      const hints = classAndId(element);
      if (hints !== '' && hints.length < 200 && BYLINE_PATTERN.test(hints) && (index.end[i] ?? i) - i < 30) {
        found.bylines.push(i);
      }
    }
  }
  return found;
}

function elementTextRaw(element: Element): string {
  let text = '';
  for (const child of element.children)
    if ('data' in child && typeof child.data === 'string') text += child.data;
  return text;
}

const BY_PREFIX =
  /^\s*(?:(?:alle\s+artikel|all\s+(?:posts|articles|stories)|more|mehr|articles|artikel|beiträge|posts)\s+(?=(?:by|von|de|par|por)\s)|(?:written|posted|published|reported|story|words|text|reporting|photos?|publiziert|veröffentlicht|eingestellt|geschrieben|verfasst|artikel|beitrag|publicado|escrito|publié|écrit|pubblicato|scritto)\s+)?(?:(?:on|am|el|le|il)\s+[^,|]{0,30}?\s+)?(?:by|von|par|por|de|di|door|av|af|från|od|από|автор|بقلم|كتب|كتبت|كتبه|تأليف|إعداد|تقرير|نویسنده|author|autor|auteur|autore|autorin|text|texto|redakteur|redakteurin)(?:\s*[:：\-–—]\s*|\s+)(?=\S)/i;
const BY_SUFFIX =
  /\s+(?:says|said|sagt|schreibt|writes|dice|dit|alle artikel|all posts|view all posts|more posts|shares?|(?:am|on|el|le|il)\s+\d.*|\|.*|[•·].*|\(https?:[^)]*\))$/i;
const AUTHOR_SPLIT =
  /\s*(?:,|;|\||\s&\s|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+e\s+|\s+و\s+|\s+en\s+|\s+og\s+|\s+och\s+)\s*/i;
const ROLE_WORDS =
  /^(?:staff|staff writer|editor|editors|reporter|correspondent|contributor|columnist|guest author|admin|administrator|redaktion|editorial|senior .*|.* (?:correspondent|editor|writer|reporter)|updated|published|posted|more|view all posts|all posts|follow|email|twitter)$/i;

/**
 * Turns raw author strings into a clean list: no "By", no roles, no dates or URLs, no site name,
 * no duplicates.
 *
 * @example
 * ```ts
 * cleanAuthors(['By Jane Doe and John Roe', 'jane doe'], null); // ["Jane Doe", "John Roe"]
 * ```
 */
export function cleanAuthors(raw: readonly string[], siteName: string | null): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  const site = siteName === null ? null : squash(siteName);
  for (const value of raw) {
    const folded = foldWhitespace(value);
    if (folded === '' || folded.length > 200 || /^https?:\/\//i.test(folded)) continue;
    for (let part of folded.replace(BY_PREFIX, '').replace(BY_SUFFIX, '').split(AUTHOR_SPLIT)) {
      part = part
        .replace(BY_PREFIX, '')
        .replace(BY_SUFFIX, '')
        .replace(/^[\s:\-–—@]+|[\s:\-–—,]+$/g, '')
        // A lone trailing full stop ends a sentence, "Jr." keeps its own.
        .replace(/(?<!\b(?:jr|sr|dr|st|\p{Lu}))\.$/iu, '')
        .trim();
      if (part.length < 2 || part.length > 60) continue;
      if (/@|https?:|www\.|\d{2,}|\d{1,2}[:/.]\d{1,2}|^\d/.test(part)) continue;
      if (part.split(/\s+/).length > 5 || ROLE_WORDS.test(part)) continue;
      const key = squash(part);
      if (key === '' || seen.has(key) || (site !== null && site !== '' && key === site)) continue;
      seen.add(key);
      result.push(part);
    }
  }
  return result;
}

function insideComments(index: DomIndex, i: number): boolean {
  for (let a = i, hops = 0; a >= 0 && hops < 30; a = index.parent[a] ?? -1, hops += 1) {
    const element = index.elements[a];
    if (element === undefined || element.name === 'body') break;
    const hints = classAndId(element);
    if (/comment|respond|repl(?:y|ies)/.test(hints)) return true;
    // "content-sidebar-wrap" is the page's main column, not a sidebar.
    if (/sidebar|widget/.test(hints) && !/content|main|wrap|container|layout/.test(hints)) return true;
  }
  return false;
}

function authorFromItemprop(index: DomIndex, i: number): string | null {
  const element = index.elements[i];
  if (element === undefined) return null;
  const content = element.attribs.content;
  if (content !== undefined) return content;
  const end = index.end[i] ?? i + 1;
  for (let j = i + 1; j < end; j += 1) {
    const child = index.elements[j];
    if (child !== undefined && (child.attribs.itemprop ?? '').toLowerCase().split(/\s+/).includes('name')) {
      return child.attribs.content ?? elementText(child, 200);
    }
  }
  return elementText(element, 200);
}

function pickPublished(found: Collected, jsonLd: JsonLdArticle | null, index: DomIndex): string | null {
  const jsonLdDate = jsonLd?.datePublished ?? null;
  if (jsonLdDate !== null) {
    const iso = normalizeMachineDate(jsonLdDate);
    if (iso !== null) return iso;
  }
  for (const key of PUBLISHED_KEYS) {
    for (const value of found.meta.get(key) ?? []) {
      const iso = normalizeMachineDate(value);
      if (iso !== null) return iso;
    }
  }
  for (const i of found.itemprops.get('datepublished') ?? found.itemprops.get('datecreated') ?? []) {
    const element = index.elements[i];
    if (element === undefined) continue;
    const value = element.attribs.content ?? element.attribs.datetime ?? elementText(element, 200);
    const iso = normalizeMachineDate(value);
    if (iso !== null) return iso;
  }
  return null;
}

/**
 * Reads the page-level metadata: JSON-LD first, then OpenGraph, Twitter cards and `<meta>`,
 * then microdata and the markup (`<h1>`, bylines, `<time>`).
 *
 * @example
 * ```ts
 * readHtmlMetadata(indexDom(parseDocument(html)), 'https://example.org/a').title;
 * ```
 */
export function readHtmlMetadata(index: DomIndex, sourceUrl: string | null): HtmlMetadata {
  const found = collect(index);
  const jsonLd = readJsonLd(found.jsonLd);
  const baseUrl = resolve(found.base, sourceUrl);
  const canonicalUrl =
    resolve(found.canonical, baseUrl ?? sourceUrl) ??
    resolve(firstValue(found.meta, ['og:url']), baseUrl ?? sourceUrl);
  const pageUrl = canonicalUrl ?? sourceUrl;
  const host = hostLabel(pageUrl);

  const siteName = firstValue(found.meta, SITE_KEYS) ?? jsonLd?.publisher ?? null;

  const h1Texts: { i: number; text: string }[] = [];
  // The title is among the first headings; reading 20,000 nested `<h1>`s each took seconds.
  for (const i of found.h1s.slice(0, MAX_H1S)) {
    const element = index.elements[i];
    if (element !== undefined) h1Texts.push({ i, text: elementText(element, 1000) });
  }
  const metaTitle = firstValue(found.meta, TITLE_KEYS) ?? jsonLd?.headline ?? null;
  const pageTitle = found.title === null ? null : foldWhitespace(found.title);
  const candidates = [metaTitle, pageTitle].filter((t): t is string => t !== null && t !== '');
  let title: string | null = null;
  let titleElement = -1;
  for (const h1 of h1Texts) {
    if (h1.text.length < 3 || h1.text.length > 300) continue;
    const key = squash(h1.text);
    if (key === '') continue;
    if (candidates.some((c) => squash(c).includes(key))) {
      title = h1.text;
      titleElement = h1.i;
      break;
    }
  }
  if (title === null) {
    const best = candidates[0];
    if (best !== undefined) title = cleanTitle(best, siteName, host);
    else {
      const h1 = h1Texts.find((h) => h.text.length >= 3 && index.unlikely[h.i] === 0);
      if (h1 !== undefined) {
        title = h1.text;
        titleElement = h1.i;
      }
    }
  }
  if (title !== null && siteName !== null && squash(title) === squash(siteName) && h1Texts.length > 0) {
    const h1 = h1Texts.find((h) => squash(h.text) !== squash(siteName) && h.text.length >= 3);
    if (h1 !== undefined) {
      title = h1.text;
      titleElement = h1.i;
    }
  }
  if (titleElement < 0 && title !== null) {
    const key = squash(title);
    const h1 = h1Texts.find((h) => squash(h.text) === key) ?? undefined;
    if (h1 !== undefined) titleElement = h1.i;
    else {
      for (const name of ['h2', 'h3']) {
        const i = index.elements.findIndex((e) => e.name === name && squash(elementText(e, 400)) === key);
        if (i >= 0) {
          titleElement = i;
          break;
        }
      }
    }
  }

  const rawAuthors: string[] = [...(jsonLd?.authors ?? [])];
  if (rawAuthors.length === 0) {
    // Twitter's "Written by" label card (WordPress/Yoast): twitter:label1 + twitter:data1.
    for (const n of ['1', '2']) {
      const label = found.meta.get(`twitter:label${n}`)?.[0] ?? '';
      const data = found.meta.get(`twitter:data${n}`)?.[0];
      if (
        data !== undefined &&
        /written by|verfasst von|geschrieben von|author|autor|escrito por|écrit par/i.test(label)
      ) {
        rawAuthors.push(data);
      }
    }
  }
  if (rawAuthors.length === 0) {
    for (const key of AUTHOR_KEYS) {
      for (const value of found.meta.get(key) ?? []) rawAuthors.push(value);
      if (rawAuthors.length > 0) break;
    }
  }
  if (rawAuthors.length === 0) {
    for (const i of found.itemprops.get('author') ?? found.itemprops.get('creator') ?? []) {
      if (insideComments(index, i)) continue;
      const name = authorFromItemprop(index, i);
      if (name !== null) rawAuthors.push(name);
    }
  }
  if (rawAuthors.length === 0) {
    for (const i of found.authorLinks) {
      const element = index.elements[i];
      if (element !== undefined && !insideComments(index, i)) rawAuthors.push(elementText(element, 200));
    }
  }
  let authors = cleanAuthors(rawAuthors, siteName);
  if (authors.length === 0) {
    for (const i of found.authorHrefs) {
      const element = index.elements[i];
      if (element === undefined || index.excluded[i] === 1 || insideComments(index, i)) continue;
      authors = cleanAuthors([elementText(element, 200)], siteName);
      if (authors.length > 0) break;
    }
  }
  if (authors.length === 0) {
    for (const i of found.bylines) {
      const element = index.elements[i];
      if (element === undefined || insideComments(index, i)) continue;
      const text = elementText(element, 300);
      if (text.length === 0 || text.length >= 120) continue;
      authors = cleanAuthors([text], siteName);
      if (authors.length > 0) break;
    }
  }

  const times: { index: number; iso: string }[] = [];
  for (const i of found.times) {
    const element = index.elements[i];
    if (element === undefined) continue;
    const iso = normalizeMachineDate(element.attribs.datetime ?? elementText(element, 200));
    if (iso !== null) times.push({ index: i, iso });
  }

  const rawLang =
    found.lang ??
    firstValue(found.meta, ['content-language', 'dc.language', 'og:locale']) ??
    jsonLd?.inLanguage ??
    null;
  const lang =
    rawLang === null
      ? null
      : (rawLang
          .trim()
          .split(/[-_\s,;]/)[0]
          ?.toLowerCase() ?? null);
  const dir = found.dir?.trim().toLowerCase();
  const image = firstValue(found.meta, IMAGE_KEYS) ?? jsonLd?.image ?? null;

  return {
    title: title === null || title === '' ? null : title,
    titleElement,
    siteName: siteName === null || /^https?:/.test(siteName) ? null : siteName,
    canonicalUrl,
    publishedAt: pickPublished(found, jsonLd, index),
    authors,
    description: firstValue(found.meta, DESCRIPTION_KEYS) ?? jsonLd?.description ?? null,
    declaredLanguage: lang === '' ? null : lang,
    declaredDirection: dir === 'rtl' || dir === 'ltr' ? dir : null,
    baseUrl,
    leadImage: resolve(image, baseUrl ?? pageUrl),
    rawTitles: candidates,
    times,
  };
}

// Share of the heading's words the page title must contain for the heading to be the headline.
const AGREEMENT = 0.6;
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

/**
 * A heading that shares no words with the page's `<title>`/`og:title` is more likely a logo, a
 * section name or a teaser than the headline, unless those titles only name the site.
 */
function agreesWithTitles(heading: string, titles: readonly string[], siteName: string | null): boolean {
  const meaningful = titles.filter((t) => siteName === null || squash(t) !== squash(siteName));
  if (meaningful.length === 0) return true;
  const headingWords = words(heading);
  if (headingWords.length === 0) return false;
  const titleWords = new Set(meaningful.flatMap(words));
  const shared = headingWords.filter((w) => titleWords.has(w)).length;
  // CJK headlines have no spaces: compare characters instead.
  if (headingWords.length <= 2 && heading.length > 8) {
    const chars = [...heading.replace(/\s+/g, '')];
    const titleText = meaningful.join(' ');
    return chars.filter((c) => titleText.includes(c)).length >= chars.length * 0.5;
  }
  return shared >= Math.max(1, headingWords.length * AGREEMENT);
}

const CHROME_HEADING = /widget|sidebar|site-title|site-name|logo|brand|menu|footer|comment/;
const GENERIC_HEADING =
  /^(?:home|homepage|start|startseite|menu|menü|navigation|search|suche|comments?|kommentare|neueste kommentare|recent posts|archives?|archiv|categories|kategorien|news|blog|login|الرئيسية|القائمة)$/i;

function isSensibleHeading(text: string, metadata: HtmlMetadata, host: string | null): boolean {
  if (text.length < 3 || text.length > 300 || GENERIC_HEADING.test(text)) return false;
  const key = squash(text);
  if (key === '') return false;
  if (metadata.siteName !== null && squash(metadata.siteName) === key) return false;
  return host === null || key !== host.toLowerCase().replace(/-/g, '');
}

/**
 * The visible headline of the chosen content: the page's `<h1>` (or, without one, the `<h2>`)
 * nearest above or at the top of the body. People title an article by what they see, which is
 * often shorter or newer than `og:title`.
 *
 * @example
 * ```ts
 * chooseTitle(index, metadata, selection.roots, 'https://example.org/a');
 * ```
 */
export function chooseTitle(
  index: DomIndex,
  metadata: HtmlMetadata,
  roots: readonly number[],
  pageUrl: string | null,
): { readonly title: string | null; readonly element: number } {
  const fallback = { title: metadata.title, element: metadata.titleElement };
  if (metadata.titleElement >= 0) return fallback;
  const first = roots[0];
  const last = roots[roots.length - 1];
  if (first === undefined || last === undefined) return fallback;
  const host = hostLabel(pageUrl);
  const lastEnd = index.end[last] ?? last;
  let tried = 0;
  const headingText = (i: number): string | null => {
    // Only the first headings can be the headline; each read costs up to a thousand nodes.
    tried += 1;
    if (tried > MAX_H1S) return null;
    const element = index.elements[i];
    if (element === undefined || index.excluded[i] === 1) return null;
    if (CHROME_HEADING.test(classAndId(element))) return null;
    const text = elementText(element, 1000).replace(/^[\s»«›‹|:•·-]+|[\s»«›‹|:•·-]+$/g, '');
    if (!isSensibleHeading(text, metadata, host)) return null;
    return agreesWithTitles(text, metadata.rawTitles, metadata.siteName) ? text : null;
  };
  for (const name of ['h1', 'h2']) {
    let seen = false;
    for (let i = first - 1; i >= 0 && (name === 'h1' || first - i <= 25); i -= 1) {
      if (index.elements[i]?.name !== name) continue;
      seen = true;
      const text = headingText(i);
      if (text !== null) return { title: text, element: i };
    }
    const limit = name === 'h1' ? lastEnd : Math.min(lastEnd, first + 12);
    for (let i = first; i < limit; i += 1) {
      const tag = index.elements[i]?.name;
      // A sub-heading after the first paragraph is a section title, not the headline.
      if (name === 'h2' && tag === 'p') break;
      if (tag !== name) continue;
      seen = true;
      const text = headingText(i);
      if (text !== null) return { title: text, element: i };
    }
    // Pages with an <h1> headline are not retitled by an <h2>.
    if (seen && name === 'h1') break;
  }
  return fallback;
}
