/**
 * `npm start` end to end: the real runtime as a child process (ephemeral ports, a temporary
 * DATA_DIR), real SDK v3 clients, the real ingest handler. Uploads become records in DynamoDB;
 * overwrites, deletes and batch deletes follow; queued events survive kill -9.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_SK, LINK_SK_PREFIX } from '../../lib/adapters/dynamodb-keys.js';
import { articleId } from '../../lib/article/article-id.js';
import { queueDirs } from '../../local/local-settings.js';
import {
  clientsFor,
  closePipeline,
  eventually,
  getRecordItem,
  md5,
  openPipeline,
  type PipelineClients,
  RAW,
  type RunningPipeline,
  SEED,
  startPipeline,
  stopPipeline,
} from './local-pipeline-process.js';

let dataDir: string;
let pipeline: RunningPipeline;
let clients: PipelineClients;
let seed: Buffer;

beforeAll(async () => {
  seed = await readFile(SEED);
  dataDir = await mkdtemp(join(tmpdir(), 'local-runtime-'));
  ({ pipeline, clients } = await openPipeline(dataDir));
});

afterAll(async () => {
  await closePipeline({ pipeline, clients });
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start (local runtime as a child process)', () => {
  it('turns an upload with any access key into a processed record in DynamoDB and the API', async () => {
    const key = '2017/05/seed.txt';
    await clients.s3.send(
      new PutObjectCommand({ Bucket: RAW, Key: key, Body: seed, ContentType: 'text/plain' }),
    );
    const item = await eventually(() => getRecordItem(clients.documents, key));
    expect(item).toMatchObject({ id: articleId(RAW, key), status: 'processed', language: 'ar' });
    expect(item.source).toMatchObject({ bucket: RAW, key, size: seed.length, etag: md5(seed) });

    const response = await fetch(`${pipeline.apiEndpoint}/articles/${articleId(RAW, key)}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe(articleId(RAW, key));
  });

  it('reflects the newest object after an overwrite', async () => {
    const key = 'overwrite/article.txt';
    const second = Buffer.concat([seed, Buffer.from('\n\nفقرة أخيرة مضافة إلى المقال بعد التحديث.\n')]);
    await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: seed }));
    await eventually(() => getRecordItem(clients.documents, key));
    await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: second }));
    const item = await eventually(async () => {
      const current = await getRecordItem(clients.documents, key);
      return current?.source?.etag === md5(second) ? current : undefined;
    });
    expect(item.source).toMatchObject({ size: second.length });
  });

  it('removes the record when its object is deleted', async () => {
    const key = 'deleted/article.txt';
    await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: seed }));
    await eventually(() => getRecordItem(clients.documents, key));
    await clients.s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: key }));
    await eventually(async () => (await getRecordItem(clients.documents, key)) === undefined);
    const response = await fetch(`${pipeline.apiEndpoint}/articles/${articleId(RAW, key)}`);
    expect(response.status).toBe(404);
  });

  it('removes every record of a DeleteObjects batch (aws s3 rm --recursive)', async () => {
    const keys = ['batch/a.txt', 'batch/b.txt', 'batch/c.txt'];
    for (const key of keys)
      await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: seed }));
    for (const key of keys) await eventually(() => getRecordItem(clients.documents, key));
    await clients.s3.send(
      new DeleteObjectsCommand({ Bucket: RAW, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
    );
    for (const key of keys) {
      await eventually(async () => (await getRecordItem(clients.documents, key)) === undefined);
    }
  });

  it('makes one record of a multipart upload', async () => {
    const key = 'multipart/seed.txt';
    const padding = Buffer.alloc(5 * 1024 * 1024 - seed.length, ' ');
    const parts = [Buffer.concat([seed, padding]), Buffer.from('\n\nخاتمة المقال.\n')];
    const { UploadId } = await clients.s3.send(new CreateMultipartUploadCommand({ Bucket: RAW, Key: key }));
    const completed = [];
    for (const [index, body] of parts.entries()) {
      const { ETag } = await clients.s3.send(
        new UploadPartCommand({ Bucket: RAW, Key: key, UploadId, PartNumber: index + 1, Body: body }),
      );
      completed.push({ ETag, PartNumber: index + 1 });
    }
    await clients.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: RAW,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: completed },
      }),
    );
    const item = await eventually(() => getRecordItem(clients.documents, key));
    expect(item.source).toMatchObject({ key, size: parts.reduce((total, part) => total + part.length, 0) });
  });

  it('keeps keys with spaces, plus signs, parentheses and Arabic letters exact', async () => {
    const keys = ['with space.txt', 'a+b.txt', 'notes (draft).txt', 'مقالات/حلب وتدمر.txt'];
    for (const key of keys)
      await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: seed }));
    for (const key of keys) {
      const item = await eventually(() => getRecordItem(clients.documents, key));
      expect(item.source?.key).toBe(key);
    }
  });

  it('makes exactly 1,000 records and one link item per link from a burst of 1,000 uploads', async () => {
    const keys = Array.from({ length: 1_000 }, (_, index) => `burst/${String(index).padStart(4, '0')}.txt`);
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let index = next++; index < keys.length; index = next++) {
          await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: keys[index], Body: seed }));
        }
      }),
    );
    const ids = new Set(keys.map((key) => articleId(RAW, key)));

    const scanBurst = async (): Promise<{ records: number; links: number; expectedLinks: number }> => {
      let records = 0;
      let links = 0;
      let expectedLinks = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await clients.documents.send(
          new ScanCommand({
            TableName: 'articles',
            ProjectionExpression: 'PK, SK, linkCount',
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        );
        for (const item of page.Items ?? []) {
          if (!ids.has(String(item.PK).slice('ART#'.length))) continue;
          if (item.SK === ARTICLE_SK) {
            records += 1;
            expectedLinks += Number(item.linkCount);
          } else if (String(item.SK).startsWith(LINK_SK_PREFIX)) {
            links += 1;
          }
        }
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return { records, links, expectedLinks };
    };

    const counts = await eventually(async () => {
      const pending = await readdir(queueDirs(dataDir).pending);
      if (pending.length > 0) return undefined;
      const scanned = await scanBurst();
      return scanned.records === keys.length ? scanned : undefined;
    }, 240_000);
    expect(counts.records).toBe(1_000);
    expect(counts.expectedLinks).toBeGreaterThan(0);
    expect(counts.links).toBe(counts.expectedLinks);
  }, 300_000);

  it('writes handler logs to DATA_DIR/logs, so a key named ready.png never reaches the terminal', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: 'ready/ready.png', Body: png }));
    const item = await eventually(() => getRecordItem(clients.documents, 'ready/ready.png'));
    expect(item.status).toBe('rejected');
    const log = await eventually(async () => {
      const text = await readFile(join(dataDir, 'logs', 'handlers.log'), 'utf8').catch(() => '');
      return text.includes('ready/ready.png') ? text : undefined;
    });
    expect(log).toContain('UNSUPPORTED_FORMAT');
  });

  it('printed the ready line exactly once and no other line with the word ready', () => {
    expect(pipeline.lines.filter((line) => line.startsWith('article-pipeline ready'))).toHaveLength(1);
    expect(
      pipeline.lines.filter((line) => /\bready\b/i.test(line) && !line.startsWith('article-pipeline ready')),
    ).toEqual([]);
  });
});

describe('durability of the local runtime', () => {
  it('delivers events queued before a kill -9 after the restart, and keeps records over a clean restart', async () => {
    const crashDir = await mkdtemp(join(tmpdir(), 'local-runtime-crash-'));
    try {
      // Deliveries held back, so the kill lands between the upload and its processing.
      const first = await startPipeline(crashDir, { PIPELINE_DELIVERY_DELAY_MS: '600000' });
      const firstClients = clientsFor(first);
      const keys = ['crash/one.txt', 'crash/two (2).txt'];
      for (const key of keys)
        await firstClients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: seed }));
      firstClients.s3.destroy();
      firstClients.dynamo.destroy();
      // The uploads' events, and the s3:TestEvent a first start queues.
      expect(await readdir(queueDirs(crashDir).pending)).toHaveLength(keys.length + 1);
      first.child.kill('SIGKILL');
      await first.exited;

      const second = await startPipeline(crashDir);
      const secondClients = clientsFor(second);
      for (const key of keys) {
        const item = await eventually(() => getRecordItem(secondClients.documents, key));
        expect(item.status).toBe('processed');
      }
      // Ctrl-C ends the process promptly (a leftover 10 s guard timer used to hold it open).
      const stopping = Date.now();
      expect(await stopPipeline(second)).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(8_000);
      expect(second.lines.join('\n')).toMatch(/stopping/);
      secondClients.s3.destroy();
      secondClients.dynamo.destroy();

      const third = await startPipeline(crashDir);
      const thirdClients = clientsFor(third);
      for (const key of keys)
        expect((await getRecordItem(thirdClients.documents, key))?.status).toBe('processed');
      thirdClients.s3.destroy();
      thirdClients.dynamo.destroy();
      expect(await stopPipeline(third)).toBe(0);
    } finally {
      await rm(crashDir, { recursive: true, force: true });
    }
  }, 180_000);
});
