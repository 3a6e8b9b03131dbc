import { readFile } from 'node:fs/promises';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTombstonePurge } from '../../functions/shared/ingest-composition.js';
import { TITLE_REGISTRY_SK, titlePk } from '../../lib/adapters/dynamodb-keys.js';
import { reprocessObject } from '../../lib/ingest/reprocess.js';
import { matchingKey } from '../../lib/ingest/resolve-references.js';
import { asLocalOnly } from '../support/iam/aws-call-recorder.js';
import {
  DYNAMODB_WRITES,
  type IngestHarness,
  markdownArticle,
  startIngestHarness,
  throttling,
} from './ingest-harness.js';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
  // The first record of a year also records the year once; measure steady-state costs below.
  await h.deliver(await h.uploadEvent('warm-up.md', markdownArticle('Warm up', 1)));
});

afterAll(async () => {
  await h.stop();
});

async function referenceTarget(key: string): Promise<string | null | undefined> {
  const stored = await h.stored(h.idOf(key));
  return stored?.record.links.find((link) => link.kind === 'related' && link.url === null)?.targetArticleId;
}

describe('URL-less references ("Read also: TITLE")', () => {
  it('resolves a reference to an article that arrived earlier', async () => {
    await h.deliver(await h.uploadEvent('refs/target-first.md', markdownArticle('The harbour reopens', 1)));
    await h.deliver(
      await h.uploadEvent(
        'refs/referrer-second.md',
        markdownArticle('Port news', 1, 'Read also: The Harbour Reopens'),
      ),
    );
    expect(await referenceTarget('refs/referrer-second.md')).toBe(h.idOf('refs/target-first.md'));
  });

  it('resolves earlier references when the referenced article arrives later', async () => {
    await h.deliver(
      await h.uploadEvent(
        'refs/referrer-first.md',
        markdownArticle('Market report', 1, 'Read also: Grain prices fall'),
      ),
    );
    expect(await referenceTarget('refs/referrer-first.md')).toBeNull();
    await h.deliver(await h.uploadEvent('refs/target-second.md', markdownArticle('Grain prices fall', 1)));
    expect(await referenceTarget('refs/referrer-first.md')).toBe(h.idOf('refs/target-second.md'));
  });

  it('unresolves references to an article that is deleted', async () => {
    await h.deliver(await h.uploadEvent('refs/doomed.md', markdownArticle('Doomed story', 1)));
    await h.deliver(
      await h.uploadEvent('refs/points-at-doomed.md', markdownArticle('Other', 1, 'Read also: Doomed story')),
    );
    expect(await referenceTarget('refs/points-at-doomed.md')).toBe(h.idOf('refs/doomed.md'));
    await h.deliver(
      h.message({ eventName: 'ObjectRemoved:Delete', key: 'refs/doomed.md', sequencer: h.nextSequencer() }),
    );
    expect(await referenceTarget('refs/points-at-doomed.md')).toBeNull();
  });

  it('releases references on redelivery when the first delete failed before releasing them', async () => {
    await h.deliver(await h.uploadEvent('refs/flaky-target.md', markdownArticle('Flaky target', 1)));
    await h.deliver(
      await h.uploadEvent('refs/flaky-referrer.md', markdownArticle('Ref', 1, 'Read also: Flaky target')),
    );
    expect(await referenceTarget('refs/flaky-referrer.md')).toBe(h.idOf('refs/flaky-target.md'));
    const deletion = h.message({
      eventName: 'ObjectRemoved:Delete',
      key: 'refs/flaky-target.md',
      sequencer: h.nextSequencer(),
    });
    h.dynamoProbe.failNext(/UpdateItemCommand/, 1, throttling);
    expect((await h.deliver(deletion)).batchItemFailures).toHaveLength(1);
    expect((await h.deliver(deletion)).batchItemFailures).toEqual([]);
    expect(await referenceTarget('refs/flaky-referrer.md')).toBeNull();
  });

  it('resolves Arabic "إقرأ أيضا" references by normalized title (letter forms, diacritics)', async () => {
    const source = await readFile(
      new URL('../fixtures/articles/text-references/source.txt', import.meta.url),
    );
    await h.deliver(await h.uploadEvent('refs/lebanon.txt', source));
    await h.deliver(
      await h.uploadEvent('refs/fuel.md', markdownArticle('أزمةُ الوقود تعطّل عمل المستشفيات', 1)),
    );
    const stored = await h.stored(h.idOf('refs/lebanon.txt'));
    const reference = stored?.record.links.find((link) => link.text === 'أزمة الوقود تعطل عمل المستشفيات');
    expect(reference).toMatchObject({ kind: 'related', url: null, targetArticleId: h.idOf('refs/fuel.md') });
    expect(stored?.record.links.filter((link) => link.targetArticleId !== null)).toHaveLength(1);
  });

  it('costs one write per earlier reference it resolves', async () => {
    for (const i of [1, 2, 3]) {
      await h.deliver(
        await h.uploadEvent(
          `refs/cost-referrer-${i}.md`,
          markdownArticle(`Cost ${i}`, 0, 'Read also: Costly title'),
        ),
      );
    }
    const target = await h.uploadEvent('refs/cost-target.md', markdownArticle('Costly title', 0));
    h.dynamoProbe.reset();
    await h.deliver(target);
    expect(h.dynamoProbe.count('UpdateItemCommand')).toBe(3);
    // The article, one batch (its title registry entry), one update per reference.
    expect(h.dynamoProbe.count(...DYNAMODB_WRITES)).toBe(2 + 3);
  });
});

describe('title registry', () => {
  it('resolves to the remaining article when one of two with the same title is deleted', async () => {
    await h.deliver(await h.uploadEvent('registry/first.md', markdownArticle('Shared headline', 1)));
    await h.deliver(await h.uploadEvent('registry/second.md', markdownArticle('Shared headline', 1)));
    await h.deliver(
      h.message({
        eventName: 'ObjectRemoved:Delete',
        key: 'registry/second.md',
        sequencer: h.nextSequencer(),
      }),
    );
    await h.deliver(
      await h.uploadEvent(
        'registry/referrer.md',
        markdownArticle('Pointer', 1, 'Read also: Shared headline'),
      ),
    );
    expect(await referenceTarget('registry/referrer.md')).toBe(h.idOf('registry/first.md'));
  });

  it('does not resolve a reference to the old title of a retitled article', async () => {
    const key = 'registry/retitled.md';
    await h.deliver(await h.uploadEvent(key, markdownArticle('Working title', 1)));
    await h.deliver(await h.uploadEvent(key, markdownArticle('Final title', 1)));
    await h.deliver(
      await h.uploadEvent('registry/old-referrer.md', markdownArticle('Old', 1, 'Read also: Working title')),
    );
    await h.deliver(
      await h.uploadEvent('registry/new-referrer.md', markdownArticle('New', 1, 'Read also: Final title')),
    );
    expect(await referenceTarget('registry/old-referrer.md')).toBeNull();
    expect(await referenceTarget('registry/new-referrer.md')).toBe(h.idOf(key));
  });

  it('registers on reprocessing the title of a record stored before the registry existed', async () => {
    const key = 'registry/legacy.md';
    await h.deliver(await h.uploadEvent(key, markdownArticle('Legacy headline', 1)));
    // A table written by an older version: the record without its registry entry.
    await h.emulators.documents.send(
      new DeleteCommand({
        TableName: h.emulators.tableName,
        Key: { PK: titlePk(matchingKey('Legacy headline') ?? ''), SK: TITLE_REGISTRY_SK },
      }),
    );
    await reprocessObject(h.deps, { bucket: h.emulators.rawBucket, key });
    await h.deliver(
      await h.uploadEvent(
        'registry/legacy-referrer.md',
        markdownArticle('Ref', 1, 'Read also: Legacy headline'),
      ),
    );
    expect(await referenceTarget('registry/legacy-referrer.md')).toBe(h.idOf(key));
  });

  it('looks up all URL-less references of an untitled article with one request', async () => {
    const references = ['One', 'Two', 'Three', 'Four', 'Five'].map((word) => `Read also: Missing ${word}`);
    const message = await h.uploadEvent(
      'registry/seed-like.txt',
      `Opening paragraph long enough to be the body of this article.\n\n${references.join('\n')}\n`,
    );
    h.dynamoProbe.reset();
    await h.deliver(message);
    const stored = await h.stored(h.idOf('registry/seed-like.txt'));
    expect(stored?.record.links.filter((link) => link.kind === 'related')).toHaveLength(5);
    // Applied state and all five registry entries in one BatchGetItem, link batch, commit: no
    // stale-link query for a key never seen, no tombstone re-check after the commit (its
    // condition sees a newer delete).
    expect(h.dynamoProbe.count('BatchGetItemCommand')).toBe(1);
    expect(h.dynamoProbe.count('QueryCommand')).toBe(0);
    expect([...h.dynamoProbe.counts.values()].reduce((sum, n) => sum + n, 0)).toBe(3);
  });
});

describe('write requests', () => {
  it.each([0, 1, 25, 26, 60])(
    'writes a new titled article with %i links in at most 1 + ceil((links + 1)/25) requests',
    async (links) => {
      const message = await h.uploadEvent(
        `requests/new-${links}.md`,
        markdownArticle(`Requests ${links}`, links),
      );
      h.dynamoProbe.reset();
      expect((await h.deliver(message)).batchItemFailures).toEqual([]);
      expect((await h.stored(h.idOf(`requests/new-${links}.md`)))?.linkItemCount).toBe(links);
      // The article item, and the link batches that also carry the title registry entry.
      expect(h.dynamoProbe.count(...DYNAMODB_WRITES)).toBeLessThanOrEqual(1 + Math.ceil((links + 1) / 25));
    },
  );

  it('overwrites 40 links with 10 and a new title in at most 2 + ceil((40 - 10 + 10 + 1) / 25) requests', async () => {
    const key = 'requests/overwrite.md';
    await h.deliver(await h.uploadEvent(key, markdownArticle('Overwrite before', 40)));
    const overwrite = await h.uploadEvent(key, markdownArticle('Overwrite after!', 10));
    h.dynamoProbe.reset();
    await h.deliver(overwrite);
    expect((await h.stored(h.idOf(key)))?.linkItemCount).toBe(10);
    // The new title's registry entry rides in the batches; the old one's is a conditional delete.
    expect(h.dynamoProbe.count(...DYNAMODB_WRITES)).toBeLessThanOrEqual(2 + Math.ceil(41 / 25));
  });
});

describe('reprocessing', () => {
  it('re-extracts the current object under the sequencer already applied', async () => {
    const key = 'reprocess/article.md';
    await h.deliver(await h.uploadEvent(key, markdownArticle('Before reprocess', 1)));
    const before = await h.stored(h.idOf(key));
    await h.upload(key, markdownArticle('After reprocess', 2));

    const result = await reprocessObject(h.deps, { bucket: h.emulators.rawBucket, key });
    expect(result.kind).toBe('processed');
    const after = await h.stored(h.idOf(key));
    expect(after?.record.title).toBe('After reprocess');
    expect(after?.linkItemCount).toBe(2);
    expect(after?.record.source.sequencer).toBe(before?.record.source.sequencer);
  });

  it('lets a newer event win over a reprocessed record', async () => {
    const key = 'reprocess/newer.md';
    await h.deliver(await h.uploadEvent(key, markdownArticle('Original', 1)));
    await reprocessObject(h.deps, { bucket: h.emulators.rawBucket, key });
    await h.deliver(await h.uploadEvent(key, markdownArticle('Newer upload', 1)));
    expect((await h.stored(h.idOf(key)))?.record.title).toBe('Newer upload');
  });

  it('leaves a deleted key deleted', async () => {
    const key = 'reprocess/deleted.md';
    await h.deliver(await h.uploadEvent(key, markdownArticle('Deleted then reprocessed', 1)));
    await h.deliver(h.message({ eventName: 'ObjectRemoved:Delete', key, sequencer: h.nextSequencer() }));
    const result = await reprocessObject(h.deps, { bucket: h.emulators.rawBucket, key });
    expect(result.kind).toBe('stale');
    expect(await h.stored(h.idOf(key))).toBeNull();
  });
});

describe('tombstones', () => {
  it('are purged once their time has passed (the local stand-in for DynamoDB TTL)', async () => {
    const key = 'tombstones/article.md';
    await h.deliver(h.message({ eventName: 'ObjectRemoved:Delete', key, sequencer: h.nextSequencer() }));
    expect(await h.tombstone(h.idOf(key))).not.toBeNull();
    // In AWS, DynamoDB's TTL deletes tombstones: no role scans the table.
    const config = { tableName: h.emulators.tableName, tombstoneTtlDays: 30 };
    const purge = buildTombstonePurge(config, h.emulators.dynamo);
    expect(await asLocalOnly('DynamoDB TTL deletes expired tombstones in AWS', purge)).toBe(0);

    const later = buildTombstonePurge(
      config,
      h.emulators.dynamo,
      () => new Date(Date.now() + 31 * 86_400_000),
    );
    expect(await asLocalOnly('DynamoDB TTL deletes expired tombstones in AWS', later)).toBeGreaterThanOrEqual(
      1,
    );
    expect(await h.tombstone(h.idOf(key))).toBeNull();
  });
});
