/** Schemes that run code or embed content rather than point somewhere: never a link. */
const DROPPED_SCHEMES: ReadonlySet<string> = new Set([
  'javascript:',
  'data:',
  'vbscript:',
  'about:',
  'blob:',
]);

/**
 * Query parameters that only track the click, never select content. `utm_*` (any suffix) plus
 * these exact names, compared case-insensitively.
 */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'gbraid',
  'wbraid',
  'dclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'igsh',
  '_ga',
  '_gl',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'ref_src',
  'ref_url',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wickedid',
  'srsltid',
  'rb_clickid',
  's_cid',
]);

function isTrackingParameter(rawKey: string): boolean {
  const key = (rawKey.includes('%') || rawKey.includes('+') ? safeDecode(rawKey) : rawKey).toLowerCase();
  return key.startsWith('utm_') || TRACKING_PARAMETERS.has(key);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/gu, ' '));
  } catch {
    return text;
  }
}

/** `URL.parse` rather than `new URL` in a try: an exception per bad href is costly in link-heavy pages. */
function parseAbsolute(url: string): URL | null {
  return URL.parse(url);
}

/**
 * Resolves an `href` against the document's base into an absolute URL (WHATWG `URL`), or null when
 * it is not a link to follow: empty, `javascript:`/`data:`/`vbscript:`/`about:`/`blob:`, relative
 * without a base, or a same-page fragment (`#x`, or a URL with a fragment that is the base apart
 * from that fragment). A URL equal to the base without a fragment is kept (a canonical link to
 * itself is a real URL). The fragment stays in the result; `normalizeUrl` drops it.
 *
 * @example
 * resolveUrl('../b?x=1#top', 'https://example.org/a/c'); // 'https://example.org/b?x=1#top'
 * resolveUrl('#comments', 'https://example.org/a');       // null
 */
export function resolveUrl(href: string, base: string | null): string | null {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  const resolved = base === null ? URL.parse(trimmed) : URL.parse(trimmed, base);
  if (resolved === null || DROPPED_SCHEMES.has(resolved.protocol)) return null;
  if (resolved.hash !== '' && base !== null) {
    const baseUrl = parseAbsolute(base);
    if (baseUrl !== null) {
      baseUrl.hash = '';
      const withoutHash = new URL(resolved.href);
      withoutHash.hash = '';
      // A lone `?` is no query: `?#x` is still this page.
      if (withoutHash.search === '') withoutHash.search = '';
      if (baseUrl.search === '') baseUrl.search = '';
      if (withoutHash.href === baseUrl.href) return null;
    }
  }
  return resolved.href;
}

/** What each percent-escape becomes: the character when unreserved (RFC 3986 §2.3), else upper-case hex. */
const ESCAPE_REPLACEMENTS: readonly string[] = Array.from({ length: 256 }, (_, byte) => {
  const character = String.fromCharCode(byte);
  return /^[A-Za-z0-9\-._~]$/u.test(character)
    ? character
    : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
});

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
 * RFC 3986 §6.2.2 percent-encoding normalization: escapes of unreserved characters are decoded
 * (`%7E` → `~`), every other escape gets upper-case hex (`%d8` → `%D8`), a stray `%` becomes
 * `%25`. Decoding anything else could change meaning (`%2F` is not `/`), so it stays encoded.
 * A hand-written scan: the regex-and-callback version was the hot spot of link building.
 */
function canonicalPercentEncoding(text: string): string {
  let percent = text.indexOf('%');
  if (percent === -1) return text;
  let out = '';
  let copied = 0;
  while (percent !== -1) {
    const high = percent + 2 < text.length ? hexValue(text.charCodeAt(percent + 1)) : -1;
    const low = high >= 0 ? hexValue(text.charCodeAt(percent + 2)) : -1;
    if (low >= 0) {
      out += text.slice(copied, percent) + (ESCAPE_REPLACEMENTS[high * 16 + low] ?? '');
      copied = percent + 3;
    } else {
      // A stray `%` is encoded, or `%%41` would decode to a new escape `%A…` on the next pass.
      out += `${text.slice(copied, percent)}%25`;
      copied = percent + 1;
    }
    percent = text.indexOf('%', copied);
  }
  return out + text.slice(copied);
}

function normalizedQuery(search: string): string {
  if (search.length <= 1) return '';
  const pairs = search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const key = canonicalPercentEncoding(equals === -1 ? pair : pair.slice(0, equals));
      const value = equals === -1 ? null : canonicalPercentEncoding(pair.slice(equals + 1));
      return { key, value };
    })
    .filter((pair) => !isTrackingParameter(pair.key));
  // Array.prototype.sort is stable: equal keys keep their value order after the value comparison.
  pairs.sort((a, b) => compare(a.key, b.key) || compare(a.value ?? '', b.value ?? ''));
  const serialized = pairs.map((pair) => (pair.value === null ? pair.key : `${pair.key}=${pair.value}`));
  return serialized.length === 0 ? '' : `?${serialized.join('&')}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mailtoOf(path: string): string {
  const addresses = path
    .split(',')
    // Lower-case before canonical escapes, which upper-case their hex; decoding everything would
    // let `%23` become a fragment.
    .map((address) => canonicalPercentEncoding(address.trim().toLowerCase()))
    .filter((address) => address !== '');
  return `mailto:${addresses.join(',')}`;
}

function normalizeMailto(url: URL): string {
  const first = mailtoOf(url.pathname);
  // A second pass settles what the first exposed to the URL parser (a decoded `.` segment).
  const reparsed = parseAbsolute(first);
  return reparsed === null ? first : mailtoOf(reparsed.pathname);
}

/**
 * The form of a URL used to compare and index links (contract §3): WHATWG serialization (scheme
 * and host lower-case, IDN hosts in punycode, default port removed, dot segments resolved,
 * non-ASCII percent-encoded as UTF-8), a trailing dot of the host removed, the fragment removed,
 * tracking parameters removed (`utm_*` and `TRACKING_PARAMETERS`), the query sorted by key then
 * value with an empty query dropped, and percent-escapes made canonical (unreserved characters
 * decoded, hex upper-case). `mailto:` keeps only the lower-cased addresses (headers such as
 * `subject` dropped, escapes canonical). Null when the input is not an absolute URL or has a
 * dropped scheme.
 * Idempotent.
 *
 * @example
 * normalizeUrl('HTTPS://WWW.Example.com:443/a/%7euser?utm_source=x&b=2&a=1#top');
 * // 'https://www.example.com/a/~user?a=1&b=2'
 */
export function normalizeUrl(url: string): string | null {
  let parsed = parseAbsolute(url.trim());
  if (parsed === null || DROPPED_SCHEMES.has(parsed.protocol)) return null;
  if (parsed.protocol === 'mailto:') return normalizeMailto(parsed);
  if (parsed.hostname.length > 1 && parsed.hostname.endsWith('.')) {
    parsed.hostname = parsed.hostname.replace(/\.+$/u, '') || parsed.hostname;
  }
  // WHATWG serializes href as head + pathname + search + hash, and `?`/`#` never occur unescaped
  // before the query, so slicing is exact and saves the cost of the URL setters.
  const href = parsed.href;
  const queryOrFragment = href.search(/[?#]/u);
  const beforeQuery = queryOrFragment === -1 ? href : href.slice(0, queryOrFragment);
  const head = beforeQuery.slice(0, beforeQuery.length - parsed.pathname.length);
  const path = canonicalPercentEncoding(parsed.pathname);
  const query = normalizedQuery(parsed.search);
  if (path === parsed.pathname) return `${head}${path}${query}`;
  // Re-parse so that whatever decoding exposed (a `%2E` dot segment) is settled now, which keeps
  // the function idempotent.
  parsed = parseAbsolute(`${head}${path}${query}`);
  return parsed === null ? null : parsed.href;
}

/**
 * The protocol and host name of a URL; for `mailto:` the domain of the (first) address. Null when
 * the URL does not parse. The site functions (`site.ts`) key on it.
 */
export function hostOf(url: string): { readonly protocol: string; readonly hostname: string } | null {
  const parsed = parseAbsolute(url.trim());
  if (parsed === null) return null;
  if (parsed.protocol === 'mailto:') {
    const address = safeDecode(parsed.pathname.split(',')[0] ?? '');
    const at = address.lastIndexOf('@');
    if (at === -1) return null;
    const domain = parseAbsolute(`http://${address.slice(at + 1).trim()}`);
    return domain === null ? null : { protocol: 'mailto:', hostname: domain.hostname };
  }
  return { protocol: parsed.protocol, hostname: parsed.hostname };
}
