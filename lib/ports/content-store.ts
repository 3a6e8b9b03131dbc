import type { ArticleContent } from '../article/article-record.js';

/** Parsed content (blocks and text) lives outside the table so no item nears 400 KB. */
export interface ContentStore {
  put(articleId: string, content: ArticleContent): Promise<string>;
  get(contentKey: string): Promise<ArticleContent | null>;
  delete(articleId: string): Promise<void>;
}
