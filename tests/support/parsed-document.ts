import type { ParsedDocument } from '../../lib/article/parsed-document.js';

/**
 * A parser's document with nothing found, `fields` replacing what a test needs: for feeding the
 * record builder (`extractWith`) documents no real parser has to produce.
 *
 * @example parsedDocument({ publishedAt: '2017-02-30' }).title // null
 */
export function parsedDocument(fields: Partial<ParsedDocument> = {}): ParsedDocument {
  return {
    blocks: [],
    title: null,
    siteName: null,
    canonicalUrl: null,
    publishedAt: null,
    authors: [],
    description: null,
    declaredLanguage: null,
    declaredDirection: null,
    baseUrl: null,
    images: [],
    links: [],
    ...fields,
  };
}
