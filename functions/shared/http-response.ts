import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * A JSON response with a strong `ETag` (a hash of the body) and the route's `Cache-Control`;
 * `304 Not Modified` without a body when the request's `If-None-Match` already names it.
 *
 * @example jsonResponse(event, record, 'public, max-age=60') // { statusCode: 200 | 304, … }
 */
export function jsonResponse(
  event: APIGatewayProxyEventV2,
  body: unknown,
  cacheControl: string,
): APIGatewayProxyStructuredResultV2 {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;
  const headers = { etag, 'cache-control': cacheControl };
  if (matchesEtag(event.headers['if-none-match'], etag)) return { statusCode: 304, headers };
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: text,
  };
}

// RFC 9110 §13.1.2: If-None-Match uses weak comparison, so W/"x" matches "x"; `*` matches any.
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
