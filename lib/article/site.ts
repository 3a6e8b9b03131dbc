import { getDomain } from 'tldts';
import { hostOf } from './normalize-url.js';

/*
 * What needs the Public Suffix List, apart from `normalize-url.ts`: tldts's list is about 120 KiB
 * of a bundle, and the read API, which only normalizes URLs, should not ship it.
 */

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
  const key = siteKey(url);
  return key !== null && key === siteKey(siteUrl);
}

/**
 * What two URLs of the same site share: the registrable domain, else (IP addresses,
 * `localhost`) the host name; null without a host. `isSameSite(a, b)` is
 * `siteKey(a) !== null && siteKey(a) === siteKey(b)`; callers comparing many URLs to one site
 * compute the site's key once.
 *
 * @example
 * siteKey('https://news.bbc.co.uk/a'); // 'bbc.co.uk'
 * siteKey('http://127.0.0.1:3000/');   // '127.0.0.1'
 */
export function siteKey(url: string): string | null {
  const host = hostOf(url);
  if (host === null || host.hostname === '') return null;
  return getDomain(host.hostname, { allowPrivateDomains: true }) ?? host.hostname;
}
