import { type DynamoDBDocumentClient, GetCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ArticleLink } from '../article/article-record.js';
import {
  type ArticleQueries,
  type ArticleSummary,
  type Backlink,
  InvalidPagePositionError,
  type ListArticlesQuery,
  MAX_PAGE_JSON_BYTES,
  type Page,
  type StoredArticle,
} from '../ports/article-queries.js';
import * as z from '../validation/zod.js';
import {
  type DynamoItem,
  isTombstoneItem,
  itemContentKey,
  itemToBacklink,
  itemToLink,
  itemToRecord,
  itemToSummary,
} from './dynamodb-items.js';
import {
  ARTICLE_SK,
  articlePk,
  backlinkPk,
  INDEX_KEY_SHARDS,
  INDEXES,
  type IndexShard,
  indexShardsToRead,
  isLinkSk,
  LINK_SK_PREFIX,
  languagePk,
  META_PK,
  parseBacklinkSk,
  parseTimelineSortKey,
  statusPk,
  TABLE_KEYS,
  timelinePk,
  YEARS_SK,
} from './dynamodb-keys.js';
import { DynamoDbRequests } from './dynamodb-requests.js';
import { mergeShardsDescending, shardPageSize } from './dynamodb-sharded-query.js';

export interface DynamoDbArticleQueriesOptions {
  readonly tableName: string;
  /** How long the list of year partitions is reused before it is read again. */
  readonly yearsTtlMs?: number;
  readonly now?: () => number;
  /** Bytes of JSON a page's items may take (`MAX_PAGE_JSON_BYTES`; smaller in tests). */
  readonly maxPageBytes?: number;
}

type TimelineIndex = (typeof INDEXES)['timeline' | 'language' | 'status'];

// The highest possible link sort key: '~' sorts after every digit.
const LAST_LINK_SK = `${LINK_SK_PREFIX}~`;
const yearsItemSchema = z.object({
  years: z.optional(z.union([z.set(z.string()), z.array(z.string())])),
});

/**
 * The read side of the article table. Every call is a GetItem or Query on the key design of
 * `dynamodb-keys.ts`, never a Scan: a record with its links is one Query on its partition, a
 * page of the timeline is one Query per shard of each year it touches (the shards in parallel,
 * merged in order; newest year first), links and backlinks are one Query each. Pages read one item past the limit so that `next` is null
 * exactly on the last page.
 *
 * @example
 * const queries = new DynamoDbArticleQueries(documents, { tableName: 'articles' });
 * const page = await queries.listArticles({ limit: 20, after: null, from: null, to: null, language: 'ar', status: null });
 */
/** The article item of a stored record: not missing, and not the tombstone of a deleted key. */
const isRecordItem = (item: DynamoItem | undefined): item is DynamoItem =>
  item !== undefined && item[TABLE_KEYS.sk] === ARTICLE_SK && !isTombstoneItem(item);

export class DynamoDbArticleQueries implements ArticleQueries {
  readonly #requests: DynamoDbRequests;
  readonly #yearsTtlMs: number;
  readonly #now: () => number;
  readonly #maxPageBytes: number;
  #years: { readonly at: number; readonly years: Promise<readonly string[]> } | null = null;

  constructor(client: DynamoDBDocumentClient, options: DynamoDbArticleQueriesOptions) {
    this.#requests = new DynamoDbRequests(client, options.tableName);
    this.#yearsTtlMs = options.yearsTtlMs ?? 10_000;
    this.#now = options.now ?? Date.now;
    this.#maxPageBytes = options.maxPageBytes ?? MAX_PAGE_JSON_BYTES;
  }

  async getArticle(id: string, maxLinks: number): Promise<StoredArticle | null> {
    // The article item ('A') sorts before its link items ('L#…'), so one Query returns the record
    // and its first links in document order. A deleted key's article item is its tombstone.
    const items = await this.#collect(
      {
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#sk': TABLE_KEYS.sk },
        ExpressionAttributeValues: { ':pk': articlePk(id), ':first': ARTICLE_SK, ':last': LAST_LINK_SK },
      },
      maxLinks + 1,
    );
    const [article, ...linkItems] = items;
    if (!isRecordItem(article)) return null;
    const bare = itemToRecord(article, []);
    const links = takeWithin(linkItems.map(itemToLink), this.#maxPageBytes - jsonBytes(bare), 0);
    const { linkCount } = itemToSummary(article);
    return { record: { ...bare, links }, linkCount, contentKey: itemContentKey(article) };
  }

  async listLinks(articleId: string, limit: number, after: string | null): Promise<Page<ArticleLink> | null> {
    if (after !== null && !isLinkSk(after)) throw new InvalidPagePositionError('bad link position');
    const pk = articlePk(articleId);
    const items = await this.#collect(
      {
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
        ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#sk': TABLE_KEYS.sk },
        ExpressionAttributeValues: { ':pk': pk, ':first': ARTICLE_SK, ':last': LAST_LINK_SK },
        ...(after === null ? {} : { ExclusiveStartKey: { [TABLE_KEYS.pk]: pk, [TABLE_KEYS.sk]: after } }),
      },
      // The first page also reads the article item, to tell "no links" from "no article".
      after === null ? limit + 2 : limit + 1,
    );
    let linkItems = items;
    if (after === null) {
      const [article, ...rest] = items;
      if (!isRecordItem(article)) return null;
      linkItems = rest;
    }
    return pageOf(linkItems, limit, this.#maxPageBytes, itemToLink, (item) => String(item[TABLE_KEYS.sk]));
  }

  async listBacklinks(normalizedUrl: string, limit: number, after: string | null): Promise<Page<Backlink>> {
    const index = INDEXES.backlinks;
    const pk = backlinkPk(normalizedUrl);
    let exclusiveStartKey: DynamoItem | undefined;
    if (after !== null) {
      const link = parseBacklinkSk(after);
      if (link === null) throw new InvalidPagePositionError('bad backlink position');
      exclusiveStartKey = {
        [index.pk]: pk,
        [index.sk]: after,
        [TABLE_KEYS.pk]: articlePk(link.articleId),
        [TABLE_KEYS.sk]: link.linkSk,
      };
    }
    const items = await this.#collect(
      {
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.pk },
        ExpressionAttributeValues: { ':pk': pk },
        ...(exclusiveStartKey === undefined ? {} : { ExclusiveStartKey: exclusiveStartKey }),
      },
      limit + 1,
    );
    return pageOf(items, limit, this.#maxPageBytes, itemToBacklink, (item) => String(item[index.sk]));
  }

  async listArticles(query: ListArticlesQuery): Promise<Page<ArticleSummary>> {
    const index: TimelineIndex =
      query.language !== null ? INDEXES.language : query.status !== null ? INDEXES.status : INDEXES.timeline;
    const partitionOf = (year: string, shard: IndexShard): string =>
      query.language !== null
        ? languagePk(query.language, year, shard)
        : query.status !== null
          ? statusPk(query.status, year, shard)
          : timelinePk(year, shard);
    // Language and status together: the language index, the status as a filter.
    const statusFilter = query.language !== null && query.status !== null ? query.status : null;

    let afterYear: string | null = null;
    if (query.after !== null) {
      const position = parseTimelineSortKey(query.after);
      if (position === null) throw new InvalidPagePositionError('bad timeline position');
      afterYear = position.year;
    }
    const fromYear = query.from?.slice(0, 4) ?? null;
    const toYear = query.to?.slice(0, 4) ?? null;
    const years = (await this.#yearsNewestFirst()).filter(
      (year) =>
        (fromYear === null || year >= fromYear) &&
        (toYear === null || year <= toYear) &&
        (afterYear === null || year <= afterYear),
    );
    // Instants start with the date, and 'T~' sorts after every time of that day.
    const toBound = query.to === null ? null : `${query.to}T~`;
    const shards = indexShardsToRead();

    const matches: DynamoItem[] = [];
    for (const year of years) {
      const want = query.limit + 1 - matches.length;
      if (want <= 0) break;
      // The page position is the last sort key returned; sort keys are unique (they end with the
      // id), so "after it" is "up to it, without it" in every shard, whichever holds it.
      const after = afterYear === year ? query.after : null;
      const upper = after !== null && (toBound === null || after < toBound) ? after : toBound;
      if (query.from !== null && upper !== null && query.from > upper) continue;
      const names: Record<string, string> = { '#pk': index.pk };
      const values: Record<string, unknown> = {};
      let range = '';
      if (query.from !== null) values[':from'] = query.from;
      if (upper !== null) values[':upper'] = upper;
      if (query.from !== null && upper !== null) range = ' AND #sk BETWEEN :from AND :upper';
      else if (query.from !== null) range = ' AND #sk >= :from';
      else if (upper !== null) range = ' AND #sk <= :upper';
      if (range !== '') names['#sk'] = index.sk;
      if (statusFilter !== null) {
        names['#status'] = 'status';
        values[':status'] = statusFilter;
      }
      const read = want + (after === null ? 0 : 1);
      const items = await mergeShardsDescending(
        (input) => this.#requests.query(input),
        shards.map((shard) => ({
          input: {
            IndexName: index.name,
            KeyConditionExpression: `#pk = :pk${range}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ...values, ':pk': partitionOf(year, shard) },
            ScanIndexForward: false,
            ...(statusFilter === null ? {} : { FilterExpression: '#status = :status' }),
          },
          // Records not yet migrated may all sit on the unsharded key: read it like one partition.
          firstPage: shard === null ? read : shardPageSize(read, INDEX_KEY_SHARDS),
        })),
        read,
        (item) => String(item[index.sk]),
      );
      matches.push(...items.filter((item) => item[index.sk] !== after).slice(0, want));
    }
    return pageOf(matches, query.limit, this.#maxPageBytes, itemToSummary, (item) => String(item[index.sk]));
  }

  /** Reads pages of a Query until `want` items are in hand or the key range is exhausted. */
  async #collect(input: Omit<QueryCommandInput, 'TableName'>, want: number): Promise<DynamoItem[]> {
    const items: DynamoItem[] = [];
    let startKey = input.ExclusiveStartKey;
    do {
      const remaining = want - items.length;
      // With a filter, Limit counts items read before filtering: read ahead in bigger steps.
      const pageLimit = Number.isFinite(remaining)
        ? input.FilterExpression === undefined
          ? remaining
          : Math.max(remaining * 4, 50)
        : undefined;
      const output = await this.#requests.query({
        ...input,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
        ...(pageLimit === undefined ? {} : { Limit: pageLimit }),
      });
      for (const item of output.Items ?? []) {
        if (items.length < want) items.push(item);
      }
      startKey = output.LastEvaluatedKey;
    } while (startKey !== undefined && items.length < want);
    return items;
  }

  async #yearsNewestFirst(): Promise<readonly string[]> {
    const now = this.#now();
    if (this.#years === null || now - this.#years.at > this.#yearsTtlMs) {
      const years = this.#readYears();
      this.#years = { at: now, years };
      // A failed read is not cached: the next request tries again.
      years.catch(() => {
        if (this.#years?.years === years) this.#years = null;
      });
    }
    return this.#years.years;
  }

  async #readYears(): Promise<readonly string[]> {
    const { documents, tableName } = this.#requests;
    const output = await this.#requests.call('GetItem years', () =>
      documents.send(
        new GetCommand({
          TableName: tableName,
          Key: { [TABLE_KEYS.pk]: META_PK, [TABLE_KEYS.sk]: YEARS_SK },
        }),
      ),
    );
    const years = yearsItemSchema.parse(output.Item ?? {}).years ?? [];
    return [...years].sort().reverse();
  }
}

function pageOf<T>(
  items: readonly DynamoItem[],
  limit: number,
  maxBytes: number,
  toValue: (item: DynamoItem) => T,
  positionOf: (item: DynamoItem) => string,
): Page<T> {
  const kept = takeWithin(items.slice(0, limit).map(toValue), maxBytes, 1);
  const last = items[kept.length - 1];
  return {
    items: kept,
    next: items.length > kept.length && last !== undefined ? positionOf(last) : null,
  };
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** The leading values whose JSON (with a separator each) fits `maxBytes`, and at least `atLeast`. */
function takeWithin<T>(values: readonly T[], maxBytes: number, atLeast: number): T[] {
  const kept: T[] = [];
  let bytes = 0;
  for (const value of values) {
    bytes += jsonBytes(value) + 1;
    if (bytes > maxBytes && kept.length >= atLeast) break;
    kept.push(value);
  }
  return kept;
}
