import { foldWhitespace } from '../text.js';
import { classAndId, type DomIndex } from './dom-index.js';
import type { JsonLdArticle } from './json-ld.js';
import type { PageSignals } from './page-signals.js';
import { elementText, squash } from './text.js';

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

/**
 * The article's authors, from the most to the least explicit source: JSON-LD, Twitter's "Written
 * by" card, `<meta name=author>` and kin, microdata, `rel=author`, author-page links, byline
 * elements.
 *
 * @example
 * ```ts
 * readAuthors(index, collectPageSignals(index), readJsonLd(scripts), 'Daily News'); // ["Jane Doe"]
 * ```
 */
export function readAuthors(
  index: DomIndex,
  found: PageSignals,
  jsonLd: JsonLdArticle | null,
  siteName: string | null,
): string[] {
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
  return authors;
}
