import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlinkPk, INDEXES } from '../../lib/adapters/dynamodb-keys.js';
import { type IngestHarness, markdownArticle, sqsRecord, startIngestHarness } from './ingest-harness.js';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.stop();
});

async function backlinks(url: string): Promise<readonly Record<string, unknown>[]> {
  const response = await h.emulators.documents.send(
    new QueryCommand({
      TableName: h.emulators.tableName,
      IndexName: INDEXES.backlinks.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': INDEXES.backlinks.pk },
      ExpressionAttributeValues: { ':pk': backlinkPk(url) },
    }),
  );
  return response.Items ?? [];
}

describe('ingest of a new object', () => {
  it('writes the record, one item per link and the parsed content', async () => {
    const key = 'news/2024/first-article.md';
    const message = await h.uploadEvent(key, markdownArticle('First article', 3), {
      'source-url': 'https://news.example.org/first',
    });
    const response = await h.deliver(message);
    expect(response.batchItemFailures).toEqual([]);

    const stored = await h.stored(h.idOf(key));
    expect(stored?.record.status).toBe('processed');
    expect(stored?.record.title).toBe('First article');
    expect(stored?.record.source).toMatchObject({ bucket: h.emulators.rawBucket, key, versionId: null });
    expect(stored?.record.source.sequencer).not.toBeNull();
    expect(stored?.linkItemCount).toBe(3);
    expect(stored?.record.links.map((link) => link.url)).toEqual([
      'https://example.org/13/p/0',
      'https://example.org/13/p/1',
      'https://example.org/13/p/2',
    ]);
    const content = await h.content(stored?.contentKey ?? '');
    expect(content?.text).toContain('The article opens with a sentence');
    expect(await backlinks('https://example.org/13/p/1')).toHaveLength(1);
  });

  it.each([
    'with spaces/my first article.md',
    'plus+sign/a+b.md',
    'parens/article (draft) [1].md',
    'عربي/مقال جديد.md',
  ])('decodes the event key %s once, to the object key', async (key) => {
    const response = await h.deliver(await h.uploadEvent(key, markdownArticle(`Key ${key}`, 1)));
    expect(response.batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf(key));
    expect(stored?.record.source.key).toBe(key);
    expect(stored?.record.status).toBe('processed');
  });

  it('ignores s3:TestEvent and fails only a message that is not an S3 event', async () => {
    const test = sqsRecord('test-event', JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }));
    const garbage = sqsRecord('garbage', '{"not":"an event"}');
    const response = await h.deliver(test, garbage);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'garbage' }]);
  });
});

describe('ordering and idempotency', () => {
  it('replaces the record and its link set on overwrite, leaving no stale link items', async () => {
    const key = 'overwrite/article.md';
    await h.deliver(await h.uploadEvent(key, markdownArticle('Version one', 5)));
    const oldUrl = 'https://example.org/11/p/4';
    expect(await backlinks(oldUrl)).toHaveLength(1);

    const response = await h.deliver(await h.uploadEvent(key, markdownArticle('Version two!', 2)));
    expect(response.batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf(key));
    expect(stored?.record.title).toBe('Version two!');
    expect(stored?.linkItemCount).toBe(2);
    expect(stored?.record.links.map((link) => link.url)).toEqual([
      'https://example.org/12/p/0',
      'https://example.org/12/p/1',
    ]);
    expect(await backlinks(oldUrl)).toEqual([]);
  });

  it('applies the same event twice as one record', async () => {
    const key = 'duplicate/article.md';
    const message = await h.uploadEvent(key, markdownArticle('Duplicated', 2));
    await h.deliver(message);
    const first = await h.stored(h.idOf(key));
    h.dynamoProbe.reset();
    await h.deliver({ ...message, messageId: 'redelivered' });
    const second = await h.stored(h.idOf(key));
    expect(second?.record.processedAt).toBe(first?.record.processedAt);
    expect(second?.linkItemCount).toBe(2);
    expect(h.dynamoProbe.count('PutItemCommand', 'BatchWriteItemCommand')).toBe(0);
  });

  it('ignores an event older than the one applied', async () => {
    const key = 'stale/article.md';
    const olderSequencer = h.nextSequencer();
    const olderEtag = await h.upload(key, markdownArticle('Older', 1));
    const newer = await h.uploadEvent(key, markdownArticle('Newer', 1));
    await h.deliver(newer);
    const older = h.message({ key, etag: olderEtag, sequencer: olderSequencer });
    const response = await h.deliver(older);
    expect(response.batchItemFailures).toEqual([]);
    expect((await h.stored(h.idOf(key)))?.record.title).toBe('Newer');
  });

  it('treats an event whose object was overwritten since as superseded, then applies the newer one', async () => {
    const key = 'superseded/article.md';
    const first = await h.uploadEvent(key, markdownArticle('First upload', 1));
    const second = await h.uploadEvent(key, markdownArticle('Second upload', 1));
    await h.deliver(first);
    expect(await h.stored(h.idOf(key))).toBeNull();
    await h.deliver(second);
    expect((await h.stored(h.idOf(key)))?.record.title).toBe('Second upload');
  });
});

describe('delete', () => {
  it('removes the record, its links and its content, leaving an invisible tombstone', async () => {
    const key = 'delete/article.md';
    await h.deliver(await h.uploadEvent(key, markdownArticle('To be deleted', 3)));
    const before = await h.stored(h.idOf(key));
    expect(before).not.toBeNull();

    await h.emulators.s3.send(new DeleteObjectCommand({ Bucket: h.emulators.rawBucket, Key: key }));
    const sequencer = h.nextSequencer();
    const response = await h.deliver(h.message({ eventName: 'ObjectRemoved:Delete', key, sequencer }));
    expect(response.batchItemFailures).toEqual([]);

    expect(await h.stored(h.idOf(key))).toBeNull();
    const links = await h.emulators.documents.send(
      new QueryCommand({
        TableName: h.emulators.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `ART#${h.idOf(key)}` },
      }),
    );
    // Only the article item is left, and it is the tombstone (no title a lookup could confirm).
    expect(links.Items?.map((item) => item.SK)).toEqual(['A']);
    expect(links.Items?.[0]?.normalizedTitle).toBeUndefined();
    expect(await h.content(before?.contentKey ?? '')).toBeNull();
    const tombstone = await h.tombstone(h.idOf(key));
    expect(tombstone?.sequencer).toBe(sequencer);
    expect(typeof tombstone?.expiresAt).toBe('number');
    expect(Object.keys(tombstone ?? {}).filter((name) => name.startsWith('GSI'))).toEqual([]);
  });

  it('does not resurrect a record when the delete arrives before its create', async () => {
    const key = 'delete-first/article.md';
    const create = await h.uploadEvent(key, markdownArticle('Created then deleted', 2));
    const deleteEvent = h.message({ eventName: 'ObjectRemoved:Delete', key, sequencer: h.nextSequencer() });
    await h.deliver(deleteEvent);
    const response = await h.deliver(create);
    expect(response.batchItemFailures).toEqual([]);
    expect(await h.stored(h.idOf(key))).toBeNull();
  });

  it('ignores a delete older than the current version', async () => {
    const key = 'delete-stale/article.md';
    const oldDelete = h.message({ eventName: 'ObjectRemoved:Delete', key, sequencer: h.nextSequencer() });
    await h.deliver(await h.uploadEvent(key, markdownArticle('Still here', 1)));
    await h.deliver(oldDelete);
    expect((await h.stored(h.idOf(key)))?.record.title).toBe('Still here');
  });

  it('changes nothing when a noncurrent version is deleted', async () => {
    const key = 'noncurrent/article.md';
    await h.deliver(await h.uploadEvent(key, markdownArticle('Current version', 1)));
    const response = await h.deliver(
      h.message({
        eventName: 'ObjectRemoved:Delete',
        key,
        versionId: 'an-old-version',
        sequencer: h.nextSequencer(),
      }),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect((await h.stored(h.idOf(key)))?.record.title).toBe('Current version');
  });

  it('treats the delete of the null version as the delete of one version: the object now current is ingested', async () => {
    // A record read without a version id is the object S3 calls the null version once versioning
    // is on; deleting that version makes the previous one current (here: the object still there).
    const key = 'null-version/article.md';
    await h.deliver(await h.uploadEvent(key, markdownArticle('Still current', 1)));
    const sequencer = h.nextSequencer();
    const response = await h.deliver(
      h.message({ eventName: 'ObjectRemoved:Delete', key, versionId: 'null', sequencer }),
    );
    expect(response.batchItemFailures).toEqual([]);
    expect(await h.tombstone(h.idOf(key))).toBeNull();
    const stored = await h.stored(h.idOf(key));
    expect(stored?.record.title).toBe('Still current');
    expect(stored?.record.source.sequencer).toBe(sequencer);
  });
});

describe('rejections', () => {
  it('stores binary input as a rejected record instead of retrying it', async () => {
    const key = 'rejected/image.png';
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const response = await h.deliver(await h.uploadEvent(key, png));
    expect(response.batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf(key));
    expect(stored?.record.status).toBe('rejected');
    expect(stored?.record.error?.code).toBe('UNSUPPORTED_FORMAT');
  });

  it('stores an empty object as rejected with EMPTY', async () => {
    const key = 'rejected/empty.txt';
    await h.deliver(await h.uploadEvent(key, ''));
    expect((await h.stored(h.idOf(key)))?.record.error?.code).toBe('EMPTY');
  });
});
