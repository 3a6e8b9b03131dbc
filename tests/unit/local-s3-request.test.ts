import { describe, expect, it } from 'vitest';
import { classifyS3Operation, routeS3Request } from '../../local/s3-request.js';

describe('S3 request routing', () => {
  it('decodes the key of a path-style request', () => {
    const routed = routeS3Request('/articles-raw/2017/a%20b%2B%28c%29.txt', '127.0.0.1:4569');
    expect(routed.bucket).toBe('articles-raw');
    expect(routed.key).toBe('2017/a b+(c).txt');
  });

  it('rewrites a virtual-host request to path style', () => {
    const routed = routeS3Request('/seed.txt?x-id=PutObject', 'articles-raw.localhost:4569');
    expect(routed.bucket).toBe('articles-raw');
    expect(routed.key).toBe('seed.txt');
    expect(routed.upstreamPath).toBe('/articles-raw/seed.txt?x-id=PutObject');
  });

  it('removes presigned-URL signature parameters so any credentials are accepted', () => {
    const routed = routeS3Request(
      '/articles-raw/a.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=k&X-Amz-Date=d&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=s&partNumber=1',
      undefined,
    );
    expect(routed.upstreamPath).toBe('/articles-raw/a.txt?partNumber=1');
  });
});

describe('S3 operation classification', () => {
  const classify = (method: string, url: string, headers: Record<string, string> = {}) =>
    classifyS3Operation(method, routeS3Request(url, undefined), headers);

  it('treats an SDK PutObject (tagged x-id) as a put and a copy as a copy', () => {
    expect(classify('PUT', '/b/k.txt?x-id=PutObject')).toEqual({
      kind: 'put-object',
      bucket: 'b',
      key: 'k.txt',
      copy: false,
    });
    expect(classify('PUT', '/b/k.txt', { 'x-amz-copy-source': '/b/o.txt' })).toMatchObject({ copy: true });
  });

  it('does not treat sub-resource writes (tagging, parts) as object creation', () => {
    expect(classify('PUT', '/b/k.txt?tagging')).toEqual({ kind: 'other' });
    expect(classify('PUT', '/b/k.txt?partNumber=1&uploadId=u')).toEqual({ kind: 'other' });
  });

  it('recognizes multipart completion, single deletes and batch deletes', () => {
    expect(classify('POST', '/b/k.txt?uploadId=u')).toMatchObject({ kind: 'complete-multipart-upload' });
    expect(classify('POST', '/b/k.txt?uploads')).toEqual({ kind: 'other' });
    expect(classify('DELETE', '/b/k.txt?x-id=DeleteObject')).toMatchObject({
      kind: 'delete-object',
      key: 'k.txt',
    });
    expect(classify('POST', '/b/?delete=')).toEqual({ kind: 'delete-objects', bucket: 'b' });
  });

  it('tells a delete of one version (decoded version id) from a delete that writes a marker', () => {
    expect(classify('DELETE', '/b/a%2F%2Fb.txt?versionId=v%2B1_x&x-id=DeleteObject')).toEqual({
      kind: 'delete-object',
      bucket: 'b',
      key: 'a//b.txt',
      versionId: 'v+1_x',
    });
    expect(classify('DELETE', '/b/k.txt')).toMatchObject({ kind: 'delete-object', versionId: undefined });
    expect(classify('DELETE', '/b/k.txt?versionId')).toMatchObject({ kind: 'delete-object', versionId: '' });
  });
});
