import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { TransientStoreError } from '../ports/store-errors.js';
import { errorName, toStoreError } from './aws-store-errors.js';
import type { DynamoItem } from './dynamodb-items.js';

export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** What a BatchGetItem reads of each key: never a whole (up to 300 KB) article item unless asked. */
export interface BatchRead {
  readonly ConsistentRead: boolean;
  readonly ProjectionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
}

export interface DynamoDbRequestOptions {
  /** Batch write requests in flight at once for one call. */
  readonly batchConcurrency?: number;
  /** Attempts per batch before giving up on unprocessed items (then the message is retried). */
  readonly maxBatchAttempts?: number;
  /** Base delay of the exponential backoff between batch attempts, in ms. */
  readonly backoffBaseMs?: number;
}

/** BatchWriteItem takes at most 25 requests. */
const BATCH_WRITE_SIZE = 25;
/** BatchGetItem reads at most 100 keys per request. */
const BATCH_GET_SIZE = 100;

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

/**
 * Requests to one DynamoDB table, with the SDK's exceptions turned into store errors
 * (`toStoreError`) in this one place, and batches split to DynamoDB's limits, their unprocessed
 * items retried with full-jitter backoff. Shared by the write side (ingest) and the read side.
 *
 * @example
 * const requests = new DynamoDbRequests(documents, 'articles');
 * const items = await requests.queryAll({ KeyConditionExpression: '#pk = :pk', … });
 */
export class DynamoDbRequests {
  private readonly batchConcurrency: number;
  private readonly maxBatchAttempts: number;
  private readonly backoffBaseMs: number;

  constructor(
    readonly documents: DynamoDBDocumentClient,
    readonly tableName: string,
    options: DynamoDbRequestOptions = {},
  ) {
    this.batchConcurrency = options.batchConcurrency ?? 4;
    this.maxBatchAttempts = options.maxBatchAttempts ?? 10;
    this.backoffBaseMs = options.backoffBaseMs ?? 25;
  }

  /** Sends one request; an SDK exception becomes a `StoreError` or a `TransientStoreError`. */
  async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error: unknown) {
      throw toStoreError(error, `${operation} ${this.tableName}`);
    }
  }

  /** A conditional write: its output, or null when its condition did not hold. */
  async conditional<T>(operation: string, send: () => Promise<T>): Promise<T | null> {
    try {
      return await send();
    } catch (error: unknown) {
      if (errorName(error) === 'ConditionalCheckFailedException') return null;
      throw toStoreError(error, `${operation} ${this.tableName}`);
    }
  }

  /** One page of a Query on this table. */
  query(input: Omit<QueryCommandInput, 'TableName'>, operation = 'Query'): Promise<QueryCommandOutput> {
    return this.call(operation, () =>
      this.documents.send(new QueryCommand({ ...input, TableName: this.tableName })),
    );
  }

  /** Every page of a Query on this table. */
  async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<readonly DynamoItem[]> {
    const items: DynamoItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.query({
        ...input,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      });
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }

  /** BatchGetItem over any number of keys, in requests of 100, unprocessed keys retried. */
  async batchGet(keys: readonly Record<string, unknown>[], read: BatchRead): Promise<DynamoItem[]> {
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

  /** BatchWriteItem over any number of requests, in batches of 25 (a few in flight at once). */
  async batchWrite(requests: readonly WriteRequest[]): Promise<void> {
    const chunks: WriteRequest[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_WRITE_SIZE) {
      chunks.push(requests.slice(i, i + BATCH_WRITE_SIZE));
    }
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
      if (attempt > 0) await sleep(this.backoff(attempt));
      const response = await this.call('BatchWriteItem', () =>
        this.documents.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: [...pending] } })),
      );
      pending = response.UnprocessedItems?.[this.tableName] ?? [];
    }
  }

  /** Full-jitter exponential backoff, capped at 2 s, as AWS recommends for unprocessed items. */
  private backoff(attempt: number): number {
    return Math.random() * Math.min(2_000, this.backoffBaseMs * 2 ** attempt);
  }
}
