/**
 * Every read API response fits Lambda's 6 MB response payload, by design: records with many or
 * large links, pages of large summaries, and content too large for one response, through the real
 * handler on the local server (which answers 500 to an oversized payload, as AWS would).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleContent, ArticleLink, ArticleRecord } from '../../lib/article/article-record.js';
import { MAX_PAGE_JSON_BYTES } from '../../lib/ports/article-queries.js';
import { type RunningHttpApi, startHttpApi } from '../../local/http-api-server.js';
import { type Emulators, startEmulators } from './emulators.js';
import { makeRecord, seedArticles, seedId, useEmulatorsForReadApi } from './read-api-seed.js';

let emulators: Emulators;
let api: RunningHttpApi;
const failures: string[] = [];

const link = (i: number, text: string): ArticleLink => ({
  kind: 'inline',
  text,
  url: `https://example.org/many/${i}`,
  normalizedUrl: `https://example.org/many/${i}`,
  domain: 'example.org',
  external: true,
  rel: [],
  targetArticleId: null,
});

// 1,500 small links; 400 links of 8,000 Arabic letters each (6.4 MB of JSON together).
const manyLinks: ArticleRecord = {
  ...makeRecord(1, { id: seedId('many-links') }),
  links: Array.from({ length: 1_500 }, (_, i) => link(i, `link ${i}`)),
};
const fatLinks: ArticleRecord = {
  ...makeRecord(2, { id: seedId('fat-links') }),
  links: Array.from({ length: 400 }, (_, i) => link(i, `${i} ${'ب'.repeat(8_000)}`)),
};
// 14 summaries of about 250 KB each (3.5 MB), in a language of their own.
const fatSummaries: ArticleRecord[] = Array.from({ length: 14 }, (_, i) => ({
  ...makeRecord(100 + i, { id: seedId(`fat-summary-${i}`), language: 'sw', status: 'processed' }),
  highlights: Array.from({ length: 25 }, (_, k) => `${k} ${'ج'.repeat(5_000)}`),
  links: [],
}));
// A body of 3 MB: over one response's share, not over the ingest size limit.
const largeRecord = makeRecord(3, { id: seedId('large-content'), status: 'processed' });
const largeContent: ArticleContent = {
  blocks: Array.from({ length: 300 }, (_, i) => ({ type: 'paragraph', text: `${i} ${'د'.repeat(5_000)}` })),
  text: Array.from({ length: 300 }, (_, i) => `${i} ${'د'.repeat(5_000)}`).join('\n\n'),
};

beforeAll(async () => {
  emulators = await startEmulators();
  await seedArticles(emulators, [
    { record: manyLinks, content: null },
    { record: fatLinks, content: null },
    ...fatSummaries.map((record) => ({ record, content: null })),
    { record: largeRecord, content: largeContent },
  ]);
  useEmulatorsForReadApi(emulators, 'read-api-limits-test-cursor-key-0123456789');
  const { handler } = await import('../../functions/read-api.js');
  api = await startHttpApi({ port: 0, host: '127.0.0.1', handler, log: (line) => failures.push(line) });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await emulators?.stop();
});

interface Reply {
  readonly status: number;
  readonly bytes: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

async function get(path: string, redirect: RequestRedirect = 'follow'): Promise<Reply> {
  const response = await fetch(path.startsWith('http') ? path : `http://127.0.0.1:${api.port}${path}`, {
    redirect,
  });
  const text = await response.text();
  return {
    status: response.status,
    bytes: Buffer.byteLength(text),
    headers: response.headers,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

/** Follows `nextCursor` to the end, checking that every page was served. */
async function pageAll(path: string): Promise<{ items: Record<string, unknown>[]; sizes: number[] }> {
  const items: Record<string, unknown>[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const reply = await get(
      `${path}${cursor === null ? '' : `${separator}cursor=${encodeURIComponent(cursor)}`}`,
    );
    expect(reply.status).toBe(200);
    const page = reply.body as { items: Record<string, unknown>[]; nextCursor: string | null };
    items.push(...page.items);
    sizes.push(page.items.length);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { items, sizes };
}

const urls = (links: readonly { readonly url?: unknown }[]): unknown[] => links.map((l) => l.url);

describe('GET /articles/{id} within 6 MB', () => {
  it('carries the first 1,000 links and linkCount; /links pages through all of them', async () => {
    const reply = await get(`/articles/${manyLinks.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body.linkCount).toBe(1_500);
    expect(urls(reply.body.links as ArticleLink[])).toEqual(urls(manyLinks.links.slice(0, 1_000)));

    const all = await pageAll(`/articles/${manyLinks.id}/links?limit=100`);
    expect(urls(all.items)).toEqual(urls(manyLinks.links));
  });

  it('carries fewer links when the first ones would pass 2.5 MB of JSON', async () => {
    const reply = await get(`/articles/${fatLinks.id}`);
    expect(reply.status).toBe(200);
    expect(reply.bytes).toBeLessThanOrEqual(MAX_PAGE_JSON_BYTES);
    const links = reply.body.links as ArticleLink[];
    expect(links.length).toBeGreaterThan(50);
    expect(links.length).toBeLessThan(400);
    expect(urls(links)).toEqual(urls(fatLinks.links.slice(0, links.length)));
    expect(reply.body.linkCount).toBe(400);

    const all = await pageAll(`/articles/${fatLinks.id}/links?limit=100`);
    expect(urls(all.items)).toEqual(urls(fatLinks.links));
  });
});

describe('pages within 6 MB', () => {
  it('ends a page of large summaries early, and the cursor continues after its last item', async () => {
    const first = await get('/articles?language=sw&limit=100');
    expect(first.status).toBe(200);
    expect(first.bytes).toBeLessThanOrEqual(MAX_PAGE_JSON_BYTES);
    expect((first.body.items as unknown[]).length).toBeLessThan(fatSummaries.length);
    expect(first.body.nextCursor).not.toBeNull();

    const all = await pageAll('/articles?language=sw&limit=100');
    expect(all.items.map((item) => item.id).sort()).toEqual(fatSummaries.map((r) => r.id).sort());
    expect(all.sizes.length).toBeGreaterThan(1);
  });
});

describe('GET /articles/{id}/content too large for one response', () => {
  it('answers 303 to a short-lived presigned S3 URL that serves the same body', async () => {
    const redirect = await get(`/articles/${largeRecord.id}/content`, 'manual');
    expect(redirect.status).toBe(303);
    const location = redirect.headers.get('location') ?? '';
    expect(location).toMatch(/X-Amz-Signature=/);
    expect(location).toMatch(/X-Amz-Expires=300/);
    expect(redirect.body).toEqual({ id: largeRecord.id, url: location, expiresInSeconds: 300 });
    expect(redirect.headers.get('cache-control')).toBe('no-store');

    const followed = await get(`/articles/${largeRecord.id}/content`);
    expect(followed.status).toBe(200);
    expect(followed.body).toEqual({ id: largeRecord.id, ...largeContent });
  });

  it('never made the local server refuse a payload over 6 MB', () => {
    expect(failures).toEqual([]);
  });
});
