/**
 * The local runtime's event plumbing, in-process, with an injected ingest handler: what the S3
 * endpoint emits for each operation, and how failed deliveries are retried and dead-lettered.
 * (The real handler end to end is `local-runtime.test.ts`.)
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { S3SqsEventNotificationSchema } from '@aws-lambda-powertools/parser/schemas';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compareSequencers } from '../../lib/ingest/compare-sequencers.js';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { queueDirs, readLocalSettings } from '../../local/local-settings.js';
import type { S3NotificationRecord } from '../../local/s3-notification.js';

const run = promisify(execFile);
const RAW = 'articles-raw';
const CONTENT = 'articles-content';

interface Delivery {
  readonly messageId: string;
  readonly receiveCount: number;
  readonly record: S3NotificationRecord;
}

let dataDir: string;
let runtime: LocalRuntime;
let s3: S3Client;
let deliveries: Delivery[] = [];
let events: SQSEvent[] = [];
const testEvents: unknown[] = [];
/** Keys the injected handler reports as failed, as a real handler's batchItemFailures would. */
const failingKeys = new Set<string>();

const decodeKey = (key: string): string => decodeURIComponent(key.replace(/\+/g, ' '));

async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  events.push(event);
  const batchItemFailures: { itemIdentifier: string }[] = [];
  for (const message of event.Records) {
    const body = JSON.parse(message.body) as { Records?: S3NotificationRecord[]; Event?: string };
    if (body.Event === 's3:TestEvent') {
      testEvents.push(body);
      continue;
    }
    const record = body.Records?.[0];
    if (record === undefined) throw new Error('empty notification');
    deliveries.push({
      messageId: message.messageId,
      receiveCount: Number(message.attributes.ApproximateReceiveCount),
      record,
    });
    if (failingKeys.has(decodeKey(record.s3.object.key)))
      batchItemFailures.push({ itemIdentifier: message.messageId });
  }
  return { batchItemFailures };
}

const delivered = (key: string): Delivery[] =>
  deliveries.filter((delivery) => decodeKey(delivery.record.s3.object.key) === key);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'local-runtime-delivery-'));
  runtime = await startLocalRuntime({
    settings: readLocalSettings({ S3_PORT: '0', DYNAMODB_PORT: '0', API_PORT: '0', DATA_DIR: dataDir }),
    ingestHandler: handler,
    readHandler: null,
    delivery: { maxAttempts: 3, retryDelayMs: () => 20 },
    log: () => {},
  });
  // The s3:TestEvent of a first start, delivered before the tests begin.
  await runtime.idle();
  // Deliberately not the emulator's built-in key, and default SDK checksums (aws-chunked bodies).
  s3 = new S3Client({
    endpoint: runtime.s3Endpoint,
    region: 'eu-west-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIAUSERSOWNKEY00000', secretAccessKey: 'any-secret-at-all' },
  });
});

afterAll(async () => {
  s3.destroy();
  await runtime.close();
  await rm(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  deliveries = [];
  events = [];
  failingKeys.clear();
});

describe('local S3 notifications', () => {
  it('sends s3:TestEvent for the raw bucket on the first start of a data folder, as S3 does', () => {
    expect(testEvents).toEqual([
      expect.objectContaining({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: RAW }),
    ]);
  });

  it('accepts any access key and delivers an AWS-shaped S3 event inside an SQS record', async () => {
    await s3.send(new PutObjectCommand({ Bucket: RAW, Key: '2017/05/seed.txt', Body: 'نص المقال' }));
    await runtime.idle();

    const [event] = events;
    expect(S3SqsEventNotificationSchema.safeParse(event).success).toBe(true);
    const [delivery] = delivered('2017/05/seed.txt');
    expect(delivery?.record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: {
        bucket: { name: RAW, arn: `arn:aws:s3:::${RAW}` },
        object: { key: '2017/05/seed.txt', size: Buffer.byteLength('نص المقال') },
      },
    });
    expect(delivery?.record.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
    // The raw bucket is versioned, as in the template; the sequencer is S3's 18 hex digits.
    expect(delivery?.record.s3.object.versionId).toMatch(/^[\w-]{32}$/);
    expect(delivery?.record.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);
    expect(Object.keys(delivery?.record.s3.object ?? {})).toEqual([
      'key',
      'size',
      'eTag',
      'versionId',
      'sequencer',
    ]);
  });

  it('stores the decoded body of an aws-chunked streaming upload', async () => {
    const { Readable } = await import('node:stream');
    const body = 'streamed مقال body';
    await s3.send(
      new PutObjectCommand({
        Bucket: RAW,
        Key: 'streamed.txt',
        Body: Readable.from([Buffer.from(body)]),
        ContentLength: Buffer.byteLength(body),
      }),
    );
    const stored = await s3.send(new GetObjectCommand({ Bucket: RAW, Key: 'streamed.txt' }));
    expect(await stored.Body?.transformToString()).toBe(body);
    expect(stored.ContentEncoding).toBeUndefined();
  });

  it('URL-encodes keys with spaces, plus signs, parentheses and Arabic letters as S3 does', async () => {
    const keys = ['my article.txt', 'a+b.txt', 'notes (draft).txt', 'أخبار/حلب وتدمر.txt'];
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: 'x' }));
    await runtime.idle();

    const byKey = new Map(deliveries.map((d) => [d.record.s3.object.key, d]));
    expect([...byKey.keys()].sort()).toEqual(
      [
        'a%2Bb.txt',
        'my+article.txt',
        'notes+%28draft%29.txt',
        '%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D8%AD%D9%84%D8%A8+%D9%88%D8%AA%D8%AF%D9%85%D8%B1.txt',
      ].sort(),
    );
    expect([...byKey.keys()].map(decodeKey).sort()).toEqual([...keys].sort());
  });

  it('orders the events of one key by sequencer in the order the writes happened', async () => {
    for (const body of ['one', 'two'])
      await s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'same.txt', Body: body }));
    await s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: 'same.txt' }));
    await runtime.idle();

    const records = delivered('same.txt')
      .map((d) => d.record)
      .sort((a, b) => compareSequencers(a.s3.object.sequencer, b.s3.object.sequencer));
    const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
    expect(records.map((record) => [record.eventName, record.s3.object.eTag])).toEqual([
      ['ObjectCreated:Put', md5('one')],
      ['ObjectCreated:Put', md5('two')],
      ['ObjectRemoved:DeleteMarkerCreated', undefined],
    ]);
    const sequencers = records.map((record) => record.s3.object.sequencer);
    expect(new Set(sequencers).size).toBe(3);
    expect(new Set(records.map((record) => record.s3.object.versionId)).size).toBe(3);
  });

  it('emits DeleteMarkerCreated with the marker version for a delete without a version, no size or eTag', async () => {
    await s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'gone.txt', Body: 'x' }));
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: 'gone.txt' }));
    await runtime.idle();
    const removal = delivered('gone.txt').find(
      (d) => d.record.eventName === 'ObjectRemoved:DeleteMarkerCreated',
    );
    expect(deleted.DeleteMarker).toBe(true);
    expect(removal?.record.s3.object.versionId).toBe(deleted.VersionId);
    expect(removal?.record.s3.object).not.toHaveProperty('size');
    expect(removal?.record.s3.object).not.toHaveProperty('eTag');
  });

  it('emits ObjectRemoved:Delete with the version id for a delete of one version', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'one-version.txt', Body: 'x' }));
    await s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: 'one-version.txt', VersionId: put.VersionId }));
    await runtime.idle();
    expect(
      delivered('one-version.txt').map((d) => [d.record.eventName, d.record.s3.object.versionId]),
    ).toEqual([
      ['ObjectCreated:Put', put.VersionId],
      ['ObjectRemoved:Delete', put.VersionId],
    ]);
  });

  it('emits one DeleteMarkerCreated per key of a DeleteObjects batch (what aws s3 rm --recursive sends), quiet or not', async () => {
    const keys = ['batch/1.txt', 'batch/2 two.txt', 'batch/٣.txt'];
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: key }));
    await runtime.idle();
    deliveries = [];
    const answer = await s3.send(
      new DeleteObjectsCommand({
        Bucket: RAW,
        Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    await runtime.idle();

    expect(answer.Deleted).toBeUndefined();
    expect(deliveries.map((d) => d.record.eventName)).toEqual(
      keys.map(() => 'ObjectRemoved:DeleteMarkerCreated'),
    );
    expect(deliveries.map((d) => decodeKey(d.record.s3.object.key)).sort()).toEqual([...keys].sort());
    expect(deliveries.every((d) => /^[\w-]{32}$/.test(d.record.s3.object.versionId ?? ''))).toBe(true);
  });

  it('names a multipart upload ObjectCreated:CompleteMultipartUpload with the whole size', async () => {
    const key = 'big/multipart article.txt';
    const first = Buffer.alloc(5 * 1024 * 1024, 'a');
    const second = Buffer.from('the end');
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: RAW, Key: key }));
    const parts = [];
    for (const [index, body] of [first, second].entries()) {
      const { ETag } = await s3.send(
        new UploadPartCommand({ Bucket: RAW, Key: key, UploadId, PartNumber: index + 1, Body: body }),
      );
      parts.push({ ETag, PartNumber: index + 1 });
    }
    const completed = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: RAW,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    await runtime.idle();

    const events = delivered(key);
    expect(events.map((d) => d.record.eventName)).toEqual(['ObjectCreated:CompleteMultipartUpload']);
    expect(events[0]?.record.s3.object.size).toBe(first.length + second.length);
    expect(completed.VersionId).toMatch(/^[\w-]{32}$/);
    expect(events[0]?.record.s3.object.versionId).toBe(completed.VersionId);
  });

  it('sends no events for the processed-content bucket', async () => {
    await s3.send(new PutObjectCommand({ Bucket: CONTENT, Key: 'content/x.json', Body: '{}' }));
    await s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'marker.txt', Body: 'x' }));
    await runtime.idle();
    expect(deliveries.map((d) => d.record.s3.bucket.name)).toEqual([RAW]);
  });
});

/**
 * The proxy calls s3rver in-process (light-my-request), not over HTTP: what reaches the client
 * must still be s3rver's response as it was on the wire — status, headers, body, streamed.
 */
describe('the S3 endpoint passes s3rver responses through', () => {
  const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
  const md5 = (bytes: Uint8Array | string): string => createHash('md5').update(bytes).digest('hex');
  const url = (bucket: string, key: string): string =>
    `${runtime.s3Endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;

  it('serves a 10 MiB object byte for byte, and a byte range of it', async () => {
    const body = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < body.length; i += 4) body.writeUInt32LE((i * 2654435761) >>> 0, i);
    await s3.send(new PutObjectCommand({ Bucket: CONTENT, Key: 'large/ten.bin', Body: body }));

    const whole = await s3.send(new GetObjectCommand({ Bucket: CONTENT, Key: 'large/ten.bin' }));
    const bytes = await whole.Body?.transformToByteArray();
    expect(whole.ContentLength).toBe(body.length);
    expect(bytes?.length).toBe(body.length);
    expect(sha256(bytes ?? new Uint8Array())).toBe(sha256(body));
    expect(whole.ETag).toBe(`"${md5(body)}"`);

    const range = await s3.send(
      new GetObjectCommand({ Bucket: CONTENT, Key: 'large/ten.bin', Range: 'bytes=8388605-8388612' }),
    );
    expect(range.$metadata.httpStatusCode).toBe(206);
    expect(range.ContentRange).toBe(`bytes 8388605-8388612/${body.length}`);
    expect(Buffer.from((await range.Body?.transformToByteArray()) ?? [])).toEqual(
      body.subarray(8388605, 8388613),
    );
  });

  it('answers HEAD with the length, quoted ETag and x-amz-meta headers, and no body', async () => {
    const body = 'رأس المقال';
    await s3.send(
      new PutObjectCommand({
        Bucket: RAW,
        Key: 'head/me.txt',
        Body: body,
        ContentType: 'text/plain; charset=utf-8',
        Metadata: { origin: 'proxy-test' },
      }),
    );
    const response = await fetch(url(RAW, 'head/me.txt'), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(response.headers.get('etag')).toBe(`"${md5(body)}"`);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('x-amz-meta-origin')).toBe('proxy-test');
    expect((await response.arrayBuffer()).byteLength).toBe(0);

    const missing = await fetch(url(RAW, 'head/missing.txt'), { method: 'HEAD' });
    expect(missing.status).toBe(404);
    expect((await missing.arrayBuffer()).byteLength).toBe(0);
  });

  it("passes error statuses with s3rver's XML error body, on both buckets", async () => {
    for (const bucket of [RAW, CONTENT]) {
      const response = await fetch(url(bucket, 'no/such key.txt'));
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
      const xml = await response.text();
      expect(xml).toContain('<Code>NoSuchKey</Code>');
      expect(xml).toContain('<Key>no/such key.txt</Key>');
    }
    const noBucket = await fetch(url('no-such-bucket', 'x.txt'), { method: 'PUT', body: 'x' });
    expect(noBucket.status).toBe(404);
    expect(await noBucket.text()).toContain('<Code>NoSuchBucket</Code>');
    expect(deliveries).toEqual([]);
  });

  it('ignores any signature (the emulator sees an anonymous request)', async () => {
    const response = await fetch(url(CONTENT, 'signed/x.txt'), {
      method: 'PUT',
      body: 'signed',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIANOTAREALKEY00000/20200101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00',
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        'x-amz-date': '20200101T000000Z',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${md5('signed')}"`);
    const stored = await s3.send(new GetObjectCommand({ Bucket: CONTENT, Key: 'signed/x.txt' }));
    expect(await stored.Body?.transformToString()).toBe('signed');
  });

  it('names a copy ObjectCreated:Copy with the size and ETag the copy has', async () => {
    const body = 'copied article';
    await s3.send(new PutObjectCommand({ Bucket: CONTENT, Key: 'copy/source.txt', Body: body }));
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: RAW,
        Key: 'copy/target.txt',
        CopySource: `${CONTENT}/copy/source.txt`,
      }),
    );
    await runtime.idle();
    const [copy] = delivered('copy/target.txt');
    expect(copy?.record.eventName).toBe('ObjectCreated:Copy');
    expect(copy?.record.s3.object.versionId).toBe(copied.VersionId);
    expect(copied.VersionId).toMatch(/^[\w-]{32}$/);
    expect(copy?.record.s3.object.size).toBe(Buffer.byteLength(body));
    expect(copy?.record.s3.object.eTag).toBe(md5(body));
  });
});

describe('local delivery retries and dead letters', () => {
  it('retries a failed message with the same messageId and a growing receive count', async () => {
    failingKeys.add('flaky.txt');
    await s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'flaky.txt', Body: 'x' }));
    await runtime.idle();

    const attempts = delivered('flaky.txt');
    expect(attempts.map((d) => d.receiveCount)).toEqual([1, 2, 3]);
    expect(new Set(attempts.map((d) => d.messageId)).size).toBe(1);
  });

  it('moves a message to the dead-letter store after the last attempt and the CLI lists it', async () => {
    failingKeys.add('poison (1).txt');
    await s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'poison (1).txt', Body: 'x' }));
    await runtime.idle();

    expect(await readdir(queueDirs(dataDir).pending)).toEqual([]);
    const { stdout } = await run(process.execPath, ['bin/article-pipeline.js', 'dead-letters', '--json'], {
      env: { ...process.env, DATA_DIR: dataDir },
    });
    const listed = stdout
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { key: string; attempts: number; eventName: string; lastError: string },
      );
    expect(listed).toContainEqual(
      expect.objectContaining({ key: 'poison (1).txt', attempts: 3, eventName: 'ObjectCreated:Put' }),
    );
    expect(listed.find((letter) => letter.key === 'poison (1).txt')?.lastError).toMatch(/failed/);
  });

  it('fails the whole batch when the handler throws, and recovers once it stops throwing', async () => {
    let throwing = false;
    const flakyRuntimeDir = await mkdtemp(join(tmpdir(), 'local-runtime-throw-'));
    const received: string[] = [];
    const throwingRuntime = await startLocalRuntime({
      settings: readLocalSettings({
        S3_PORT: '0',
        DYNAMODB_PORT: '0',
        API_PORT: '0',
        DATA_DIR: flakyRuntimeDir,
      }),
      readHandler: null,
      log: () => {},
      delivery: { maxAttempts: 5, retryDelayMs: () => 20 },
      ingestHandler: async (event) => {
        if (throwing) {
          throwing = false;
          throw new Error('cold start failed');
        }
        received.push(...event.Records.map((record) => record.messageId));
        return { batchItemFailures: [] };
      },
    });
    const client = new S3Client({
      endpoint: throwingRuntime.s3Endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    try {
      // The first start's s3:TestEvent goes first.
      await throwingRuntime.idle();
      received.length = 0;
      throwing = true;
      await client.send(new PutObjectCommand({ Bucket: RAW, Key: 'a.txt', Body: 'x' }));
      await throwingRuntime.idle();
      expect(throwing).toBe(false);
      expect(received).toHaveLength(1);
      expect(await readdir(queueDirs(flakyRuntimeDir).dead)).toEqual([]);
    } finally {
      client.destroy();
      await throwingRuntime.close();
      await rm(flakyRuntimeDir, { recursive: true, force: true });
    }
  });
});
