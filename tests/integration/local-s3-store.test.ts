/**
 * The local S3 emulator's store (local/s3rver-sync-store.ts, local/s3-object-api.ts) through a real SDK v3 client:
 * object round trips with metadata, ranges, listing, copy, delete and multipart; its key-hashed
 * layout, kept across a restart; s3rver's own layout moved into it on first use.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startS3Emulator } from '../../local/local-emulators.js';
import { s3ClientOn } from '../support/s3-emulator-client.js';

const BUCKET = 'store-test';
const require = createRequire(import.meta.url);
/** s3rver with its own FilesystemStore, as before the sync store. */
const S3rver = require('s3rver') as new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: readonly { name: string }[];
}) => { run(): Promise<AddressInfo>; close(): Promise<void> };

const md5 = (data: string | Uint8Array): string => createHash('md5').update(data).digest('hex');

/** Where the store keeps the versions of `key`: a folder named by the key's SHA-256. */
function keyFolder(directory: string, key: string): string {
  const hash = createHash('sha256').update(key).digest('hex');
  return join(directory, BUCKET, hash.slice(0, 2), hash);
}

const clientOn = s3ClientOn;

async function getBody(s3: S3Client, key: string, range?: string): Promise<Buffer> {
  const response = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: range }));
  return Buffer.from((await response.Body?.transformToByteArray()) ?? []);
}

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error: unknown) {
    return error instanceof Error ? error.name : String(error);
  }
  return 'no error';
}

/** Runs s3rver with its original store on `directory` while `use` runs. */
async function withOriginalStore<T>(directory: string, use: (s3: S3Client) => Promise<T>): Promise<T> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  const s3 = clientOn(port);
  try {
    return await use(s3);
  } finally {
    s3.destroy();
    await server.close();
  }
}

const directories: string[] = [];
async function freshDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'local-s3-store-'));
  directories.push(directory);
  return directory;
}

afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describe('the S3 emulator store', () => {
  let directory: string;
  let emulator: RunningEmulator;
  let s3: S3Client;

  beforeAll(async () => {
    directory = await freshDirectory();
    emulator = await startS3Emulator('127.0.0.1', directory, [BUCKET]);
    s3 = clientOn(emulator.port);
  });

  afterAll(async () => {
    s3.destroy();
    await emulator.close();
  });

  it('puts, gets and heads an object with its metadata and content type', async () => {
    const body = '# Title\n\nSome text.\n';
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'notes/a.md',
        Body: body,
        ContentType: 'text/markdown; charset=utf-8',
        CacheControl: 'max-age=60',
        Metadata: { author: 'ada', topic: 'engines' },
      }),
    );
    expect(put.ETag).toBe(`"${md5(body)}"`);

    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'notes/a.md' }));
    expect(await got.Body?.transformToString()).toBe(body);
    expect(got.ETag).toBe(`"${md5(body)}"`);
    expect(got.ContentType).toBe('text/markdown; charset=utf-8');
    expect(got.CacheControl).toBe('max-age=60');
    expect(got.ContentLength).toBe(Buffer.byteLength(body));
    expect(got.Metadata).toEqual({ author: 'ada', topic: 'engines' });

    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'notes/a.md' }));
    expect(head.ETag).toBe(`"${md5(body)}"`);
    expect(head.ContentType).toBe('text/markdown; charset=utf-8');
    expect(head.ContentLength).toBe(Buffer.byteLength(body));
    expect(head.Metadata).toEqual({ author: 'ada', topic: 'engines' });
    expect(head.LastModified).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - (head.LastModified?.getTime() ?? 0))).toBeLessThan(60_000);
  });

  it('stores a key in a folder named by its hash, the key itself in the version JSON', async () => {
    const key = 'layout/deep/b.txt';
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: 'bee',
        ContentType: 'text/plain',
        Metadata: { k: 'v' },
      }),
    );
    const folder = keyFolder(directory, key);
    const files = (await readdir(folder)).sort();
    expect(files).toHaveLength(2);
    const body = files.find((file) => file.endsWith('.object'));
    const version = files.find((file) => file.endsWith('.json'));
    expect(body).toMatch(/^[0-9A-F]{18}\.object$/);
    expect(await readFile(join(folder, body ?? ''), 'utf8')).toBe('bee');
    expect(JSON.parse(await readFile(join(folder, version ?? ''), 'utf8'))).toMatchObject({
      key,
      versionId: 'null',
      deleteMarker: false,
      size: 3,
      md5: md5('bee'),
      metadata: { 'content-type': 'text/plain', 'x-amz-meta-k': 'v' },
    });
    expect(existsSync(join(directory, BUCKET, 'layout'))).toBe(false);

    // In an unversioned bucket an overwrite replaces the null version: two files still.
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'bee 2' }));
    expect(await readdir(folder)).toHaveLength(2);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ETag).toBe(`"${md5('bee 2')}"`);
    expect(head.Metadata).toEqual({});
    expect(head.VersionId).toBeUndefined();
  });

  it('serves byte ranges', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Body: '0123456789' }));
    const ranged = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=2-5' }),
    );
    expect(await ranged.Body?.transformToString()).toBe('2345');
    expect(ranged.ContentRange).toBe('bytes 2-5/10');
    expect(ranged.ContentLength).toBe(4);
    expect((await getBody(s3, 'range.txt', 'bytes=7-')).toString()).toBe('789');
    expect((await getBody(s3, 'range.txt', 'bytes=8-100')).toString()).toBe('89');
    expect(await errorName(getBody(s3, 'range.txt', 'bytes=20-30'))).toBe('InvalidRange');
  });

  it('round-trips an empty object and a 10 MiB object', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'empty', Body: '' }));
    expect((await getBody(s3, 'empty')).length).toBe(0);
    expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'empty' }))).ETag).toBe(
      `"${md5('')}"`,
    );

    const big = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4) big.writeUInt32LE(i, i);
    const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big.bin', Body: big }));
    expect(put.ETag).toBe(`"${md5(big)}"`);
    const got = await getBody(s3, 'big.bin');
    expect(got.length).toBe(big.length);
    expect(md5(got)).toBe(md5(big));
    const tail = await getBody(s3, 'big.bin', `bytes=${big.length - 8}-`);
    expect(tail.equals(big.subarray(big.length - 8))).toBe(true);
  });

  it('overwrites an object: the new body, ETag and metadata are served', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'over.txt', Body: 'first', Metadata: { n: '1' } }),
    );
    expect((await getBody(s3, 'over.txt')).toString()).toBe('first');
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'over.txt', Body: 'second!', ContentType: 'text/plain' }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'over.txt' }));
    expect(head.ETag).toBe(`"${md5('second!')}"`);
    expect(head.Metadata).toEqual({});
    expect(head.ContentType).toBe('text/plain');
    expect((await getBody(s3, 'over.txt')).toString()).toBe('second!');
  });

  it('lists objects with prefixes, delimiters and sizes', async () => {
    for (const key of ['list/x/1.txt', 'list/x/2.txt', 'list/y.txt', 'list/z/3.txt']) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }
    const flat = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/' }));
    expect(flat.Contents?.map((o) => [o.Key, o.Size, o.ETag])).toEqual(
      ['list/x/1.txt', 'list/x/2.txt', 'list/y.txt', 'list/z/3.txt'].map((key) => [
        key,
        key.length,
        `"${md5(key)}"`,
      ]),
    );
    const grouped = await s3.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', Delimiter: '/' }),
    );
    expect(grouped.Contents?.map((o) => o.Key)).toEqual(['list/y.txt']);
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['list/x/', 'list/z/']);
  });

  it('copies an object with its metadata, or with replaced metadata', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'copy/src.txt',
        Body: 'source body',
        ContentType: 'text/plain',
        Metadata: { origin: 'src' },
      }),
    );
    await s3.send(
      new CopyObjectCommand({ Bucket: BUCKET, Key: 'copy/kept.txt', CopySource: `${BUCKET}/copy/src.txt` }),
    );
    const kept = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'copy/kept.txt' }));
    expect(kept.ETag).toBe(`"${md5('source body')}"`);
    expect(kept.ContentType).toBe('text/plain');
    expect(kept.Metadata).toEqual({ origin: 'src' });
    expect((await getBody(s3, 'copy/kept.txt')).toString()).toBe('source body');

    // The destination exists with another body: its ETag must become the copied body's.
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'copy/replaced.txt', Body: 'older, longer body' }),
    );
    const replaced = await s3.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: 'copy/replaced.txt',
        CopySource: `${BUCKET}/copy/src.txt`,
        MetadataDirective: 'REPLACE',
        ContentType: 'text/markdown',
        Metadata: { origin: 'replaced' },
      }),
    );
    expect(replaced.CopyObjectResult?.ETag).toBe(`"${md5('source body')}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'copy/replaced.txt' }));
    expect(head.ETag).toBe(`"${md5('source body')}"`);
    expect(head.ContentType).toBe('text/markdown');
    expect(head.Metadata).toEqual({ origin: 'replaced' });
    expect((await getBody(s3, 'copy/replaced.txt')).toString()).toBe('source body');

    // Onto itself, replacing the metadata only.
    await s3.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: 'copy/src.txt',
        CopySource: `${BUCKET}/copy/src.txt`,
        MetadataDirective: 'REPLACE',
        Metadata: { origin: 'self' },
      }),
    );
    const self = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'copy/src.txt' }));
    expect(self.Metadata).toEqual({ origin: 'self' });
    expect(self.ContentType).toBe('binary/octet-stream');
    expect(self.ETag).toBe(`"${md5('source body')}"`);
  });

  it('deletes objects, one or in a batch, and removes their folders', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'gone/a/one.txt', Body: '1' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'gone/two.txt', Body: '2' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'gone/three.txt', Body: '3' }));
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'gone/a/one.txt' }));
    expect(await errorName(getBody(s3, 'gone/a/one.txt'))).toBe('NoSuchKey');
    expect(await errorName(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'gone/a/one.txt' })))).toBe(
      'NotFound',
    );
    expect(existsSync(keyFolder(directory, 'gone/a/one.txt'))).toBe(false);
    expect(existsSync(keyFolder(directory, 'gone/two.txt'))).toBe(true);

    await s3.send(
      new DeleteObjectsCommand({
        Bucket: BUCKET,
        Delete: { Objects: [{ Key: 'gone/two.txt' }, { Key: 'gone/three.txt' }, { Key: 'gone/never.txt' }] },
      }),
    );
    const left = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'gone/' }));
    expect(left.KeyCount).toBe(0);
    expect(existsSync(keyFolder(directory, 'gone/two.txt'))).toBe(false);

    // A folder removed by a delete is made again by the next put under it.
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'gone/a/again.txt', Body: 'back' }));
    expect((await getBody(s3, 'gone/a/again.txt')).toString()).toBe('back');
  });

  it('completes a multipart upload with the concatenated body', async () => {
    const first = Buffer.alloc(5 * 1024 * 1024, 'a');
    const second = Buffer.from('the last part');
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'multi.bin',
        ContentType: 'application/x-test',
      }),
    );
    const parts = [];
    for (const [index, body] of [first, second].entries()) {
      const part = await s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: 'multi.bin',
          UploadId,
          PartNumber: index + 1,
          Body: body,
        }),
      );
      parts.push({ ETag: part.ETag, PartNumber: index + 1 });
    }
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'multi.bin',
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    const whole = Buffer.concat([first, second]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'multi.bin' }));
    expect(head.ContentLength).toBe(whole.length);
    expect(head.ETag).toBe(`"${md5(whole)}"`);
    expect(head.ContentType).toBe('application/x-test');
    expect(md5(await getBody(s3, 'multi.bin'))).toBe(md5(whole));
  });

  it('answers NoSuchKey and NoSuchBucket', async () => {
    expect(await errorName(getBody(s3, 'never/written.txt'))).toBe('NoSuchKey');
    expect(await errorName(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'x' })))).toBe(
      'NoSuchBucket',
    );
  });
});

describe('the S3 emulator on an existing data directory', () => {
  let emulators: RunningEmulator[] = [];
  let clients: S3Client[] = [];

  async function start(directory: string): Promise<S3Client> {
    const emulator = await startS3Emulator('127.0.0.1', directory, [BUCKET]);
    emulators.push(emulator);
    const s3 = clientOn(emulator.port);
    clients.push(s3);
    return s3;
  }

  afterEach(async () => {
    for (const s3 of clients) s3.destroy();
    await Promise.all(emulators.map((emulator) => emulator.close()));
    emulators = [];
    clients = [];
  });

  it('keeps its objects across a restart', async () => {
    const directory = await freshDirectory();
    const before = await start(directory);
    await before.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'kept/doc.md',
        Body: 'persisted',
        ContentType: 'text/markdown',
        Metadata: { v: '1' },
      }),
    );
    await emulators[0]?.close();
    emulators = [];

    const after = await start(directory);
    const head = await after.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'kept/doc.md' }));
    expect(head.ETag).toBe(`"${md5('persisted')}"`);
    expect(head.ContentType).toBe('text/markdown');
    expect(head.Metadata).toEqual({ v: '1' });
    expect((await getBody(after, 'kept/doc.md')).toString()).toBe('persisted');
    const listed = await after.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['kept/doc.md']);
  });

  it("moves objects written by s3rver's own store into its layout on first use", async () => {
    const directory = await freshDirectory();
    await withOriginalStore(directory, (original) =>
      original.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'old/article.md',
          Body: 'written by the original store',
          ContentType: 'text/markdown; charset=utf-8',
          Metadata: { source: 'original' },
        }),
      ),
    );
    // As the earlier sync store left them: the MD5 inside metadata.json, and an object written by
    // hand with neither metadata nor .md5.
    const bucketPath = join(directory, BUCKET);
    await mkdir(join(bucketPath, 'ab'), { recursive: true });
    await writeFile(join(bucketPath, 'ab', 'inline.txt._S3rver_object'), 'inline');
    await writeFile(
      join(bucketPath, 'ab', 'inline.txt._S3rver_metadata.json'),
      JSON.stringify({ 'content-type': 'text/plain', _s3rverSyncMd5: md5('inline') }),
    );
    await writeFile(join(bucketPath, 'by-hand.txt._S3rver_object'), 'by hand');

    const s3 = await start(directory);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(listed.Contents?.map((o) => [o.Key, o.ETag])).toEqual([
      ['ab/inline.txt', `"${md5('inline')}"`],
      ['by-hand.txt', `"${md5('by hand')}"`],
      ['old/article.md', `"${md5('written by the original store')}"`],
    ]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'old/article.md' }));
    expect(head.ContentType).toBe('text/markdown; charset=utf-8');
    expect(head.Metadata).toEqual({ source: 'original' });
    expect((await getBody(s3, 'old/article.md')).toString()).toBe('written by the original store');
    expect((await getBody(s3, 'ab/inline.txt')).toString()).toBe('inline');
    // Nothing of the old layout is left, and the moved objects survive a restart.
    expect(existsSync(join(bucketPath, 'old'))).toBe(false);
    expect(existsSync(join(bucketPath, 'by-hand.txt._S3rver_object'))).toBe(false);
    expect(existsSync(join(bucketPath, 'ab', 'inline.txt._S3rver_object'))).toBe(false);
    await emulators[0]?.close();
    emulators = [];
    const again = await start(directory);
    const relisted = await again.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect(relisted.KeyCount).toBe(3);
  });
});
