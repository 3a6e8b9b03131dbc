import type { ArticleImage, ContentBlock, LinkKind } from './article-record.js';

/**
 * A link as a format parser finds it, before resolution and normalization.
 * `href` is what the document says (relative or absolute), or null for a reference
 * with no URL ("اقرأ/ي أيضًا: TITLE").
 */
export interface RawLink {
  readonly kind: LinkKind;
  readonly text: string;
  readonly href: string | null;
  readonly rel: readonly string[];
}

/**
 * What every format parser (text, HTML, Markdown) returns: the document's blocks in order
 * and the metadata it could read. `extractArticle` turns it into the record.
 */
export interface ParsedDocument {
  readonly blocks: readonly ContentBlock[];
  readonly title: string | null;
  readonly siteName: string | null;
  readonly canonicalUrl: string | null;
  /** ISO 8601 date or date-time with offset. */
  readonly publishedAt: string | null;
  readonly authors: readonly string[];
  readonly description: string | null;
  /** Declared language (`<html lang>`, front matter), not yet validated. */
  readonly declaredLanguage: string | null;
  /** Declared direction (`<html dir>`). */
  readonly declaredDirection: 'rtl' | 'ltr' | null;
  /** Base URL declared by the document (`<base href>`), if any. */
  readonly baseUrl: string | null;
  readonly images: readonly ArticleImage[];
  /** In document order; duplicates allowed here, removed when the record is built. */
  readonly links: readonly RawLink[];
}

export interface ParseOptions {
  readonly sourceUrl: string | null;
}
