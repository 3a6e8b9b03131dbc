import type { QueryCommandInput, QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { DynamoItem } from './dynamodb-items.js';

/** A Query of the table, whose name the sender adds. */
export type TableQueryInput = Omit<QueryCommandInput, 'TableName'>;

/** Sends one Query page (the adapter's request helper, or a test's fake). */
export type SendQuery = (
  input: TableQueryInput,
) => Promise<Pick<QueryCommandOutput, 'Items' | 'LastEvaluatedKey'>>;

export interface ShardQuery {
  /** The Query of one shard, read newest first (`ScanIndexForward: false`). */
  readonly input: TableQueryInput;
  /** Items asked for in the first page: about this shard's share of the page. */
  readonly firstPage: number;
}

interface ShardCursor {
  readonly input: TableQueryInput;
  buffer: DynamoItem[];
  startKey: Record<string, unknown> | undefined;
  pages: number;
  done: boolean;
}

/**
 * First page size per shard: each holds about `1/shards` of any key range (ids hash uniformly),
 * so half again its share plus one is usually enough in one round trip; a shard that runs dry
 * before the merge is done is read again.
 *
 * @example shardPageSize(21, 8) // 5
 */
export const shardPageSize = (want: number, shards: number): number =>
  Math.min(want, Math.ceil((want * 1.5) / Math.max(1, shards)) + 1);

/**
 * Reads the `want` greatest items (by `sortKeyOf`, newest first) of several Queries that each
 * return their items in descending order: the shards of one write-sharded index key. The first
 * pages are read in parallel; afterwards the merge takes the greatest head and reads another page
 * of a shard only when its buffer is empty and it has more, so no item is skipped and the result
 * is in exactly the order one unsharded Query would return. Sort keys must be unique across the
 * shards (the timeline's end with the article id).
 *
 * @example
 * const items = await mergeShardsDescending(send, shards, 21, (item) => String(item.GSI1SK));
 */
export async function mergeShardsDescending(
  send: SendQuery,
  shards: readonly ShardQuery[],
  want: number,
  sortKeyOf: (item: DynamoItem) => string,
): Promise<DynamoItem[]> {
  const cursors: ShardCursor[] = shards.map((shard) => ({
    input: shard.input,
    buffer: [],
    startKey: shard.input.ExclusiveStartKey,
    pages: 0,
    done: false,
  }));
  const pageLimit = (cursor: ShardCursor, remaining: number): number => {
    const first = shards[cursors.indexOf(cursor)]?.firstPage ?? remaining;
    const size = cursor.pages === 0 ? first : remaining;
    // With a filter, Limit counts items read before filtering: read ahead in bigger steps.
    return cursor.input.FilterExpression === undefined ? Math.max(1, size) : Math.max(size * 4, 50);
  };
  const refill = async (cursor: ShardCursor, remaining: number): Promise<void> => {
    // A filtered page can come back empty with more to read: keep reading until items or the end.
    while (cursor.buffer.length === 0 && !cursor.done) {
      const output = await send({
        ...cursor.input,
        Limit: pageLimit(cursor, remaining),
        ...(cursor.startKey === undefined ? {} : { ExclusiveStartKey: cursor.startKey }),
      });
      cursor.pages += 1;
      cursor.buffer = [...(output.Items ?? [])];
      cursor.startKey = output.LastEvaluatedKey;
      cursor.done = cursor.startKey === undefined;
    }
  };

  const merged: DynamoItem[] = [];
  while (merged.length < want) {
    const remaining = want - merged.length;
    await Promise.all(
      cursors
        .filter((cursor) => cursor.buffer.length === 0 && !cursor.done)
        .map((cursor) => refill(cursor, remaining)),
    );
    let best: ShardCursor | undefined;
    let bestKey = '';
    for (const cursor of cursors) {
      const head = cursor.buffer[0];
      if (head === undefined) continue;
      const key = sortKeyOf(head);
      if (best === undefined || key > bestKey) {
        best = cursor;
        bestKey = key;
      }
    }
    const taken = best?.buffer.shift();
    if (taken === undefined) break;
    merged.push(taken);
  }
  return merged;
}
