import { getDomain } from 'tldts';

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
  const key = safeDecode(rawKey).toLowerCase();
  return key.startsWith('utm_') || TRACKING_PARAMETERS.has(key);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/gu, ' '));
  } catch {
    return text;
  }
}

function parseAbsolute(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
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
  let resolved: URL;
  try {
    resolved = base === null ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return null;
  }
  if (DROPPED_SCHEMES.has(resolved.protocol)) return null;
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

const UNRESERVED = /^[A-Za-z0-9\-._~]$/u;

/**
 * RFC 3986 §6.2.2 percent-encoding normalization: escapes of unreserved characters are decoded
 * (`%7E` → `~`), every other escape gets upper-case hex (`%d8` → `%D8`). Decoding anything else
 * could change meaning (`%2F` is not `/`), so it stays encoded.
 */
function canonicalPercentEncoding(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/gu, (_escape, hex: string) => {
    const character = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(character) ? character : `%${hex.toUpperCase()}`;
  });
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

function normalizeMailto(url: URL): string {
  const addresses = url.pathname
    .split(',')
    .map((address) => safeDecode(address).trim().toLowerCase())
    .filter((address) => address !== '');
  return `mailto:${addresses.join(',')}`;
}

/**
 * The form of a URL used to compare and index links (contract §3): WHATWG serialization (scheme
 * and host lower-case, IDN hosts in punycode, default port removed, dot segments resolved,
 * non-ASCII percent-encoded as UTF-8), a trailing dot of the host removed, the fragment removed,
 * tracking parameters removed (`utm_*` and `TRACKING_PARAMETERS`), the query sorted by key then
 * value with an empty query dropped, and percent-escapes made canonical (unreserved characters
 * decoded, hex upper-case). `mailto:` keeps only the lower-cased addresses (headers such as
 * `subject` dropped). Null when the input is not an absolute URL or has a dropped scheme.
 * Idempotent.
 *
 * @example
 * normalizeUrl('HTTPS://WWW.Example.com:443/a/%7euser?utm_source=x&b=2&a=1#top');
 * // 'https://www.example.com/a/~user?a=1&b=2'
 */
export function normalizeUrl(url: string): string | null {
  const parsed = parseAbsolute(url.trim());
  if (parsed === null || DROPPED_SCHEMES.has(parsed.protocol)) return null;
  if (parsed.protocol === 'mailto:') return normalizeMailto(parsed);
  parsed.hash = '';
  if (parsed.hostname.endsWith('.') && parsed.hostname.length > 1) {
    parsed.hostname = parsed.hostname.replace(/\.+$/u, '') || parsed.hostname;
  }
  const query = normalizedQuery(parsed.search);
  parsed.search = '';
  const path = canonicalPercentEncoding(parsed.pathname);
  const head = parsed.href.slice(0, parsed.href.length - parsed.pathname.length);
  // Re-parse so that whatever canonicalization exposed (e.g. a decoded `%2E` dot segment) is
  // settled now, which keeps the function idempotent.
  const rebuilt = parseAbsolute(`${head}${path}${query}`);
  if (rebuilt === null) return null;
  rebuilt.hash = '';
  return rebuilt.href;
}

function hostOf(url: string): { readonly protocol: string; readonly hostname: string } | null {
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

/**
 * The registrable domain ("eTLD+1") of a URL's host by the Public Suffix List (via tldts),
 * including the PSL's private section, so `user.github.io` is its own site. For `mailto:` the
 * domain of the (first) address. Null for IP addresses, single-label hosts (`localhost`) and
 * URLs without a host.
 *
 * @example
 * registrableDomain('https://news.bbc.co.uk/x'); // 'bbc.co.uk'
 */
export function registrableDomain(url: string): string | null {
  const host = hostOf(url);
  if (host === null || host.hostname === '') return null;
  return getDomain(host.hostname, { allowPrivateDomains: true });
}

/**
 * Whether two URLs belong to the same site: the same registrable domain, or, for hosts that have
 * none (IP addresses, `localhost`), the same host name.
 *
 * @example
 * isSameSite('https://news.bbc.co.uk/a', 'https://www.bbc.co.uk/'); // true
 */
export function isSameSite(url: string, siteUrl: string): boolean {
  const a = hostOf(url);
  const b = hostOf(siteUrl);
  if (a === null || b === null || a.hostname === '' || b.hostname === '') return false;
  const domainA = getDomain(a.hostname, { allowPrivateDomains: true });
  const domainB = getDomain(b.hostname, { allowPrivateDomains: true });
  return (domainA ?? a.hostname) === (domainB ?? b.hostname);
}
