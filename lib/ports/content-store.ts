import type { ArticleContent } from '../article/article-record.js';

/**
 * Parsed content (blocks and text) lives outside the table so no item nears 400 KB. Every `put`
 * writes a new object under a key of its own, which only the record saved with it ever points at:
 * removing it can never take the content of another write (see docs/data-model.md).
 */
export interface ContentStore {
  /** Stores one write attempt's content under a fresh key, and returns that key. */
  put(articleId: string, content: ArticleContent): Promise<string>;
  get(contentKey: string): Promise<ArticleContent | null>;
  /** Removes the object at `contentKey` (a key `put` returned); absent is not an error. */
  delete(contentKey: string): Promise<void>;
}
