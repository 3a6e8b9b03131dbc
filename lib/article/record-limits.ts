import { Buffer } from 'node:buffer';
import type { ArticleLink, ArticleRecord } from './article-record.js';

/**
 * The bounds every stored record is kept within, in one place so that the table, the API and
 * `extract` show the same record: DynamoDB caps an item at 400 KB, so an article's fields
 * (everything but its links, which are items of their own) stay under 300 KB of JSON, and one
 * link's text or URL under 8,000 characters.
 */

/** Article fields (the record without `links`) stay under this many bytes of JSON. */
export const MAX_ARTICLE_ITEM_BYTES = 300_000;
/** A single link's text or URL never needs more; longer ones are cut at a code point. */
export const MAX_LINK_FIELD_CHARS = 8_000;

/**
 * Cuts a text to `max` code points (never inside a surrogate pair).
 *
 * @example
 * ```ts
 * truncateChars('a😀b', 2); // "a😀"
 * ```
 */
export const truncateChars = (text: string, max: number): string =>
  text.length <= max ? text : Array.from(text).slice(0, max).join('');

type ArticleFields = Omit<ArticleRecord, 'links'>;

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * Keeps an article's fields bounded: pathological inputs (a two-million-character title,
 * thousands of images or highlights, a megabyte-long description) are cut from the end, list
 * entries last, so the item always fits. Fields already under the bound are returned unchanged.
 *
 * @example
 * ```ts
 * capArticleFields({ ...fields, title: 'x'.repeat(2_000_000) }).title?.length; // 2000
 * ```
 */
export function capArticleFields<T extends ArticleFields>(fields: T): T {
  if (jsonBytes(fields) <= MAX_ARTICLE_ITEM_BYTES) return fields;
  const cut = (text: string | null, max: number): string | null =>
    text === null ? null : truncateChars(text, max);
  let capped: T = {
    ...fields,
    title: cut(fields.title, 2_000),
    siteName: cut(fields.siteName, 1_000),
    canonicalUrl: cut(fields.canonicalUrl, MAX_LINK_FIELD_CHARS),
    description: cut(fields.description, 4_000),
    authors: fields.authors.slice(0, 50).map((a) => truncateChars(a, 500)),
    highlights: fields.highlights.map((h) => truncateChars(h, 2_000)),
    images: fields.images.map((image) => ({
      url: cut(image.url, MAX_LINK_FIELD_CHARS),
      caption: cut(image.caption, 2_000),
      credit: cut(image.credit, 500),
    })),
  };
  while (
    jsonBytes(capped) > MAX_ARTICLE_ITEM_BYTES &&
    (capped.images.length > 0 || capped.highlights.length > 0)
  ) {
    capped =
      capped.images.length >= capped.highlights.length
        ? { ...capped, images: capped.images.slice(0, Math.floor(capped.images.length / 2)) }
        : { ...capped, highlights: capped.highlights.slice(0, Math.floor(capped.highlights.length / 2)) };
  }
  return capped;
}

/**
 * A link with its text and URLs cut to `MAX_LINK_FIELD_CHARS`.
 *
 * @example
 * ```ts
 * capLinkFields({ ...link, text: 'x'.repeat(20_000) }).text.length; // 8000
 * ```
 */
export function capLinkFields(link: ArticleLink): ArticleLink {
  return {
    ...link,
    text: truncateChars(link.text, MAX_LINK_FIELD_CHARS),
    url: link.url === null ? null : truncateChars(link.url, MAX_LINK_FIELD_CHARS),
    normalizedUrl:
      link.normalizedUrl === null ? null : truncateChars(link.normalizedUrl, MAX_LINK_FIELD_CHARS),
  };
}

/**
 * A record as the store keeps it: its fields capped by `capArticleFields`, each link by
 * `capLinkFields`; field order unchanged.
 *
 * @example
 * ```ts
 * capRecord(record).title === record.title; // true for any ordinary article
 * ```
 */
export function capRecord(record: ArticleRecord): ArticleRecord {
  const { links, ...fields } = record;
  return { ...record, ...capArticleFields(fields), links: links.map(capLinkFields) };
}
