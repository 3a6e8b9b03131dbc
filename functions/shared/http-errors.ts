import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { InvalidCursorError, InvalidParameterError, NotFoundError } from '../../lib/api/api-errors.js';
import type { ApiErrorBody, ApiErrorCode } from '../../lib/api/api-schemas.js';
import { InvalidPagePositionError } from '../../lib/ports/article-queries.js';

type HttpResult = APIGatewayProxyStructuredResultV2;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

const apiError = (statusCode: number, code: ApiErrorCode, message: string): HttpResult => {
  const body: ApiErrorBody = { error: { code, message } };
  return { statusCode, headers: { ...JSON_HEADERS }, body: JSON.stringify(body) };
};

const isRouteNotFound = (error: unknown): boolean =>
  error instanceof Error &&
  typeof error.cause === 'object' &&
  error.cause !== null &&
  'package' in error.cause &&
  error.cause.package === '@middy/http-router';

/**
 * The one place where errors become HTTP responses. Anything unexpected is a 500 `INTERNAL`
 * with a fixed message: the details go to the log, never to the client.
 *
 * @example errorResponse(new NotFoundError('no article x'), console.error).statusCode // 404
 */
export function errorResponse(error: unknown, log: (error: unknown) => void): HttpResult {
  if (error instanceof InvalidParameterError) return apiError(400, 'INVALID_PARAMETER', error.message);
  if (error instanceof InvalidCursorError || error instanceof InvalidPagePositionError) {
    return apiError(400, 'INVALID_CURSOR', 'the cursor is not valid for this request');
  }
  if (error instanceof NotFoundError) return apiError(404, 'NOT_FOUND', 'no such article');
  // The router's own miss: behind API Gateway it cannot happen, so answer as API Gateway would.
  if (isRouteNotFound(error)) {
    return {
      statusCode: 404,
      headers: { 'content-type': 'application/json' },
      body: '{"message":"Not Found"}',
    };
  }
  log(error);
  return apiError(500, 'INTERNAL', 'internal error');
}

/** Middy middleware turning any thrown error into the contract's error response. */
export function httpErrorHandler(
  log: (error: unknown) => void,
): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> {
  return {
    onError: (request) => {
      request.response = errorResponse(request.error, log);
    },
  };
}
