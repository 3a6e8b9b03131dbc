import * as z from 'zod';
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
  url: z.string().nullable(),
  normalizedUrl: z.string().nullable(),
  domain: z.string().nullable(),
  external: z.boolean().nullable(),
  rel: z.array(z.string()),
  targetArticleId: z.string().nullable(),
});

export const articleImageSchema = z.object({
  url: z.string().nullable(),
  caption: z.string().nullable(),
  credit: z.string().nullable(),
});

export const articleSourceSchema = z.object({
  bucket: z.string().nullable(),
  key: z.string(),
  size: z.number().int().nonnegative(),
  contentType: z.string().nullable(),
  etag: z.string().nullable(),
  versionId: z.string().nullable(),
  sequencer: z.string().nullable(),
});

export const articleRecordSchema = z.object({
  id: z.string(),
  status: z.enum(['processed', 'rejected']),
  error: z.object({ code: rejectionCodeSchema, message: z.string() }).nullable(),
  source: articleSourceSchema,
  format: z.enum(['text', 'html', 'markdown']).nullable(),
  encoding: z.string().nullable(),
  language: z.string().nullable(),
  direction: z.enum(['rtl', 'ltr']),
  title: z.string().nullable(),
  siteName: z.string().nullable(),
  canonicalUrl: z.string().nullable(),
  publishedAt: z.string().nullable(),
  authors: z.array(z.string()),
  description: z.string().nullable(),
  wordCount: z.number().int().nonnegative(),
  readingTimeMinutes: z.number().int().nonnegative(),
  images: z.array(articleImageSchema),
  highlights: z.array(z.string()),
  links: z.array(articleLinkSchema),
  linksTruncated: z.literal(true).exactOptional(),
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
