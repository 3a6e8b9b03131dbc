import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbArticleQueries } from '../../lib/adapters/dynamodb-article-queries.js';
import { recordToItem } from '../../lib/adapters/dynamodb-items.js';
import {
  INDEX_KEY_SHARDS,
  INDEXES,
  languagePk,
  META_PK,
  shardOf,
  statusPk,
  timelinePk,
  YEARS_SK,
} from '../../lib/adapters/dynamodb-keys.js';
import type { ArticleRecord } from '../../lib/article/article-record.js';
import type { ListArticlesQuery } from '../../lib/ports/article-queries.js';
import { type Emulators, startEmulators } from './emulators.js';
import { makeRecord, newestFirst, seedArticles, timelineDay, timelineKey } from './read-api-seed.js';

/** 150 records in one busy year (every shard holds many) and a few in the year before. */
const busyYear = (i: number): ArticleRecord =>
  makeRecord(i, {
    publishedAt: `2019-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00:00Z`,
  });
const records: ArticleRecord[] = [
  ...Array.from({ length: 150 }, (_, i) => busyYear(i)),
  ...Array.from({ length: 10 }, (_, i) =>
    makeRecord(200 + i, { publishedAt: `2018-06-${String(i + 1).padStart(2, '0')}` }),
  ),
];
/** Records as ingest wrote them before sharding: on the unsharded keys, until reprocessed. */
const unmigrated = Array.from({ length: 12 }, (_, i) => busyYear(300 + i));

let emulators: Emulators;
let queries: DynamoDbArticleQueries;

beforeAll(async () => {
  emulators = await startEmulators();
  await seedArticles(
    emulators,
    records.map((record) => ({ record, content: null })),
  );
  for (const record of unmigrated) {
    const item = recordToItem({ record, contentKey: null, normalizedTitle: null });
    const year = '2019';
    item[INDEXES.timeline.pk] = timelinePk(year, null);
    item[INDEXES.status.pk] = statusPk(record.status, year, null);
    if (record.language !== null) item[INDEXES.language.pk] = languagePk(record.language, year, null);
    await emulators.documents.send(new PutCommand({ TableName: emulators.tableName, Item: item }));
  }
  await emulators.documents.send(
    new PutCommand({
      TableName: emulators.tableName,
      Item: { PK: META_PK, SK: YEARS_SK, years: new Set(['2018', '2019']) },
    }),
  );
  queries = new DynamoDbArticleQueries(emulators.documents, { tableName: emulators.tableName });
}, 120_000);

afterAll(async () => {
  await emulators?.stop();
});

const everything = [...records, ...unmigrated];
const query = (overrides: Partial<ListArticlesQuery> = {}): ListArticlesQuery => ({
  limit: 7,
  after: null,
  from: null,
  to: null,
  language: null,
  status: null,
  ...overrides,
});

/** Every page of a listing, following each page's position. */
async function walk(base: ListArticlesQuery): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page += 1) {
    const result = await queries.listArticles({ ...base, after });
    ids.push(...result.items.map((item) => item.id));
    if (result.next === null) return ids;
    after = result.next;
  }
  throw new Error('the listing never ended');
}

describe('a write-sharded timeline', () => {
  it('spreads one year over every shard', () => {
    expect(new Set(records.slice(0, 150).map((record) => shardOf(record.id))).size).toBe(INDEX_KEY_SHARDS);
  });

  it('lists all shards, and records not yet migrated, in one newest-first order across pages', async () => {
    expect(await walk(query())).toEqual(newestFirst(everything).map((record) => record.id));
  });

  it('merges in order with every filter', async () => {
    const cases: [Partial<ListArticlesQuery>, (record: ArticleRecord) => boolean][] = [
      [{ language: 'ar' }, (r) => r.language === 'ar'],
      [{ status: 'rejected' }, (r) => r.status === 'rejected'],
      [{ language: 'ar', status: 'processed' }, (r) => r.language === 'ar' && r.status === 'processed'],
      [
        { from: '2019-03-01', to: '2019-09-30' },
        (r) => timelineDay(r) >= '2019-03-01' && timelineDay(r) <= '2019-09-30',
      ],
      [{ from: '2018-06-05' }, (r) => timelineDay(r) >= '2018-06-05'],
    ];
    for (const [filters, keep] of cases) {
      const expected = newestFirst(everything.filter(keep)).map((record) => record.id);
      expect(await walk(query({ ...filters, limit: 11 })), JSON.stringify(filters)).toEqual(expected);
    }
  });

  it('continues from any position, whichever shard holds it, as an unsharded read would', async () => {
    const ordered = newestFirst(everything);
    for (const at of [0, 5, 37, 149, 150, ordered.length - 2]) {
      const position = ordered[at];
      if (position === undefined) throw new Error('no record there');
      const page = await queries.listArticles(query({ after: timelineKey(position), limit: 9 }));
      expect(page.items.map((item) => item.id)).toEqual(ordered.slice(at + 1, at + 10).map((r) => r.id));
    }
  });

  it('continues from the position of a record deleted since the page was served', async () => {
    const ordered = newestFirst(everything);
    const gone = makeRecord(999, { publishedAt: '2019-06-15T12:30:00Z' });
    const position = timelineKey(gone);
    const page = await queries.listArticles(query({ after: position, limit: 5 }));
    const expected = ordered.filter((record) => timelineKey(record) < position).slice(0, 5);
    expect(page.items.map((item) => item.id)).toEqual(expected.map((r) => r.id));
  });
});
