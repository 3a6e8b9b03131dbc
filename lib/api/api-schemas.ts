import * as z from 'zod';
import {
  articleContentSchema,
  articleLinkSchema,
  articleRecordSchema,
  contentBlockSchema,
} from '../article/article-schema.js';

/**
 * zod schemas of the read API: the query parameters it accepts and the bodies it returns. The
 * handler validates requests with them, response bodies are typed by them, and the OpenAPI
 * document is generated from them, so the three cannot drift.
 */

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

// Query values arrive as strings; digits only, so "1e1", " 5" or "0x10" are refused, not coerced.
const limitSchema = z
  .string()
  .regex(/^[0-9]{1,4}$/, 'must be an integer from 1 to 100')
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_PAGE_LIMIT))
  .optional()
  .default(DEFAULT_PAGE_LIMIT)
  .meta({
    description: `Page size, 1–${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT}); out of range is a 400.`,
  });

const cursorSchema = z.string().min(1).optional().meta({
  description: 'The `nextCursor` of the previous page, unchanged. Bound to the route and its filters.',
});

export const articleIdSchema = z
  .string()
  .regex(/^[0-9a-f]{24}$/)
  .meta({ description: 'Article id: 24 lower-case hex characters.' });

export const listArticlesQuerySchema = z
  .object({
    limit: limitSchema,
    cursor: cursorSchema,
    from: z.iso
      .date()
      .optional()
      .meta({ description: 'Earliest publication date (inclusive, UTC), YYYY-MM-DD.' }),
    to: z.iso
      .date()
      .optional()
      .meta({ description: 'Latest publication date (inclusive, UTC), YYYY-MM-DD.' }),
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'must be a lower-case ISO 639-1 code')
      .optional()
      .meta({ description: 'ISO 639-1 language code, e.g. `ar`.' }),
    status: z.enum(['processed', 'rejected']).optional().meta({ description: 'Record status.' }),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    message: '`from` must not be after `to`',
    path: ['from'],
  });

export const listLinksQuerySchema = z.object({ limit: limitSchema, cursor: cursorSchema });

export const listBacklinksQuerySchema = z.object({
  url: z
    .string()
    .min(1)
    .meta({ description: 'The URL linked to; normalized as extraction normalizes link URLs.' }),
  limit: limitSchema,
  cursor: cursorSchema,
});

export type ListArticlesParams = z.infer<typeof listArticlesQuerySchema>;
export type ListLinksParams = z.infer<typeof listLinksQuerySchema>;
export type ListBacklinksParams = z.infer<typeof listBacklinksQuerySchema>;

const nextCursorSchema = z
  .string()
  .nullable()
  .meta({ description: 'Cursor of the next page, or null on the last page.' });

// The record's schemas are zod/mini (they are in the ingest bundle); classic zod composes them
// here for the OpenAPI document: what `.omit`/`.extend` would do, from the record's shape.
const { links: recordLinks, ...recordWithoutLinks } = articleRecordSchema.shape;

export const articleSummarySchema = z.object({
  ...recordWithoutLinks,
  linkCount: z.number().int().nonnegative(),
});

export const articlePageSchema = z.object({
  items: z.array(articleSummarySchema),
  nextCursor: nextCursorSchema,
});

export const linkPageSchema = z.object({ items: z.array(articleLinkSchema), nextCursor: nextCursorSchema });

export const backlinkSchema = z.object({
  articleId: z.string(),
  text: z.string(),
  kind: articleLinkSchema.shape.kind,
});

export const backlinkPageSchema = z.object({ items: z.array(backlinkSchema), nextCursor: nextCursorSchema });

/** `GET /articles/{id}`: the record with its first links (at most 1,000), and how many it has. */
export const articleResponseSchema = z.object({
  ...articleRecordSchema.shape,
  links: z.array(recordLinks.def.element).meta({
    description:
      'The first links, in document order: at most 1,000, fewer if they would take the response past ' +
      '2.5 MB of JSON. `GET /articles/{id}/links` pages through all of them.',
  }),
  linkCount: z.number().int().nonnegative().meta({ description: 'How many links the article has in all.' }),
});

export const articleContentResponseSchema = z.object({
  id: z.string(),
  blocks: articleContentSchema.shape.blocks,
  text: articleContentSchema.shape.text,
});

/** `GET /articles/{id}/content` of a body too large for one response: a 303 to a presigned URL. */
export const contentElsewhereSchema = z.object({
  id: z.string(),
  url: z
    .string()
    .meta({ description: 'Presigned S3 URL serving the `ArticleContent` JSON; the same as `Location`.' }),
  expiresInSeconds: z.number().int().positive(),
});

export const apiErrorCodeSchema = z.enum(['INVALID_PARAMETER', 'INVALID_CURSOR', 'NOT_FOUND', 'INTERNAL']);

export const apiErrorSchema = z.object({
  error: z.object({ code: apiErrorCodeSchema, message: z.string() }),
});

/** What API Gateway itself answers for a path or method outside the routes. */
export const gatewayNotFoundSchema = z.object({ message: z.literal('Not Found') });

/** Response bodies are built from readonly domain data; these accept it while keeping the schemas' shape. */
type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type ArticleSummaryBody = DeepReadonly<z.infer<typeof articleSummarySchema>>;
export type ArticlePageBody = DeepReadonly<z.infer<typeof articlePageSchema>>;
export type LinkPageBody = DeepReadonly<z.infer<typeof linkPageSchema>>;
export type BacklinkPageBody = DeepReadonly<z.infer<typeof backlinkPageSchema>>;
export type ArticleBody = DeepReadonly<z.infer<typeof articleResponseSchema>>;
export type ArticleContentBody = DeepReadonly<z.infer<typeof articleContentResponseSchema>>;
export type ContentElsewhereBody = DeepReadonly<z.infer<typeof contentElsewhereSchema>>;
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;
export type ApiErrorBody = DeepReadonly<z.infer<typeof apiErrorSchema>>;

/** Named components of the OpenAPI document, in the order they are listed. */
export const responseComponents = {
  ArticleRecord: articleRecordSchema,
  Article: articleResponseSchema,
  ArticleSummary: articleSummarySchema,
  ArticlePage: articlePageSchema,
  ArticleLink: articleLinkSchema,
  LinkPage: linkPageSchema,
  Backlink: backlinkSchema,
  BacklinkPage: backlinkPageSchema,
  ContentBlock: contentBlockSchema,
  ArticleContent: articleContentResponseSchema,
  ContentElsewhere: contentElsewhereSchema,
  Error: apiErrorSchema,
  GatewayNotFound: gatewayNotFoundSchema,
} as const;
