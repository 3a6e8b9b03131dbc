import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DynamoItem } from '../../lib/adapters/dynamodb-items.js';
import {
  mergeShardsDescending,
  type SendQuery,
  shardPageSize,
  type TableQueryInput,
} from '../../lib/adapters/dynamodb-sharded-query.js';

/** An in-memory index: each partition's items newest first, paged like DynamoDB (Limit, LastEvaluatedKey). */
function fakeIndex(partitions: Readonly<Record<string, readonly string[]>>): {
  send: SendQuery;
  requests: TableQueryInput[];
} {
  const requests: TableQueryInput[] = [];
  const send: SendQuery = async (input) => {
    requests.push(input);
    const pk = String(input.ExpressionAttributeValues?.[':pk']);
    const keys = [...(partitions[pk] ?? [])].sort().reverse();
    const after = input.ExclusiveStartKey?.sk;
    const start = after === undefined ? 0 : keys.indexOf(String(after)) + 1;
    const page = keys.slice(start, start + (input.Limit ?? keys.length));
    const last = page.at(-1);
    const more = start + page.length < keys.length;
    return {
      Items: page.map((sk) => ({ pk, sk })),
      LastEvaluatedKey: more && last !== undefined ? { pk, sk: last } : undefined,
    };
  };
  return { send, requests };
}

const shardQueries = (count: number, want: number) =>
  Array.from({ length: count }, (_, shard) => ({
    input: {
      TableName: 't',
      ExpressionAttributeValues: { ':pk': `TL#2017#${shard}` },
      ScanIndexForward: false,
    },
    firstPage: shardPageSize(want, count),
  }));

const sortKey = (item: DynamoItem): string => String(item.sk);

describe('merging write-sharded index partitions', () => {
  it('returns the items of all shards in one descending order, as one partition would', async () => {
    const { send } = fakeIndex({
      'TL#2017#0': ['2017-03-01#a', '2017-01-05#d'],
      'TL#2017#1': ['2017-02-11#b', '2017-02-10#c', '2017-01-01#e'],
      'TL#2017#2': [],
    });
    const items = await mergeShardsDescending(send, shardQueries(3, 4), 4, sortKey);
    expect(items.map(sortKey)).toEqual(['2017-03-01#a', '2017-02-11#b', '2017-02-10#c', '2017-01-05#d']);
  });

  it('reads a shard again when its first page runs out before the merge is done', async () => {
    // Every item of the page is in shard 1: its first page (its share) cannot be enough.
    const skewed = Array.from({ length: 30 }, (_, i) => `2017-01-${String(i + 1).padStart(2, '0')}#x${i}`);
    const { send, requests } = fakeIndex({ 'TL#2017#0': [], 'TL#2017#1': skewed });
    const items = await mergeShardsDescending(send, shardQueries(2, 21), 21, sortKey);
    expect(items.map(sortKey)).toEqual([...skewed].sort().reverse().slice(0, 21));
    expect(requests.filter((r) => r.ExpressionAttributeValues?.[':pk'] === 'TL#2017#1').length).toBe(2);
  });

  it('stops when every shard is exhausted', async () => {
    const { send } = fakeIndex({ 'TL#2017#0': ['b'], 'TL#2017#1': ['a'] });
    expect((await mergeShardsDescending(send, shardQueries(2, 10), 10, sortKey)).map(sortKey)).toEqual([
      'b',
      'a',
    ]);
  });

  it('equals the top of the union of the shards for any spread of keys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.nat(7)), {
          selector: ([key]) => key,
          maxLength: 80,
        }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 40 }),
        async (entries, shards, want) => {
          const partitions: Record<string, string[]> = {};
          for (const [key, shard] of entries) {
            const pk = `TL#2017#${shard % shards}`;
            partitions[pk] = [...(partitions[pk] ?? []), key];
          }
          const { send } = fakeIndex(partitions);
          const items = await mergeShardsDescending(send, shardQueries(shards, want), want, sortKey);
          const expected = entries
            .map(([key]) => key)
            .sort()
            .reverse()
            .slice(0, want);
          expect(items.map(sortKey)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
