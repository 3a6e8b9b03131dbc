import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createReadApiHandler } from '../../functions/shared/read-api-app.js';
import { NotFoundError } from '../../lib/api/api-errors.js';
import type { ReadApiService } from '../../lib/api/read-api-service.js';
import { makeRecord } from '../integration/read-api-seed.js';

// The handler's HTTP behaviour over a stand-in service: the service itself is covered by the
// integration tests against the DynamoDB emulator.
const record = makeRecord(1);
const service: ReadApiService = {
  listArticles: async (params) => ({ items: [], nextCursor: params.cursor ?? null }),
  getArticle: async (id) => {
    if (id !== record.id) throw new NotFoundError(id);
    return { ...record, linkCount: record.links.length };
  },
  getContent: async () => {
    throw new Error('storage exploded: secret details');
  },
  listLinks: async () => ({ items: [], nextCursor: null }),
  listBacklinks: async () => ({ items: [], nextCursor: null }),
};

function event(path: string, routeKey: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  const id = /^\/articles\/([^/]+)/.exec(path)?.[1];
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers,
    ...(id === undefined ? {} : { pathParameters: { id } }),
    requestContext: {
      accountId: '0',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r',
      routeKey,
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
  };
}

const context = { getRemainingTimeInMillis: () => 10_000 } as Context;
const errors: unknown[] = [];
const handlerFor = (corsOrigins: readonly string[]) =>
  createReadApiHandler({ service, corsOrigins, logError: (error) => errors.push(error) });

describe('read API handler', () => {
  it('answers a record with an ETag and honours If-None-Match', async () => {
    const handler = handlerFor([]);
    const first = await handler(event(`/articles/${record.id}`, 'GET /articles/{id}'), context);
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(first.body ?? '')).toEqual({ ...record, linkCount: record.links.length });
    const etag = String(first.headers?.etag);
    const second = await handler(
      event(`/articles/${record.id}`, 'GET /articles/{id}', { 'if-none-match': `"x", ${etag}` }),
      context,
    );
    expect(second.statusCode).toBe(304);
    expect(second.body).toBeUndefined();
  });

  it('hides the details of unexpected errors and logs them', async () => {
    const before = errors.length;
    const reply = await handlerFor([])(
      event(`/articles/${record.id}/content`, 'GET /articles/{id}/content'),
      context,
    );
    expect(reply.statusCode).toBe(500);
    expect(reply.body).not.toContain('secret details');
    expect(JSON.parse(reply.body ?? '')).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(errors.length).toBe(before + 1);
  });

  it('answers an unrouted event as API Gateway would', async () => {
    const reply = await handlerFor([])(event('/elsewhere', '$default'), context);
    expect(reply.statusCode).toBe(404);
    expect(JSON.parse(reply.body ?? '')).toEqual({ message: 'Not Found' });
  });

  it('allows configured origins only, on successes and errors alike', async () => {
    const handler = handlerFor(['https://app.example']);
    const allowed = await handler(
      event('/articles', 'GET /articles', { origin: 'https://app.example' }),
      context,
    );
    expect(allowed.headers?.['access-control-allow-origin']).toBe('https://app.example');
    expect(allowed.headers?.vary).toBe('origin');
    const missing = await handler(
      event(`/articles/${'b'.repeat(24)}`, 'GET /articles/{id}', { origin: 'https://app.example' }),
      context,
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.headers?.['access-control-allow-origin']).toBe('https://app.example');
    const other = await handler(
      event('/articles', 'GET /articles', { origin: 'https://evil.example' }),
      context,
    );
    expect(other.headers?.['access-control-allow-origin']).toBeUndefined();
    const none = await handlerFor([])(
      event('/articles', 'GET /articles', { origin: 'https://app.example' }),
      context,
    );
    expect(none.headers?.['access-control-allow-origin']).toBeUndefined();
  });
});
