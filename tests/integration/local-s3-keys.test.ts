/**
 * The local S3 emulator treats keys as S3 does, as opaque strings, and versions the buckets named
 * versioned: through a real SDK v3 client against the emulator (local/s3-object-api.ts,
 * local/s3rver-sync-store.ts).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startS3Emulator } from '../../local/local-emulators.js';
import { LocalObjectStore, type S3rverObject } from '../../local/s3rver-sync-store.js';
import { s3ClientOn } from '../support/s3-emulator-client.js';

const PLAIN = 'plain-bucket';
const OTHER = 'other-bucket';
const VERSIONED = 'versioned-bucket';

const clientOn = s3ClientOn;

async function failure(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error: unknown) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return { name: error instanceof Error ? error.name : String(error), status };
  }
  return { name: 'no error', status: undefined };
}

/** S3's `encoding-type=url` values are form-encoded: `+` is a space. */
const urlDecode = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : decodeURIComponent(value.replace(/\+/g, ' '));

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)));
}

describe('the local S3 with opaque keys', () => {
  let root: string;
  let directory: string;
  let emulator: RunningEmulator;
  let s3: S3Client;

  const put = (Bucket: string, Key: string, Body: string) =>
    s3.send(new PutObjectCommand({ Bucket, Key, Body }));
  const body = async (Bucket: string, Key: string, VersionId?: string): Promise<string> => {
    const response = await s3.send(new GetObjectCommand({ Bucket, Key, VersionId }));
    return (await response.Body?.transformToString()) ?? '';
  };
  const keysOf = async (Bucket: string, Prefix?: string): Promise<string[]> => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix, EncodingType: 'url' }));
    return (listed.Contents ?? []).map((object) => urlDecode(object.Key) ?? '');
  };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'local-s3-keys-'));
    directory = join(root, 'data', 's3');
    emulator = await startS3Emulator('127.0.0.1', directory, [PLAIN, OTHER, VERSIONED], {
      versionedBuckets: [VERSIONED],
    });
    s3 = clientOn(emulator.port);
  });

  afterAll(async () => {
    s3.destroy();
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  });

  it('keeps a key with .. inside its bucket, and never lets it replace another bucket object', async () => {
    await put(OTHER, 'content/a1.json', 'the real content');
    await put(PLAIN, '../../x/y.txt', 'dots');
    await put(PLAIN, `../${OTHER}/content/a1.json`, 'an attack');

    expect(await body(PLAIN, '../../x/y.txt')).toBe('dots');
    expect(await body(PLAIN, `../${OTHER}/content/a1.json`)).toBe('an attack');
    expect(await body(OTHER, 'content/a1.json')).toBe('the real content');
    expect(await keysOf(OTHER)).toEqual(['content/a1.json']);
    expect(existsSync(join(root, 'x'))).toBe(false);
    expect(existsSync(join(root, 'data', 'x'))).toBe(false);
    // Every file the store wrote is inside a bucket's folder.
    for (const file of await filesUnder(directory)) {
      expect([PLAIN, OTHER, VERSIONED]).toContain(file.split('/')[0]);
    }
  });

  it('keeps keys that differ only by . and .. segments or empty segments apart', async () => {
    const keys = ['a/b.txt', 'a/x/../b.txt', 'a/./b.txt', 'a//b.txt', '/lead.txt', 'trailing/', 'x//', '//'];
    for (const key of keys) await put(PLAIN, key, `body of ${key}`);
    for (const key of keys) expect(await body(PLAIN, key)).toBe(`body of ${key}`);
    const listed = await keysOf(PLAIN);
    for (const key of keys) expect(listed).toContain(key);
  });

  it('stores a 1,024-byte key with a 600-byte segment and refuses 1,025 bytes with KeyTooLongError', async () => {
    const arabic = 'ع'.repeat(300);
    const longest = `${arabic}/${'k'.repeat(1024 - Buffer.byteLength(arabic) - 1)}`;
    expect(Buffer.byteLength(longest)).toBe(1024);
    await put(PLAIN, longest, 'long');
    expect(await body(PLAIN, longest)).toBe('long');
    expect(await keysOf(PLAIN, arabic)).toEqual([longest]);

    const tooLong = `${longest}k`;
    expect(await failure(put(PLAIN, tooLong, 'too long'))).toEqual({ name: 'KeyTooLongError', status: 400 });
    expect(await keysOf(PLAIN, arabic)).toEqual([longest]);
  });

  it('lists keys with control characters exactly with encoding-type=url, as S3 encodes them', async () => {
    const keys = [
      'crlf\r\nkey.txt',
      'tab\tkey.txt',
      'bell\u0007.txt',
      'space and+plus (1).txt',
      'نص عربي.txt',
    ];
    for (const key of keys) await put(PLAIN, key, key);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: PLAIN, EncodingType: 'url' }));
    expect(listed.EncodingType).toBe('url');
    const raw = (listed.Contents ?? []).map((object) => object.Key);
    expect(raw).toContain('crlf%0D%0Akey.txt');
    expect(raw).toContain('space+and%2Bplus+%281%29.txt');
    const decoded = raw.map(urlDecode);
    for (const key of keys) {
      expect(decoded).toContain(key);
      expect(await body(PLAIN, key)).toBe(key);
    }
    // Without encoding-type, `\r` travels as a character reference, which the SDK decodes back.
    const plain = await s3.send(new ListObjectsV2Command({ Bucket: PLAIN, Prefix: 'crlf' }));
    expect(plain.Contents?.map((object) => object.Key)).toEqual(['crlf\r\nkey.txt']);
    const v1 = await s3.send(
      new ListObjectsCommand({ Bucket: PLAIN, Prefix: 'crlf\r', EncodingType: 'url' }),
    );
    expect(v1.Contents?.map((object) => urlDecode(object.Key))).toEqual(['crlf\r\nkey.txt']);
    expect(urlDecode(v1.Prefix)).toBe('crlf\r');
  });

  it('pages ListObjectsV2 and ListObjects with a delimiter, each key or prefix once', async () => {
    const keys = ['p/1.txt', 'p/2.txt', 'p/d/3.txt', 'p/d/4.txt', 'p/e/5.txt', 'p/6.txt'];
    for (const key of keys) await put(PLAIN, key, key);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: PLAIN,
          Prefix: 'p/',
          Delimiter: '/',
          MaxKeys: 2,
          ContinuationToken: token,
        }),
      );
      seen.push(
        ...(page.Contents ?? []).map((o) => o.Key ?? ''),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''),
      );
      token = page.NextContinuationToken;
    } while (token !== undefined);
    expect(seen.sort()).toEqual(['p/1.txt', 'p/2.txt', 'p/6.txt', 'p/d/', 'p/e/']);

    const v1Seen: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await s3.send(
        new ListObjectsCommand({ Bucket: PLAIN, Prefix: 'p/', Delimiter: '/', MaxKeys: 2, Marker: marker }),
      );
      v1Seen.push(
        ...(page.Contents ?? []).map((o) => o.Key ?? ''),
        ...(page.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''),
      );
      if (page.IsTruncated !== true) break;
      marker = page.NextMarker;
    }
    expect(v1Seen.sort()).toEqual(['p/1.txt', 'p/2.txt', 'p/6.txt', 'p/d/', 'p/e/']);
  });

  it('deletes keys with empty segments and .., one or in a batch', async () => {
    await put(PLAIN, 'del//a.txt', 'a');
    await put(PLAIN, 'del/../b.txt', 'b');
    await s3.send(new DeleteObjectCommand({ Bucket: PLAIN, Key: 'del//a.txt' }));
    await s3.send(
      new DeleteObjectsCommand({
        Bucket: PLAIN,
        Delete: { Objects: [{ Key: 'del/../b.txt' }, { Key: 'crlf\r\nkey.txt' }] },
      }),
    );
    expect(await keysOf(PLAIN, 'del')).toEqual([]);
    expect(await keysOf(PLAIN, 'crlf')).toEqual([]);
    expect((await failure(body(PLAIN, 'del//a.txt'))).name).toBe('NoSuchKey');
  });
});

describe('the local S3 with a versioned bucket', () => {
  let directory: string;
  let emulator: RunningEmulator;
  let s3: S3Client;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'local-s3-versions-'));
    emulator = await startS3Emulator('127.0.0.1', directory, [PLAIN, VERSIONED], {
      versionedBuckets: [VERSIONED],
    });
    s3 = clientOn(emulator.port);
  });

  afterAll(async () => {
    s3.destroy();
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  const put = (Key: string, Body: string) => s3.send(new PutObjectCommand({ Bucket: VERSIONED, Key, Body }));
  const body = async (Key: string, VersionId?: string): Promise<string> => {
    const response = await s3.send(new GetObjectCommand({ Bucket: VERSIONED, Key, VersionId }));
    return (await response.Body?.transformToString()) ?? '';
  };

  it('answers GetBucketVersioning Enabled for the versioned bucket only', async () => {
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: VERSIONED }))).Status).toBe('Enabled');
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: PLAIN }))).Status).toBeUndefined();
  });

  it('gives every PUT its own version id, and reads each version by id', async () => {
    const first = await put('v/a.txt', 'first');
    const second = await put('v/a.txt', 'second');
    expect(first.VersionId).toMatch(/^[\w-]{32}$/);
    expect(second.VersionId).toMatch(/^[\w-]{32}$/);
    expect(second.VersionId).not.toBe(first.VersionId);

    expect(await body('v/a.txt')).toBe('second');
    expect(await body('v/a.txt', first.VersionId)).toBe('first');
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: VERSIONED, Key: 'v/a.txt', VersionId: first.VersionId }),
    );
    expect(head.VersionId).toBe(first.VersionId);
    expect(head.ContentLength).toBe(5);
    const current = await s3.send(new GetObjectCommand({ Bucket: VERSIONED, Key: 'v/a.txt' }));
    expect(current.VersionId).toBe(second.VersionId);
    expect(await failure(body('v/a.txt', 'no-such-version-id'))).toEqual({
      name: 'NoSuchVersion',
      status: 404,
    });
  });

  it('writes a delete marker for a delete without a version, and lists it', async () => {
    const created = await put('v/marked.txt', 'here');
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: VERSIONED, Key: 'v/marked.txt' }));
    expect(deleted.DeleteMarker).toBe(true);
    expect(deleted.VersionId).toMatch(/^[\w-]{32}$/);
    expect((await failure(body('v/marked.txt'))).name).toBe('NoSuchKey');
    expect(await body('v/marked.txt', created.VersionId)).toBe('here');
    // As S3 answers for a key whose current version is a delete marker.
    const head = await fetch(`http://127.0.0.1:${emulator.port}/${VERSIONED}/v/marked.txt`, {
      method: 'HEAD',
    });
    expect(head.status).toBe(404);
    expect(head.headers.get('x-amz-delete-marker')).toBe('true');
    expect(head.headers.get('x-amz-version-id')).toBe(deleted.VersionId);

    const listed = await s3.send(new ListObjectsV2Command({ Bucket: VERSIONED, Prefix: 'v/marked' }));
    expect(listed.KeyCount).toBe(0);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: VERSIONED, Prefix: 'v/marked' }));
    expect(versions.DeleteMarkers?.map((m) => [m.Key, m.VersionId, m.IsLatest])).toEqual([
      ['v/marked.txt', deleted.VersionId, true],
    ]);
    expect(versions.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest, v.Size])).toEqual([
      ['v/marked.txt', created.VersionId, false, 4],
    ]);

    // Removing the marker by its version id makes the object current again.
    const unmarked = await s3.send(
      new DeleteObjectCommand({ Bucket: VERSIONED, Key: 'v/marked.txt', VersionId: deleted.VersionId }),
    );
    expect(unmarked.DeleteMarker).toBe(true);
    expect(unmarked.VersionId).toBe(deleted.VersionId);
    expect(await body('v/marked.txt')).toBe('here');
  });

  it('removes one specific version, the previous one becoming current', async () => {
    const one = await put('v/specific.txt', 'one');
    const two = await put('v/specific.txt', 'two');
    const removed = await s3.send(
      new DeleteObjectCommand({ Bucket: VERSIONED, Key: 'v/specific.txt', VersionId: two.VersionId }),
    );
    expect(removed.VersionId).toBe(two.VersionId);
    expect(removed.DeleteMarker).toBeUndefined();
    expect(await body('v/specific.txt')).toBe('one');
    const versions = await s3.send(
      new ListObjectVersionsCommand({ Bucket: VERSIONED, Prefix: 'v/specific' }),
    );
    expect(versions.Versions?.map((v) => v.VersionId)).toEqual([one.VersionId]);
    expect(versions.DeleteMarkers).toBeUndefined();
  });

  it('deletes in a batch with and without version ids', async () => {
    const kept = await put('v/batch-1.txt', '1');
    await put('v/batch-2.txt', '2');
    const result = await s3.send(
      new DeleteObjectsCommand({
        Bucket: VERSIONED,
        Delete: { Objects: [{ Key: 'v/batch-1.txt', VersionId: kept.VersionId }, { Key: 'v/batch-2.txt' }] },
      }),
    );
    const byKey = new Map(result.Deleted?.map((d) => [d.Key, d]));
    expect(byKey.get('v/batch-1.txt')).toMatchObject({ VersionId: kept.VersionId });
    expect(byKey.get('v/batch-2.txt')).toMatchObject({ DeleteMarker: true });
    expect(byKey.get('v/batch-2.txt')?.DeleteMarkerVersionId).toMatch(/^[\w-]{32}$/);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: VERSIONED, Prefix: 'v/batch' }));
    expect(versions.Versions?.map((v) => v.Key)).toEqual(['v/batch-2.txt']);
    expect(versions.DeleteMarkers?.map((m) => m.Key)).toEqual(['v/batch-2.txt']);
  });

  it('copies a named source version', async () => {
    const old = await put('v/source.txt', 'old source');
    await put('v/source.txt', 'new source');
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: VERSIONED,
        Key: 'v/copy of (1).txt',
        CopySource: `${VERSIONED}/${encodeURIComponent('v/source.txt')}?versionId=${old.VersionId}`,
      }),
    );
    expect(copied.CopySourceVersionId).toBe(old.VersionId);
    expect(copied.VersionId).toMatch(/^[\w-]{32}$/);
    expect(await body('v/copy of (1).txt')).toBe('old source');
  });

  it('pages ListObjectVersions with key and version-id markers, URL-encoded on request', async () => {
    for (const text of ['1', '2', '3']) await put('w/pages\r\n.txt', text);
    await put('w/z.txt', 'z');
    const seen: string[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    for (;;) {
      const page = await s3.send(
        new ListObjectVersionsCommand({
          Bucket: VERSIONED,
          Prefix: 'w/',
          MaxKeys: 2,
          EncodingType: 'url',
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      expect(page.EncodingType).toBe('url');
      seen.push(...(page.Versions ?? []).map((v) => `${urlDecode(v.Key)}:${v.IsLatest}`));
      if (page.IsTruncated !== true) break;
      keyMarker = urlDecode(page.NextKeyMarker);
      versionIdMarker = page.NextVersionIdMarker;
    }
    expect(seen).toEqual([
      'w/pages\r\n.txt:true',
      'w/pages\r\n.txt:false',
      'w/pages\r\n.txt:false',
      'w/z.txt:true',
    ]);
  });

  it('keeps every version and marker over a restart', async () => {
    const a = await put('r/kept.txt', 'a');
    const b = await put('r/kept.txt', 'b');
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: VERSIONED, Key: 'r/kept.txt' }));
    s3.destroy();
    await emulator.close();
    emulator = await startS3Emulator('127.0.0.1', directory, [PLAIN, VERSIONED], {
      versionedBuckets: [VERSIONED],
    });
    s3 = clientOn(emulator.port);
    const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: VERSIONED, Prefix: 'r/' }));
    expect(versions.Versions?.map((v) => v.VersionId)).toEqual([b.VersionId, a.VersionId]);
    expect(versions.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest])).toEqual([[marker.VersionId, true]]);
    expect(await body('r/kept.txt', a.VersionId)).toBe('a');
  });
});

describe('the local S3 store on damaged or interrupted writes', () => {
  it('leaves nothing behind when an upload body fails midway', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'local-s3-atomic-'));
    try {
      const store = new LocalObjectStore(directory);
      await store.putBucket(PLAIN);
      const failing = new Readable({
        read() {
          this.push(Buffer.from('half of it'));
          this.destroy(new Error('connection reset'));
        },
      });
      const object: S3rverObject = { bucket: PLAIN, key: 'broken.txt', content: failing, metadata: {} };
      await expect(store.putObject(object)).rejects.toThrow(/connection reset|closed/);
      expect(await filesUnder(join(directory, PLAIN))).toEqual([]);
      expect(store.sortedKeys(PLAIN)).toEqual([]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('lists every other key when one stored version is damaged, and drops unfinished writes', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'local-s3-damaged-'));
    const lines: string[] = [];
    try {
      let emulator = await startS3Emulator('127.0.0.1', directory, [PLAIN]);
      let s3 = clientOn(emulator.port);
      for (const key of ['good-1.txt', 'damaged.txt', 'bodiless.txt', 'good-2.txt']) {
        await s3.send(new PutObjectCommand({ Bucket: PLAIN, Key: key, Body: key }));
      }
      s3.destroy();
      await emulator.close();
      const files = await filesUnder(join(directory, PLAIN));
      const jsons = files.filter((file) => file.endsWith('.json'));
      let damaged: string | undefined;
      let bodiless: string | undefined;
      for (const file of jsons) {
        const text = await readFile(join(directory, PLAIN, file), 'utf8');
        if (text.includes('"damaged.txt"')) damaged = file;
        if (text.includes('"bodiless.txt"')) bodiless = file;
      }
      expect(damaged).toBeDefined();
      await writeFile(join(directory, PLAIN, damaged ?? ''), '{"key": "dama');
      // A body removed by hand: its version cannot be served, so it is not listed either.
      await rm(join(directory, PLAIN, (bodiless ?? '').replace(/\.json$/, '.object')));
      // An upload killed before its commit: a body and a temporary file without a version JSON.
      const folder = join(directory, PLAIN, (jsons[0] ?? '').split('/').slice(0, 2).join('/'));
      await writeFile(join(folder, '0000000000000000FF.object'), 'orphan');
      await writeFile(join(folder, '.tmp-abcdef'), 'partial');

      emulator = await startS3Emulator('127.0.0.1', directory, [PLAIN], { log: (line) => lines.push(line) });
      s3 = clientOn(emulator.port);
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: PLAIN }));
      expect(listed.Contents?.map((o) => o.Key)).toEqual(['good-1.txt', 'good-2.txt']);
      expect(lines.some((line) => line.includes('unreadable'))).toBe(true);
      expect(existsSync(join(folder, '0000000000000000FF.object'))).toBe(false);
      expect(existsSync(join(folder, '.tmp-abcdef'))).toBe(false);
      s3.destroy();
      await emulator.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
