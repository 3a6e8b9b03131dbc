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
      const size = Number(event.queryStringParameters?.size ?? '0');
      if (size > 0) return { statusCode: 200, body: (event.queryStringParameters?.fill ?? 'a').repeat(size) };
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

  it("answers 500 like API Gateway when the response payload is over Lambda's 6 MB", async () => {
    const ok = await fetch(url(`/articles?size=${5 * 1024 * 1024}`));
    expect(ok.status).toBe(200);
    expect((await ok.text()).length).toBe(5 * 1024 * 1024);
    const tooLarge = await fetch(url(`/articles?size=${6 * 1024 * 1024 + 1}`));
    expect(tooLarge.status).toBe(500);
    expect(await tooLarge.json()).toEqual({ message: 'Internal Server Error' });
    expect(logged.at(-1)).toMatch(/over Lambda's limit/);
  });

  it('counts the body as Lambda does: escaped inside the JSON payload', async () => {
    // 3.5 MB of quotes is a 7 MB payload: each one is escaped.
    const response = await fetch(url(`/articles?size=${3.5 * 1024 * 1024}&fill=%22`));
    expect(response.status).toBe(500);
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

describe('local HTTP API server, CORS preflight', () => {
  let corsApi: RunningHttpApi;
  const invoked: string[] = [];

  beforeAll(async () => {
    corsApi = await startHttpApi({
      port: 0,
      host: '127.0.0.1',
      corsOrigins: ['https://app.example'],
      handler: async (event) => {
        invoked.push(event.routeKey);
        return { statusCode: 200, body: '{}' };
      },
    });
  });

  afterAll(async () => {
    await corsApi.close();
  });

  const preflight = (port: number, origin: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}/articles`, { method: 'OPTIONS', headers: { origin, ...headers } });

  it("answers 204 with the stack's CORS headers, without invoking the function", async () => {
    const response = await preflight(corsApi.port, 'https://app.example', {
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(
      Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-'))),
    ).toEqual({
      'access-control-allow-origin': 'https://app.example',
      'access-control-allow-methods': 'GET,OPTIONS',
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '3600',
    });
    expect(invoked).toEqual([]);
  });

  it('answers 204 without CORS headers for an origin not allowed', async () => {
    const response = await preflight(corsApi.port, 'https://elsewhere.example', {
      'access-control-request-method': 'GET',
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('treats OPTIONS without Access-Control-Request-Method, or without a CORS configuration, as an unmatched route', async () => {
    expect((await preflight(corsApi.port, 'https://app.example')).status).toBe(404);
    const response = await preflight(api.port, 'https://app.example', {
      'access-control-request-method': 'GET',
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
