/**
 * The article record and its content, exactly as `shared/CONTRACT.md` §3 and §4 describe them.
 * Everything here is plain, readonly data: the core produces it, adapters store it, the API serves it.
 */

export type ArticleStatus = 'processed' | 'rejected';
export type ArticleFormat = 'text' | 'html' | 'markdown';
export type TextDirection = 'rtl' | 'ltr';
export type LinkKind = 'inline' | 'related' | 'image' | 'email' | 'mention';
export type BlockType = 'heading' | 'paragraph' | 'highlight' | 'caption' | 'related';

export type RejectionCode = 'EMPTY' | 'TOO_LARGE' | 'UNSUPPORTED_FORMAT' | 'NO_CONTENT' | 'EXTRACTION_FAILED';

export interface RecordError {
  readonly code: RejectionCode;
  readonly message: string;
}

export interface ArticleSource {
  readonly bucket: string | null;
  readonly key: string;
  readonly size: number;
  readonly contentType: string | null;
  readonly etag: string | null;
  readonly versionId: string | null;
  readonly sequencer: string | null;
}

export interface ArticleImage {
  readonly url: string | null;
  readonly caption: string | null;
  readonly credit: string | null;
}

export interface ArticleLink {
  readonly kind: LinkKind;
  readonly text: string;
  readonly url: string | null;
  readonly normalizedUrl: string | null;
  readonly domain: string | null;
  readonly external: boolean | null;
  readonly rel: readonly string[];
  readonly targetArticleId: string | null;
}

export interface ContentBlock {
  readonly type: BlockType;
  readonly text: string;
}

/** The `content` object of `GET /articles/{id}/content` (without the id). */
export interface ArticleContent {
  readonly blocks: readonly ContentBlock[];
  /** Body headings and paragraphs only, in order, separated by blank lines. */
  readonly text: string;
}

/** What the pure core fills: everything of the record except `id`, `source` and `processedAt`. */
export interface ExtractedFields {
  readonly status: ArticleStatus;
  readonly error: RecordError | null;
  readonly format: ArticleFormat | null;
  readonly encoding: string | null;
  readonly language: string | null;
  readonly direction: TextDirection;
  readonly title: string | null;
  readonly siteName: string | null;
  readonly canonicalUrl: string | null;
  readonly publishedAt: string | null;
  readonly authors: readonly string[];
  readonly description: string | null;
  readonly wordCount: number;
  readonly readingTimeMinutes: number;
  readonly images: readonly ArticleImage[];
  readonly highlights: readonly string[];
  readonly links: readonly ArticleLink[];
  /**
   * Present (true) only when the article had more than `MAX_LINKS` distinct links and `links`
   * holds its first `MAX_LINKS`. Absent in records written before the cap existed.
   */
  readonly linksTruncated?: true;
  readonly contentHash: string;
  readonly parserVersion: string;
}

export interface ArticleRecord extends ExtractedFields {
  readonly id: string;
  readonly source: ArticleSource;
  readonly processedAt: string;
}

export interface ExtractOptions {
  /** The declared content type, e.g. `text/html; charset=windows-1256`. */
  readonly contentType?: string | undefined;
  /** The file name or object key: a hint for the format. */
  readonly fileName?: string | undefined;
  /** The article's original URL: base for relative links, hint for date and site. */
  readonly sourceUrl?: string | undefined;
  /** Size limit in bytes (default 10 MiB). */
  readonly maxBytes?: number | undefined;
}

export interface ExtractionResult {
  readonly record: ExtractedFields;
  readonly content: ArticleContent;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Links kept per article, in document order. Each becomes one item in the article's own table
 * partition, written before the record commits: in AWS one partition takes about 1,000 writes a
 * second, so 10,000 links are about 10 s of a 60 s function timeout (the dynalite emulator: about
 * 8 s). 120,000 links were 80–112 s, past the timeout: retried into the dead-letter queue.
 */
export const MAX_LINKS = 10_000;
