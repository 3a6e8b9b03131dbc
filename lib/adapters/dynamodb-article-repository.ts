import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type QueryCommandInput,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  AppliedState,
  ArticleRepository,
  DeleteResult,
  ReferenceLink,
  SaveArticleInput,
  SaveArticleResult,
} from '../ports/article-repository.js';
import * as z from '../validation/zod.js';
import { readAppliedState, readVersions, type VersionItem, versionsOf } from './dynamodb-applied-state.js';
import {
  isTombstoneItem,
  itemContentKey,
  linkToItem,
  paddedSequencer,
  recordToItem,
  SEQ_ATTRIBUTE,
  tombstoneToItem,
} from './dynamodb-items.js';
import {
  ARTICLE_SK,
  articlePk,
  LINK_SK_PREFIX,
  linkSk,
  META_PK,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
  timelineInstant,
  YEARS_SK,
  yearOf,
} from './dynamodb-keys.js';
import { type DynamoDbRequestOptions, DynamoDbRequests, type WriteRequest } from './dynamodb-requests.js';
import { DynamoDbTitleRegistry, registrationRequest } from './dynamodb-title-registry.js';

export interface DynamoDbArticleRepositoryOptions extends DynamoDbRequestOptions {
  /** Days a tombstone is kept (DynamoDB TTL in AWS, `purgeExpiredTombstones` locally). */
  readonly tombstoneTtlDays: number;
  readonly now?: () => Date;
}

/** Links stored per article: `L#00000`…`L#99999`. */
export const MAX_LINK_ITEMS = 100_000;
/** Sorts after every `L#<digits>` link key. */
const LINK_SK_END = `${LINK_SK_PREFIX}~`;

const itemKeySchema = z.object({ PK: z.string(), SK: z.string(), seq: z.optional(z.string()) });
type ItemKey = z.infer<typeof itemKeySchema>;

const yearsItemSchema = z.object({ years: z.optional(z.set(z.string())) });

const deleteRequest = (key: ItemKey): WriteRequest => ({
  DeleteRequest: { Key: { PK: key.PK, SK: key.SK } },
});

/**
 * The article table over DynamoDB, built from conditional single-item writes and batch writes
 * only (the local emulator has no transactions, and they cost twice as much in AWS).
 *
 * Write order of a save: stale link items deleted and new link items put (batches of 25), then the
 * article item put on the condition that no newer sequencer is applied: the article item is the
 * commit point, so a reader never sees the new record with the old links. A tombstone carries a
 * delete's sequencer so a late, older create cannot bring the record back. Titles and references
 * are `DynamoDbTitleRegistry`'s; every request goes through `DynamoDbRequests`.
 */
export class DynamoDbArticleRepository implements ArticleRepository {
  private readonly knownYears = new Set<string>();
  private readonly now: () => Date;
  private readonly requests: DynamoDbRequests;
  private readonly titles: DynamoDbTitleRegistry;

  constructor(
    documents: DynamoDBDocumentClient,
    tableName: string,
    private readonly options: DynamoDbArticleRepositoryOptions,
  ) {
    this.now = options.now ?? ((): Date => new Date());
    this.requests = new DynamoDbRequests(documents, tableName, options);
    this.titles = new DynamoDbTitleRegistry(this.requests);
  }

  getAppliedState(id: string, titleKeys: readonly string[] = []): Promise<AppliedState> {
    return readAppliedState(this.requests, id, titleKeys);
  }

  async saveArticle(input: SaveArticleInput): Promise<SaveArticleResult> {
    // Link keys have five digits: past 100,000 links their order (and the stale-link range) breaks.
    const record =
      input.record.links.length > MAX_LINK_ITEMS
        ? { ...input.record, links: input.record.links.slice(0, MAX_LINK_ITEMS) }
        : input.record;
    const seq = paddedSequencer(record.source.sequencer);
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
            ':pk': articlePk(record.id),
            ':from': linkSk(record.links.length),
            ':to': LINK_SK_END,
          },
        });
    const writes: WriteRequest[] = [
      ...staleLinks.map(deleteRequest),
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
      writes.push(registrationRequest(input.normalizedTitle, record.id));
    }
    await this.requests.batchWrite(writes);

    const { documents, tableName } = this.requests;
    const committed = await this.requests.conditional('PutItem article', () =>
      documents.send(
        new PutCommand({
          TableName: tableName,
          Item: recordToItem({ ...input, record }),
          ConditionExpression: `attribute_not_exists(#pk) OR #seq ${input.replaceSameSequencer ? '<=' : '<'} :seq`,
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#seq': SEQ_ATTRIBUTE },
          ExpressionAttributeValues: { ':seq': seq },
          // The item this write replaced: its content is the caller's to remove, and no one else's.
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    if (committed === null) {
      const after = await readVersions(this.requests, record.id);
      if (after.article?.seq === seq) return { outcome: 'duplicate', replacedContentKey: null };
      if (after.tombstone !== null && after.tombstone.seq > seq) {
        // A newer delete landed after the precheck: the links written above belong to no record.
        await this.deleteLinksOlderThan(record.id, after.tombstone.seq);
        return { outcome: 'stale', replacedContentKey: null };
      }
      return { outcome: 'conflict', replacedContentKey: null };
    }
    // No second read for a delete that raced this write: a tombstone takes the article item's own
    // key, so the commit condition above already refused to overwrite a newer delete.
    await this.rememberYear(yearOf(timelineInstant(record.publishedAt, record.processedAt)));
    const replaced = committed.Attributes;
    const replacedContentKey =
      replaced === undefined || isTombstoneItem(replaced) ? null : itemContentKey(replaced);
    return { outcome: 'saved', replacedContentKey };
  }

  async deleteArticle(id: string, sequencer: string | null): Promise<DeleteResult> {
    const seq = paddedSequencer(sequencer);
    const { article, tombstone } = await readVersions(this.requests, id);
    const stale: DeleteResult = { outcome: 'stale', normalizedTitle: null, contentKey: null };
    if (article !== null && article.seq >= seq) return stale;
    if (tombstone !== null && tombstone.seq > seq) return stale;
    // A redelivered delete skips the tombstone and finishes whatever a failed attempt left behind.
    const redelivered = tombstone !== null && tombstone.seq === seq;
    let removed: VersionItem | null = null;
    let removedContentKey: string | null = null;
    if (!redelivered) {
      const now = this.now();
      const { documents, tableName } = this.requests;
      // One conditional write replaces the record with its tombstone: there is no moment when
      // neither exists, and the old record comes back for the cleanup below.
      const written = await this.requests.conditional('PutItem tombstone', () =>
        documents.send(
          new PutCommand({
            TableName: tableName,
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
        ),
      );
      if (written === null) return stale;
      removed = versionsOf(written.Attributes).article;
      removedContentKey =
        removed === null || written.Attributes === undefined ? null : itemContentKey(written.Attributes);
    }

    // The removed record's links, and any left by an older write that never committed.
    await this.deleteLinksOlderThan(id, seq);
    return {
      outcome: removed !== null ? 'deleted' : redelivered ? 'duplicate' : 'absent',
      normalizedTitle: removed?.normalizedTitle ?? (redelivered ? (tombstone?.deletedTitle ?? null) : null),
      contentKey: removedContentKey,
    };
  }

  async deleteLinksOf(id: string, sequencer: string | null): Promise<number> {
    const seq = paddedSequencer(sequencer);
    const own = (await this.linkKeys(id)).filter((link) => link.seq === seq);
    await this.requests.batchWrite(own.map(deleteRequest));
    return own.length;
  }

  findArticleByTitle(normalizedTitle: string): Promise<string | null> {
    return this.titles.findArticleByTitle(normalizedTitle);
  }

  findArticlesByTitles(
    normalizedTitles: readonly string[],
    registered?: ReadonlyMap<string, string>,
  ): Promise<ReadonlyMap<string, string>> {
    return this.titles.findArticlesByTitles(normalizedTitles, registered);
  }

  unregisterTitle(normalizedTitle: string, articleId: string): Promise<void> {
    return this.titles.unregisterTitle(normalizedTitle, articleId);
  }

  findReferences(normalizedTitle: string): Promise<readonly ReferenceLink[]> {
    return this.titles.findReferences(normalizedTitle);
  }

  setReferenceTarget(
    reference: ReferenceLink,
    normalizedTitle: string,
    targetArticleId: string | null,
  ): Promise<boolean> {
    return this.titles.setReferenceTarget(reference, normalizedTitle, targetArticleId);
  }

  /**
   * Removes tombstones whose TTL has passed. DynamoDB does this itself in AWS; the local emulator
   * has no TTL, so the local runtime calls this now and then. Returns how many were removed.
   */
  async purgeExpiredTombstones(): Promise<number> {
    const { documents, tableName } = this.requests;
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    let removed = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.requests.call('Scan tombstones', () =>
        documents.send(
          new ScanCommand({
            TableName: tableName,
            // Only tombstones carry the TTL attribute.
            FilterExpression: '#sk = :a AND #ttl < :now',
            ExpressionAttributeNames: { '#sk': TABLE_KEYS.sk, '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':a': ARTICLE_SK, ':now': nowSeconds },
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const key = itemKeySchema.parse(item);
        const deleted = await this.requests.conditional('DeleteItem tombstone', () =>
          documents.send(
            new DeleteCommand({
              TableName: tableName,
              Key: { PK: key.PK, SK: key.SK },
              ConditionExpression: '#ttl < :now',
              ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
              ExpressionAttributeValues: { ':now': nowSeconds },
            }),
          ),
        );
        if (deleted !== null) removed += 1;
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return removed;
  }

  /** Link items written by events older than `seq`: a newer create's links are left alone. */
  private async deleteLinksOlderThan(id: string, seq: string): Promise<void> {
    const links = await this.linkKeys(id);
    await this.requests.batchWrite(links.filter((link) => (link.seq ?? '') < seq).map(deleteRequest));
  }

  /** Keys (and `seq`) of every link item of `id`, read consistently. */
  private linkKeys(id: string): Promise<readonly ItemKey[]> {
    return this.queryKeys({
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#sk': TABLE_KEYS.sk },
      ExpressionAttributeValues: { ':pk': articlePk(id), ':prefix': LINK_SK_PREFIX },
    });
  }

  private async queryKeys(input: Omit<QueryCommandInput, 'TableName'>): Promise<readonly ItemKey[]> {
    const items = await this.requests.queryAll({
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
    return items.map((item) => itemKeySchema.parse(item));
  }

  /** Records that `year` has timeline entries, once per year per container. */
  private async rememberYear(year: string): Promise<void> {
    if (this.knownYears.has(year)) return;
    const { documents, tableName } = this.requests;
    const key = { [TABLE_KEYS.pk]: META_PK, [TABLE_KEYS.sk]: YEARS_SK };
    const current = await this.requests.call('GetItem years', () =>
      documents.send(new GetCommand({ TableName: tableName, Key: key })),
    );
    const years = yearsItemSchema.parse(current.Item ?? {}).years ?? new Set<string>();
    if (!years.has(year)) {
      await this.requests.call('UpdateItem years', () =>
        documents.send(
          new UpdateCommand({
            TableName: tableName,
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
}
