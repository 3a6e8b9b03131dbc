import * as z from '../validation/zod.js';
import type { ArticleContent, ArticleRecord } from './article-record.js';

/**
 * zod schemas of the record and its content: used to validate stored items when they are read
 * back, and by the read API to generate its OpenAPI document, so the three cannot drift.
 */
export const rejectionCodeSchema = z.enum([
  'EMPTY',
  'TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'NO_CONTENT',
  'EXTRACTION_FAILED',
]);

export const articleLinkSchema = z.object({
  kind: z.enum(['inline', 'related', 'image', 'email', 'mention']),
  text: z.string(),
  url: z.nullable(z.string()),
  normalizedUrl: z.nullable(z.string()),
  domain: z.nullable(z.string()),
  external: z.nullable(z.boolean()),
  rel: z.array(z.string()),
  targetArticleId: z.nullable(z.string()),
});

export const articleImageSchema = z.object({
  url: z.nullable(z.string()),
  caption: z.nullable(z.string()),
  credit: z.nullable(z.string()),
});

export const articleSourceSchema = z.object({
  bucket: z.nullable(z.string()),
  key: z.string(),
  size: z.number().check(z.int(), z.nonnegative()),
  contentType: z.nullable(z.string()),
  etag: z.nullable(z.string()),
  versionId: z.nullable(z.string()),
  sequencer: z.nullable(z.string()),
});

export const articleRecordSchema = z.object({
  id: z.string(),
  status: z.enum(['processed', 'rejected']),
  error: z.nullable(z.object({ code: rejectionCodeSchema, message: z.string() })),
  source: articleSourceSchema,
  format: z.nullable(z.enum(['text', 'html', 'markdown'])),
  encoding: z.nullable(z.string()),
  language: z.nullable(z.string()),
  direction: z.enum(['rtl', 'ltr']),
  title: z.nullable(z.string()),
  siteName: z.nullable(z.string()),
  canonicalUrl: z.nullable(z.string()),
  publishedAt: z.nullable(z.string()),
  authors: z.array(z.string()),
  description: z.nullable(z.string()),
  wordCount: z.number().check(z.int(), z.nonnegative()),
  readingTimeMinutes: z.number().check(z.int(), z.nonnegative()),
  images: z.array(articleImageSchema),
  highlights: z.array(z.string()),
  links: z.array(articleLinkSchema),
  linksTruncated: z.exactOptional(z.literal(true)),
  contentHash: z.string(),
  parserVersion: z.string(),
  processedAt: z.string(),
});

export const contentBlockSchema = z.object({
  type: z.enum(['heading', 'paragraph', 'highlight', 'caption', 'related']),
  text: z.string(),
});

export const articleContentSchema = z.object({
  blocks: z.array(contentBlockSchema),
  text: z.string(),
});

// Compile-time proof that the schemas and the interfaces describe the same data.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const recordMatches: Equals<DeepMutable<ArticleRecord>, z.infer<typeof articleRecordSchema>> = true;
const contentMatches: Equals<DeepMutable<ArticleContent>, z.infer<typeof articleContentSchema>> = true;
void recordMatches;
void contentMatches;

type DeepMutable<T> = T extends readonly (infer U)[]
  ? DeepMutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;
