import { LinkifyIt, type Match } from 'linkify-it';
import { normalizeForMatching } from './arabic.js';
import type { ArticleLink, LinkKind } from './article-record.js';
import { normalizeUrl, resolveUrl } from './normalize-url.js';
import type { RawLink } from './parsed-document.js';
import { registrableDomain, siteKey } from './site.js';
import { foldWhitespace } from './text.js';

/** Where the links of one article are resolved and judged. */
export interface LinkContext {
  /** Base for relative hrefs: the document's `<base href>`, else its source URL. */
  readonly baseUrl: string | null;
  /** The article's own site (canonical URL, else source URL), for `external`. */
  readonly siteUrl: string | null;
}

/**
 * `//host` links are off: in plain text `//` is far more often a comment or a separator. Fuzzy
 * (scheme-less) links are on, because news text writes `www.example.com` and `example.com`.
 */
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false }).add('//', null);

/**
 * Two-letter country TLDs that are far more often file extensions in prose (`README.md`,
 * `main.py`, `lib.so`): a scheme-less link ending in one of them is not a link.
 */
const FILE_EXTENSION_TLDS: ReadonlySet<string> = new Set([
  'md',
  'py',
  'rs',
  'sh',
  'pl',
  'cc',
  'so',
  'pm',
  'mk',
]);

/** Punctuation that ends a sentence rather than a URL. */
const TRAILING_PUNCTUATION = /[.,;:!?،؛؟…'"]$/u;
const CLOSING_TO_OPENING: Readonly<Record<string, string>> = {
  ')': '(',
  ']': '[',
  '}': '{',
  '»': '«',
  '”': '“',
  '’': '‘',
  '›': '‹',
};

const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff]/u;
const ASCII_ALPHANUMERIC = /[A-Za-z0-9]/u;

function count(text: string, character: string): number {
  let total = 0;
  for (const c of text) if (c === character) total += 1;
  return total;
}

/**
 * Arabic prose glues conjunctions and words to whatever precedes them (`https://example.comوهذا`),
 * so a run of Arabic letters directly after an ASCII letter or digit is not part of the URL; after
 * `/`, `-`, `_`, `=`, `.` or other Arabic letters it is (`https://example.org/تقرير`).
 */
function cutGluedArabic(url: string, searchFrom: number): number {
  const hostEnd = url.slice(searchFrom).search(/[/?#]/u);
  const pathStart = hostEnd === -1 ? url.length : searchFrom + hostEnd;
  // A host mixing Latin and Arabic is never valid (IDNA bidi rule): Arabic after Latin ends it.
  let sawAscii = false;
  for (let i = searchFrom; i < pathStart; i += 1) {
    const character = url.charAt(i);
    if (ASCII_ALPHANUMERIC.test(character)) sawAscii = true;
    else if (sawAscii && ARABIC_LETTER.test(character)) return i;
  }
  for (let i = Math.max(1, pathStart); i < url.length; i += 1) {
    if (ARABIC_LETTER.test(url.charAt(i)) && ASCII_ALPHANUMERIC.test(url.charAt(i - 1))) return i;
  }
  return url.length;
}

/** Drops final sentence punctuation and closing brackets/quotes that the URL did not open. */
function trimTrailing(url: string): string {
  let end = url.length;
  for (;;) {
    const text = url.slice(0, end);
    const last = text.charAt(end - 1);
    const opening = CLOSING_TO_OPENING[last];
    if (opening !== undefined && count(text, last) > count(text, opening)) {
      end -= 1;
    } else if (TRAILING_PUNCTUATION.test(text)) {
      end -= 1;
    } else {
      return text;
    }
  }
}

function schemeLength(raw: string): number {
  const match = /^[a-z][a-z0-9+.-]*:(?:\/\/)?/iu.exec(raw);
  return match === null ? 0 : match[0].length;
}

function hostOfFuzzy(raw: string): string {
  return raw.split(/[/?#:]/u)[0] ?? raw;
}

interface TextLink {
  readonly kind: LinkKind;
  readonly text: string;
  readonly href: string;
}

function toTextLink(match: Match): TextLink | null {
  const isEmail = match.schema === 'mailto:' || (match.schema === '' && match.url.startsWith('mailto:'));
  let raw = match.raw;
  let start = 0;
  if (match.schema === '') {
    // A scheme-less link may have swallowed Arabic glued before it (`ونشرwww.example.com`).
    const firstAscii = raw.search(/[A-Za-z0-9]/u);
    if (firstAscii > 0 && ARABIC_LETTER.test(raw.slice(0, firstAscii))) start = firstAscii;
  }
  raw = raw.slice(start);
  if (ARABIC_LETTER.test(raw)) raw = raw.slice(0, cutGluedArabic(raw, schemeLength(raw)));
  raw = trimTrailing(raw);
  if (raw === '' || raw.length <= schemeLength(raw)) return null;
  if (isEmail) {
    const address = raw.replace(/^mailto:/iu, '');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/u.test(address)) return null;
    return { kind: 'email', text: raw, href: `mailto:${address}` };
  }
  if (match.schema === '') {
    const host = hostOfFuzzy(raw).toLowerCase();
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (!host.startsWith('www.') && FILE_EXTENSION_TLDS.has(tld)) return null;
    if (!host.includes('.')) return null;
    return { kind: 'inline', text: raw, href: `https://${raw}` };
  }
  return { kind: 'inline', text: raw, href: raw };
}

/**
 * Bare URLs and e-mail addresses in plain text, in order, via linkify-it: `https://…`, `http://…`,
 * `ftp://…`, `mailto:…`, scheme-less `www.example.com`/`example.org/path` (given `https://`, as
 * sites are today; file-like names such as `README.md` are not links) and `name@example.org`
 * (kind `email`, href `mailto:…`). A URL ends before Arabic letters glued to an ASCII letter or
 * digit, before closing brackets/quotes it did not open, and before final punctuation
 * (`. , ; : ! ? ، ؛ ؟ …`); an Arabic path segment after `/` belongs to the URL. The link text is
 * the URL as written.
 *
 * @example
 * findTextLinks('(انظر https://example.org/a).');
 * // [{ kind: 'inline', text: 'https://example.org/a', href: 'https://example.org/a', rel: [] }]
 */
export function findTextLinks(text: string): RawLink[] {
  if (!linkify.test(text)) return [];
  const matches = linkify.match(text) ?? [];
  const links: RawLink[] = [];
  for (const match of matches) {
    const link = toTextLink(match);
    if (link !== null && URL.canParse(link.href)) links.push({ ...link, rel: [] });
  }
  return links;
}

function relTokens(rel: readonly string[]): string[] {
  if (rel.length === 0) return [];
  const [only] = rel;
  if (rel.length === 1 && only !== undefined && /^[a-z]+$/u.test(only)) return [only];
  const tokens = rel.flatMap((value) => value.toLowerCase().split(/\s+/u)).filter((token) => token !== '');
  return [...new Set(tokens)];
}

interface LinkBuilder {
  kind: LinkKind;
  text: string;
  readonly url: string | null;
  readonly normalizedUrl: string | null;
  readonly domain: string | null;
  readonly external: boolean | null;
  readonly rel: string[];
}

function isHttp(url: string): boolean {
  return /^https?:/iu.test(url);
}

/** What an href resolves to; shared by every occurrence of the same href. */
interface LinkTarget {
  readonly url: string;
  readonly normalizedUrl: string;
  readonly domain: string | null;
  readonly external: boolean | null;
  readonly email: boolean;
}

function resolveTarget(href: string, context: LinkContext, siteOfArticle: string | null): LinkTarget | null {
  const url = resolveUrl(href, context.baseUrl);
  if (url === null) return null;
  const normalizedUrl = normalizeUrl(url);
  if (normalizedUrl === null) return null;
  const domain = registrableDomain(url);
  const http = isHttp(url);
  const external = siteOfArticle !== null && http ? siteKey(url) !== siteOfArticle : null;
  return { url, normalizedUrl, domain, external, email: /^mailto:/iu.test(url) };
}

function resolveLink(
  raw: RawLink,
  context: LinkContext,
  siteOfArticle: string | null,
  targets: Map<string, LinkTarget | null>,
): LinkBuilder | null {
  const text = foldWhitespace(raw.text);
  const rel = relTokens(raw.rel);
  if (raw.href === null) {
    return { kind: raw.kind, text, url: null, normalizedUrl: null, domain: null, external: null, rel };
  }
  let target = targets.get(raw.href);
  if (target === undefined) {
    target = resolveTarget(raw.href, context, siteOfArticle);
    targets.set(raw.href, target);
  }
  if (target === null) return null;
  return {
    kind: target.email ? 'email' : raw.kind,
    text,
    url: target.url,
    normalizedUrl: target.normalizedUrl,
    domain: target.domain,
    external: target.external,
    rel,
  };
}

/**
 * Turns a parser's raw links into the record's links: each href resolved against `baseUrl`
 * (dropping `javascript:`, same-page fragments and unresolvable ones), normalized, with its
 * registrable domain and `external` (true/false for http(s) URLs when `siteUrl` is known, else
 * null — e-mail links are null), rel tokens lower-cased and de-duplicated, `targetArticleId` null.
 * One entry per distinct target — by normalized URL, or for references without a URL by
 * `normalizeForMatching(text)` — at the first occurrence's position, keeping its kind and text
 * (a later non-empty text replaces an empty one) and merging rel. Linear time.
 *
 * @example
 * buildLinks(
 *   [{ kind: 'inline', text: 'A', href: '/a?utm_source=x', rel: ['NoFollow'] }],
 *   { baseUrl: 'https://example.org/news/1', siteUrl: 'https://example.org/' },
 * );
 * // [{ kind: 'inline', text: 'A', url: 'https://example.org/a?utm_source=x',
 * //    normalizedUrl: 'https://example.org/a', domain: 'example.org', external: false,
 * //    rel: ['nofollow'], targetArticleId: null }]
 */
export function buildLinks(raw: readonly RawLink[], context: LinkContext): ArticleLink[] {
  const builders: LinkBuilder[] = [];
  const byUrl = new Map<string, LinkBuilder>();
  const byText = new Map<string, LinkBuilder>();
  const targets = new Map<string, LinkTarget | null>();
  // An unparsable site URL (or one without a host) leaves `external` unknown rather than true.
  const siteOfArticle = context.siteUrl === null ? null : siteKey(context.siteUrl);
  for (const rawLink of raw) {
    const link = resolveLink(rawLink, context, siteOfArticle, targets);
    if (link === null) continue;
    const seen = link.normalizedUrl === null ? byText : byUrl;
    const key = link.normalizedUrl ?? normalizeForMatching(link.text);
    if (key === '') continue;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, link);
      builders.push(link);
      continue;
    }
    if (first.text === '' && link.text !== '') first.text = link.text;
    for (const token of link.rel) if (!first.rel.includes(token)) first.rel.push(token);
  }
  return builders.map((link) => ({
    kind: link.kind,
    text: link.text,
    url: link.url,
    normalizedUrl: link.normalizedUrl,
    domain: link.domain,
    external: link.external,
    rel: link.rel,
    targetArticleId: null,
  }));
}
