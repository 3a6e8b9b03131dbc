import type { ArticleLink, ArticleRecord, ArticleStatus, LinkKind } from '../article/article-record.js';

export interface ArticleSummary extends Omit<ArticleRecord, 'links'> {
  readonly linkCount: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque to the port: the adapter's position, signed into a cursor by the API. */
  readonly next: Readonly<Record<string, unknown>> | null;
}

export interface ListArticlesQuery {
  readonly limit: number;
  readonly after: Readonly<Record<string, unknown>> | null;
  /** Inclusive ISO dates (YYYY-MM-DD). */
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

/** The read side of the article table: used by the read API only (read-only grants). */
export interface ArticleQueries {
  getArticle(
    id: string,
  ): Promise<{ readonly record: ArticleRecord; readonly contentKey: string | null } | null>;
  listArticles(query: ListArticlesQuery): Promise<Page<ArticleSummary>>;
  listLinks(
    articleId: string,
    limit: number,
    after: Readonly<Record<string, unknown>> | null,
  ): Promise<Page<ArticleLink>>;
  listBacklinks(
    normalizedUrl: string,
    limit: number,
    after: Readonly<Record<string, unknown>> | null,
  ): Promise<Page<Backlink>>;
}
