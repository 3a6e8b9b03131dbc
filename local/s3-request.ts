import type { IncomingHttpHeaders } from 'node:http';

/** What the S3 proxy needs to know about a request to decide whether it changes a watched key. */
export type S3Operation =
  | { readonly kind: 'put-object'; readonly bucket: string; readonly key: string; readonly copy: boolean }
  | { readonly kind: 'post-object'; readonly bucket: string }
  | { readonly kind: 'complete-multipart-upload'; readonly bucket: string; readonly key: string }
  | {
      readonly kind: 'delete-object';
      readonly bucket: string;
      readonly key: string;
      readonly versionId: string | undefined;
    }
  | { readonly kind: 'delete-objects'; readonly bucket: string }
  | { readonly kind: 'other' };

/** Query parameters that carry a signature; the emulator must not see them (any key is accepted). */
const PRESIGN_PARAMS = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-security-token',
  'awsaccesskeyid',
  'signature',
]);

export interface RoutedRequest {
  /** Path-style path and query for the emulator, signature parameters removed. */
  readonly upstreamPath: string;
  readonly bucket: string | null;
  /** Decoded key, or null for service and bucket requests. */
  readonly key: string | null;
  /** Names of the query parameters (lower-case not applied: S3 sub-resources are case-sensitive). */
  readonly queryNames: ReadonlySet<string>;
  /** The `versionId` query parameter, decoded. */
  readonly versionId: string | undefined;
}

const safeDecode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * Routes a request the way S3 does: path style (`/bucket/key`), or virtual-host style
 * (`bucket.localhost`), which is rewritten to path style for the emulator.
 *
 * @example routeS3Request('/articles-raw/a%20b.txt?X-Amz-Signature=x', '127.0.0.1:4569').key // 'a b.txt'
 */
export function routeS3Request(rawUrl: string, host: string | undefined): RoutedRequest {
  const queryStart = rawUrl.indexOf('?');
  let rawPath = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : rawUrl.slice(queryStart + 1);

  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  const vhost = /^(.+)\.localhost$/.exec(hostname);
  if (vhost?.[1] !== undefined) rawPath = `/${encodeURIComponent(vhost[1])}${rawPath}`;

  const kept: string[] = [];
  const queryNames = new Set<string>();
  let versionId: string | undefined;
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const name = safeDecode(pair.split('=', 1)[0] ?? '');
    if (PRESIGN_PARAMS.has(name.toLowerCase())) continue;
    // `Expires` is a signature parameter only next to a V2 `Signature`; S3 has no other use for it.
    if (name === 'Expires' && /(^|&)Signature=/.test(rawQuery)) continue;
    kept.push(pair);
    queryNames.add(name);
    if (name === 'versionId') {
      const equals = pair.indexOf('=');
      versionId = equals === -1 ? '' : safeDecode(pair.slice(equals + 1).replace(/\+/g, ' '));
    }
  }

  const withoutSlash = rawPath.replace(/^\/+/, '');
  const slash = withoutSlash.indexOf('/');
  const bucketPart = slash < 0 ? withoutSlash : withoutSlash.slice(0, slash);
  const keyPart = slash < 0 ? '' : withoutSlash.slice(slash + 1);
  return {
    upstreamPath: kept.length === 0 ? rawPath : `${rawPath}?${kept.join('&')}`,
    bucket: bucketPart === '' ? null : safeDecode(bucketPart),
    key: keyPart === '' ? null : safeDecode(keyPart),
    queryNames,
    versionId,
  };
}

/** Classifies a routed request into the operations that emit S3 notifications. */
export function classifyS3Operation(
  method: string,
  routed: RoutedRequest,
  headers: IncomingHttpHeaders,
): S3Operation {
  const { bucket, key } = routed;
  // SDK v3 tags every request with `x-id=<Operation>`; a `versionId` names a version of the same
  // operation. Any other parameter is a sub-resource (tagging, acl...).
  const subresources = [...routed.queryNames].filter((name) => name !== 'x-id' && name !== 'versionId');
  const plain = subresources.length === 0;
  if (bucket === null) return { kind: 'other' };
  if (key === null) {
    if (method === 'POST' && subresources.includes('delete')) return { kind: 'delete-objects', bucket };
    if (method === 'POST' && plain) return { kind: 'post-object', bucket };
    return { kind: 'other' };
  }
  if (method === 'PUT' && plain) {
    return { kind: 'put-object', bucket, key, copy: headers['x-amz-copy-source'] !== undefined };
  }
  if (method === 'POST' && subresources.includes('uploadId')) {
    return { kind: 'complete-multipart-upload', bucket, key };
  }
  if (method === 'DELETE' && plain)
    return { kind: 'delete-object', bucket, key, versionId: routed.versionId };
  return { kind: 'other' };
}
