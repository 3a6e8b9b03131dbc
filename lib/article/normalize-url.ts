/** Resolves an href against a base. (Implementation in progress.) */
export function resolveUrl(href: string, base: string | null): string | null {
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return null;
  }
}

/** Normalizes a URL for matching. (Implementation in progress.) */
export function normalizeUrl(url: string): string | null {
  try {
    return new URL(url).href;
  } catch {
    return null;
  }
}

/** The registrable domain of a URL. (Implementation in progress.) */
export function registrableDomain(url: string): string | null {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** Whether two URLs share a registrable domain. (Implementation in progress.) */
export function isSameSite(url: string, siteUrl: string): boolean {
  const a = registrableDomain(url);
  return a !== null && a === registrableDomain(siteUrl);
}
