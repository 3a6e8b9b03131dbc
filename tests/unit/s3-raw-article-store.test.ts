import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { listObjectKeys, S3RawArticleStore } from '../../lib/adapters/s3-raw-article-store.js';
import { StoreError } from '../../lib/ports/store-errors.js';

interface SentRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, unknown>>;
}

interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, unknown>;
  readonly headers: Record<string, string>;
}

/** A real S3Client whose HTTP layer is `answer`: the SDK's own serializers and parsers run, only the network is replaced. */
function clientWith(
  answer: (request: HttpRequest) => { statusCode: number; headers: Record<string, string>; body: string },
): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      handle: async (request: HttpRequest) => {
        const { statusCode, headers, body } = answer(request);
        return { response: { statusCode, headers, body: Readable.from([Buffer.from(body, 'utf8')]) } };
      },
    },
  });
}

/** Answers each ListObjectsV2 request with the next canned XML page. */
function clientAnswering(pages: readonly string[]): { s3: S3Client; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  let next = 0;
  const s3 = clientWith((request) => {
    sent.push({ method: request.method, path: request.path, query: { ...request.query } });
    const body = pages[next] ?? '';
    next += 1;
    return { statusCode: 200, headers: { 'content-type': 'application/xml' }, body };
  });
  return { s3, sent };
}

const page = (keys: readonly string[], options: { encoded: boolean; next?: string }): string =>
  `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
<Name>articles-raw</Name><Prefix></Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys>
${options.encoded ? '<EncodingType>url</EncodingType>' : ''}
<IsTruncated>${options.next === undefined ? 'false' : 'true'}</IsTruncated>
${options.next === undefined ? '' : `<NextContinuationToken>${options.next}</NextContinuationToken>`}
${keys.map((key) => `<Contents><Key>${key}</Key><Size>1</Size></Contents>`).join('')}
</ListBucketResult>`;

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const key of keys) all.push(key);
  return all;
}

describe('listObjectKeys', () => {
  it('asks S3 for URL-encoded keys on every page', async () => {
    const { s3, sent } = clientAnswering([
      page(['a.txt'], { encoded: true, next: 'token-1' }),
      page(['b.txt'], { encoded: true }),
    ]);
    expect(await collect(listObjectKeys(s3, 'articles-raw', '2017/'))).toEqual(['a.txt', 'b.txt']);
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request).toMatchObject({
        method: 'GET',
        path: '/articles-raw/',
        query: { 'list-type': '2', 'encoding-type': 'url', prefix: '2017/' },
      });
    }
    expect(sent[1]?.query['continuation-token']).toBe('token-1');
  });

  it('decodes keys with line breaks, spaces, plus signs, percent signs and Arabic exactly', async () => {
    const keys = ['crlf\r\nkey.txt', 'lone\rcr.txt', 'tab\tand space.txt', 'a+b%20c.txt', 'مقالات/الرقة.txt'];
    // S3's encoding: percent-encoded UTF-8, a space as "+".
    const encoded = keys.map((key) => encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'));
    const { s3 } = clientAnswering([page(encoded, { encoded: true })]);
    expect(await collect(listObjectKeys(s3, 'articles-raw', ''))).toEqual(keys);
  });

  it('shows why: an XML listing without encoding turns CR LF into LF', async () => {
    const { s3 } = clientAnswering([page(['crlf\r\nkey.txt'], { encoded: false })]);
    expect(await collect(listObjectKeys(s3, 'articles-raw', ''))).toEqual(['crlf\nkey.txt']);
  });

  it('takes keys as they are when the listing does not say it is URL-encoded', async () => {
    const { s3 } = clientAnswering([page(['a+b%20c.txt'], { encoded: false })]);
    expect(await collect(listObjectKeys(s3, 'articles-raw', ''))).toEqual(['a+b%20c.txt']);
  });

  it('fails with a StoreError naming the key when an encoded key is malformed', async () => {
    const { s3 } = clientAnswering([page(['bad%ZZkey.txt'], { encoded: true })]);
    await expect(collect(listObjectKeys(s3, 'articles-raw', ''))).rejects.toThrow(StoreError);
    await expect(
      collect(
        listObjectKeys(clientAnswering([page(['bad%ZZkey.txt'], { encoded: true })]).s3, 'articles-raw', ''),
      ),
    ).rejects.toThrow('"bad%ZZkey.txt"');
  });
});

/** Answers every GetObject with `body` and the ETag `etag`, as the null version. */
function clientServing(
  body: string,
  etag: string,
): { s3: S3Client; sent: { query: Record<string, unknown>; headers: Record<string, string> }[] } {
  const sent: { query: Record<string, unknown>; headers: Record<string, string> }[] = [];
  const s3 = clientWith((request) => {
    sent.push({ query: { ...request.query }, headers: { ...request.headers } });
    const headers = {
      'content-type': 'text/plain',
      'content-length': String(Buffer.byteLength(body)),
      etag: `"${etag}"`,
      'x-amz-version-id': 'null',
    };
    return { statusCode: 200, headers, body };
  });
  return { s3, sent };
}

describe('S3RawArticleStore.read', () => {
  it('reads the null version by its id and still checks its ETag: an upload while versioning is suspended overwrites it', async () => {
    const { s3, sent } = clientServing('overwritten', 'etag-of-the-overwrite');
    const store = new S3RawArticleStore(s3, 'articles-raw');
    expect(await store.read('a.txt', { versionId: 'null', etag: 'etag-of-the-event' }, 1024)).toBeNull();
    expect(sent[0]?.query.versionId).toBe('null');
    expect(sent[0]?.headers['if-match']).toBe('"etag-of-the-event"');
  });

  it('takes any ETag of a version other than the null one: its id pins the bytes', async () => {
    const { s3, sent } = clientServing('pinned', 'etag-of-v1');
    const store = new S3RawArticleStore(s3, 'articles-raw');
    const read = await store.read('a.txt', { versionId: 'v1', etag: 'another' }, 1024);
    expect(Buffer.from(read?.bytes ?? []).toString()).toBe('pinned');
    expect(sent[0]?.query.versionId).toBe('v1');
    expect(sent[0]?.headers['if-match']).toBeUndefined();
  });
});
