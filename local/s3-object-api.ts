/**
 * The S3 operations s3rver lacks or gets wrong, answered in front of its router from the
 * {@link LocalObjectStore}: opaque keys (any UTF-8 up to 1,024 bytes, empty segments and `..`
 * included), versions (`versionId` on reads, copies and deletes, the response's version headers),
 * ListObjects, ListObjectsV2 and ListObjectVersions with `encoding-type=url`, DeleteObjects with
 * version ids, and GetBucketVersioning. Everything else is s3rver's own code.
 */
import type { ParentNode } from 'domhandler';
import * as DomUtils from 'domutils';
import { parseDocument } from 'htmlparser2';
import { encodeS3EventKey } from './s3-event-key.js';
import {
  compareKeys,
  keyTooLongError,
  LocalObjectStore,
  MAX_KEY_BYTES,
  S3Error,
  type StoredVersion,
  type VersionContext,
  versionContext,
} from './s3rver-sync-store.js';

/** The members of a Koa context this middleware uses. */
export interface KoaContext {
  readonly method: string;
  path: string;
  readonly query: Record<string, string | string[] | undefined>;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly req: NodeJS.ReadableStream;
  status: number;
  body: unknown;
  type: string;
  set(field: string, value: string): void;
}
type Next = () => Promise<unknown>;

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const OWNER = { id: '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a', name: 'local' };
const DEFAULT_MAX_KEYS = 1000;

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * Text for XML: the five entities, and characters XML 1.0 cannot carry literally as numeric
 * references (`\r` would otherwise reach the client as `\n`). Clients that must round-trip every
 * key ask for `encoding-type=url`, as S3 advises.
 */
export function xmlText(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to escape
  return value.replace(/[&<>"'\u0000-\u0008\u000b-\u001f\r\ufffe\uffff]/g, (char) => {
    switch (char) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#x${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()};`;
    }
  });
}

const element = (name: string, value: string | number | boolean): string =>
  `<${name}>${xmlText(String(value))}</${name}>`;

const queryValue = (ctx: KoaContext, name: string): string | undefined => {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
};

function header(ctx: KoaContext, name: string): string | undefined {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

function answerXml(ctx: KoaContext, root: string, inner: string): void {
  ctx.status = 200;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${XMLNS}">${inner}</${root}>`;
}

function maxKeysOf(ctx: KoaContext): number {
  const raw = queryValue(ctx, 'max-keys');
  if (raw === undefined) return DEFAULT_MAX_KEYS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    const error = new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range');
    error.status = 400;
    throw error;
  }
  return Math.min(value, DEFAULT_MAX_KEYS);
}

function encodingOf(ctx: KoaContext): ((value: string) => string) | null {
  const encoding = queryValue(ctx, 'encoding-type');
  if (encoding === undefined) return null;
  if (encoding !== 'url') {
    const error = new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request');
    error.status = 400;
    throw error;
  }
  return encodeS3EventKey;
}

/** One entry of a listing: a key (with its versions), or a common prefix that rolls keys up. */
type ListingEntry =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'prefix'; readonly prefix: string };

/**
 * Walks keys in order from after `after` under `prefix`, rolling keys up at `delimiter`.
 * `after` that is itself a rolled-up prefix skips every key under it, as S3's markers do.
 */
function* walkKeys(
  keys: readonly string[],
  prefix: string,
  delimiter: string,
  after: string,
  include: (key: string) => boolean,
): Generator<ListingEntry> {
  let lastPrefix: string | null = delimiter !== '' && after.endsWith(delimiter) ? after : null;
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    if (after !== '' && compareKeys(key, after) <= 0) continue;
    if (lastPrefix !== null && key.startsWith(lastPrefix)) continue;
    if (!include(key)) continue;
    if (delimiter !== '') {
      const at = key.indexOf(delimiter, prefix.length);
      if (at !== -1) {
        lastPrefix = key.slice(0, at + delimiter.length);
        yield { kind: 'prefix', prefix: lastPrefix };
        continue;
      }
    }
    yield { kind: 'key', key };
  }
}

const ownerXml = (): string =>
  `<Owner>${element('ID', OWNER.id)}${element('DisplayName', OWNER.name)}</Owner>`;

function contentsXml(version: StoredVersion, encode: (value: string) => string, owner: boolean): string {
  return (
    `<Contents>${element('Key', encode(version.key))}${element('LastModified', version.lastModified)}` +
    `${element('ETag', JSON.stringify(version.md5))}${element('Size', version.size)}` +
    `${owner ? ownerXml() : ''}${element('StorageClass', 'STANDARD')}</Contents>`
  );
}

/** ListObjects (V1) and ListObjectsV2. */
function listObjects(ctx: KoaContext, store: LocalObjectStore, bucket: string): void {
  const v2 = queryValue(ctx, 'list-type') === '2';
  const prefix = queryValue(ctx, 'prefix') ?? '';
  const delimiter = queryValue(ctx, 'delimiter') ?? '';
  const maxKeys = maxKeysOf(ctx);
  const encoding = encodingOf(ctx);
  const encode = encoding ?? ((value: string) => value);
  const token = queryValue(ctx, 'continuation-token');
  const startAfter = queryValue(ctx, 'start-after') ?? '';
  const marker = queryValue(ctx, 'marker') ?? '';
  let after = v2 ? startAfter : marker;
  if (v2 && token !== undefined) {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    if (!decoded.startsWith('k:')) {
      const error = new S3Error('InvalidArgument', 'The continuation token provided is incorrect');
      error.status = 400;
      throw error;
    }
    after = decoded.slice(2);
  }
  const entries: ListingEntry[] = [];
  let truncated = false;
  const walk = walkKeys(
    store.sortedKeys(bucket),
    prefix,
    delimiter,
    after,
    (key) => store.currentOf(bucket, key) !== null,
  );
  for (const entry of walk) {
    if (entries.length >= maxKeys) {
      truncated = true;
      break;
    }
    entries.push(entry);
  }
  const last = entries.at(-1);
  const lastName = last === undefined ? '' : last.kind === 'key' ? last.key : last.prefix;
  let inner = element('Name', bucket) + element('Prefix', encode(prefix));
  if (v2) {
    if (token !== undefined) inner += element('ContinuationToken', token);
    if (startAfter !== '' && token === undefined) inner += element('StartAfter', encode(startAfter));
    inner += element('KeyCount', entries.length);
  } else {
    inner += element('Marker', encode(marker));
    if (truncated && delimiter !== '') inner += element('NextMarker', encode(lastName));
  }
  inner += element('MaxKeys', maxKeys);
  if (delimiter !== '') inner += element('Delimiter', encode(delimiter));
  if (encoding !== null) inner += element('EncodingType', 'url');
  inner += element('IsTruncated', truncated);
  if (v2 && truncated) {
    inner += element('NextContinuationToken', Buffer.from(`k:${lastName}`).toString('base64url'));
  }
  for (const entry of entries) {
    if (entry.kind === 'key') {
      const current = store.currentOf(bucket, entry.key);
      if (current !== null)
        inner += contentsXml(current, encode, !v2 || queryValue(ctx, 'fetch-owner') === 'true');
    }
  }
  for (const entry of entries) {
    if (entry.kind === 'prefix')
      inner += `<CommonPrefixes>${element('Prefix', encode(entry.prefix))}</CommonPrefixes>`;
  }
  answerXml(ctx, 'ListBucketResult', inner);
}

/** ListObjectVersions: every version and delete marker, keys in order, newest version first. */
function listObjectVersions(ctx: KoaContext, store: LocalObjectStore, bucket: string): void {
  const prefix = queryValue(ctx, 'prefix') ?? '';
  const delimiter = queryValue(ctx, 'delimiter') ?? '';
  const maxKeys = maxKeysOf(ctx);
  const encoding = encodingOf(ctx);
  const encode = encoding ?? ((value: string) => value);
  const keyMarker = queryValue(ctx, 'key-marker') ?? '';
  const versionIdMarker = queryValue(ctx, 'version-id-marker') ?? '';
  const items: string[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  const cursor: { next: { readonly key: string; readonly versionId: string | null } | null } = { next: null };
  const emit = (entryKey: string, versionId: string | null, xml: string, isPrefix: boolean): boolean => {
    if (items.length + prefixes.length >= maxKeys) {
      truncated = true;
      return false;
    }
    (isPrefix ? prefixes : items).push(xml);
    cursor.next = { key: entryKey, versionId };
    return true;
  };
  // Versions after the marker within the marker's own key come first.
  const partial = versionIdMarker !== '' && keyMarker !== '' ? store.versionsOf(bucket, keyMarker) : [];
  const markerAt = partial.findIndex((version) => version.versionId === versionIdMarker);
  const firstVersions = markerAt === -1 ? [] : partial.slice(markerAt + 1);
  const versionXml = (version: StoredVersion, latest: boolean): string =>
    version.deleteMarker
      ? `<DeleteMarker>${element('Key', encode(version.key))}${element('VersionId', version.versionId)}` +
        `${element('IsLatest', latest)}${element('LastModified', version.lastModified)}${ownerXml()}</DeleteMarker>`
      : `<Version>${element('Key', encode(version.key))}${element('VersionId', version.versionId)}` +
        `${element('IsLatest', latest)}${element('LastModified', version.lastModified)}` +
        `${element('ETag', JSON.stringify(version.md5))}${element('Size', version.size)}` +
        `${ownerXml()}${element('StorageClass', 'STANDARD')}</Version>`;
  let open = true;
  if (keyMarker.startsWith(prefix)) {
    for (const version of firstVersions) {
      if (!emit(version.key, version.versionId, versionXml(version, false), false)) {
        open = false;
        break;
      }
    }
  }
  if (open) {
    outer: for (const entry of walkKeys(store.sortedKeys(bucket), prefix, delimiter, keyMarker, () => true)) {
      if (entry.kind === 'prefix') {
        if (
          !emit(
            entry.prefix,
            null,
            `<CommonPrefixes>${element('Prefix', encode(entry.prefix))}</CommonPrefixes>`,
            true,
          )
        )
          break;
        continue;
      }
      const versions = store.versionsOf(bucket, entry.key);
      for (const [position, version] of versions.entries()) {
        if (!emit(version.key, version.versionId, versionXml(version, position === 0), false)) break outer;
      }
    }
  }
  let inner =
    element('Name', bucket) +
    element('Prefix', encode(prefix)) +
    element('KeyMarker', encode(keyMarker)) +
    element('VersionIdMarker', versionIdMarker);
  const last = cursor.next;
  if (truncated && last !== null) {
    inner += element('NextKeyMarker', encode(last.key));
    if (last.versionId !== null) inner += element('NextVersionIdMarker', last.versionId);
  }
  inner += element('MaxKeys', maxKeys);
  if (delimiter !== '') inner += element('Delimiter', encode(delimiter));
  if (encoding !== null) inner += element('EncodingType', 'url');
  inner += element('IsTruncated', truncated);
  inner += items.join('') + prefixes.join('');
  answerXml(ctx, 'ListVersionsResult', inner);
}

/** DeleteObjects, with version ids; `Quiet` answers errors only. */
async function deleteObjects(ctx: KoaContext, store: LocalObjectStore, bucket: string): Promise<void> {
  const document = parseDocument(await readBody(ctx.req), { xmlMode: true });
  const child = (node: ParentNode | null, name: string): string | undefined => {
    const found = node === null ? [] : DomUtils.getElementsByTagName(name, node.children, false);
    return found[0] === undefined ? undefined : DomUtils.textContent(found[0]);
  };
  const root = DomUtils.getElementsByTagName('Delete', document.children, false)[0] ?? null;
  const quiet = child(root, 'Quiet') === 'true';
  const objects = root === null ? [] : DomUtils.getElementsByTagName('Object', root.children, false);
  if (root === null || objects.length === 0 || objects.length > 1000) {
    const error = new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate.',
    );
    error.status = 400;
    throw error;
  }
  let inner = '';
  for (const object of objects) {
    const key = child(object, 'Key') ?? '';
    const versionId = child(object, 'VersionId');
    if (Buffer.byteLength(key) > MAX_KEY_BYTES || key === '') {
      inner += `<Error>${element('Key', key)}${element('Code', key === '' ? 'InvalidArgument' : 'KeyTooLongError')}${element('Message', 'Invalid key')}</Error>`;
      continue;
    }
    const result = store.deleteKey(bucket, key, versionId);
    if (quiet) continue;
    inner += `<Deleted>${element('Key', key)}`;
    if (versionId !== undefined) inner += element('VersionId', versionId);
    if (result.deleteMarker) {
      inner += element('DeleteMarker', true);
      if (result.versionId !== undefined) inner += element('DeleteMarkerVersionId', result.versionId);
    }
    inner += '</Deleted>';
  }
  answerXml(ctx, 'DeleteResult', inner);
}

/** `x-amz-copy-source` (`bucket/key?versionId=…`, URL-encoded) as bucket, key and version. */
function parseCopySource(value: string): { bucket: string; key: string; versionId: string | undefined } {
  const queryAt = value.indexOf('?');
  const path = queryAt === -1 ? value : value.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : value.slice(queryAt + 1));
  const trimmed = safeDecode(path.replace(/^\//, ''));
  const slash = trimmed.indexOf('/');
  return {
    bucket: slash === -1 ? trimmed : trimmed.slice(0, slash),
    key: slash === -1 ? '' : trimmed.slice(slash + 1),
    versionId: query.get('versionId') ?? undefined,
  };
}

/**
 * Runs the rest of the request in `context`, then answers with the version headers the store set,
 * also on an error (s3rver's error handler keeps `x-amz-*` headers): a GET of a deleted key is a
 * 404 with `x-amz-delete-marker: true`, as in S3.
 */
async function withVersionContext(ctx: KoaContext, context: VersionContext, next: Next): Promise<void> {
  try {
    await versionContext.run(context, next);
  } finally {
    for (const [name, value] of Object.entries(context.responseHeaders)) ctx.set(name, value);
  }
}

const LIST_PARAMETERS = new Set([
  'list-type',
  'prefix',
  'delimiter',
  'marker',
  'max-keys',
  'continuation-token',
  'start-after',
  'encoding-type',
  'fetch-owner',
  'x-id',
]);

/**
 * Koa middleware for s3rver, placed before its router. Object requests get their key checked and
 * passed on as one path segment (s3rver's router rejects empty segments), and run in a
 * {@link versionContext} whose version headers are added to the answer.
 */
export function objectStoreMiddleware(
  store: LocalObjectStore,
): (ctx: KoaContext, next: Next) => Promise<unknown> {
  return async (ctx, next) => {
    const path = ctx.path.replace(/^\//, '');
    const slash = path.indexOf('/');
    const bucket = safeDecode(slash === -1 ? path : path.slice(0, slash));
    const rawKey = slash === -1 ? '' : path.slice(slash + 1);
    if (bucket === '') return next();
    const queryNames = Object.keys(ctx.query);

    if (rawKey === '') {
      const exists = async (): Promise<void> => {
        if ((await store.getBucket(bucket)) === null) {
          throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
        }
      };
      if (ctx.method === 'GET' && queryNames.includes('versioning')) {
        await exists();
        answerXml(
          ctx,
          'VersioningConfiguration',
          store.isVersioned(bucket) ? element('Status', 'Enabled') : '',
        );
        return undefined;
      }
      if (ctx.method === 'GET' && queryNames.includes('versions')) {
        await exists();
        listObjectVersions(ctx, store, bucket);
        return undefined;
      }
      if (ctx.method === 'GET' && queryNames.every((name) => LIST_PARAMETERS.has(name))) {
        await exists();
        listObjects(ctx, store, bucket);
        return undefined;
      }
      if (ctx.method === 'POST' && queryNames.includes('delete')) {
        await exists();
        await deleteObjects(ctx, store, bucket);
        return undefined;
      }
      if (ctx.method === 'POST') {
        // A browser form upload: its version id is answered in a header, as for a PUT.
        await withVersionContext(
          ctx,
          { method: 'POST', versionId: undefined, copySourceVersionId: undefined, responseHeaders: {} },
          next,
        );
        return undefined;
      }
      return next();
    }

    const key = safeDecode(rawKey);
    if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw keyTooLongError(key);
    ctx.path = `/${encodeURIComponent(bucket)}/${encodeURIComponent(key)}`;
    const copySource = header(ctx, 'x-amz-copy-source');
    let copySourceVersionId: string | undefined;
    if (copySource !== undefined) {
      const source = parseCopySource(copySource);
      copySourceVersionId = source.versionId;
      // s3rver reads the header with decodeURI and splits it at `/`: give it exactly that.
      ctx.headers['x-amz-copy-source'] = `${source.bucket}/${encodeURI(source.key)}`;
    }
    const context: VersionContext = {
      method: ctx.method,
      versionId: queryValue(ctx, 'versionId'),
      copySourceVersionId,
      responseHeaders: {},
    };
    await withVersionContext(ctx, context, next);
    return undefined;
  };
}

/** The s3rver (Koa application) members {@link installObjectStore} replaces. */
export interface S3rverInternals {
  store: unknown;
  readonly context: { store: unknown };
  readonly middleware: unknown[];
}

/**
 * Puts a {@link LocalObjectStore} on `directory` in place of the one s3rver's constructor made
 * (it has no option for a store: its controllers read `ctx.store`, from the application's context,
 * and `app.store`), with {@link objectStoreMiddleware} before its router; when `silent`, drops
 * koa-logger, which formats a coloured line for every request only for the silent logger to
 * discard it. Call it before `run()`.
 */
export function installObjectStore(
  server: S3rverInternals,
  directory: string,
  options: {
    readonly silent: boolean;
    readonly versionedBuckets?: ReadonlySet<string>;
    readonly log?: (line: string) => void;
  },
): LocalObjectStore {
  const store = new LocalObjectStore(directory, {
    ...(options.versionedBuckets === undefined ? {} : { versionedBuckets: options.versionedBuckets }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  server.store = store;
  server.context.store = store;
  if (options.silent) {
    const logger = server.middleware.findIndex((fn) => typeof fn === 'function' && fn.name === 'logger');
    if (logger !== -1) server.middleware.splice(logger, 1);
  }
  // The router is s3rver's last middleware.
  server.middleware.splice(server.middleware.length - 1, 0, objectStoreMiddleware(store));
  return store;
}
