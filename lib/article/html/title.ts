import { type AnyNode, type Element, isTag, isText } from 'domhandler';
import { foldWhitespace } from '../text.js';
import { BLOCK_TAGS, classAndId, type DomIndex } from './dom-index.js';
import type { JsonLdArticle } from './json-ld.js';
import { firstValue, type PageSignals } from './page-signals.js';
import { elementText, squash } from './text.js';

/**
 * The title, decided in one place: `chooseTitle`. The page's own statements (`og:title`,
 * `<title>`, JSON-LD `headline`) are read first (`readTitleEvidence`); the headline is the `<h1>`
 * they agree with, else the heading nearest the body, else the declared title without its
 * site-name segment.
 */

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
/** Headings read as title candidates. */
const MAX_H1S = 100;

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

/**
 * The title without a leading or trailing site name written whole as one of its parts, at a
 * separator ("Enchufla Figuren - Salsa-Figuren - Rueda in Berlin" without "Salsa-Figuren -
 * Rueda in Berlin"); the title stays whole when nothing else would be left.
 */
function withoutAffixes(title: string, names: readonly string[]): string {
  let result = title;
  for (const name of names) {
    const key = name.trim();
    if (key === '' || key.length >= result.length) continue;
    if (result.endsWith(key)) {
      const head = result.slice(0, result.length - key.length);
      const cut = head.replace(TRAILING_SEPARATOR, '');
      if (cut !== head && cut.trim().length >= 3) result = cut.trim();
    } else if (result.startsWith(key)) {
      const tail = result.slice(key.length);
      const cut = tail.replace(LEADING_SEPARATOR, '');
      if (cut !== tail && cut.trim().length >= 3) result = cut.trim();
    }
  }
  return result;
}
const TRAILING_SEPARATOR = /\s+(?:\||-|–|—|·|•|«|»|::|:)\s+$/;
const LEADING_SEPARATOR = /^\s*(?:\||-|–|—|·|•|«|»|::|:)\s+/;

/**
 * Class tokens of the parts of a heading that are not the headline: a kicker (overline,
 * Dachzeile, roofline) set above it, or text shown to screen readers only ("Headline:").
 */
const KICKER_CLASS =
  /(?:^|[\s_-])(?:kicker|dachzeile|roofline|overline|topline|eyebrow|supertitle|overtitle|pretitle|spitzmarke|sub-?heading)(?:$|[\s_-])/i;
const SCREEN_READER_CLASS =
  /(?:^|\s)(?:visually-?hidden|sr-only|screen-reader-text|screenreader|element-invisible|aural|hidden)(?:$|\s)/i;
const SILENT_IN_HEADING = new Set(['script', 'style', 'noscript', 'template', 'svg']);
/** The headline part must keep this many characters for the rest to be dropped. */
const MIN_HEADLINE = 8;

/**
 * The text of a heading without its kicker and its screen-reader-only labels:
 * `<h1><span class="dachzeile">Nach Corona-Lockerungen</span> <span>Autohäuser rechnen …</span></h1>`
 * reads "Autohäuser rechnen …". A leading `<small>` is a kicker too. When nothing meaningful is
 * left, the whole heading is the headline.
 *
 * @example
 * ```ts
 * headlineText(h1); // "Bohren, bis es heiß wird" for "<h1><span class="kicker">Klimaschutz</span>…"
 * ```
 */
export function headlineText(heading: Element, limit = 1000): string {
  const whole = elementText(heading, limit);
  const parts: string[] = [];
  let dropped = false;
  let seenText = false;
  // Iterative and bounded like `elementText`: a heading may hold thousands of nested nodes.
  let visits = limit * 2 + 64;
  const stack: AnyNode[] = [...heading.children].reverse();
  while (stack.length > 0 && visits > 0) {
    visits -= 1;
    const node = stack.pop();
    if (node === undefined) break;
    if (isText(node)) {
      if (node.data.trim() !== '') seenText = true;
      parts.push(node.data);
      continue;
    }
    if (!isTag(node) || SILENT_IN_HEADING.has(node.name)) continue;
    const hints = node.attribs.class ?? '';
    if (
      KICKER_CLASS.test(hints) ||
      SCREEN_READER_CLASS.test(hints) ||
      isPermalinkMark(node) ||
      (node.name === 'small' && !seenText && elementText(node, 200) !== '')
    ) {
      dropped = true;
      parts.push(' ');
      continue;
    }
    if (node.name === 'br' || BLOCK_TAGS.has(node.name)) parts.push(' ');
    for (let i = node.children.length - 1; i >= 0; i -= 1) {
      const child = node.children[i];
      if (child !== undefined) stack.push(child);
    }
  }
  if (!dropped) return whole;
  const rest = foldWhitespace(parts.join('')).replace(/^[\s:|•·–—-]+/, '');
  return rest.length >= MIN_HEADLINE ? rest : whole;
}

/** The "¶" or "#" link documentation generators put after a heading (Sphinx, MkDocs…). */
function isPermalinkMark(node: Element): boolean {
  return node.name === 'a' && /^[¶#§🔗]$/u.test(elementText(node, 10));
}

/** What the page says its title is, read before the body is chosen. */
export interface TitleEvidence {
  /** The `og:title`/`<meta>` title (or JSON-LD `headline`) and the `<title>`, as written. */
  readonly declared: readonly string[];
  /** The same without their site-name segments. */
  readonly cleaned: readonly string[];
  /** The first `<h1>`s outside the page chrome, with their text. */
  readonly h1s: readonly { readonly i: number; readonly text: string }[];
  readonly siteName: string | null;
  /** The page host's label (`example` for `www.example.org`). */
  readonly host: string | null;
  /** The words of the page URL's path ("/bootsdienst/ausbildung.html" gives both words). */
  readonly pathWords: readonly string[];
  /** The title the declarations alone give, and its element when the body repeats it. */
  readonly fromDeclared: { readonly title: string | null; readonly element: number };
}

/**
 * Reads the title candidates of a page (meta, `<title>`, JSON-LD, `<h1>`s) and what they alone
 * decide; `chooseTitle` completes the decision once the body is known.
 *
 * @example
 * ```ts
 * readTitleEvidence(index, collectPageSignals(index), null, 'Daily News', 'dailynews').declared;
 * ```
 */
export function readTitleEvidence(
  index: DomIndex,
  found: PageSignals,
  jsonLd: JsonLdArticle | null,
  siteName: string | null,
  host: string | null,
  pageUrl: string | null = null,
): TitleEvidence {
  const h1Texts: { i: number; text: string }[] = [];
  // The title is among the first headings; reading 20,000 nested `<h1>`s each took seconds.
  for (const i of found.h1s.slice(0, MAX_H1S)) {
    const element = index.elements[i];
    if (element !== undefined) h1Texts.push({ i, text: headlineText(element) });
  }
  const metaTitle = firstValue(found.meta, TITLE_KEYS) ?? jsonLd?.headline ?? null;
  const pageTitle = found.title === null ? null : foldWhitespace(found.title);
  // The article's JSON-LD `headline` is heard too when a meta title speaks first: a heading it
  // names is the headline even where `og:title` was rewritten for sharing.
  const ldHeadline = jsonLd?.headline ?? null;
  const candidates = [metaTitle, pageTitle, ldHeadline === metaTitle ? null : ldHeadline]
    .map((t) => (t === null ? null : foldWhitespace(t)))
    .filter((t): t is string => t !== null && t !== '');
  let title: string | null = null;
  let titleElement = -1;
  // Compared without their site-name segments: a logo `<h1>` "Daily News" is in "Story | Daily News".
  // The site's name as its logo heading shows it ("<h1><a href="/">Salsa - Rueda in Berlin</a></h1>")
  // is cut from the declared titles like `og:site_name`.
  const logos = h1Texts
    .filter(
      (h) =>
        h.text.length >= 3 &&
        (isHomeLink(index, h.i, h.text) || LOGO_HEADING.test(classAndId(index.elements[h.i] as Element))),
    )
    .map((h) => h.text);
  const clean = (c: string): string => withoutAffixes(cleanTitle(c, siteName, host), logos);
  const cleanedKeys = candidates.map((c) => squash(clean(c)));
  // A heading the declared title is exactly wins over one it merely contains.
  let agreement: 'exact' | 'part' | null = null;
  for (const h1 of h1Texts) {
    if (h1.text.length < 3 || h1.text.length > 300 || GENERIC_HEADING.test(h1.text)) continue;
    const key = squash(h1.text);
    // A logo heading is exactly the site's name or host, or marked as the site's.
    if (
      key === '' ||
      (siteName !== null && key === squash(siteName)) ||
      (host !== null && key === squash(host)) ||
      CHROME_HEADING.test(classAndId(index.elements[h1.i] as Element)) ||
      isHomeLink(index, h1.i, h1.text)
    )
      continue;
    const found = agreementWith(key, cleanedKeys);
    if (found === 'exact' || (found === 'part' && agreement === null)) {
      title = h1.text;
      titleElement = h1.i;
      agreement = found;
      if (found === 'exact') break;
    }
  }
  // The one `<h1>` the markup names the entry's or article's title (hAtom `entry-title`,
  // `post-title`, a class ending in `headline`) is the headline when no declared title agrees with a heading:
  // `og:title` and `<title>` are often written for search and sharing.
  if (title === null) {
    const marked = h1Texts.filter((h) => {
      const hints = classAndId(index.elements[h.i] as Element);
      return h.text.length >= 3 && TITLE_CLASS.test(hints) && !CHROME_HEADING.test(hints);
    });
    const [only] = marked;
    if (marked.length === 1 && only !== undefined) {
      title = only.text;
      titleElement = only.i;
    }
  }
  if (title === null) {
    const best = candidates[0];
    if (best !== undefined) title = clean(best);
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
  return {
    declared: candidates,
    cleaned: candidates.map(clean),
    h1s: h1Texts,
    siteName,
    host,
    pathWords: urlPathWords(pageUrl),
    fromDeclared: { title: title === null || title === '' ? null : title, element: titleElement },
  };
}

/**
 * How a heading's key stands in the declared titles' keys: one of them (`exact`), inside one
 * (`part`), or neither. A heading that is only the shorter end of a title ("Site" in
 * "Site: The headline of the day", "Section" in "Section - Headline") names the site or
 * the section, not the article.
 */
function agreementWith(key: string, titleKeys: readonly string[]): 'exact' | 'part' | null {
  let result: 'exact' | 'part' | null = null;
  for (const title of titleKeys) {
    if (title === key) return 'exact';
    if (!title.includes(key)) continue;
    const atEnd = title.startsWith(key) || title.endsWith(key);
    if (atEnd && title.length - key.length > key.length) continue;
    result = 'part';
  }
  return result;
}

/**
 * A heading that is all one link to the site's front page ("/", "/en-US/", "https://host/") is
 * the site's logo or name, whatever its text.
 */
function isHomeLink(index: DomIndex, heading: number, text: string): boolean {
  const end = Math.min(index.end[heading] ?? heading + 1, heading + 1 + KICKER_REACH);
  for (let j = heading + 1; j < end; j += 1) {
    const element = index.elements[j];
    if (element?.name !== 'a') continue;
    if (elementText(element, 400) !== text) return false;
    const href = (element.attribs.href ?? '').trim();
    // A relative "index.html" or "./" is the front page of the site or of its section.
    if (/^(?:\.{0,2}\/)*(?:index\.[a-z]{2,5})?$/i.test(href) && href !== '') return true;
    const url = URL.parse(href, 'http://x.invalid/a/b/c');
    return (
      url !== null &&
      /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/?)?(?:index\.[a-z]{2,5})?$/i.test(url.pathname) &&
      url.search === ''
    );
  }
  return false;
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
function agreesWithTitles(
  heading: string,
  titles: readonly string[],
  siteName: string | null,
  host: string | null,
  pathWords: readonly string[],
): boolean {
  // A title that only names the site ("Anwalt Niemeyer" on anwaltniemeyer.de) or a page kind
  // ("Home") says nothing about the article.
  const site = siteName === null ? null : squash(siteName);
  const hostKey = host === null ? null : squash(host);
  const meaningful = titles.filter((t) => {
    const key = squash(t);
    return key !== site && key !== hostKey && !GENERIC_HEADING.test(t.trim());
  });
  if (meaningful.length === 0) return true;
  const headingWords = words(heading);
  if (headingWords.length === 0) return false;
  const titleWords = new Set(meaningful.flatMap(words));
  const shared = headingWords.filter((w) => titleWords.has(w)).length;
  // CJK headlines have no spaces: compare characters instead.
  if (headingWords.length <= 2 && heading.length > 8 && UNSPACED_SCRIPT.test(heading)) {
    const chars = [...heading.replace(/\s+/g, '')];
    const titleText = meaningful.join(' ');
    return chars.filter((c) => titleText.includes(c)).length >= chars.length * 0.5;
  }
  if (shared >= Math.max(1, headingWords.length * AGREEMENT)) return true;
  // The address names the article too: every word of "Bootsdienst Ausbildung" is in
  // "/bootsdienst/ausbildung.html" while the declared title names the site and the section.
  const path = new Set(pathWords);
  return headingWords.length >= 2 && headingWords.every((w) => path.has(w));
}

/** The words of a URL's path, percent-decoded; none for a page without an address. */
function urlPathWords(pageUrl: string | null): string[] {
  const path = pageUrl === null ? '' : (URL.parse(pageUrl)?.pathname ?? '');
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape leaves the path as written.
  }
  return words(decoded.replace(/\.[a-z0-9]{2,5}$/i, ''));
}

function isFragmentOf(key: string, titleKeys: readonly string[]): boolean {
  return key !== '' && titleKeys.some((title) => title !== key && title.includes(key));
}

/** Scripts written without spaces between words. */
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

const TITLE_CLASS = /(?:^|\s)(?:entry-title|post-title|article-title|[\w-]*headline)(?:$|\s)/i;
const LOGO_HEADING = /logo|brand|site-title|site-name|masthead/;
const CHROME_HEADING = /widget|sidebar|site-title|site-name|logo|brand|menu|footer|comment/;
const GENERIC_HEADING =
  /^(?:home|homepage|start|startseite|menu|menü|navigation|search|suche|comments?|kommentare|neueste kommentare|recent posts|archives?|archiv|categories|kategorien|news|blog|login|الرئيسية|القائمة)$/i;

function isSensibleHeading(text: string, evidence: TitleEvidence): boolean {
  if (text.length < 3 || text.length > 300 || GENERIC_HEADING.test(text)) return false;
  const key = squash(text);
  if (key === '') return false;
  if (evidence.siteName !== null && squash(evidence.siteName) === key) return false;
  return evidence.host === null || key !== evidence.host.toLowerCase().replace(/-/g, '');
}

/**
 * The article's title and the element that shows it (-1 when none does): the `<h1>` the page's
 * declared titles agree with; else the visible headline nearest above or at the top of the body
 * (`<h1>`, or without one an `<h2>`), as people title an article by what they see, which is often
 * shorter or newer than `og:title`; else the declared title without its site-name segment.
 *
 * @example
 * ```ts
 * chooseTitle(index, metadata.titles, selection.roots).title; // "Storm hits coast"
 * ```
 */
export function chooseTitle(
  index: DomIndex,
  evidence: TitleEvidence,
  roots: readonly number[],
): { readonly title: string | null; readonly element: number } {
  const chosen = chooseHeading(index, evidence, roots);
  if (chosen.title === null) return chosen;
  const title = trimDecoration(withoutKicker(index, chosen, evidence));
  return { title: title === '' ? null : title, element: chosen.element };
}

/** Bullets and bars around a heading are decoration, and so is an opening "» " never closed. */
function trimDecoration(title: string): string {
  const trimmed = title.replace(/^[\s|•·]+|[\s|•·]+$/g, '');
  return /^[»›]\s/.test(trimmed) && !/[«‹]/.test(trimmed) ? trimmed.replace(/^[»›]\s+/, '') : trimmed;
}

/** Nodes of a heading searched for the headline part beside a kicker. */
const KICKER_REACH = 20;

/**
 * A heading made of a kicker (overline, Dachzeile) in its own element and the headline in
 * another ("<h1><span>Interne Unterlagen im Netz</span> <span>Daten von Rheinmetall
 * gehackt</span></h1>") gives the headline part, when the page's declared title is exactly it.
 */
function withoutKicker(
  index: DomIndex,
  chosen: { readonly title: string | null; readonly element: number },
  evidence: TitleEvidence,
): string {
  const title = chosen.title ?? '';
  const i = chosen.element;
  if (i < 0) return title;
  const key = squash(title);
  // The declared title may carry the kicker the heading marks as such: the heading's own
  // headline part wins.
  const heading = index.elements[i];
  if (heading !== undefined) {
    const headline = headlineText(heading);
    const part = squash(headline);
    if (part !== key && part !== '' && key.includes(part)) return headline;
  }
  // Each segment too: "Headline | Site" without a known site name still holds the headline.
  const declared = new Set(
    [...evidence.cleaned, ...evidence.declared.flatMap((d) => d.split(TITLE_SEPARATOR))]
      .map(squash)
      .filter((d) => d.length >= 12 && d !== key),
  );
  if (declared.size === 0) return title;
  const end = Math.min(index.end[i] ?? i + 1, i + 1 + KICKER_REACH);
  // The longest part the page declares is the headline; a kicker may be a declared segment too.
  let best = '';
  for (let j = i + 1; j < end; j += 1) {
    const element = index.elements[j];
    if (element === undefined) continue;
    const text = elementText(element, 400);
    const part = squash(text);
    // Only a part of the title as chosen: a kicker already left out is not brought back.
    if (text.length > best.length && declared.has(part) && key.includes(part)) best = text;
  }
  return best === '' ? title : best;
}

function chooseHeading(
  index: DomIndex,
  evidence: TitleEvidence,
  roots: readonly number[],
): { readonly title: string | null; readonly element: number } {
  const fallback = evidence.fromDeclared;
  if (fallback.element >= 0) return fallback;
  const first = roots[0];
  const last = roots[roots.length - 1];
  if (first === undefined || last === undefined) return fallback;
  const lastEnd = index.end[last] ?? last;
  let tried = 0;
  const cleanedKeys = evidence.cleaned.map(squash);
  const headingText = (i: number): string | null => {
    // Only the first headings can be the headline; each read costs up to a thousand nodes.
    tried += 1;
    if (tried > MAX_H1S) return null;
    const element = index.elements[i];
    if (element === undefined || index.excluded[i] === 1) return null;
    if (CHROME_HEADING.test(classAndId(element))) return null;
    const text = headlineText(element).replace(/^[\s»«›‹|:•·-]+|[\s»«›‹|:•·-]+$/g, '');
    if (!isSensibleHeading(text, evidence) || isHomeLink(index, i, text)) return null;
    // A sub-heading that is only a fragment of the declared title ("Open Journalism Project:"
    // in "The Open Journalism Project: Better Student Journalism") is a section, not the headline.
    if (element.name !== 'h1' && isFragmentOf(squash(text), cleanedKeys)) return null;
    return agreesWithTitles(text, evidence.declared, evidence.siteName, evidence.host, evidence.pathWords)
      ? text
      : null;
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
