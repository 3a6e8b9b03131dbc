/**
 * Two events of one key applied at the same instant by two function instances: the second one is
 * run from inside the first, just before one of the first's requests, so the interleaving is exact.
 */
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeleteEvent, deleteObject } from '../../lib/ingest/delete-article.js';
import { ingestObject, type ObjectVersionEvent } from '../../lib/ingest/ingest-article.js';
import { type IngestHarness, markdownArticle, startIngestHarness, throttling } from './ingest-harness.js';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.stop();
});

/** Deletes `key` from the raw bucket and returns the event of that delete, for `deleteObject` directly. */
async function deleteKey(key: string): Promise<DeleteEvent> {
  await h.emulators.s3.send(new DeleteObjectCommand({ Bucket: h.emulators.rawBucket, Key: key }));
  const sequencer = h.nextSequencer();
  return {
    eventName: 'ObjectRemoved:Delete',
    bucket: h.emulators.rawBucket,
    key,
    versionId: null,
    sequencer,
  };
}

/** Uploads a version of `key` and returns the event of that upload, for `ingestObject` directly. */
async function uploadVersion(key: string, body: string): Promise<ObjectVersionEvent> {
  const sequencer = h.nextSequencer();
  const etag = await h.upload(key, body);
  return { bucket: h.emulators.rawBucket, key, etag, versionId: null, size: null, sequencer };
}

describe('concurrent events of one key', () => {
  it('ends with the newer version and its own links when a newer create commits while an older one writes links', async () => {
    const key = 'races/create-create.md';
    const older = await uploadVersion(key, markdownArticle('Older racer', 30));
    // The older event reads its object, then the newer upload and its event land before its link writes.
    h.dynamoProbe.beforeNext(/BatchWriteItem/, async () => {
      const newerEtag = await h.upload(key, markdownArticle('Newer racer!', 3));
      const newer = { ...older, etag: newerEtag, sequencer: h.nextSequencer() };
      expect((await ingestObject(h.deps, newer)).kind).toBe('processed');
    });

    const result = await ingestObject(h.deps, older);
    expect(result.kind).toBe('stale');
    const stored = await h.stored(h.idOf(key));
    expect(stored?.record.title).toBe('Newer racer!');
    expect(stored?.linkItemCount).toBe(3);
    expect(stored?.record.links.every((link) => link.url?.startsWith('https://example.org/12/'))).toBe(true);
    expect((await h.content(stored?.contentKey ?? ''))?.text).toContain('Paragraph 2');
    expect((await h.content(stored?.contentKey ?? ''))?.text).not.toContain('Paragraph 29');
  });

  it('removes a record committed just after a newer delete found nothing to delete', async () => {
    const key = 'races/create-delete.md';
    const etag = await h.upload(key, markdownArticle('Doomed racer', 4));
    const create = {
      bucket: h.emulators.rawBucket,
      key,
      etag,
      versionId: null,
      size: null,
      sequencer: h.nextSequencer(),
    };
    // The create passed its checks; the delete runs completely before the create's commit.
    h.dynamoProbe.beforeNext(/^PutItemCommand$/, async () => {
      expect((await deleteObject(h.deps, await deleteKey(key))).kind).toBe('deleted');
    });

    expect((await ingestObject(h.deps, create)).kind).toBe('stale');
    expect(await h.stored(h.idOf(key))).toBeNull();
    expect(await h.contentObjects(h.idOf(key))).toEqual([]);
    expect(await h.tombstone(h.idOf(key))).not.toBeNull();
  });
});

describe('content of a delete racing a re-upload', () => {
  it("never removes the newer record's content when the re-upload commits between the delete's tombstone and its cleanup", async () => {
    const key = 'races/delete-then-upload.md';
    const first = await uploadVersion(key, markdownArticle('First version', 2));
    expect((await ingestObject(h.deps, first)).kind).toBe('processed');
    const deletion = await deleteKey(key);
    // The delete has written its tombstone; the re-upload's event runs whole before the delete
    // removes the content it replaced.
    h.s3Probe.beforeNext(/^DeleteObjectCommand$/, async () => {
      const second = await uploadVersion(key, markdownArticle('Second version', 2));
      expect((await ingestObject(h.deps, second)).kind).toBe('processed');
    });

    expect((await deleteObject(h.deps, deletion)).kind).toBe('deleted');
    const stored = await h.stored(h.idOf(key));
    expect(stored?.record.title).toBe('Second version');
    expect(await h.content(stored?.contentKey ?? '')).toMatchObject({
      text: expect.stringContaining('Paragraph 1'),
    });
    expect(await h.contentObjects(h.idOf(key))).toEqual([stored?.contentKey]);
  });
});

describe('link items of an attempt that failed before its commit', () => {
  const linkUrls = async (key: string): Promise<readonly (string | null)[]> =>
    (await h.stored(h.idOf(key)))?.record.links.map((link) => link.url) ?? [];

  it('are removed by the retry of that event once a newer version of a new key committed', async () => {
    const key = 'orphans/new-key.md';
    const older = await h.uploadEvent(key, markdownArticle('Older, ten links', 10));
    // The older event writes its ten link items, then its commit fails: the message is retried.
    h.dynamoProbe.failNext(/^PutItemCommand$/, 1, throttling);
    expect((await h.deliver(older)).batchItemFailures).toHaveLength(1);
    expect(await h.stored(h.idOf(key))).toBeNull();

    // The newer version finds the key new, so it does not look for stale links: for now the
    // older attempt's links past its own three are still there.
    const newer = await h.uploadEvent(key, markdownArticle('Newer, three links', 3));
    expect((await h.deliver(newer)).batchItemFailures).toEqual([]);
    expect((await h.stored(h.idOf(key)))?.linkItemCount).toBe(10);

    // The retry finds its object overwritten and removes what its first attempt left.
    expect((await h.deliver(older)).batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf(key));
    expect(stored?.record.title).toBe('Newer, three links');
    expect(stored?.linkItemCount).toBe(3);
    expect(await linkUrls(key)).toEqual(markdownArticle('Newer, three links', 3).match(/https:[^)]+/g));
  });

  it("are removed, and the stored record's links restored, when they overwrote a newer record", async () => {
    const key = 'orphans/overwrote-newer.md';
    const older = await uploadVersion(key, markdownArticle('Older, five links', 5));
    // The older event reads its object; the newer version is uploaded and committed; then the
    // older one writes its links over the newer record's and fails before its commit.
    h.dynamoProbe.beforeNext(/BatchWriteItem/, async () => {
      const newer = await h.uploadEvent(key, markdownArticle('Newer, two links', 2));
      expect((await h.deliver(newer)).batchItemFailures).toEqual([]);
      h.dynamoProbe.failNext(/^PutItemCommand$/, 1, throttling);
    });
    await expect(ingestObject(h.deps, older)).rejects.toThrow();
    expect((await h.stored(h.idOf(key)))?.record.links.map((link) => link.url)).not.toEqual(
      markdownArticle('Newer, two links', 2).match(/https:[^)]+/g),
    );

    // The retry is stale: it removes its own link items and re-extracts the current object.
    expect((await ingestObject(h.deps, older)).kind).toBe('stale');
    const stored = await h.stored(h.idOf(key));
    expect(stored?.record.title).toBe('Newer, two links');
    expect(stored?.linkItemCount).toBe(2);
    expect(await linkUrls(key)).toEqual(markdownArticle('Newer, two links', 2).match(/https:[^)]+/g));
  });
});
