/**
 * Two events of one key applied at the same instant by two function instances: the second one is
 * run from inside the first, just before one of the first's requests, so the interleaving is exact.
 */
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteObject } from '../../lib/ingest/delete-article.js';
import { ingestObject } from '../../lib/ingest/ingest-article.js';
import { type IngestHarness, markdownArticle, startIngestHarness } from './ingest-harness.js';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.stop();
});

describe('concurrent events of one key', () => {
  it('ends with the newer version and its own links when a newer create commits while an older one writes links', async () => {
    const key = 'races/create-create.md';
    const olderSequencer = h.nextSequencer();
    const olderEtag = await h.upload(key, markdownArticle('Older racer', 30));
    const older = {
      bucket: h.emulators.rawBucket,
      key,
      etag: olderEtag,
      versionId: null,
      size: null,
      sequencer: olderSequencer,
    };
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
      await h.emulators.s3.send(new DeleteObjectCommand({ Bucket: h.emulators.rawBucket, Key: key }));
      const deletion = {
        eventName: 'ObjectRemoved:Delete',
        bucket: h.emulators.rawBucket,
        key,
        versionId: null,
      };
      expect((await deleteObject(h.deps, { ...deletion, sequencer: h.nextSequencer() })).kind).toBe(
        'deleted',
      );
    });

    expect((await ingestObject(h.deps, create)).kind).toBe('stale');
    expect(await h.stored(h.idOf(key))).toBeNull();
    expect(await h.content(`content/${h.idOf(key)}.json`)).toBeNull();
    expect(await h.tombstone(h.idOf(key))).not.toBeNull();
  });
});
