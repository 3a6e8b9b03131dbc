import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

type HttpRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * CORS for a GET-only API: an origin allow-list (`*` for any), none by default. Hand-written
 * because the whole policy is one header; in AWS the HTTP API's own CORS setting answers
 * preflights, and this keeps the local server's answers the same.
 *
 * @example middy().use(httpCors(['https://app.example.org']))
 */
export function httpCors(
  allowedOrigins: readonly string[],
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const anyOrigin = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  const apply = (request: HttpRequest): void => {
    const response = request.response;
    if (allowedOrigins.length === 0 || response === undefined || response === null) return;
    const headers = { ...response.headers };
    const origin = request.event.headers.origin;
    if (anyOrigin) headers['access-control-allow-origin'] = '*';
    else {
      // The answer depends on the Origin header, so shared caches must key on it.
      headers.vary = 'origin';
      if (origin !== undefined && allowed.has(origin)) headers['access-control-allow-origin'] = origin;
    }
    if (headers['access-control-allow-origin'] !== undefined)
      headers['access-control-expose-headers'] = 'etag';
    request.response = { ...response, headers };
  };
  return { after: apply, onError: apply };
}
