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

export interface StoredArticle {
  readonly record: ArticleRecord;
  /** Where its parsed content is kept (see `ContentStore`), or null when it has none. */
  readonly contentKey: string | null;
}

/** A page position the adapter never issued (a cursor signed with a leaked key, or a bug). */
export class InvalidPagePositionError extends Error {
  override readonly name = 'InvalidPagePositionError';
}

/** The read side of the article table: used by the read API only (read-only grants). */
export interface ArticleQueries {
  /** The record with all its links, or null when there is none (deleted keys included). */
  getArticle(id: string): Promise<StoredArticle | null>;
  listArticles(query: ListArticlesQuery): Promise<Page<ArticleSummary>>;
  /** A page of the article's links in document order; null when the article does not exist. */
  listLinks(articleId: string, limit: number, after: string | null): Promise<Page<ArticleLink> | null>;
  listBacklinks(normalizedUrl: string, limit: number, after: string | null): Promise<Page<Backlink>>;
}
