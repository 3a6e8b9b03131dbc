import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHttpApi, startHttpApi } from '../../local/http-api-server.js';

let api: RunningHttpApi;
const events: APIGatewayProxyEventV2[] = [];
let fail = false;
const logged: string[] = [];

beforeAll(async () => {
  api = await startHttpApi({
    port: 0,
    host: '127.0.0.1',
    log: (line) => logged.push(line),
    handler: async (event) => {
      events.push(event);
      if (fail) throw new Error('boom');
      return { statusCode: 201, headers: { 'X-Answer': '42' }, cookies: ['a=1', 'b=2'], body: 'ok' };
    },
  });
});

afterAll(async () => {
  await api.close();
});

const url = (path: string): string => `http://127.0.0.1:${api.port}${path}`;

describe('local HTTP API server', () => {
  it('turns a request into an API Gateway v2 event', async () => {
    const response = await fetch(url('/articles/abc%20d/links?limit=3&tag=x&tag=y&q=a%2Bb'), {
      headers: { cookie: 'c1=v1; c2=v2', 'x-custom': 'yes' },
    });
    expect(response.status).toBe(201);
    const event = events.at(-1);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /articles/{id}/links',
      rawPath: '/articles/abc%20d/links',
      rawQueryString: 'limit=3&tag=x&tag=y&q=a%2Bb',
      cookies: ['c1=v1', 'c2=v2'],
      pathParameters: { id: 'abc d' },
      queryStringParameters: { limit: '3', tag: 'x,y', q: 'a+b' },
      isBase64Encoded: false,
      requestContext: { routeKey: 'GET /articles/{id}/links', stage: '$default', http: { method: 'GET' } },
    });
    expect(event?.headers['x-custom']).toBe('yes');
    expect(event?.headers.cookie).toBeUndefined();
  });

  it('turns the structured result into the response, cookies as Set-Cookie', async () => {
    fail = false;
    const response = await fetch(url('/articles'));
    expect(await response.text()).toBe('ok');
    expect(response.headers.get('x-answer')).toBe('42');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it('answers unmatched routes itself, without invoking the handler', async () => {
    const before = events.length;
    for (const [method, path] of [
      ['GET', '/unknown'],
      ['POST', '/articles'],
      ['GET', '/articles/'],
    ] as const) {
      const response = await fetch(url(path), { method });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ message: 'Not Found' });
    }
    expect(events.length).toBe(before);
  });

  it('answers 500 like API Gateway when the handler throws', async () => {
    fail = true;
    const response = await fetch(url('/articles'));
    fail = false;
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(logged.at(-1)).toMatch(/boom/);
  });
});
