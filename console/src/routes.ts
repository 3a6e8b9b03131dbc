import type { TimelineFilters } from './api.js';

/** The console's views, addressed by the URL's fragment so that the server serves one page. */
export type Route =
  | { readonly view: 'timeline'; readonly filters: TimelineFilters }
  | { readonly view: 'article'; readonly id: string };

export const articleHref = (id: string): string => `#/articles/${encodeURIComponent(id)}`;

export function timelineHref(filters: TimelineFilters): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (typeof value === 'string') search.set(name, value);
  const text = search.toString();
  return text === '' ? '#/' : `#/?${text}`;
}

/**
 * The route a fragment names; null for a fragment that is not a route (an in-page anchor such as
 * the skip link's `#main`), which leaves the current view in place.
 *
 * @example parseRoute('#/articles/5f0c') // { view: 'article', id: '5f0c' }
 */
export function parseRoute(hash: string): Route | null {
  if (hash === '' || hash === '#') return { view: 'timeline', filters: {} };
  if (!hash.startsWith('#/')) return null;
  const [path = '', search = ''] = hash.slice(1).split('?', 2);
  const article = /^\/articles\/([^/]+)$/.exec(path);
  if (article?.[1] !== undefined) return { view: 'article', id: decodeURIComponent(article[1]) };
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const filters: Record<string, string> = {};
  for (const name of ['language', 'from', 'to'] as const) {
    const value = params.get(name);
    if (value !== null && value !== '') filters[name] = value;
  }
  return {
    view: 'timeline',
    filters: {
      ...filters,
      ...(status === 'processed' || status === 'rejected' ? { status } : {}),
    },
  };
}
