import { createHash } from 'node:crypto';

/**
 * The record id of an object: the first 24 hex characters of sha256(`${bucket}/${key}`), with an
 * empty bucket name for local files (CONTRACT §3). The key is the decoded key, hashed as UTF-8.
 *
 * @example
 * ```ts
 * articleId('articles-raw', '2017/05/seed.txt'); // "5f0c…" (24 hex characters)
 * articleId(null, 'seed.txt') === articleId('', 'seed.txt'); // true
 * ```
 */
export function articleId(bucket: string | null, key: string): string {
  return createHash('sha256')
    .update(`${bucket ?? ''}/${key}`, 'utf8')
    .digest('hex')
    .slice(0, 24);
}
