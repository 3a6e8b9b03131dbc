import { describe, expect, it } from 'vitest';
import { articleId } from '../../lib/article/article-id.js';
import { isReconciled, type RecordSource, reconcile } from '../../lib/ingest/reconcile.js';

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

const recordOf = (bucket: string, key: string): RecordSource => ({ id: articleId(bucket, key), key });

describe('reconcile', () => {
  it('finds nothing when every object has its record', async () => {
    const keys = ['a.txt', 'ب/ج.txt', 'with space.html'];
    const report = await reconcile({
      bucket: 'raw',
      objectKeys: from(keys),
      records: from(keys.map((key) => recordOf('raw', key))),
    });
    expect(isReconciled(report)).toBe(true);
    expect([report.objectCount, report.recordCount]).toEqual([3, 3]);
  });

  it('lists objects without a record and records without an object, sorted by key', async () => {
    const report = await reconcile({
      bucket: 'raw',
      objectKeys: from(['z.txt', 'a.txt', 'kept.txt']),
      records: from([
        recordOf('raw', 'kept.txt'),
        recordOf('raw', 'gone-2.txt'),
        recordOf('raw', 'gone-1.txt'),
      ]),
    });
    expect(report.objectsWithoutRecord.map((entry) => entry.key)).toEqual(['a.txt', 'z.txt']);
    expect(report.recordsWithoutObject.map((entry) => entry.key)).toEqual(['gone-1.txt', 'gone-2.txt']);
    expect(isReconciled(report)).toBe(false);
  });

  it('lists records whose content object is gone, but not records without content (rejected)', async () => {
    const report = await reconcile({
      bucket: 'raw',
      objectKeys: from(['kept.txt', 'lost.txt', 'rejected.bin']),
      records: from([
        { ...recordOf('raw', 'kept.txt'), contentKey: 'content/kept/1.json' },
        { ...recordOf('raw', 'lost.txt'), contentKey: 'content/lost/1.json' },
        { ...recordOf('raw', 'rejected.bin'), contentKey: null },
      ]),
      contentKeys: from(['content/kept/1.json', 'content/lost/0.json']),
    });
    expect(report.recordsWithoutContent).toEqual([recordOf('raw', 'lost.txt')]);
    expect(isReconciled(report)).toBe(false);
  });

  it('matches by the id of the bucket and key, so a record of another bucket is an orphan', async () => {
    const report = await reconcile({
      bucket: 'raw',
      objectKeys: from(['a.txt']),
      records: from([recordOf('other-bucket', 'a.txt')]),
    });
    expect(report.objectsWithoutRecord).toEqual([recordOf('raw', 'a.txt')]);
    expect(report.recordsWithoutObject).toEqual([recordOf('other-bucket', 'a.txt')]);
  });
});
