import type { Element } from 'domhandler';
import { foldWhitespace } from '../text.js';
import { classAndId, type DomIndex } from './dom-index.js';
import { elementText } from './text.js';

/**
 * One pass over the page's elements that gathers every place metadata lives: `<meta>` by key,
 * JSON-LD scripts, `<title>`, `<h1>`s, bylines, microdata, `<time>`, author links, canonical,
 * `<base>`, `lang` and `dir`. Each field's reader (title, authors, dates…) takes what it needs.
 */

// Class/id fragments of a byline, camelCase included (`authorName`, `itemAuthor`); bio boxes are
// too long to pass the length check where this is used.
const BYLINE_PATTERN = /byline|author|writer|reporter|contributor|verfasser|autor/;
const AUTHOR_HREF = /\/(?:author|authors|autor|autoren|auteur|autore|writers?|profile)\//i;

export interface PageSignals {
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

export function collectPageSignals(index: DomIndex): PageSignals {
  const found: PageSignals = {
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
        if (index.excluded[i] === 0 || isInNavigation(index, i)) found.h1s.push(i);
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

/** The first non-empty value of the first `<meta>` key present, white space folded. */
export function firstValue(meta: ReadonlyMap<string, string[]>, keys: readonly string[]): string | null {
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

/** An http(s) URL resolved against `base`, or null. */
export function resolveUrl(href: string | null, base: string | null): string | null {
  if (href === null || href.trim() === '') return null;
  const url = URL.parse(href.trim(), base ?? undefined);
  return url === null || !/^https?:$/.test(url.protocol) ? null : url.href;
}

/** The label before the top-level domain, `www.` dropped: `example` for `https://www.example.org/a`. */
export function hostLabel(url: string | null): string | null {
  if (url === null) return null;
  const host = URL.parse(url)?.hostname ?? '';
  const labels = host.replace(/^www\d?\./, '').split('.');
  return labels.length >= 2 ? (labels[labels.length - 2] ?? null) : (labels[0] ?? null);
}

/**
 * A heading left out of the text only because it sits in a `<nav>`: the last item of a
 * breadcrumb trail is often the page's own `<h1>` ("Home › Sport › <h1>Headline</h1>").
 * One hidden on the way (`hidden`, `aria-hidden`, `display:none`) stays out, and so does one
 * nested deeper than a breadcrumb ever is (20,000 nested `<h1>`s in a `<nav>` would each
 * walk up the whole chain).
 */
/** Levels between a breadcrumb's `<h1>` and its `<nav>` looked through. */
const NAV_REACH = 12;

function isInNavigation(index: DomIndex, i: number): boolean {
  let steps = NAV_REACH;
  for (let j = i; j >= 0 && steps > 0; j = index.parent[j] ?? -1, steps -= 1) {
    const element = index.elements[j];
    if (element === undefined) return false;
    const { attribs } = element;
    if (
      attribs.hidden !== undefined ||
      attribs['aria-hidden'] === 'true' ||
      /display\s*:\s*none|visibility\s*:\s*hidden/i.test(attribs.style ?? '')
    )
      return false;
    const parent = index.parent[j] ?? -1;
    if (parent < 0 || index.excluded[parent] === 0) return element.name === 'nav';
  }
  return false;
}
