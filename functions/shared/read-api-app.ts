import middy from '@middy/core';
import httpRouterHandler, { type Route } from '@middy/http-router';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod';
import { InvalidParameterError, NotFoundError } from '../../lib/api/api-errors.js';
import {
  articleIdSchema,
  listArticlesQuerySchema,
  listBacklinksQuerySchema,
  listLinksQuerySchema,
} from '../../lib/api/api-schemas.js';
import { buildOpenApiDocument } from '../../lib/api/openapi-document.js';
import type { ReadApiService } from '../../lib/api/read-api-service.js';
import { httpCors } from './http-cors.js';
import { httpErrorHandler } from './http-errors.js';
import { jsonResponse } from './http-response.js';

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface ReadApiAppOptions {
  readonly service: ReadApiService;
  readonly corsOrigins: readonly string[];
  readonly logError: (error: unknown) => void;
}

// Records change only when their object is re-uploaded or deleted: a minute, then revalidate
// with the ETag. Pages shift with every new article, so they are reused more briefly.
const RECORD_CACHE = 'public, max-age=60';
const PAGE_CACHE = 'public, max-age=15';
const DOCUMENT_CACHE = 'public, max-age=3600';

function parseQuery<S extends z.ZodType>(schema: S, event: Event): z.output<S> {
  const result = schema.safeParse(event.queryStringParameters ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue?.path.join('.') ?? '';
  throw new InvalidParameterError(
    name === '' ? (issue?.message ?? 'invalid query') : `\`${name}\`: ${issue?.message ?? 'invalid'}`,
  );
}

// An id that cannot exist is "no such article", not a bad parameter.
function articleId(event: Event): string {
  const id = event.pathParameters?.id ?? '';
  if (!articleIdSchema.safeParse(id).success) throw new NotFoundError(`no article ${id}`);
  return id;
}

/**
 * The read API as one Lambda handler for an API Gateway HTTP API (payload 2.0): routed by
 * middy's http-router, errors mapped in one place, CORS applied to every answer.
 *
 * @example export const handler = createReadApiHandler({ service, corsOrigins: [], logError: console.error });
 */
export function createReadApiHandler(
  options: ReadApiAppOptions,
): (event: Event, context: import('aws-lambda').Context) => Promise<Result> {
  const { service } = options;
  const route = (path: string, handle: (event: Event) => Promise<Result>): Route<Event, Result> => ({
    method: 'GET',
    path,
    handler: handle,
  });
  const routes = [
    route('/articles', async (event) =>
      jsonResponse(event, await service.listArticles(parseQuery(listArticlesQuerySchema, event)), PAGE_CACHE),
    ),
    route('/articles/{id}', async (event) =>
      jsonResponse(event, await service.getArticle(articleId(event)), RECORD_CACHE),
    ),
    route('/articles/{id}/content', async (event) => {
      const answer = await service.getContent(articleId(event));
      if (answer.kind === 'inline') return jsonResponse(event, answer.body, RECORD_CACHE);
      // Too large for a Lambda response: the client follows the redirect to S3 (docs/read-api.md).
      return {
        statusCode: 303,
        headers: {
          location: answer.body.url,
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        },
        body: JSON.stringify(answer.body),
      };
    }),
    route('/articles/{id}/links', async (event) => {
      const id = articleId(event);
      const page = await service.listLinks(id, parseQuery(listLinksQuerySchema, event));
      return jsonResponse(event, page, RECORD_CACHE);
    }),
    route('/links', async (event) =>
      jsonResponse(
        event,
        await service.listBacklinks(parseQuery(listBacklinksQuerySchema, event)),
        PAGE_CACHE,
      ),
    ),
    route('/openapi.json', async (event) => jsonResponse(event, buildOpenApiDocument(), DOCUMENT_CACHE)),
  ];
  return middy<Event, Result>()
    .use(httpCors(options.corsOrigins))
    .use(httpErrorHandler(options.logError))
    .handler(httpRouterHandler<Event, Result>(routes));
}
