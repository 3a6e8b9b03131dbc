import type { ArticleLink } from './article-record.js';
import type { RawLink } from './parsed-document.js';

export interface LinkContext {
  readonly baseUrl: string | null;
  readonly siteUrl: string | null;
}

/** Bare URLs and emails in plain text. (Implementation in progress.) */
export function findTextLinks(_text: string): RawLink[] {
  return [];
}

/** Resolves, normalizes and de-duplicates raw links. (Implementation in progress.) */
export function buildLinks(raw: readonly RawLink[], _context: LinkContext): ArticleLink[] {
  return raw.map((link) => ({
    kind: link.kind,
    text: link.text,
    url: link.href,
    normalizedUrl: link.href,
    domain: null,
    external: null,
    rel: link.rel,
    targetArticleId: null,
  }));
}
