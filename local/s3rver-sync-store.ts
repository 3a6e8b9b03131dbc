/**
 * The local S3's object store: s3rver's HTTP front (routing, headers, ranges, multipart, CORS)
 * on a store of our own, with S3's key and version semantics.
 *
 * Keys are opaque, as in S3. A key never becomes a path: its versions live in a folder named by
 * the SHA-256 of its UTF-8 bytes (`<bucket>/<2 hex>/<64 hex>/`), and the key itself is kept in
 * each version's JSON. So `../x`, `a//b`, `a/x/../b`, a 1,024-byte segment or `\r\n` are all
 * just keys: none reaches outside its bucket, none aliases another, every one is listed exactly.
 *
 * Each version is two files, `<seq>.object` (the body) and `<seq>.json` (key, version id,
 * metadata, MD5, size); `seq` orders the versions of a key. A write goes to a temporary file
 * first and the JSON is renamed into place last, so an upload exists whole or not at all; a
 * body or temporary file with no JSON is a write that never finished and is removed on load.
 * A JSON that cannot be read is reported and skipped: the rest of the bucket still lists.
 *
 * Versioning follows S3 for the buckets named versioned (the raw bucket, as in the template):
 * every write is a new version with its own id, a delete without a version id adds a delete
 * marker, a delete with one removes that version. Other buckets keep one `null` version per key.
 * Objects of the folder layout s3rver and earlier versions of this store wrote
 * (`<key path>._S3rver_object` and its metadata) are moved into this layout when their bucket is
 * first used, as the `null` version (what S3 calls an object written before versioning).
 *
 * The store runs on the S3 worker thread and uses the synchronous fs API: microseconds of blocking
 * instead of a thread-pool round trip per call. The versions of every key are indexed in memory,
 * built from the files when a bucket is first used: the folder belongs to the running store.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  createReadStream,
  type Dirent,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
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
interface S3ErrorInstance extends Error {
  status: number;
}
type S3ErrorConstructor = new (
  code: string,
  message?: string,
  detail?: Record<string, string | number>,
) => S3ErrorInstance;
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
  reset(): void;
}

const require = createRequire(import.meta.url);
const FilesystemStore = require('s3rver/lib/stores/filesystem') as new (
  rootDirectory: string,
) => FilesystemStoreBase;
const S3Object = require('s3rver/lib/models/object') as S3ObjectConstructor;
const S3Bucket = require('s3rver/lib/models/bucket') as S3BucketConstructor;
export const S3Error = require('s3rver/lib/models/error') as S3ErrorConstructor;
const { getConfigModel } = require('s3rver/lib/models/config') as {
  getConfigModel(type: string): ConfigModel;
};

/** S3's limit on a key: 1,024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;
/** Objects up to this size are read into one buffer; larger ones are streamed from the file. */
export const BUFFERED_READ_LIMIT = 1024 * 1024;
/** The version id S3 gives objects written while versioning was off (and in unversioned buckets). */
export const NULL_VERSION = 'null';

/** S3's error for a key over {@link MAX_KEY_BYTES} (400; s3rver does not know the code). */
export function keyTooLongError(key: string): S3ErrorInstance {
  const error = new S3Error('KeyTooLongError', 'Your key is too long', {
    Size: Buffer.byteLength(key),
    MaxSizeAllowed: MAX_KEY_BYTES,
  });
  error.status = 400;
  return error;
}

/** One version of a key, as indexed in memory and stored in its `<seq>.json`. */
export interface StoredVersion {
  readonly key: string;
  readonly versionId: string;
  /** 18 hex digits, increasing per key: the order of the versions. */
  readonly seq: string;
  readonly deleteMarker: boolean;
  readonly size: number;
  /** Hex MD5 of the body ('' for a delete marker). */
  readonly md5: string;
  readonly lastModified: string;
  /** The stored headers: content type and the other allowed ones, `x-amz-meta-*`. */
  readonly metadata: ObjectMetadata;
}

interface KeyVersions {
  readonly directory: string;
  /** Oldest first; the last one is current. */
  readonly versions: StoredVersion[];
}

interface BucketIndex {
  readonly keys: Map<string, KeyVersions>;
  /** The keys in S3's order (UTF-8 bytes), rebuilt after a key is added or removed. */
  sorted: readonly string[] | null;
}

/**
 * What one request to the emulator carries besides its path (set by {@link objectStoreMiddleware}),
 * and the version headers the store adds to its answer.
 */
export interface VersionContext {
  readonly method: string;
  readonly versionId: string | undefined;
  readonly copySourceVersionId: string | undefined;
  readonly responseHeaders: Record<string, string>;
}
export const versionContext = new AsyncLocalStorage<VersionContext>();

const isErrorCode = (error: unknown, code: string): boolean =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === code;

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

function readDirectory(path: string): Dirent[] {
  try {
    return readdirSync(path, { withFileTypes: true });
  } catch (error: unknown) {
    if (isErrorCode(error, 'ENOENT') || isErrorCode(error, 'ENOTDIR')) return [];
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

const keyHash = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
/** S3 lists keys in the binary order of their UTF-8 bytes (not JavaScript's UTF-16 order). */
export const compareKeys = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

const HEX2 = /^[0-9a-f]{2}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const SEQ_FILE = /^([0-9A-F]{18})\.(json|object)$/;
const LEGACY_OBJECT = '._S3rver_object';
const LEGACY_METADATA = '._S3rver_metadata.json';
/** s3rver's multipart uploads and bucket configurations: `<bucket>/._S3rver_*`. */
const S3RVER_RESOURCE = '._S3rver_';
/** An MD5 the earlier store kept inside metadata.json instead of a `.md5` file. */
const LEGACY_INLINE_MD5 = '_s3rverSyncMd5';

function parseVersion(text: string, key: string | undefined): StoredVersion | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const valid =
    typeof v.key === 'string' &&
    typeof v.versionId === 'string' &&
    typeof v.seq === 'string' &&
    typeof v.deleteMarker === 'boolean' &&
    typeof v.size === 'number' &&
    typeof v.md5 === 'string' &&
    typeof v.lastModified === 'string' &&
    typeof v.metadata === 'object' &&
    v.metadata !== null;
  if (!valid || (key !== undefined && v.key !== key)) return null;
  return value as StoredVersion;
}

/** A sequence number: milliseconds shifted by 20 bits plus a counter, as 18 hex digits. */
function createSeqClock(): { next(after: string | undefined): string } {
  let last = -1n;
  return {
    next(after: string | undefined): string {
      const now = BigInt(Date.now()) << 20n;
      const floor = after === undefined ? -1n : BigInt(`0x${after}`);
      last = [now, last + 1n, floor + 1n].reduce((a, b) => (b > a ? b : a));
      return last.toString(16).toUpperCase().padStart(18, '0');
    },
  };
}

const newVersionId = (): string => randomBytes(24).toString('base64url');

export interface ObjectStoreOptions {
  /** Buckets where every write is a new version (S3 versioning `Enabled`). */
  readonly versionedBuckets?: ReadonlySet<string>;
  readonly log?: (line: string) => void;
}

export class LocalObjectStore extends FilesystemStore {
  readonly #versioned: ReadonlySet<string>;
  readonly #log: (line: string) => void;
  readonly #buckets = new Map<string, BucketIndex>();
  readonly #knownDirectories = new Set<string>();
  readonly #clock = createSeqClock();

  constructor(rootDirectory: string, options: ObjectStoreOptions = {}) {
    super(rootDirectory);
    this.#versioned = options.versionedBuckets ?? new Set();
    this.#log = options.log ?? (() => {});
  }

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

  isVersioned(bucket: string): boolean {
    return this.#versioned.has(bucket);
  }

  // ---- the index ----

  #index(bucket: string): BucketIndex {
    let index = this.#buckets.get(bucket);
    if (index === undefined) {
      index = { keys: new Map(), sorted: null };
      this.#buckets.set(bucket, index);
      this.#load(bucket, index);
    }
    return index;
  }

  #load(bucket: string, index: BucketIndex): void {
    const bucketPath = this.getBucketPath(bucket);
    for (const fan of readDirectory(bucketPath)) {
      if (!fan.isDirectory() || !HEX2.test(fan.name)) continue;
      for (const keyDir of readDirectory(join(bucketPath, fan.name))) {
        if (keyDir.isDirectory() && HEX64.test(keyDir.name) && keyDir.name.startsWith(fan.name)) {
          this.#loadKey(index, join(bucketPath, fan.name, keyDir.name), keyDir.name);
        }
      }
    }
    this.#migrateLegacy(bucket, bucketPath, bucketPath);
  }

  #loadKey(index: BucketIndex, directory: string, hash: string): void {
    const versions: StoredVersion[] = [];
    const bodies = new Set<string>();
    for (const file of readDirectory(directory)) {
      const match = SEQ_FILE.exec(file.name);
      if (match === null) {
        // A temporary file of a write that never finished.
        if (file.name.startsWith('.tmp-')) unlinkIfExists(join(directory, file.name));
        continue;
      }
      if (match[2] === 'object') {
        bodies.add(match[1] ?? '');
        continue;
      }
      let text: string | null = null;
      try {
        text = readFileSync(join(directory, file.name), 'utf8');
      } catch (error: unknown) {
        this.#log(`local S3: ${error instanceof Error ? error.message : String(error)}`);
      }
      const version = text === null ? null : parseVersion(text, undefined);
      if (version === null || keyHash(version.key) !== hash || version.seq !== match[1]) {
        this.#log(`local S3: skipped an unreadable object version ${join(directory, file.name)}`);
        continue;
      }
      versions.push(version);
    }
    // A version whose body is gone (removed by hand) cannot be served: skipped as damaged.
    const served = versions.filter((version) => version.deleteMarker || bodies.has(version.seq));
    if (served.length < versions.length) {
      this.#log(`local S3: skipped object versions without their body in ${directory}`);
      versions.splice(0, versions.length, ...served);
    }
    for (const seq of bodies) {
      if (!versions.some((version) => version.seq === seq)) unlinkIfExists(join(directory, `${seq}.object`));
    }
    versions.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
    const first = versions[0];
    if (first === undefined) return;
    index.keys.set(first.key, { directory, versions });
    index.sorted = null;
  }

  /** Moves objects of s3rver's layout (`<key path>._S3rver_object`) into this one. */
  #migrateLegacy(bucket: string, bucketPath: string, directory: string): void {
    for (const entry of readDirectory(directory)) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        // s3rver's uploads and configurations, and this layout's own key folders.
        if (directory === bucketPath && entry.name.startsWith(S3RVER_RESOURCE)) continue;
        const parent = relative(bucketPath, directory);
        if (HEX2.test(parent) && HEX64.test(entry.name) && entry.name.startsWith(parent)) continue;
        this.#migrateLegacy(bucket, bucketPath, path);
        if (readDirectory(path).length === 0) rmdirSync(path);
        continue;
      }
      if (!entry.name.endsWith(LEGACY_OBJECT)) continue;
      const key = relative(bucketPath, path).slice(0, -LEGACY_OBJECT.length).split(sep).join('/');
      const base = path.slice(0, -LEGACY_OBJECT.length);
      const metadataText = readIfExists(`${base}${LEGACY_METADATA}`)?.toString();
      let parsed: ObjectMetadata = {};
      try {
        if (metadataText !== undefined) parsed = JSON.parse(metadataText) as ObjectMetadata;
      } catch {
        this.#log(`local S3: metadata of ${bucket}/${key} unreadable; migrated without it`);
      }
      const { [LEGACY_INLINE_MD5]: inlineMd5, ...metadata } = parsed;
      const md5 =
        typeof inlineMd5 === 'string'
          ? inlineMd5
          : (readIfExists(`${path}.md5`)?.toString() ?? md5OfFile(path));
      const stat = statSync(path);
      this.#commit(bucket, key, {
        body: path,
        size: stat.size,
        md5,
        metadata: LocalObjectStore.storedMetadata(metadata),
        lastModified: stat.mtime,
        versionId: NULL_VERSION,
      });
      unlinkIfExists(`${path}.md5`);
      unlinkIfExists(`${base}${LEGACY_METADATA}`);
      this.#log(`local S3: moved ${bucket}/${key} into the key-hashed layout`);
    }
  }

  #ensureDirectory(directory: string): void {
    if (this.#knownDirectories.has(directory)) return;
    mkdirSync(directory, { recursive: true });
    this.#knownDirectories.add(directory);
  }

  #keyDirectory(bucket: string, key: string): string {
    const hash = keyHash(key);
    return join(this.getBucketPath(bucket), hash.slice(0, 2), hash);
  }

  /**
   * Makes a new version current: its body (a file renamed into place, or none for a delete
   * marker) and then its JSON, the commit point. A `null` version replaces the earlier `null` one.
   */
  #commit(
    bucket: string,
    key: string,
    input: {
      readonly body: string | null;
      readonly size: number;
      readonly md5: string;
      readonly metadata: ObjectMetadata;
      readonly lastModified?: Date;
      readonly versionId?: string;
    },
  ): StoredVersion {
    const index = this.#index(bucket);
    let entry = index.keys.get(key);
    const directory = entry?.directory ?? this.#keyDirectory(bucket, key);
    this.#ensureDirectory(directory);
    const seq = this.#clock.next(entry?.versions.at(-1)?.seq);
    const version: StoredVersion = {
      key,
      versionId: input.versionId ?? (this.isVersioned(bucket) ? newVersionId() : NULL_VERSION),
      seq,
      deleteMarker: input.body === null,
      size: input.size,
      md5: input.md5,
      lastModified: (input.lastModified ?? new Date()).toISOString(),
      metadata: input.metadata,
    };
    if (input.body !== null) renameSync(input.body, join(directory, `${seq}.object`));
    const temporary = join(directory, `.tmp-${randomBytes(6).toString('hex')}`);
    writeFileSync(temporary, JSON.stringify(version));
    renameSync(temporary, join(directory, `${seq}.json`));
    if (entry === undefined) {
      entry = { directory, versions: [] };
      index.keys.set(key, entry);
      index.sorted = null;
    }
    const replaced = entry.versions.filter((old) => old.versionId === version.versionId);
    for (const old of replaced) this.#removeFiles(directory, old);
    entry.versions.splice(
      0,
      entry.versions.length,
      ...entry.versions.filter((old) => !replaced.includes(old)),
    );
    entry.versions.push(version);
    return version;
  }

  #removeFiles(directory: string, version: StoredVersion): void {
    unlinkIfExists(join(directory, `${version.seq}.json`));
    unlinkIfExists(join(directory, `${version.seq}.object`));
  }

  #removeVersion(bucket: string, key: string, versionId: string): StoredVersion | null {
    const index = this.#index(bucket);
    const entry = index.keys.get(key);
    const version = entry?.versions.find((candidate) => candidate.versionId === versionId);
    if (entry === undefined || version === undefined) return null;
    this.#removeFiles(entry.directory, version);
    entry.versions.splice(entry.versions.indexOf(version), 1);
    if (entry.versions.length === 0) {
      index.keys.delete(key);
      index.sorted = null;
      this.#removeEmpty(entry.directory);
    }
    return version;
  }

  #removeEmpty(directory: string): void {
    for (const path of [directory, join(directory, '..')]) {
      if (readDirectory(path).length > 0) return;
      rmdirSync(path);
      this.#knownDirectories.delete(path);
    }
  }

  // ---- reads the HTTP layer uses (listing, versions) ----

  /** Every key with at least one version, in S3's order. */
  sortedKeys(bucket: string): readonly string[] {
    const index = this.#index(bucket);
    if (index.sorted === null) {
      const keyed = [...index.keys.keys()].map((key) => ({ key, bytes: Buffer.from(key) }));
      keyed.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
      index.sorted = keyed.map(({ key }) => key);
    }
    return index.sorted;
  }

  /** The versions of a key, newest first. */
  versionsOf(bucket: string, key: string): readonly StoredVersion[] {
    return [...(this.#index(bucket).keys.get(key)?.versions ?? [])].reverse();
  }

  /** The current version, unless there is none or it is a delete marker. */
  currentOf(bucket: string, key: string): StoredVersion | null {
    const current = this.#index(bucket).keys.get(key)?.versions.at(-1);
    return current === undefined || current.deleteMarker ? null : current;
  }

  /** DeleteObject as S3 does it; returns what S3 answers in its headers. */
  deleteKey(
    bucket: string,
    key: string,
    versionId: string | undefined,
  ): { readonly versionId: string | undefined; readonly deleteMarker: boolean } {
    if (versionId !== undefined) {
      const removed = this.#removeVersion(bucket, key, versionId);
      return { versionId, deleteMarker: removed?.deleteMarker ?? false };
    }
    if (this.isVersioned(bucket)) {
      const marker = this.#commit(bucket, key, { body: null, size: 0, md5: '', metadata: {} });
      return { versionId: marker.versionId, deleteMarker: true };
    }
    this.#removeVersion(bucket, key, NULL_VERSION);
    return { versionId: undefined, deleteMarker: false };
  }

  // ---- s3rver's store interface ----

  #context(): VersionContext | undefined {
    return versionContext.getStore();
  }

  #answer(bucket: string, version: StoredVersion): void {
    if (!this.isVersioned(bucket) && version.versionId === NULL_VERSION) return;
    const headers = this.#context()?.responseHeaders;
    if (headers !== undefined) headers['x-amz-version-id'] = version.versionId;
  }

  /** The version a read names: `?versionId=`, or the current one. Throws S3's errors. */
  #resolve(bucket: string, key: string, versionId: string | undefined): StoredVersion | null {
    const entry = this.#index(bucket).keys.get(key);
    if (versionId === undefined) {
      const current = entry?.versions.at(-1);
      if (current === undefined) return null;
      if (current.deleteMarker) {
        const headers = this.#context()?.responseHeaders;
        if (headers !== undefined) {
          headers['x-amz-delete-marker'] = 'true';
          headers['x-amz-version-id'] = current.versionId;
        }
        return null;
      }
      return current;
    }
    const version = entry?.versions.find((candidate) => candidate.versionId === versionId);
    if (version === undefined) {
      throw new S3Error('NoSuchVersion', 'The specified version does not exist.', {
        Key: key,
        VersionId: versionId,
      });
    }
    if (version.deleteMarker) {
      const error = new S3Error(
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
      );
      error.status = 405;
      throw error;
    }
    return version;
  }

  #metadataOf(version: StoredVersion): ObjectMetadata {
    return {
      ...version.metadata,
      etag: JSON.stringify(version.md5),
      'last-modified': new Date(version.lastModified).toUTCString(),
      'content-length': version.size,
    };
  }

  async getMetadata(bucket: string, key: string): Promise<ObjectMetadata> {
    const version = this.#resolve(bucket, key, this.#context()?.versionId);
    if (version === null) throw Object.assign(new Error(`no such key ${key}`), { code: 'ENOENT' });
    return this.#metadataOf(version);
  }

  async putMetadata(): Promise<void> {
    throw new Error('LocalObjectStore writes metadata only with a version');
  }

  override reset(): void {
    super.reset();
    this.#buckets.clear();
    this.#knownDirectories.clear();
  }

  async getBucket(bucket: string): Promise<unknown> {
    const stat = statSync(this.getBucketPath(bucket), { throwIfNoEntry: false });
    if (stat === undefined || !stat.isDirectory()) return null;
    return new S3Bucket(bucket, stat.birthtime);
  }

  async putBucket(bucket: string): Promise<unknown> {
    const bucketPath = this.getBucketPath(bucket);
    mkdirSync(bucketPath, { recursive: true, mode: 0o755 });
    this.#knownDirectories.add(bucketPath);
    return this.getBucket(bucket);
  }

  async deleteBucket(bucket: string): Promise<void> {
    rmSync(this.getBucketPath(bucket), { recursive: true, force: true });
    this.#buckets.delete(bucket);
    this.#knownDirectories.clear();
  }

  async existsObject(bucket: string, key: string): Promise<boolean> {
    const context = this.#context();
    // s3rver deletes only what exists; in a versioned bucket S3 adds a delete marker regardless.
    if (context?.method === 'DELETE') {
      if (context.versionId !== undefined) return true;
      return this.isVersioned(bucket) || this.#index(bucket).keys.has(key);
    }
    const versionId = context?.method === 'PUT' ? context.copySourceVersionId : context?.versionId;
    return this.#resolve(bucket, key, versionId) !== null;
  }

  async listObjects(
    bucket: string,
    options: { readonly maxKeys?: number },
  ): Promise<{ objects: S3rverObject[]; commonPrefixes: string[]; isTruncated: boolean }> {
    // Only s3rver's DeleteBucket calls this (listings are answered by objectStoreMiddleware).
    const keys = this.sortedKeys(bucket).filter((key) => this.currentOf(bucket, key) !== null);
    const limit = options.maxKeys ?? keys.length;
    return {
      objects: keys.slice(0, limit).map((key) => new S3Object(bucket, key, null, {})),
      commonPrefixes: [],
      isTruncated: keys.length > limit,
    };
  }

  async getObject(
    bucket: string,
    key: string,
    options?: { readonly start?: number; readonly end?: number },
  ): Promise<S3rverObject | null> {
    const version = this.#resolve(bucket, key, this.#context()?.versionId);
    if (version === null) return null;
    this.#answer(bucket, version);
    const entry = this.#index(bucket).keys.get(key);
    if (entry === undefined) return null;
    const objectPath = join(entry.directory, `${version.seq}.object`);
    const metadata = this.#metadataOf(version);
    const size = version.size;
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
      const fd = openSync(objectPath, 'r');
      if (length <= BUFFERED_READ_LIMIT) {
        try {
          const body = Buffer.allocUnsafe(length);
          let read = 0;
          while (read < length) {
            const n = readSync(fd, body, read, length - read, range.start + read);
            if (n === 0) break;
            read += n;
          }
          const buffered = (read === length ? body : body.subarray(0, read)) as Buffer & { destroy(): void };
          buffered.destroy = () => {};
          content = buffered;
        } finally {
          closeSync(fd);
        }
      } else {
        content = createReadStream(objectPath, { fd, start: range.start, end: range.end });
      }
    }
    const object = new S3Object(bucket, key, content, metadata);
    if (ranged) object.range = range;
    return object;
  }

  async putObject(object: S3rverObject): Promise<{ size: number; md5: string }> {
    const directory = this.#keyDirectory(object.bucket, object.key);
    this.#ensureDirectory(directory);
    const temporary = join(directory, `.tmp-${randomBytes(6).toString('hex')}`);
    const fd = openSync(temporary, 'w');
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
      unlinkIfExists(temporary);
      throw error;
    }
    closeSync(fd);
    const md5 = hash.digest('hex');
    const version = this.#commit(object.bucket, object.key, {
      body: temporary,
      size,
      md5,
      metadata: LocalObjectStore.storedMetadata(object.metadata),
    });
    this.#answer(object.bucket, version);
    return { size, md5 };
  }

  async copyObject(
    srcBucket: string,
    srcKey: string,
    destBucket: string,
    destKey: string,
    replacementMetadata: ObjectMetadata | null,
  ): Promise<ObjectMetadata> {
    const context = this.#context();
    const source = this.#resolve(srcBucket, srcKey, context?.copySourceVersionId);
    const sourceEntry = this.#index(srcBucket).keys.get(srcKey);
    if (source === null || sourceEntry === undefined) {
      throw new S3Error('NoSuchKey', 'The specified key does not exist.', { Key: srcKey });
    }
    const directory = this.#keyDirectory(destBucket, destKey);
    this.#ensureDirectory(directory);
    const temporary = join(directory, `.tmp-${randomBytes(6).toString('hex')}`);
    copyFileSync(join(sourceEntry.directory, `${source.seq}.object`), temporary);
    const version = this.#commit(destBucket, destKey, {
      body: temporary,
      size: source.size,
      md5: source.md5,
      metadata:
        replacementMetadata === null ? source.metadata : LocalObjectStore.storedMetadata(replacementMetadata),
    });
    this.#answer(destBucket, version);
    if (context !== undefined && this.isVersioned(srcBucket)) {
      context.responseHeaders['x-amz-copy-source-version-id'] = source.versionId;
    }
    return this.#metadataOf(version);
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const context = this.#context();
    const result = this.deleteKey(bucket, key, context?.versionId);
    if (context === undefined) return;
    if (result.versionId !== undefined) context.responseHeaders['x-amz-version-id'] = result.versionId;
    if (result.deleteMarker) context.responseHeaders['x-amz-delete-marker'] = 'true';
  }

  async getSubresource(
    bucket: string,
    key: string | undefined,
    resourceType: string,
  ): Promise<ConfigResource | null> {
    // Every request asks for the bucket's CORS and website configurations, which rarely exist.
    if (key !== undefined) return null;
    const data = readIfExists(this.getResourcePath(bucket, undefined, `${resourceType}.xml`));
    if (data === undefined) return null;
    const Model = getConfigModel(resourceType);
    return new Model(data.toString());
  }

  async putSubresource(bucket: string, key: string | undefined, resource: ConfigResource): Promise<void> {
    if (key !== undefined)
      throw new S3Error('NotImplemented', 'Object sub-resources are not stored locally.');
    writeFileSync(this.getResourcePath(bucket, undefined, `${resource.type}.xml`), resource.toXML(2));
  }

  async deleteSubresource(bucket: string, key: string | undefined, resourceType: string): Promise<void> {
    if (key !== undefined) return;
    unlinkIfExists(this.getResourcePath(bucket, undefined, `${resourceType}.xml`));
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
