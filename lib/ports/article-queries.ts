import type { ArticleLink, ArticleRecord, ArticleStatus, LinkKind } from '../article/article-record.js';

export interface ArticleSummary extends Omit<ArticleRecord, 'links'> {
  readonly linkCount: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /**
   * Where the next page starts, or null on the last page. Opaque outside the adapter: the API
   * seals it into a signed cursor and hands it back unchanged as `after`.
   */
  readonly next: string | null;
}

export interface ListArticlesQuery {
  readonly limit: number;
  readonly after: string | null;
  /** Inclusive ISO dates (YYYY-MM-DD), compared with the UTC instant of the timeline. */
  readonly from: string | null;
  readonly to: string | null;
  readonly language: string | null;
  readonly status: ArticleStatus | null;
}

export interface Backlink {
  readonly articleId: string;
  readonly text: string;
  readonly kind: LinkKind;
}

/**
 * Bytes of UTF-8 JSON one page's items may take, and one record with its links. A body of B bytes
 * is at most 2B once escaped into the Lambda response payload, so every page fits the 6 MB limit
 * with room for the rest of the body and the headers (docs/read-api.md, "Response size").
 */
export const MAX_PAGE_JSON_BYTES = 2_500_000;

/** Links a record carries (`GET /articles/{id}`): the first ones; `/links` pages through all. */
export const MAX_RECORD_LINKS = 1_000;

export interface StoredArticle {
  /** The record with its first links: at most the number asked for, within `MAX_PAGE_JSON_BYTES`. */
  readonly record: ArticleRecord;
  /** How many links the record has in all. */
  readonly linkCount: number;
  /** Where its parsed content is kept (see `ContentStore`), or null when it has none. */
  readonly contentKey: string | null;
}

/** A page position the adapter never issued (a cursor signed with a leaked key, or a bug). */
export class InvalidPagePositionError extends Error {
  override readonly name = 'InvalidPagePositionError';
}

/** The read side of the article table: used by the read API only (read-only grants). */
export interface ArticleQueries {
  /**
   * The record with its first `maxLinks` links (fewer if they would pass `MAX_PAGE_JSON_BYTES`),
   * or null when there is none (deleted keys included).
   */
  getArticle(id: string, maxLinks: number): Promise<StoredArticle | null>;
  listArticles(query: ListArticlesQuery): Promise<Page<ArticleSummary>>;
  /**
   * A page of the article's links in document order; null when the article does not exist. Every
   * page holds at most `limit` items, and fewer if they would pass `MAX_PAGE_JSON_BYTES` (but at
   * least one): `next` then starts after the last one returned. The same for every page below.
   */
  listLinks(articleId: string, limit: number, after: string | null): Promise<Page<ArticleLink> | null>;
  listBacklinks(normalizedUrl: string, limit: number, after: string | null): Promise<Page<Backlink>>;
}
