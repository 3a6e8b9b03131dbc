/**
 * A faster object store for s3rver 3.x, on the same files as its own `FilesystemStore`.
 *
 * Why: on the 2-core machine the local pipeline is CPU-bound, and s3rver's store was the most
 * expensive part of an S3 request. It makes 8–10 awaited fs-extra calls per request (stat of the
 * bucket, mkdirp, a write stream, metadata.json and .md5 writes; on reads a stat and two readFiles
 * before a read stream), each a libuv thread-pool round trip of about 0.3 ms CPU, and two more
 * failing readFiles per request for the bucket's CORS and website configurations. Measured with
 * tmp-exp/cost.ts through the notifying proxy: PutObject 9 KB 2.7–3.4 ms CPU, GetObject 1.9–2.5 ms,
 * HeadObject 2.0–2.1 ms (see docs/local-runtime.md for the numbers after).
 *
 * How: the emulator has a worker thread of its own, so this store calls the synchronous fs API,
 * which blocks that thread for microseconds instead of a round trip through the thread pool.
 * Known directories are not made again; the metadata and MD5 of an object are kept in a small
 * cache checked against the object file's size and mtime on every read, so the files stay the
 * source of truth (a restart, or another writer, is seen at once). Request bodies are written
 * chunk by chunk as they arrive and objects up to {@link BUFFERED_READ_LIMIT} are read into one
 * buffer; larger ones are streamed, so 10 MiB objects cost no more memory than before.
 *
 * The layout is s3rver's: `<bucket>/<key dirs>/<name>._S3rver_object`, `…._S3rver_object.md5`,
 * `…._S3rver_metadata.json` (same JSON), so a data directory works with either store. Multipart
 * uploads, bucket listing and object listing are s3rver's own code, calling the methods below.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  createReadStream,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmdirSync,
  rmSync,
  type Stats,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { Readable } from 'node:stream';

export type ObjectMetadata = Record<string, string | number>;

/** s3rver's S3Object model (lib/models/object.js): the members the store reads. */
export interface S3rverObject {
  readonly bucket: string;
  readonly key: string;
  readonly content: Buffer | Readable | null;
  readonly metadata: ObjectMetadata;
  range?: { readonly start: number; readonly end: number };
}
type S3ObjectConstructor = (new (
  bucket: string,
  key: string,
  content: Buffer | Readable | null,
  metadata: ObjectMetadata,
) => S3rverObject) & { readonly ALLOWED_METADATA: readonly string[] };
type S3BucketConstructor = new (name: string, creationDate: Date) => unknown;
interface ConfigResource {
  readonly type: string;
  toXML(space?: number): string;
}
type ConfigModel = new (xml: string) => ConfigResource;

/** The s3rver `FilesystemStore` members this subclass uses or replaces (s3rver ships no types). */
interface FilesystemStoreBase {
  readonly rootDirectory: string;
  getBucketPath(bucket: string): string;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  getMetadata(bucket: string, key: string): Promise<ObjectMetadata>;
  putMetadata(bucket: string, key: string, metadata: ObjectMetadata, md5?: string): Promise<void>;
  reset(): void;
  getBucket(bucket: string): Promise<unknown>;
  putBucket(bucket: string): Promise<unknown>;
  deleteBucket(bucket: string): Promise<void>;
  existsObject(bucket: string, key: string): Promise<boolean>;
  getObject(
    bucket: string,
    key: string,
    options?: { readonly start?: number; readonly end?: number },
  ): Promise<S3rverObject | null>;
  putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
  copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    replacementMetadata: ObjectMetadata | null,
  ): Promise<ObjectMetadata>;
  deleteObject(bucket: string, key: string): Promise<void>;
  getSubresource(
    bucket: string,
    key: string | undefined,
    resourceType: string,
  ): Promise<ConfigResource | null>;
  putSubresource(bucket: string, key: string | undefined, resource: ConfigResource): Promise<void>;
  deleteSubresource(bucket: string, key: string | undefined, resourceType: string): Promise<void>;
}

const require = createRequire(import.meta.url);
const FilesystemStore = require('s3rver/lib/stores/filesystem') as new (
  rootDirectory: string,
) => FilesystemStoreBase;
const S3Object = require('s3rver/lib/models/object') as S3ObjectConstructor;
const S3Bucket = require('s3rver/lib/models/bucket') as S3BucketConstructor;
const { getConfigModel } = require('s3rver/lib/models/config') as {
  getConfigModel(type: string): ConfigModel;
};

/** Objects up to this size are read into one buffer; larger ones are streamed from the file. */
export const BUFFERED_READ_LIMIT = 1024 * 1024;
/**
 * The MD5 of an object written by `putObject`, kept in its metadata.json instead of a `.md5`
 * file: one file fewer per upload (each file costs ~0.3 ms of system time on the build machine).
 * Never `x-amz-meta-…`, so it is no user metadata; s3rver's own store ignores it and, finding no
 * `.md5` file, hashes the object as it does for any object without one.
 */
const INLINE_MD5 = '_s3rverSyncMd5';
/** Cached objects (metadata.json content and MD5, a few hundred bytes each). */
const METADATA_CACHE_ENTRIES = 10_000;

interface CachedMetadata {
  readonly size: number;
  readonly mtimeMs: number;
  readonly stored: ObjectMetadata | undefined;
  readonly md5: string;
}

/** A buffered body that s3rver's HEAD path can `destroy()` like the read stream it expects. */
type BufferedContent = Buffer & { destroy(): void };

function isErrorCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function unlinkIfExists(path: string): void {
  try {
    unlinkSync(path);
  } catch (error: unknown) {
    if (!isErrorCode(error, 'ENOENT')) throw error;
  }
}

function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error: unknown) {
    if (isErrorCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function writeAll(fd: number, chunk: Buffer): void {
  let written = 0;
  while (written < chunk.length) written += writeSync(fd, chunk, written, chunk.length - written);
}

function md5OfFile(path: string): string {
  const hash = createHash('md5');
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      hash.update(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export class SyncFilesystemStore extends FilesystemStore {
  readonly #knownDirectories = new Set<string>();
  readonly #metadata = new Map<string, CachedMetadata>();

  /** s3rver's stored metadata: the allowed headers and `x-amz-meta-*`, as its store picks them. */
  static storedMetadata(metadata: ObjectMetadata): ObjectMetadata {
    const stored: ObjectMetadata = {};
    for (const name of S3Object.ALLOWED_METADATA) {
      if (name in metadata) stored[name] = metadata[name] as string | number;
    }
    for (const [name, value] of Object.entries(metadata)) {
      if (name.startsWith('x-amz-meta-')) stored[name] = value;
    }
    return stored;
  }

  #ensureDirectory(directory: string): void {
    if (this.#knownDirectories.has(directory)) return;
    mkdirSync(directory, { recursive: true });
    this.#knownDirectories.add(directory);
  }

  /** Opens a file for writing, making its directory first if it is not known to exist. */
  #openForWrite(path: string): number {
    const directory = dirname(path);
    this.#ensureDirectory(directory);
    try {
      return openSync(path, 'w');
    } catch (error: unknown) {
      if (!isErrorCode(error, 'ENOENT')) throw error;
      // Removed behind this store's back (e.g. by hand): make it again.
      this.#knownDirectories.delete(directory);
      this.#ensureDirectory(directory);
      return openSync(path, 'w');
    }
  }

  #remember(objectPath: string, entry: CachedMetadata): void {
    this.#metadata.delete(objectPath);
    this.#metadata.set(objectPath, entry);
    if (this.#metadata.size > METADATA_CACHE_ENTRIES) {
      const oldest = this.#metadata.keys().next();
      if (!oldest.done) this.#metadata.delete(oldest.value);
    }
  }

  #forgetUnder(directory: string): void {
    const prefix = directory + sep;
    for (const path of this.#knownDirectories) {
      if (path === directory || path.startsWith(prefix)) this.#knownDirectories.delete(path);
    }
    for (const path of this.#metadata.keys()) {
      if (path.startsWith(prefix)) this.#metadata.delete(path);
    }
  }

  /** s3rver's `getMetadata` for an object whose file stat is `stat`; throws ENOENT as it does. */
  #metadataOf(bucket: string, key: string, objectPath: string, stat: Stats): ObjectMetadata {
    let entry = this.#metadata.get(objectPath);
    if (entry === undefined || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) {
      const storedJson = readIfExists(this.getResourcePath(bucket, key, 'metadata.json'));
      const parsed =
        storedJson === undefined ? undefined : (JSON.parse(storedJson.toString()) as ObjectMetadata);
      const { [INLINE_MD5]: inlineMd5, ...stored } = parsed ?? {};
      let md5 = typeof inlineMd5 === 'string' ? inlineMd5 : readIfExists(`${objectPath}.md5`)?.toString();
      if (md5 === undefined) {
        // As s3rver does: an object without its .md5 file (written by hand) gets one now.
        md5 = md5OfFile(objectPath);
        writeFileSync(`${objectPath}.md5`, md5);
      }
      entry = {
        size: stat.size,
        mtimeMs: stat.mtimeMs,
        stored: parsed === undefined ? undefined : stored,
        md5,
      };
      this.#remember(objectPath, entry);
    }
    return {
      ...entry.stored,
      etag: JSON.stringify(entry.md5),
      'last-modified': stat.mtime.toUTCString(),
      'content-length': stat.size,
    };
  }

  override async getMetadata(bucket: string, key: string): Promise<ObjectMetadata> {
    const objectPath = this.getResourcePath(bucket, key, 'object');
    return this.#metadataOf(bucket, key, objectPath, statSync(objectPath));
  }

  override async putMetadata(
    bucket: string,
    key: string,
    metadata: ObjectMetadata,
    md5?: string,
  ): Promise<void> {
    this.#putMetadata(bucket, key, metadata, md5);
  }

  /**
   * Writes metadata.json, and the MD5 as s3rver does (a `.md5` file) or, with `inlineMd5`, inside
   * metadata.json (removing an older `.md5`, which would otherwise still be read by s3rver's store).
   */
  #putMetadata(
    bucket: string,
    key: string,
    metadata: ObjectMetadata,
    md5: string | undefined,
    inlineMd5 = false,
  ): ObjectMetadata {
    const objectPath = this.getResourcePath(bucket, key, 'object');
    const stored = SyncFilesystemStore.storedMetadata(metadata);
    this.#metadata.delete(objectPath);
    if (md5 && inlineMd5) unlinkIfExists(`${objectPath}.md5`);
    else if (md5) writeFileSync(`${objectPath}.md5`, md5);
    const written = md5 && inlineMd5 ? { ...stored, [INLINE_MD5]: md5 } : stored;
    writeFileSync(this.getResourcePath(bucket, key, 'metadata.json'), JSON.stringify(written, null, 2));
    return stored;
  }

  override reset(): void {
    super.reset();
    this.#knownDirectories.clear();
    this.#metadata.clear();
  }

  override async getBucket(bucket: string): Promise<unknown> {
    const stat = statSync(this.getBucketPath(bucket), { throwIfNoEntry: false });
    if (stat === undefined || !stat.isDirectory()) return null;
    return new S3Bucket(bucket, stat.birthtime);
  }

  override async putBucket(bucket: string): Promise<unknown> {
    const bucketPath = this.getBucketPath(bucket);
    mkdirSync(bucketPath, { recursive: true, mode: 0o755 });
    this.#knownDirectories.add(bucketPath);
    return this.getBucket(bucket);
  }

  override async deleteBucket(bucket: string): Promise<void> {
    const bucketPath = this.getBucketPath(bucket);
    rmSync(bucketPath, { recursive: true, force: true });
    this.#forgetUnder(bucketPath);
  }

  override async existsObject(bucket: string, key: string): Promise<boolean> {
    return statSync(this.getResourcePath(bucket, key, 'object'), { throwIfNoEntry: false }) !== undefined;
  }

  override async getObject(
    bucket: string,
    key: string,
    options?: { readonly start?: number; readonly end?: number },
  ): Promise<S3rverObject | null> {
    const objectPath = this.getResourcePath(bucket, key, 'object');
    let fd: number;
    try {
      fd = openSync(objectPath, 'r');
    } catch (error: unknown) {
      if (isErrorCode(error, 'ENOENT')) return null;
      throw error;
    }
    let handedOver = false;
    try {
      const metadata = this.#metadataOf(bucket, key, objectPath, fstatSync(fd));
      const size = Number(metadata['content-length']);
      const lastByte = Math.max(0, size - 1);
      // s3rver's range arithmetic, unchanged (an absent end reads to the last byte).
      const range = {
        start: options?.start || 0,
        end: Math.min(options?.end || Number.POSITIVE_INFINITY, lastByte),
      };
      const ranged = options !== undefined && (options.start !== undefined || Boolean(options.end));
      let content: Buffer | Readable | null = null;
      if (range.start >= 0 && Math.min(range.end, lastByte) >= range.start) {
        const length = Math.max(0, Math.min(range.end, size - 1) - range.start + 1);
        if (length <= BUFFERED_READ_LIMIT) {
          const body = Buffer.allocUnsafe(length);
          let read = 0;
          while (read < length) {
            const n = readSync(fd, body, read, length - read, range.start + read);
            if (n === 0) break;
            read += n;
          }
          const buffered = (read === length ? body : body.subarray(0, read)) as BufferedContent;
          buffered.destroy = () => {};
          content = buffered;
        } else {
          content = createReadStream(objectPath, { fd, start: range.start, end: range.end });
          handedOver = true;
        }
      }
      const object = new S3Object(bucket, key, content, metadata);
      if (ranged) object.range = range;
      return object;
    } catch (error: unknown) {
      if (isErrorCode(error, 'ENOENT')) return null;
      throw error;
    } finally {
      if (!handedOver) closeSync(fd);
    }
  }

  override async putObject(object: S3rverObject): Promise<{ size: number; md5: string }> {
    const objectPath = this.getResourcePath(object.bucket, object.key, 'object');
    const fd = this.#openForWrite(objectPath);
    const hash = createHash('md5');
    let size: number;
    try {
      const content = object.content;
      if (content === null) {
        size = 0;
      } else if (Buffer.isBuffer(content)) {
        writeAll(fd, content);
        hash.update(content);
        size = content.length;
      } else {
        size = await writeStream(content, fd, hash);
      }
    } catch (error: unknown) {
      closeSync(fd);
      throw error;
    }
    const stat = fstatSync(fd);
    closeSync(fd);
    const md5 = hash.digest('hex');
    const stored = this.#putMetadata(object.bucket, object.key, object.metadata, md5, true);
    this.#remember(objectPath, { size: stat.size, mtimeMs: stat.mtimeMs, stored, md5 });
    return { size, md5 };
  }

  override async copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    replacementMetadata: ObjectMetadata | null,
  ): Promise<ObjectMetadata> {
    const srcObjectPath = this.getResourcePath(srcBucket, srcKey, 'object');
    const destObjectPath = this.getResourcePath(destBucket, destKey, 'object');
    const copied = srcObjectPath !== destObjectPath;
    if (copied) {
      this.#ensureDirectory(dirname(destObjectPath));
      copyFileSync(srcObjectPath, destObjectPath);
      this.#metadata.delete(destObjectPath);
    }
    if (replacementMetadata) {
      // The copied body's MD5 is the source's (read before the destination changes, as it may be
      // the same object), kept inline; a destination's older .md5 goes.
      const md5 = JSON.parse(String((await this.getMetadata(srcBucket, srcKey)).etag)) as string;
      this.#putMetadata(destBucket, destKey, replacementMetadata, md5, true);
    } else if (copied) {
      copyFileSync(
        this.getResourcePath(srcBucket, srcKey, 'metadata.json'),
        this.getResourcePath(destBucket, destKey, 'metadata.json'),
      );
      // The source's .md5, if its MD5 is not inline in the metadata.json just copied.
      const srcMd5 = `${srcObjectPath}.md5`;
      if (statSync(srcMd5, { throwIfNoEntry: false })) copyFileSync(srcMd5, `${destObjectPath}.md5`);
      else unlinkIfExists(`${destObjectPath}.md5`);
    }
    return this.getMetadata(destBucket, destKey);
  }

  override async deleteObject(bucket: string, key: string): Promise<void> {
    const objectPath = this.getResourcePath(bucket, key, 'object');
    unlinkIfExists(objectPath);
    unlinkIfExists(`${objectPath}.md5`);
    unlinkIfExists(this.getResourcePath(bucket, key, 'metadata.json'));
    this.#metadata.delete(objectPath);
    // As s3rver does: remove the key's directories that are now empty.
    const bucketPath = this.getBucketPath(bucket);
    const parts = key.split('/');
    parts.pop();
    while (parts.length > 0) {
      const directory = join(bucketPath, ...parts);
      if (readdirSync(directory).length > 0) break;
      rmdirSync(directory);
      this.#knownDirectories.delete(directory);
      parts.pop();
    }
  }

  override async getSubresource(
    bucket: string,
    key: string | undefined,
    resourceType: string,
  ): Promise<ConfigResource | null> {
    // Every request asks for the bucket's CORS and website configurations, which rarely exist.
    const data = readIfExists(this.getResourcePath(bucket, key, `${resourceType}.xml`));
    if (data === undefined) return null;
    const Model = getConfigModel(resourceType);
    return new Model(data.toString());
  }

  override async putSubresource(
    bucket: string,
    key: string | undefined,
    resource: ConfigResource,
  ): Promise<void> {
    writeFileSync(this.getResourcePath(bucket, key, `${resource.type}.xml`), resource.toXML(2));
  }

  override async deleteSubresource(
    bucket: string,
    key: string | undefined,
    resourceType: string,
  ): Promise<void> {
    unlinkIfExists(this.getResourcePath(bucket, key, `${resourceType}.xml`));
  }
}

/** Writes a request body to `fd` as it arrives, hashing it; resolves with its length. */
function writeStream(content: Readable, fd: number, hash: ReturnType<typeof createHash>): Promise<number> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let done = false;
    const finish = (error: unknown): void => {
      if (done) return;
      done = true;
      content.off('data', onData);
      if (error === undefined) resolve(size);
      else reject(error);
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      try {
        writeAll(fd, bytes);
      } catch (error: unknown) {
        content.destroy();
        finish(error);
        return;
      }
      hash.update(bytes);
      size += bytes.length;
    };
    content.on('data', onData);
    content.once('end', () => finish(undefined));
    content.once('error', (error) => finish(error));
    content.once('close', () => finish(new Error('request body closed before its end')));
  });
}

/** The s3rver (Koa application) members {@link installSyncStore} replaces. */
export interface S3rverInternals {
  store: unknown;
  readonly context: { store: unknown };
  readonly middleware: unknown[];
}

/**
 * Puts a {@link SyncFilesystemStore} on `directory` in place of the one s3rver's constructor made
 * (it has no option for a store: its controllers read `ctx.store`, from the application's context,
 * and `app.store`), and, when `silent`, drops koa-logger, which formats a coloured line for every
 * request only for the silent logger to discard it. Call it before `run()`.
 */
export function installSyncStore(
  server: S3rverInternals,
  directory: string,
  silent: boolean,
): SyncFilesystemStore {
  const store = new SyncFilesystemStore(directory);
  server.store = store;
  server.context.store = store;
  if (silent) {
    const logger = server.middleware.findIndex((fn) => typeof fn === 'function' && fn.name === 'logger');
    if (logger !== -1) server.middleware.splice(logger, 1);
  }
  return store;
}
