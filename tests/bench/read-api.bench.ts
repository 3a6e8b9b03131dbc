/**
 * Read API under load, locally: 10,000 records in the DynamoDB emulator, the real handler behind
 * the local HTTP API server, 32 concurrent connections (autocannon). Baseline in the same run: a
 * raw GetItem loop at the same concurrency against the same emulator, so the ratio shows what the
 * API (HTTP, routing, validation, mapping, ETag) costs on top of the store. Also DynamoDB requests
 * per API call, counted on the client the handler uses. Then the mixed load: 50 connections for
 * 30 s (READ_API_MIX_SECONDS) over list, record, links and backlinks requests, beside bare GetItems
 * at the same concurrency with their own p50 and p99: no request may fail or answer non-2xx.
 */
import { createRequire } from 'node:module';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HttpRequest } from '@smithy/types';
import { createReadApiHandler } from '../../functions/shared/read-api-app.js';
import { DynamoDbArticleQueries } from '../../lib/adapters/dynamodb-article-queries.js';
import { type DynamoItem, linkToItem, recordToItem } from '../../lib/adapters/dynamodb-items.js';
import {
  ARTICLE_SK,
  articlePk,
  indexShardsToRead,
  META_PK,
  TABLE_KEYS,
  timelineInstant,
  YEARS_SK,
  yearOf,
} from '../../lib/adapters/dynamodb-keys.js';
import { S3ContentStore } from '../../lib/adapters/s3-content-store.js';
import { createCursorCodec } from '../../lib/api/cursor-codec.js';
import { createReadApiService } from '../../lib/api/read-api-service.js';
import { type RunningHttpApi, startHttpApi } from '../../local/http-api-server.js';
import { startEmulators } from '../integration/emulators.js';
import { makeRecord, sharedTarget } from '../integration/read-api-seed.js';
import type { BenchRow } from './bench-kit.js';

const RECORDS = 10_000;
const CONNECTIONS = 32;
const DURATION_S = 5;
/** The mixed load of issue 15: list, record, links and backlinks requests together. */
const MIX_CONNECTIONS = 50;
const MIX_DURATION_S = Number(process.env.READ_API_MIX_SECONDS ?? 30);
const SUITE = 'read-api';
const shardsPerYear = indexShardsToRead().length;

interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p99: number;
}
interface AutocannonResult {
  readonly requests: Histogram;
  readonly latency: Histogram;
  readonly non2xx: number;
  readonly errors: number;
}
interface AutocannonRequest {
  readonly method?: string;
  readonly path?: string;
  readonly setupRequest?: (request: { path: string }) => { path: string };
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests?: readonly AutocannonRequest[];
}) => Promise<AutocannonResult>;
// autocannon ships no types; these are the members its README documents.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function load(documents: DynamoDBDocumentClient, tableName: string): Promise<string[]> {
  const items: DynamoItem[] = [];
  const ids: string[] = [];
  const years = new Set<string>();
  for (let i = 0; i < RECORDS; i += 1) {
    const record = makeRecord(i);
    ids.push(record.id);
    const item = recordToItem({ record, contentKey: null, normalizedTitle: null });
    years.add(yearOf(timelineInstant(record.publishedAt, record.processedAt)));
    items.push(item);
    record.links.forEach((link, index) => {
      items.push(linkToItem({ articleId: record.id, index, link, sequencer: null, referenceKey: null }));
    });
  }
  const batches: DynamoItem[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const worker = async (): Promise<void> => {
    for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
      let pending: DynamoItem[] = batch;
      while (pending.length > 0) {
        const output = await documents.send(
          new BatchWriteCommand({
            RequestItems: { [tableName]: pending.map((Item) => ({ PutRequest: { Item } })) },
          }),
        );
        pending = (output.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
          request.PutRequest?.Item === undefined ? [] : [request.PutRequest.Item],
        );
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await documents.send(
    new PutCommand({
      TableName: tableName,
      Item: { [TABLE_KEYS.pk]: META_PK, [TABLE_KEYS.sk]: YEARS_SK, years },
    }),
  );
  return ids;
}

const pick = (ids: readonly string[], n: number): string => ids[n % ids.length] ?? '';

export async function bench(): Promise<BenchRow[]> {
  const emulators = await startEmulators();
  let api: RunningHttpApi | undefined;
  try {
    const client = emulators.makeDynamoClient();
    let dynamoRequests = 0;
    client.middlewareStack.add(
      (next) => async (args) => {
        if ((args.request as HttpRequest).headers['x-amz-target'] !== undefined) dynamoRequests += 1;
        return next(args);
      },
      { step: 'finalizeRequest', name: 'countDynamoRequests' },
    );
    const documents = DynamoDBDocumentClient.from(client);
    const loadStart = performance.now();
    const ids = await load(emulators.documents, emulators.tableName);
    const loadMs = performance.now() - loadStart;

    const service = createReadApiService({
      queries: new DynamoDbArticleQueries(documents, { tableName: emulators.tableName }),
      contents: new S3ContentStore(emulators.s3, emulators.contentBucket),
      cursors: async () => createCursorCodec('bench-cursor-key-0123456789abcdef'),
    });
    const handler = createReadApiHandler({ service, corsOrigins: [], logError: () => {} });
    api = await startHttpApi({ port: 0, host: '127.0.0.1', handler });
    const base = `http://127.0.0.1:${api.port}`;

    // DynamoDB requests per API call, sequentially, after the years cache is warm.
    const perCall = async (paths: readonly string[]): Promise<number> => {
      await fetch(`${base}/articles?limit=1`);
      dynamoRequests = 0;
      for (const path of paths) {
        const response = await fetch(`${base}${path}`);
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        await response.arrayBuffer();
      }
      return dynamoRequests / paths.length;
    };
    const recordPaths = Array.from({ length: 200 }, (_, n) => `/articles/${pick(ids, n * 37)}`);
    const pagePaths: string[] = [];
    for (const filter of ['', '&language=ar', '&status=rejected', '&language=en&status=processed']) {
      let cursor: string | null = null;
      for (let page = 0; page < 25; page += 1) {
        const path: string = `/articles?limit=20${filter}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
        pagePaths.push(path);
        const body = (await (await fetch(`${base}${path}`)).json()) as { nextCursor: string | null };
        cursor = body.nextCursor;
        if (cursor === null) break;
      }
    }
    const recordRequests = await perCall(recordPaths);
    const pageRequests = await perCall(pagePaths);

    // Baseline: the store alone, same concurrency, same duration.
    const raw = emulators.makeDynamoClient();
    // Bare GetItems of random records from `connections` workers for `seconds`: their latencies.
    const rawGetItems = async (connections: number, seconds: number): Promise<number[]> => {
      const latencies: number[] = [];
      const deadline = performance.now() + seconds * 1_000;
      await Promise.all(
        Array.from({ length: connections }, async (_, worker) => {
          for (let n = worker; performance.now() < deadline; n += connections) {
            const start = performance.now();
            await raw.send(
              new GetItemCommand({
                TableName: emulators.tableName,
                Key: {
                  [TABLE_KEYS.pk]: { S: articlePk(pick(ids, n * 37)) },
                  [TABLE_KEYS.sk]: { S: ARTICLE_SK },
                },
              }),
            );
            latencies.push(performance.now() - start);
          }
        }),
      );
      return latencies.sort((a, b) => a - b);
    };
    const rawPerSecond = (await rawGetItems(CONNECTIONS, DURATION_S)).length / DURATION_S;

    let next = 0;
    const records = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [
        {
          setupRequest: (request) => {
            next += 37;
            return { ...request, path: `/articles/${pick(ids, next)}` };
          },
        },
      ],
    });
    const pages = await autocannon({
      url: `${base}/articles?limit=20`,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    for (const [name, result] of [
      ['record', records],
      ['page', pages],
    ] as const) {
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      }
    }

    // The mixed load: each request picks list (with a filter now and then), record, links or
    // backlinks in turn, 50 connections for 30 s; baseline: bare GetItems at the same
    // concurrency for the same time, with their own latency percentiles.
    const mixPaths = (n: number): string => {
      const id = pick(ids, n * 37);
      switch (n % 4) {
        case 0:
          return n % 8 === 0 ? '/articles?limit=20&language=ar' : '/articles?limit=20';
        case 1:
          return `/articles/${id}`;
        case 2:
          return `/articles/${id}/links?limit=20`;
        default:
          return `/links?url=${encodeURIComponent(sharedTarget(n % 6))}`;
      }
    };
    const rawLatencies = await rawGetItems(MIX_CONNECTIONS, MIX_DURATION_S);
    raw.destroy();
    const percentile = (q: number): number =>
      rawLatencies[Math.floor(q * (rawLatencies.length - 1))] ?? Number.NaN;
    let mixNext = 0;
    const mix = await autocannon({
      url: base,
      connections: MIX_CONNECTIONS,
      duration: MIX_DURATION_S,
      requests: [
        {
          setupRequest: (request) => {
            mixNext += 1;
            return { ...request, path: mixPaths(mixNext) };
          },
        },
      ],
    });
    const mixClean = mix.non2xx === 0 && mix.errors === 0;
    const mixRawBaseline = {
      name: `bare GetItem ×${MIX_CONNECTIONS}`,
      value: rawLatencies.length / MIX_DURATION_S,
    };

    const rawBaseline = { name: `raw GetItem ×${CONNECTIONS}`, value: rawPerSecond };
    return [
      { suite: SUITE, metric: `load ${RECORDS} records (BatchWrite)`, value: loadMs / 1_000, unit: 's' },
      {
        suite: SUITE,
        metric: `GET /articles/{id}, ${CONNECTIONS} connections`,
        value: records.requests.average,
        unit: 'req/s',
        baseline: rawBaseline,
      },
      { suite: SUITE, metric: 'GET /articles/{id} p50', value: records.latency.p50, unit: 'ms' },
      { suite: SUITE, metric: 'GET /articles/{id} p99', value: records.latency.p99, unit: 'ms' },
      {
        suite: SUITE,
        metric: `GET /articles?limit=20, ${CONNECTIONS} connections`,
        value: pages.requests.average,
        unit: 'req/s',
        baseline: rawBaseline,
      },
      { suite: SUITE, metric: 'GET /articles?limit=20 p50', value: pages.latency.p50, unit: 'ms' },
      { suite: SUITE, metric: 'GET /articles?limit=20 p99', value: pages.latency.p99, unit: 'ms' },
      {
        suite: SUITE,
        metric: `mix list/record/links/backlinks, ${MIX_CONNECTIONS} connections, ${MIX_DURATION_S} s`,
        value: mix.requests.average,
        unit: 'req/s',
        baseline: mixRawBaseline,
        target: 'no errors, no 5xx',
        met: mixClean,
      },
      {
        suite: SUITE,
        metric: 'mix p50',
        value: mix.latency.p50,
        unit: 'ms',
        baseline: { name: 'bare GetItem p50', value: percentile(0.5) },
      },
      {
        suite: SUITE,
        metric: 'mix p99',
        value: mix.latency.p99,
        unit: 'ms',
        baseline: { name: 'bare GetItem p99', value: percentile(0.99) },
      },
      { suite: SUITE, metric: 'mix non-2xx / errors', value: mix.non2xx + mix.errors, unit: 'responses' },
      {
        suite: SUITE,
        metric: 'DynamoDB requests per GET /articles/{id}',
        value: recordRequests,
        unit: 'requests',
        target: '1–2',
        met: recordRequests >= 1 && recordRequests <= 2,
      },
      {
        suite: SUITE,
        metric: `DynamoDB requests per page (${pagePaths.length} pages, 4 filters)`,
        value: pageRequests,
        unit: 'requests',
        // One per shard of each year the page touches, the shards of a year in parallel.
        target: `${shardsPerYear}–${2 * shardsPerYear} (${shardsPerYear} partitions a year, in parallel)`,
        met: pageRequests <= 2 * shardsPerYear,
      },
    ];
  } finally {
    await api?.close();
    await emulators.stop();
  }
}
