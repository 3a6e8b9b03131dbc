/**
 * The local console's server side, without a browser: the whole runtime in this process (real
 * handlers, emulators on free ports). `GET /` redirects, the page and its one script are served
 * (under the 150 KB), and an upload through the console's route is a real `PutObject` on
 * the local S3 endpoint: its event fires and the record appears, with its `source-url`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../lib/article/article-id.js';
import { CONSOLE_BUNDLE_LIMIT_BYTES } from '../../local/console-bundle.js';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { readLocalSettings } from '../../local/local-settings.js';

const SEED = new URL('../../../shared/seed/seed-article.txt', import.meta.url);

let dataDir: string;
let runtime: LocalRuntime;
let api: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'console-server-'));
  runtime = await startLocalRuntime({
    settings: readLocalSettings({ S3_PORT: '0', DYNAMODB_PORT: '0', API_PORT: '0', DATA_DIR: dataDir }),
    log: () => undefined,
  });
  api = runtime.apiEndpoint ?? '';
});

afterAll(async () => {
  await runtime?.close();
  if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
});

async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the local console on the read API origin', () => {
  it('names the console URL, on the API origin', () => {
    expect(runtime.consoleUrl).toBe(`${api}/console/`);
  });

  it('redirects GET / to /console/ and /console to /console/', async () => {
    const root = await fetch(`${api}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const bare = await fetch(`${api}/console`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('serves the page with a policy that loads nothing from another origin', async () => {
    const page = await fetch(`${api}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script type="module" src="console.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    const css = await fetch(`${api}/console/console.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves one esbuild bundle under 150 KB as the page script', async () => {
    const script = await fetch(`${api}/console/console.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await script.text();
    expect(code.length).toBeGreaterThan(1_000);
    expect(Buffer.byteLength(code)).toBeLessThan(CONSOLE_BUNDLE_LIMIT_BYTES);
    // One file: nothing imported at run time (a minified import reads `import{…}from"…"`).
    expect(code).not.toMatch(/\bimport\s*[({"']/);
  });

  it('answers other console paths 404 and leaves the API routes to the API', async () => {
    const missing = await fetch(`${api}/console/nothing.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    const articles = await fetch(`${api}/articles?limit=1`);
    expect(articles.status).toBe(200);
    const outside = await fetch(`${api}/nothing`);
    expect(await outside.json()).toEqual({ message: 'Not Found' });
  });

  it('uploads through the local S3 endpoint: the event fires and the record appears, with its source-url', async () => {
    const key = '2017/05/seed.txt';
    const body = await readFile(SEED);
    const response = await fetch(`${api}/console/api/objects?${new URLSearchParams({ key })}`, {
      method: 'PUT',
      headers: { 'content-type': 'text/plain', 'x-source-url': 'https://www.example.org/2017/05/22/seed' },
      body,
    });
    expect(response.status).toBe(200);
    const stored = (await response.json()) as { id: string; key: string; etag: string };
    expect(stored).toMatchObject({ key, id: articleId('articles-raw', key) });

    const record = await eventually(async () => {
      const reply = await fetch(`${api}/articles/${stored.id}`);
      return reply.status === 200
        ? ((await reply.json()) as { status: string; source: { etag: string } })
        : undefined;
    });
    expect(record.status).toBe('processed');
    expect(record.source.etag).toBe(stored.etag);

    const object = await fetch(`${api}/console/api/objects?${new URLSearchParams({ key })}`);
    expect(await object.json()).toMatchObject({
      key,
      size: body.length,
      contentType: 'text/plain',
      sourceUrl: 'https://www.example.org/2017/05/22/seed',
    });
  });

  it.each([
    ['no key', '', {}],
    ['a key of slashes', '?key=%2F%2F', {}],
    ['a source URL that is not a URL', '?key=a.txt', { 'x-source-url': 'not a url' }],
  ])('refuses an upload with %s (400 INVALID_PARAMETER)', async (_name, query, headers) => {
    const response = await fetch(`${api}/console/api/objects${query}`, {
      method: 'PUT',
      headers,
      body: 'text',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'INVALID_PARAMETER', message: expect.any(String) },
    });
  });

  it('refuses an upload sent by a page of another origin (403)', async () => {
    const response = await fetch(`${api}/console/api/objects?key=a.txt`, {
      method: 'PUT',
      headers: { origin: 'https://evil.example' },
      body: 'text',
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
  });

  it('answers 404 for an object that is not in the bucket', async () => {
    const response = await fetch(`${api}/console/api/objects?key=missing.txt`);
    expect(response.status).toBe(404);
  });
});
