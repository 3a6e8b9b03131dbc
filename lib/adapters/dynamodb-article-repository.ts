import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type {
  AppliedState,
  ArticleRepository,
  DeleteResult,
  ReferenceLink,
  SaveArticleInput,
  SaveOutcome,
} from '../ports/article-repository.js';
import { TransientStoreError } from '../ports/store-errors.js';
import { errorName, toStoreError } from './aws-store-errors.js';
import {
  type DynamoItem,
  linkToItem,
  paddedSequencer,
  recordToItem,
  SEQ_ATTRIBUTE,
  tombstoneToItem,
} from './dynamodb-items.js';
import {
  ARTICLE_SK,
  articlePk,
  INDEXES,
  LINK_SK_PREFIX,
  linkSk,
  META_PK,
  TABLE_KEYS,
  TITLE_REGISTRY_SK,
  TTL_ATTRIBUTE,
  timelineInstant,
  titlePk,
  YEARS_SK,
  yearOf,
} from './dynamodb-keys.js';

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

export interface DynamoDbArticleRepositoryOptions {
  /** Days a tombstone is kept (DynamoDB TTL in AWS, `purgeExpiredTombstones` locally). */
  readonly tombstoneTtlDays: number;
  readonly now?: () => Date;
  /** Batch write requests in flight at once for one article. */
  readonly batchConcurrency?: number;
  /** Attempts per batch before giving up on `UnprocessedItems` (then the message is retried). */
  readonly maxBatchAttempts?: number;
  /** Base delay of the exponential backoff between batch attempts, in ms. */
  readonly backoffBaseMs?: number;
}

const BATCH_SIZE = 25;
/** Links stored per article: `L#00000`…`L#99999`. */
export const MAX_LINK_ITEMS = 100_000;
/** Sorts after every `L#<digits>` link key. */
const LINK_SK_END = `${LINK_SK_PREFIX}~`;

const versionItemSchema = z.object({
  seq: z.string(),
  normalizedTitle: z.string().nullable().optional(),
  deletedAt: z.string().optional(),
  deletedTitle: z.string().nullable().optional(),
  source: z
    .object({
      sequencer: z.string().nullable(),
      versionId: z.string().nullable(),
      etag: z.string().nullable(),
    })
    .optional(),
  sequencer: z.string().nullable().optional(),
});
type VersionItem = z.infer<typeof versionItemSchema>;

/** The article item (`A`) read as the applied version: a record, a tombstone, or neither. */
function versionsOf(item: DynamoItem | undefined): {
  article: VersionItem | null;
  tombstone: VersionItem | null;
} {
  if (item === undefined) return { article: null, tombstone: null };
  const version = versionItemSchema.parse(item);
  return version.deletedAt === undefined
    ? { article: version, tombstone: null }
    : { article: null, tombstone: version };
}

const referenceItemSchema = z.object({
  articleId: z.string(),
  index: z.number().int().nonnegative(),
  targetArticleId: z.string().nullable(),
});

const registryItemSchema = z.object({ PK: z.string(), articleId: z.string() });
const titleOwnerSchema = z.object({ PK: z.string(), normalizedTitle: z.string().nullable().optional() });

/** BatchGetItem reads at most 100 keys per request. */
const BATCH_GET_SIZE = 100;

const linkKeySchema = z.object({ PK: z.string(), SK: z.string(), seq: z.string().optional() });

const yearsItemSchema = z.object({ years: z.set(z.string()).optional() });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `task` over `items` with at most `limit` in flight; a few lines instead of a dependency. */
async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const isConditionFailure = (error: unknown): boolean =>
  errorName(error) === 'ConditionalCheckFailedException';

/**
 * The article table over DynamoDB, built from conditional single-item writes and batch writes
 * only (the local emulator has no transactions, and they cost twice as much in AWS).
 *
 * Write order of a save: stale link items deleted and new link items put (batches of 25), then the
 * article item put on the condition that no newer sequencer is applied: the article item is the
 * commit point, so a reader never sees the new record with the old links. A tombstone carries a
 * delete's sequencer so a late, older create cannot bring the record back.
 */
export class DynamoDbArticleRepository implements ArticleRepository {
  private readonly knownYears = new Set<string>();
  private readonly now: () => Date;
  private readonly batchConcurrency: number;
  private readonly maxBatchAttempts: number;
  private readonly backoffBaseMs: number;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: DynamoDbArticleRepositoryOptions,
  ) {
    this.now = options.now ?? ((): Date => new Date());
    this.batchConcurrency = options.batchConcurrency ?? 4;
    this.maxBatchAttempts = options.maxBatchAttempts ?? 10;
    this.backoffBaseMs = options.backoffBaseMs ?? 25;
  }

  async getAppliedState(id: string, titleKeys: readonly string[] = []): Promise<AppliedState> {
    const { article, tombstone, registeredTitles } =
      titleKeys.length === 0
        ? { ...(await this.readVersions(id)), registeredTitles: new Map<string, string>() }
        : await this.readVersionsAndTitles(id, titleKeys);
    return {
      article:
        article === null
          ? null
          : {
              sequencer: article.source?.sequencer ?? null,
              versionId: article.source?.versionId ?? null,
              etag: article.source?.etag ?? null,
              normalizedTitle: article.normalizedTitle ?? null,
            },
      tombstone: tombstone === null ? null : { sequencer: tombstone.sequencer ?? null },
      registeredTitles,
    };
  }

  async saveArticle(input: SaveArticleInput): Promise<SaveOutcome> {
    // Link keys have five digits: past 100,000 links their order (and the stale-link range) breaks.
    const record =
      input.record.links.length > MAX_LINK_ITEMS
        ? { ...input.record, links: input.record.links.slice(0, MAX_LINK_ITEMS) }
        : input.record;
    const seq = paddedSequencer(record.source.sequencer);
    const pk = articlePk(record.id);
    // A key never seen (no record, no tombstone) has no older link set to look for. Reprocessing
    // looks all the same: it repairs keys whose events failed, and no retry of theirs will.
    const noPreviousItem =
      input.previous.article === null && input.previous.tombstone === null && !input.replaceSameSequencer;
    const staleLinks = noPreviousItem
      ? []
      : await this.queryKeys({
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#sk': TABLE_KEYS.sk },
          ExpressionAttributeValues: {
            ':pk': pk,
            ':from': linkSk(record.links.length),
            ':to': LINK_SK_END,
          },
        });
    const writes: WriteRequest[] = [
      ...staleLinks.map((key): WriteRequest => ({ DeleteRequest: { Key: { PK: key.PK, SK: key.SK } } })),
      ...record.links.map(
        (link, index): WriteRequest => ({
          PutRequest: {
            Item: linkToItem({
              articleId: record.id,
              index,
              link,
              sequencer: record.source.sequencer,
              referenceKey: input.referenceKeys.get(index) ?? null,
            }),
          },
        }),
      ),
    ];
    if (input.registerTitle === true && input.normalizedTitle !== null) {
      // Rides in the link batches: free unless the link count is a multiple of 25.
      writes.push({
        PutRequest: {
          Item: {
            [TABLE_KEYS.pk]: titlePk(input.normalizedTitle),
            [TABLE_KEYS.sk]: TITLE_REGISTRY_SK,
            articleId: record.id,
          },
        },
      });
    }
    await this.batchWrite(writes);

    const committed = await this.conditional('PutItem article', () =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: recordToItem({ ...input, record }),
          ConditionExpression: `attribute_not_exists(#pk) OR #seq ${input.replaceSameSequencer ? '<=' : '<'} :seq`,
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#seq': SEQ_ATTRIBUTE },
          ExpressionAttributeValues: { ':seq': seq },
        }),
      ),
    );
    if (!committed) {
      const after = await this.readVersions(record.id);
      if (after.article?.seq === seq) return 'duplicate';
      if (after.tombstone !== null && after.tombstone.seq > seq) {
        // A newer delete landed after the precheck: the links written above belong to no record.
        await this.deleteLinksOlderThan(record.id, after.tombstone.seq);
        return 'stale';
      }
      return 'conflict';
    }
    // No second read for a delete that raced this write: a tombstone takes the article item's own
    // key, so the commit condition above already refused to overwrite a newer delete.
    await this.rememberYear(yearOf(timelineInstant(record.publishedAt, record.processedAt)));
    return 'saved';
  }

  async deleteArticle(id: string, sequencer: string | null): Promise<DeleteResult> {
    const seq = paddedSequencer(sequencer);
    const { article, tombstone } = await this.readVersions(id);
    if (article !== null && article.seq >= seq) return { outcome: 'stale', normalizedTitle: null };
    if (tombstone !== null && tombstone.seq > seq) return { outcome: 'stale', normalizedTitle: null };
    // A redelivered delete skips the tombstone and finishes whatever a failed attempt left behind.
    const redelivered = tombstone !== null && tombstone.seq === seq;
    let removed: VersionItem | null = null;
    if (!redelivered) {
      const now = this.now();
      // One conditional write replaces the record with its tombstone: there is no moment when
      // neither exists, and the old record comes back for the cleanup below.
      let old: Record<string, unknown> | undefined;
      try {
        const response = await this.documents.send(
          new PutCommand({
            TableName: this.tableName,
            Item: tombstoneToItem({
              articleId: id,
              sequencer,
              deletedAt: now.toISOString(),
              expiresAt: Math.floor(now.getTime() / 1000) + this.options.tombstoneTtlDays * 86_400,
              normalizedTitle: article?.normalizedTitle ?? null,
            }),
            ConditionExpression: 'attribute_not_exists(#pk) OR #seq < :seq',
            ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#seq': SEQ_ATTRIBUTE },
            ExpressionAttributeValues: { ':seq': seq },
            ReturnValues: 'ALL_OLD',
          }),
        );
        old = response.Attributes;
      } catch (error: unknown) {
        if (isConditionFailure(error)) return { outcome: 'stale', normalizedTitle: null };
        throw toStoreError(error, `PutItem tombstone ${this.tableName}`);
      }
      const previous = old === undefined ? null : versionItemSchema.parse(old);
      removed = previous === null || previous.deletedAt !== undefined ? null : previous;
    }

    // The removed record's links, and any left by an older write that never committed.
    await this.deleteLinksOlderThan(id, seq);
    return {
      outcome: removed !== null ? 'deleted' : redelivered ? 'duplicate' : 'absent',
      normalizedTitle: removed?.normalizedTitle ?? (redelivered ? (tombstone?.deletedTitle ?? null) : null),
    };
  }

  async findArticleByTitle(normalizedTitle: string): Promise<string | null> {
    const response = await this.call('Query titles', () =>
      this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.titles.name,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': INDEXES.titles.pk, '#sk': INDEXES.titles.sk },
          ExpressionAttributeValues: { ':pk': titlePk(normalizedTitle), ':prefix': 'A#' },
          Limit: 1,
        }),
      ),
    );
    const sk = response.Items?.[0]?.[INDEXES.titles.sk];
    return typeof sk === 'string' ? sk.slice(2) : null;
  }

  /**
   * One BatchGetItem of the title registry for all titles, one more to confirm the hits still
   * carry their title (a registry entry can lag a retitle or delete); an unconfirmed hit falls
   * back to the GSI5 query. Replaces one GSI5 query per title.
   */
  async findArticlesByTitles(
    normalizedTitles: readonly string[],
    alreadyRegistered?: ReadonlyMap<string, string>,
  ): Promise<ReadonlyMap<string, string>> {
    const titles = [...new Set(normalizedTitles)];
    const registered = new Map<string, string>();
    if (alreadyRegistered !== undefined) {
      for (const [title, id] of alreadyRegistered) registered.set(titlePk(title), id);
    } else {
      for (const item of await this.batchGet(
        titles.map((title) => ({ [TABLE_KEYS.pk]: titlePk(title), [TABLE_KEYS.sk]: TITLE_REGISTRY_SK })),
        false,
      )) {
        const entry = registryItemSchema.parse(item);
        registered.set(entry.PK, entry.articleId);
      }
    }
    const found = new Map<string, string>();
    if (registered.size === 0) return found;
    const owners = await this.batchGet(
      [...new Set(registered.values())].map((id) => ({
        [TABLE_KEYS.pk]: articlePk(id),
        [TABLE_KEYS.sk]: ARTICLE_SK,
      })),
      true,
    );
    const titleOf = new Map(
      owners.map((item) => {
        const owner = titleOwnerSchema.parse(item);
        return [owner.PK, owner.normalizedTitle ?? null] as const;
      }),
    );
    for (const title of titles) {
      const id = registered.get(titlePk(title));
      if (id === undefined) continue;
      const confirmed = titleOf.get(articlePk(id)) === title ? id : await this.findArticleByTitle(title);
      if (confirmed !== null) found.set(title, confirmed);
    }
    return found;
  }

  async unregisterTitle(normalizedTitle: string, articleId: string): Promise<void> {
    const key = { [TABLE_KEYS.pk]: titlePk(normalizedTitle), [TABLE_KEYS.sk]: TITLE_REGISTRY_SK };
    await this.conditional('DeleteItem title', () =>
      this.documents.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key,
          ConditionExpression: 'articleId = :id',
          ExpressionAttributeValues: { ':id': articleId },
        }),
      ),
    );
    // Whether this call or an earlier attempt removed it: another article with the title takes over.
    const replacement = await this.findArticleByTitle(normalizedTitle);
    if (replacement === null || replacement === articleId) return;
    await this.conditional('PutItem title', () =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, articleId: replacement },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk },
        }),
      ),
    );
  }

  async findReferences(normalizedTitle: string): Promise<readonly ReferenceLink[]> {
    const items = await this.queryAll({
      IndexName: INDEXES.titles.name,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': INDEXES.titles.pk, '#sk': INDEXES.titles.sk },
      ExpressionAttributeValues: { ':pk': titlePk(normalizedTitle), ':prefix': 'R#' },
    });
    return items.map((item) => referenceItemSchema.parse(item));
  }

  async setReferenceTarget(
    reference: ReferenceLink,
    normalizedTitle: string,
    targetArticleId: string | null,
  ): Promise<boolean> {
    return this.conditional('UpdateItem reference', () =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [TABLE_KEYS.pk]: articlePk(reference.articleId), [TABLE_KEYS.sk]: linkSk(reference.index) },
          UpdateExpression: 'SET targetArticleId = :target',
          ConditionExpression: 'attribute_exists(#pk) AND #titlePk = :titlePk',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#titlePk': INDEXES.titles.pk },
          ExpressionAttributeValues: { ':target': targetArticleId, ':titlePk': titlePk(normalizedTitle) },
        }),
      ),
    );
  }

  /**
   * Removes tombstones whose TTL has passed. DynamoDB does this itself in AWS; the local emulator
   * has no TTL, so the local runtime calls this now and then. Returns how many were removed.
   */
  async purgeExpiredTombstones(): Promise<number> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    let removed = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.call('Scan tombstones', () =>
        this.documents.send(
          new ScanCommand({
            TableName: this.tableName,
            // Only tombstones carry the TTL attribute.
            FilterExpression: '#sk = :a AND #ttl < :now',
            ExpressionAttributeNames: { '#sk': TABLE_KEYS.sk, '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':a': ARTICLE_SK, ':now': nowSeconds },
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const key = linkKeySchema.parse(item);
        const deleted = await this.conditional('DeleteItem tombstone', () =>
          this.documents.send(
            new DeleteCommand({
              TableName: this.tableName,
              Key: { PK: key.PK, SK: key.SK },
              ConditionExpression: '#ttl < :now',
              ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':now': nowSeconds },
            }),
          ),
        );
        if (deleted) removed += 1;
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return removed;
  }

  async deleteLinksOf(id: string, sequencer: string | null): Promise<number> {
    const seq = paddedSequencer(sequencer);
    const own = (await this.linkKeys(id)).filter((link) => link.seq === seq);
    await this.batchWrite(
      own.map((link): WriteRequest => ({ DeleteRequest: { Key: { PK: link.PK, SK: link.SK } } })),
    );
    return own.length;
  }

  /** Link items written by events older than `seq`: a newer create's links are left alone. */
  private async deleteLinksOlderThan(id: string, seq: string): Promise<void> {
    const links = await this.linkKeys(id);
    await this.batchWrite(
      links
        .filter((link) => (link.seq ?? '') < seq)
        .map((link): WriteRequest => ({ DeleteRequest: { Key: { PK: link.PK, SK: link.SK } } })),
    );
  }

  /** Keys (and `seq`) of every link item of `id`, read consistently. */
  private linkKeys(id: string): Promise<readonly z.infer<typeof linkKeySchema>[]> {
    return this.queryKeys({
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#sk': TABLE_KEYS.sk },
      ExpressionAttributeValues: { ':pk': articlePk(id), ':prefix': LINK_SK_PREFIX },
    });
  }

  private async readVersions(
    id: string,
  ): Promise<{ article: VersionItem | null; tombstone: VersionItem | null }> {
    // The article item is the record or the tombstone: one consistent GetItem on every event.
    const response = await this.call('GetItem article', () =>
      this.documents.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { [TABLE_KEYS.pk]: articlePk(id), [TABLE_KEYS.sk]: ARTICLE_SK },
          ConsistentRead: true,
          ProjectionExpression: '#seq, #source, normalizedTitle, sequencer, deletedAt, deletedTitle',
          ExpressionAttributeNames: { '#seq': SEQ_ATTRIBUTE, '#source': 'source' },
        }),
      ),
    );
    return versionsOf(response.Item);
  }

  /**
   * The article item and the title registry entries of `titleKeys` in one consistent
   * BatchGetItem: an ingest resolves its URL-less references without a round trip of their own.
   */
  private async readVersionsAndTitles(
    id: string,
    titleKeys: readonly string[],
  ): Promise<{
    article: VersionItem | null;
    tombstone: VersionItem | null;
    registeredTitles: Map<string, string>;
  }> {
    const articleKey = { [TABLE_KEYS.pk]: articlePk(id), [TABLE_KEYS.sk]: ARTICLE_SK };
    const titles = [...new Set(titleKeys)];
    const items = await this.batchGetItems(
      [
        articleKey,
        ...titles.map((title) => ({ [TABLE_KEYS.pk]: titlePk(title), [TABLE_KEYS.sk]: TITLE_REGISTRY_SK })),
      ],
      {
        ConsistentRead: true,
        ProjectionExpression:
          '#pk, #sk, #seq, #source, normalizedTitle, sequencer, deletedAt, deletedTitle, articleId',
        ExpressionAttributeNames: {
          '#pk': TABLE_KEYS.pk,
          '#sk': TABLE_KEYS.sk,
          '#seq': SEQ_ATTRIBUTE,
          '#source': 'source',
        },
      },
    );
    let articleItem: DynamoItem | undefined;
    const registeredTitles = new Map<string, string>();
    const titleOfPk = new Map(titles.map((title) => [titlePk(title), title]));
    for (const item of items) {
      if (item[TABLE_KEYS.sk] === ARTICLE_SK) {
        articleItem = item;
        continue;
      }
      const entry = registryItemSchema.parse(item);
      const title = titleOfPk.get(entry.PK);
      if (title !== undefined) registeredTitles.set(title, entry.articleId);
    }
    return { ...versionsOf(articleItem), registeredTitles };
  }

  /** BatchGetItem of title-lookup attributes over any number of keys, unprocessed keys retried. */
  private async batchGet(
    keys: readonly Record<string, unknown>[],
    consistent: boolean,
  ): Promise<DynamoItem[]> {
    return this.batchGetItems(keys, {
      ConsistentRead: consistent,
      // What the title lookups need: never a whole (up to 300 KB) article item.
      ProjectionExpression: '#pk, #sk, articleId, normalizedTitle',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#sk': TABLE_KEYS.sk },
    });
  }

  /** BatchGetItem in requests of 100 keys, unprocessed keys retried with backoff. */
  private async batchGetItems(
    keys: readonly Record<string, unknown>[],
    read: {
      readonly ConsistentRead: boolean;
      readonly ProjectionExpression: string;
      readonly ExpressionAttributeNames: Record<string, string>;
    },
  ): Promise<DynamoItem[]> {
    const found: DynamoItem[] = [];
    for (let start = 0; start < keys.length; start += BATCH_GET_SIZE) {
      let pending: Record<string, unknown>[] = keys.slice(start, start + BATCH_GET_SIZE);
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt >= this.maxBatchAttempts)
          throw new TransientStoreError('BatchGetItem: keys still unprocessed');
        if (attempt > 0) await sleep(this.backoff(attempt));
        const response = await this.call('BatchGetItem', () =>
          this.documents.send(
            new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ...read } } }),
          ),
        );
        found.push(...(response.Responses?.[this.tableName] ?? []));
        pending = response.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  /** Records that `year` has timeline entries, once per year per container. */
  private async rememberYear(year: string): Promise<void> {
    if (this.knownYears.has(year)) return;
    const key = { [TABLE_KEYS.pk]: META_PK, [TABLE_KEYS.sk]: YEARS_SK };
    const current = await this.call('GetItem years', () =>
      this.documents.send(new GetCommand({ TableName: this.tableName, Key: key })),
    );
    const years = yearsItemSchema.parse(current.Item ?? {}).years ?? new Set<string>();
    if (!years.has(year)) {
      await this.call('UpdateItem years', () =>
        this.documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: 'ADD years :year',
            ExpressionAttributeValues: { ':year': new Set([year]) },
          }),
        ),
      );
    }
    for (const known of years) this.knownYears.add(known);
    this.knownYears.add(year);
  }

  private async queryKeys(
    input: Omit<QueryCommandInput, 'TableName'>,
  ): Promise<readonly z.infer<typeof linkKeySchema>[]> {
    const items = await this.queryAll({
      ...input,
      ConsistentRead: true,
      ProjectionExpression: '#pk, #sk, #seq',
      ExpressionAttributeNames: {
        ...input.ExpressionAttributeNames,
        '#pk': TABLE_KEYS.pk,
        '#sk': TABLE_KEYS.sk,
        '#seq': SEQ_ATTRIBUTE,
      },
    });
    return items.map((item) => linkKeySchema.parse(item));
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<readonly DynamoItem[]> {
    const items: DynamoItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.call('Query', () =>
        this.documents.send(
          new QueryCommand({
            ...input,
            TableName: this.tableName,
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        ),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }

  private async batchWrite(requests: readonly WriteRequest[]): Promise<void> {
    const chunks: WriteRequest[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_SIZE) chunks.push(requests.slice(i, i + BATCH_SIZE));
    await forEachConcurrently(chunks, this.batchConcurrency, (chunk) => this.writeChunk(chunk));
  }

  private async writeChunk(chunk: readonly WriteRequest[]): Promise<void> {
    let pending: readonly WriteRequest[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= this.maxBatchAttempts) {
        throw new TransientStoreError(
          `BatchWriteItem: ${pending.length} items still unprocessed after ${attempt} attempts`,
        );
      }
      // Full-jitter backoff, as AWS recommends for UnprocessedItems.
      if (attempt > 0) await sleep(this.backoff(attempt));
      const response = await this.call('BatchWriteItem', () =>
        this.documents.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: [...pending] } })),
      );
      pending = response.UnprocessedItems?.[this.tableName] ?? [];
    }
  }

  /** Full-jitter exponential backoff, capped at 2 s. */
  private backoff(attempt: number): number {
    return Math.random() * Math.min(2_000, this.backoffBaseMs * 2 ** attempt);
  }

  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error: unknown) {
      throw toStoreError(error, `${operation} ${this.tableName}`);
    }
  }

  /** True when the write happened, false when its condition did not hold. */
  private async conditional(operation: string, send: () => Promise<unknown>): Promise<boolean> {
    try {
      await send();
      return true;
    } catch (error: unknown) {
      if (isConditionFailure(error)) return false;
      throw toStoreError(error, `${operation} ${this.tableName}`);
    }
  }
}
