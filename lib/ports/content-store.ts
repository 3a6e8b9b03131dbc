import type { ArticleContent } from '../article/article-record.js';

/** What reading a content object found: the content, or only its size when over the caller's limit. */
export type ContentRead =
  | { readonly kind: 'content'; readonly content: ArticleContent }
  | { readonly kind: 'tooLarge'; readonly bytes: number };

/**
 * Parsed content (blocks and text) lives outside the table so no item nears 400 KB. Every `put`
 * writes a new object under a key of its own, which only the record saved with it ever points at:
 * removing it can never take the content of another write (see docs/data-model.md).
 */
export interface ContentStore {
  /** Stores one write attempt's content under a fresh key, and returns that key. */
  put(articleId: string, content: ArticleContent): Promise<string>;
  /** The content at `contentKey`; over `maxBytes` (stored JSON) its body is not read. Null: absent. */
  read(contentKey: string, maxBytes: number): Promise<ContentRead | null>;
  /** A URL that serves the stored object for `expiresInSeconds`, without credentials. */
  presignedUrl(contentKey: string, expiresInSeconds: number): Promise<string>;
  /** Removes the object at `contentKey` (a key `put` returned); absent is not an error. */
  delete(contentKey: string): Promise<void>;
}
