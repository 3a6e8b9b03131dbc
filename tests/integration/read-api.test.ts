import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbArticleRepository } from '../../lib/adapters/dynamodb-article-repository.js';
import { ARTICLE_SK, articlePk, indexShardsToRead, TABLE_KEYS } from '../../lib/adapters/dynamodb-keys.js';
import { createCursorCodec } from '../../lib/api/cursor-codec.js';
import type { ArticleRecord } from '../../lib/article/article-record.js';
import { type RunningHttpApi, startHttpApi } from '../../local/http-api-server.js';
import { recordAwsCalls } from '../support/iam/aws-call-recorder.js';
import { type Emulators, startEmulators } from './emulators.js';
import {
  makeArticles,
  makeContent,
  makeRecord,
  newestFirst,
  type SeedArticle,
  seedArticles,
  seedId,
  sharedTarget,
  timelineDay,
  useEmulatorsForReadApi,
} from './read-api-seed.js';

const CURSOR_KEY = 'read-api-test-cursor-key-0123456789';

let emulators: Emulators;
let api: RunningHttpApi;
let articles: SeedArticle[];
let records: ArticleRecord[];
let dynamoRequests = 0;

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

async function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  const response = await fetch(`http://127.0.0.1:${api.port}${path}`, { method, headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? null : JSON.parse(text) };
}

interface PageBody {
  readonly items: readonly Record<string, unknown>[];
  readonly nextCursor: string | null;
}

async function getPage(path: string): Promise<PageBody> {
  const reply = await get(path);
  expect(reply.status, `${path} → ${JSON.stringify(reply.body)}`).toBe(200);
  return reply.body as PageBody;
}

/** Follows `nextCursor` to the end; every page but the last is full. */
async function pageAll(path: string, limit: number): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const separator = path.includes('?') ? '&' : '?';
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const query = `${separator}limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const page = await getPage(`${path}${query}`);
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    expect(page.items).toHaveLength(limit);
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

const ids = (items: readonly { readonly id?: unknown }[]): unknown[] => items.map((item) => item.id);

// Boundary cases of the date range 2019-03-01 … 2019-03-31, as UTC instants.
const boundaryRecords = [
  makeRecord(10_001, { id: seedId('b1'), publishedAt: '2019-03-01' }),
  makeRecord(10_002, { id: seedId('b2'), publishedAt: '2019-03-31' }),
  makeRecord(10_003, { id: seedId('b3'), publishedAt: '2019-03-31T23:59:59+00:00' }),
  makeRecord(10_004, { id: seedId('b4'), publishedAt: '2019-04-01T01:00:00+03:00' }), // 2019-03-31T22:00Z: in
  makeRecord(10_005, { id: seedId('b5'), publishedAt: '2019-03-01T01:00:00+03:00' }), // 2019-02-28T22:00Z: out
  makeRecord(10_006, { id: seedId('b6'), publishedAt: '2019-04-01' }),
  makeRecord(10_007, { id: seedId('b7'), publishedAt: '2019-02-28' }),
];

beforeAll(async () => {
  emulators = await startEmulators();
  articles = [
    ...makeArticles(250),
    ...boundaryRecords.map((record) => ({ record, content: makeContent(record) })),
  ];
  records = articles.map((article) => article.record);
  await seedArticles(emulators, articles);

  useEmulatorsForReadApi(emulators, CURSOR_KEY, process.env.READ_API_TEST_LOG_LEVEL ?? 'SILENT');
  const { handler } = await import('../../functions/read-api.js');
  const { readClients } = await import('../../functions/shared/read-dependencies.js');
  readClients.dynamo.middlewareStack.add(
    (next) => async (args) => {
      dynamoRequests += 1;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countDynamoRequests' },
  );
  recordAwsCalls(readClients.dynamo, { principal: 'read', source: 'read' });
  recordAwsCalls(readClients.s3, { principal: 'read', source: 'read' });
  api = await startHttpApi({ port: 0, host: '127.0.0.1', handler });
}, 120_000);

afterAll(async () => {
  await api?.close();
  await emulators?.stop();
});

describe('GET /articles', () => {
  it('pages through every record exactly once, newest first', async () => {
    const items = await pageAll('/articles', 7);
    expect(ids(items)).toEqual(ids(newestFirst(records)));
  });

  it.each([
    ['language=ar', (r: ArticleRecord) => r.language === 'ar'],
    ['language=en', (r: ArticleRecord) => r.language === 'en'],
    ['status=rejected', (r: ArticleRecord) => r.status === 'rejected'],
    ['status=processed', (r: ArticleRecord) => r.status === 'processed'],
    ['language=ar&status=processed', (r: ArticleRecord) => r.language === 'ar' && r.status === 'processed'],
    ['language=fr&status=rejected', (r: ArticleRecord) => r.language === 'fr' && r.status === 'rejected'],
    ['from=2018-06-01', (r: ArticleRecord) => timelineDay(r) >= '2018-06-01'],
    ['to=2017-12-31', (r: ArticleRecord) => timelineDay(r) <= '2017-12-31'],
    [
      'from=2016-02-10&to=2021-07-20&language=en',
      (r: ArticleRecord) =>
        r.language === 'en' && timelineDay(r) >= '2016-02-10' && timelineDay(r) <= '2021-07-20',
    ],
  ])('pages through the records matching %s exactly once, in order', async (query, matches) => {
    const expected = newestFirst(records.filter(matches));
    expect(expected.length).toBeGreaterThan(0);
    const items = await pageAll(`/articles?${query}`, 7);
    expect(ids(items)).toEqual(ids(expected));
  });

  it('includes both boundary days of a date range, compared as UTC instants', async () => {
    const items = await pageAll('/articles?from=2019-03-01&to=2019-03-31', 100);
    const returned = new Set(ids(items));
    for (const name of ['b1', 'b2', 'b3', 'b4']) expect(returned.has(seedId(name)), name).toBe(true);
    for (const name of ['b5', 'b6', 'b7']) expect(returned.has(seedId(name)), name).toBe(false);
    const expected = newestFirst(
      records.filter((r) => timelineDay(r) >= '2019-03-01' && timelineDay(r) <= '2019-03-31'),
    );
    expect(ids(items)).toEqual(ids(expected));
  });

  it('returns summaries: the record without links, plus linkCount', async () => {
    const page = await getPage('/articles?limit=100');
    for (const item of page.items) {
      const record = records.find((r) => r.id === item.id);
      if (record === undefined) throw new Error(`unknown id ${String(item.id)}`);
      const { links, ...rest } = record;
      expect(item).toEqual({ ...rest, linkCount: links.length });
    }
  });

  it('defaults to 20 items and ends with a null cursor on a filter with a single page', async () => {
    expect((await getPage('/articles')).items).toHaveLength(20);
    const rejectedFr = records.filter((r) => r.language === 'fr' && r.status === 'rejected');
    const page = await getPage('/articles?language=fr&status=rejected&limit=100');
    expect(page.items).toHaveLength(rejectedFr.length);
    expect(page.nextCursor).toBeNull();
  });

  it('returns an empty page for a range with no records', async () => {
    expect(await getPage('/articles?from=1990-01-01&to=1990-12-31')).toEqual({ items: [], nextCursor: null });
  });
});

describe('GET /articles/{id}', () => {
  it('returns the full record, links assembled in document order, with linkCount', async () => {
    const record = records.find((r) => r.links.length === 4);
    if (record === undefined) throw new Error('no record with links');
    const reply = await get(`/articles/${record.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ...record, linkCount: 4 });
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers 304 to a matching If-None-Match and 200 to a stale one', async () => {
    const id = records[3]?.id ?? '';
    const first = await get(`/articles/${id}`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const again = await get(`/articles/${id}`, { 'if-none-match': `W/${etag ?? ''}` });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get(`/articles/${id}`, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('returns 404 NOT_FOUND for an unknown, malformed or deleted id', async () => {
    const repository = new DynamoDbArticleRepository(emulators.documents, emulators.tableName, {
      tombstoneTtlDays: 1,
    });
    const deleted = makeRecord(20_000, { id: seedId('deleted') });
    await seedArticles(emulators, [{ record: deleted, content: makeContent(deleted) }]);
    expect((await get(`/articles/${deleted.id}`)).status).toBe(200);
    await repository.deleteArticle(deleted.id, 'FFFFFFFFFFFFFFFF');
    for (const id of [seedId('nobody'), 'not-an-id', deleted.id]) {
      const reply = await get(`/articles/${id}`);
      expect(reply.status, id).toBe(404);
      expect(reply.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
      expect(reply.headers.get('cache-control')).toBe('no-store');
    }
    // The deleted key's article item is its tombstone: no links or content either.
    expect((await get(`/articles/${deleted.id}/links`)).status).toBe(404);
    expect((await get(`/articles/${deleted.id}/content`)).status).toBe(404);
  });

  it('answers 500 INTERNAL without details when a stored item is corrupt', async () => {
    const id = seedId('corrupt');
    await emulators.documents.send(
      new PutCommand({
        TableName: emulators.tableName,
        Item: { [TABLE_KEYS.pk]: articlePk(id), [TABLE_KEYS.sk]: ARTICLE_SK, id, status: 42 },
      }),
    );
    const reply = await get(`/articles/${id}`);
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
});

describe('GET /articles/{id}/content', () => {
  it('returns the stored blocks and text', async () => {
    const article = articles.find((a) => a.content !== null);
    if (article?.content == null) throw new Error('no content');
    const reply = await get(`/articles/${article.record.id}/content`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: article.record.id, ...article.content });
  });

  it('returns empty content for a rejected record and 404 for an unknown one', async () => {
    const rejected = records.find((r) => r.status === 'rejected');
    expect((await get(`/articles/${rejected?.id ?? ''}/content`)).body).toEqual({
      id: rejected?.id,
      blocks: [],
      text: '',
    });
    expect((await get(`/articles/${seedId('nobody')}/content`)).status).toBe(404);
  });
});

describe('GET /articles/{id}/links', () => {
  it('pages through the links in document order', async () => {
    const record = records.find((r) => r.links.length === 4);
    const items = await pageAll(`/articles/${record?.id ?? ''}/links`, 3);
    expect(items).toEqual(record?.links);
  });

  it('returns an empty page for an article without links and 404 for an unknown article', async () => {
    const record = records.find((r) => r.links.length === 0 && r.status === 'processed');
    expect(await getPage(`/articles/${record?.id ?? ''}/links`)).toEqual({ items: [], nextCursor: null });
    expect((await get(`/articles/${seedId('nobody')}/links`)).status).toBe(404);
  });
});

describe('GET /links', () => {
  it('finds every article linking to a URL, given in another spelling of it', async () => {
    const target = sharedTarget(2);
    const expected = records
      .filter((r) => r.links.some((link) => link.url === target))
      .map((r) => ({ articleId: r.id, ...pick(r.links.find((link) => link.url === target)) }))
      .sort((a, b) => (a.articleId < b.articleId ? -1 : 1));
    expect(expected.length).toBeGreaterThan(3);
    const spelled = target.replace('https://example.org', 'HTTPS://EXAMPLE.org');
    const items = await pageAll(`/links?url=${encodeURIComponent(spelled)}`, 2);
    expect(items).toEqual(expected);
  });

  it('returns an empty page for a URL nobody links to', async () => {
    expect(await getPage(`/links?url=${encodeURIComponent('https://nowhere.example/')}`)).toEqual({
      items: [],
      nextCursor: null,
    });
  });
});

function pick(link: ArticleRecord['links'][number] | undefined): { text: string; kind: string } {
  if (link === undefined) throw new Error('no link');
  return { text: link.text, kind: link.kind };
}

describe('errors', () => {
  it.each([
    '/articles?limit=0',
    '/articles?limit=101',
    '/articles?limit=abc',
    '/articles?limit=1.5',
    '/articles?limit=',
    '/articles?from=2017-13-01',
    '/articles?from=2017-02-30',
    '/articles?to=yesterday',
    '/articles?from=2020-01-02&to=2020-01-01',
    '/articles?language=arabic',
    '/articles?status=deleted',
    `/articles/${seedId('0')}/links?limit=500`,
    '/links',
    '/links?url=',
    '/links?url=not%20a%20url',
    '/links?url=https://example.org/&limit=-1',
  ])('answers 400 INVALID_PARAMETER to %s', async (path) => {
    const reply = await get(path);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: { code: 'INVALID_PARAMETER', message: expect.any(String) } });
  });

  it('ignores unknown parameters', async () => {
    const reply = await get('/articles?limit=3&colour=blue&utm_source=x');
    expect(reply.status).toBe(200);
    expect((reply.body as PageBody).items).toHaveLength(3);
  });

  it.each([
    ['POST', '/articles'],
    ['DELETE', `/articles/${seedId('0')}`],
    ['GET', '/'],
    ['GET', '/nothing'],
    ['GET', '/articles/'],
    ['GET', `/articles/${seedId('0')}/extra`],
    ['GET', '/openapi.yaml'],
  ])('answers %s %s as API Gateway does: 404 {"message":"Not Found"}', async (method, path) => {
    const reply = await get(path, {}, method);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ message: 'Not Found' });
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const reply = await get('/articles?limit=1', { origin: 'https://evil.example' });
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('cursors', () => {
  const invalidCursor = { error: { code: 'INVALID_CURSOR', message: expect.any(String) } };
  let cursor = '';

  beforeAll(async () => {
    cursor = (await getPage('/articles?limit=5&language=ar')).nextCursor ?? '';
    expect(cursor).not.toBe('');
  });

  const expectInvalid = async (path: string): Promise<void> => {
    const reply = await get(path);
    expect(reply.status, path).toBe(400);
    expect(reply.body).toEqual(invalidCursor);
  };

  it('accepts its own cursor, with any page size', async () => {
    const reply = await get(`/articles?limit=9&language=ar&cursor=${encodeURIComponent(cursor)}`);
    expect(reply.status).toBe(200);
  });

  it('rejects a cursor with any single character changed', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let index = 0; index < cursor.length; index += 1) {
      const original = cursor[index] ?? '';
      if (original === '.') continue;
      const replacement = alphabet[(alphabet.indexOf(original) + 1) % alphabet.length] ?? 'A';
      const edited = `${cursor.slice(0, index)}${replacement}${cursor.slice(index + 1)}`;
      await expectInvalid(`/articles?language=ar&cursor=${encodeURIComponent(edited)}`);
    }
  });

  it('rejects truncated, padded, empty-signature and garbage cursors', async () => {
    for (const bad of [
      cursor.slice(0, -1),
      cursor.slice(0, cursor.indexOf('.')),
      cursor.slice(1),
      `${cursor}A`,
      `${cursor}.x`,
      'garbage',
      '%%%',
      'x'.repeat(5000),
    ]) {
      await expectInvalid(`/articles?language=ar&cursor=${encodeURIComponent(bad)}`);
    }
  });

  it('rejects a cursor used with other filters or on another route', async () => {
    const encoded = encodeURIComponent(cursor);
    await expectInvalid(`/articles?cursor=${encoded}`);
    await expectInvalid(`/articles?language=en&cursor=${encoded}`);
    await expectInvalid(`/articles?language=ar&status=processed&cursor=${encoded}`);
    await expectInvalid(`/articles/${records[0]?.id ?? ''}/links?cursor=${encoded}`);
    await expectInvalid(`/links?url=${encodeURIComponent(sharedTarget(1))}&cursor=${encoded}`);
  });

  it("rejects a links cursor on another article's links", async () => {
    const withLinks = records.filter((r) => r.links.length === 4);
    const first = await getPage(`/articles/${withLinks[0]?.id ?? ''}/links?limit=1`);
    await expectInvalid(
      `/articles/${withLinks[1]?.id ?? ''}/links?cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
    );
  });

  it('rejects a well-formed cursor signed with another key', async () => {
    const foreign = createCursorCodec('another-key-entirely-0123456789').encode(
      cursor,
      'GET /articles {"from":null,"to":null,"language":"ar","status":null}',
    );
    await expectInvalid(`/articles?language=ar&cursor=${encodeURIComponent(foreign)}`);
  });

  it('keeps working across handler instances sharing the key', async () => {
    const codec = createCursorCodec(CURSOR_KEY);
    const binding = 'GET /articles {"from":null,"to":null,"language":"ar","status":null}';
    const position = codec.decode(cursor, binding);
    expect(codec.encode(position, binding)).toBe(cursor);
  });
});

describe('DynamoDB requests per call', () => {
  const requestsFor = async (path: string): Promise<number> => {
    const before = dynamoRequests;
    expect((await get(path)).status, path).toBe(200);
    return dynamoRequests - before;
  };

  it('reads a record with its links in one request', async () => {
    const record = records.find((r) => r.links.length === 4);
    expect(await requestsFor(`/articles/${record?.id ?? ''}`)).toBe(1);
    expect(await requestsFor(`/articles/${record?.id ?? ''}/links`)).toBe(1);
  });

  it('serves a page with one request per partition (each shard) of the years it spans, once the year list is cached', async () => {
    // The shards of a year are read in parallel: one round trip per year, one request per shard.
    const perYear = indexShardsToRead().length;
    await get('/articles?limit=1');
    expect(await requestsFor('/articles?limit=20')).toBeLessThanOrEqual(2 * perYear);
    const first = await getPage('/articles?limit=20&language=ar');
    const path = `/articles?limit=20&language=ar&cursor=${encodeURIComponent(first.nextCursor ?? '')}`;
    const second = await getPage(path);
    const years = new Set(
      second.items.map((item) => {
        const record = records.find((r) => r.id === item.id);
        return record === undefined ? '' : timelineDay(record).slice(0, 4);
      }),
    );
    // The next year is read too when the page ends where its year does (to know if a page follows).
    expect(await requestsFor(path)).toBeLessThanOrEqual((years.size + 1) * perYear);
  });
});
