import * as z from 'zod';
import {
  articleIdSchema,
  listArticlesQuerySchema,
  listBacklinksQuerySchema,
  listLinksQuerySchema,
  responseComponents,
} from './api-schemas.js';
import type { ReadApiRouteKey } from './read-api-routes.js';

type JsonObject = Readonly<Record<string, unknown>>;

interface Operation {
  readonly operationId: string;
  readonly summary: string;
  readonly query?: z.ZodObject;
  readonly pathId?: boolean;
  readonly body: keyof typeof responseComponents | 'OpenApiDocument';
  readonly errors: readonly (400 | 404)[];
  /** A 303 answer, for a body too large for one response. */
  readonly redirect?: JsonObject;
}

const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });

const operations: Readonly<Record<ReadApiRouteKey, Operation>> = {
  'GET /articles': {
    operationId: 'listArticles',
    summary: 'Article summaries, newest first (by publication, else processing time)',
    query: listArticlesQuerySchema,
    body: 'ArticlePage',
    errors: [400],
  },
  'GET /articles/{id}': {
    operationId: 'getArticle',
    summary: 'One article record, with its first 1,000 links and `linkCount`',
    pathId: true,
    body: 'Article',
    errors: [404],
  },
  'GET /articles/{id}/content': {
    operationId: 'getArticleContent',
    summary: 'The parsed content of an article: blocks and body text',
    pathId: true,
    body: 'ArticleContent',
    errors: [404],
    redirect: {
      description:
        'See Other: the content is over 2.5 MB of JSON, too large for one response. `Location` is a ' +
        'presigned S3 URL, valid for 5 minutes, that serves the same `ArticleContent` JSON (HTTP clients ' +
        'follow it); the body repeats it.',
      headers: {
        Location: { description: 'Presigned S3 URL of the content.', schema: { type: 'string' } },
      },
      content: { 'application/json': { schema: ref('ContentElsewhere') } },
    },
  },
  'GET /articles/{id}/links': {
    operationId: 'listArticleLinks',
    summary: 'The links of an article, in document order',
    query: listLinksQuerySchema,
    pathId: true,
    body: 'LinkPage',
    errors: [400, 404],
  },
  'GET /links': {
    operationId: 'listBacklinks',
    summary: 'Articles linking to a URL (backlinks)',
    query: listBacklinksQuerySchema,
    body: 'BacklinkPage',
    errors: [400],
  },
  'GET /openapi.json': {
    operationId: 'getOpenApiDocument',
    summary: 'This document',
    body: 'OpenApiDocument',
    errors: [],
  },
};

const withoutDialect = (schema: JsonObject): JsonObject => {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
};

function componentSchemas(): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(responseComponents)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, withoutDialect(schema)]));
}

function queryParameters(query: z.ZodObject): JsonObject[] {
  return Object.entries(query.shape).map(([name, field]) => {
    const { description, ...schema } = withoutDialect(z.toJSONSchema(field, { io: 'output' }));
    return {
      name,
      in: 'query',
      required: !field.safeParse(undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
      schema,
    };
  });
}

const errorResponse = (description: string): JsonObject => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});

const cachingHeaders = {
  ETag: {
    description: 'Entity tag of the body; send it back in `If-None-Match`.',
    schema: { type: 'string' },
  },
  'Cache-Control': { description: 'How long the body may be reused.', schema: { type: 'string' } },
};

function operationObject(operation: Operation): JsonObject {
  const parameters = [
    ...(operation.pathId === true
      ? [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: withoutDialect(z.toJSONSchema(articleIdSchema)),
          },
        ]
      : []),
    ...(operation.query === undefined ? [] : queryParameters(operation.query)),
  ];
  const bodySchema = operation.body === 'OpenApiDocument' ? { type: 'object' } : ref(operation.body);
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(parameters.length > 0 ? { parameters } : {}),
    responses: {
      '200': {
        description: 'OK',
        headers: cachingHeaders,
        content: { 'application/json': { schema: bodySchema } },
      },
      ...(operation.redirect === undefined ? {} : { '303': operation.redirect }),
      '304': { description: 'Not modified: the `If-None-Match` entity tag still matches.' },
      ...(operation.errors.includes(400)
        ? { '400': errorResponse('`INVALID_PARAMETER` or `INVALID_CURSOR`') }
        : {}),
      ...(operation.errors.includes(404) ? { '404': errorResponse('`NOT_FOUND`: no such article') } : {}),
      '500': errorResponse('`INTERNAL`, without details'),
    },
  };
}

let built: JsonObject | undefined;

/**
 * The OpenAPI 3.1 document of the read API, generated from the zod schemas that validate its
 * requests and type its responses. Built once, then reused.
 *
 * @example buildOpenApiDocument().openapi // '3.1.0'
 */
export function buildOpenApiDocument(): JsonObject {
  if (built !== undefined) return built;
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const [routeKey, operation] of Object.entries(operations)) {
    const [method = '', path = ''] = routeKey.split(' ');
    paths[path] = { ...paths[path], [method.toLowerCase()]: operationObject(operation) };
  }
  built = {
    openapi: '3.1.0',
    info: {
      title: 'article-pipeline read API',
      version: '1.0.0',
      description:
        'Read-only access to extracted article records. Errors are `{ "error": { "code", "message" } }`; ' +
        'paths and methods outside this document are answered by API Gateway with 404 `{ "message": "Not Found" }`. ' +
        'Every response fits the 6 MB Lambda response limit: pages and records hold at most 2.5 MB of JSON ' +
        '(a page may then hold fewer than `limit` items, with a `nextCursor`), a record its first 1,000 links ' +
        'plus `linkCount`, and a larger content body is a 303 to a presigned S3 URL.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: { schemas: componentSchemas() },
  };
  return built;
}
