/**
 * Delete, then an immediate re-upload, against the local pipeline (S3 endpoint, event queue, the
 * real ingest and read handlers): the delete's event and the upload's run in two concurrent
 * invocations, as two Lambda instances would, and every record must keep its content.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../lib/article/article-id.js';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { readLocalSettings } from '../../local/local-settings.js';

const RAW = 'articles-raw';

let dataDir: string;
let runtime: LocalRuntime;
let s3: S3Client;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'content-races-'));
  runtime = await startLocalRuntime({
    settings: readLocalSettings({ S3_PORT: '0', DYNAMODB_PORT: '0', API_PORT: '0', DATA_DIR: dataDir }),
    // One event per invocation, eight at once: a delete and the upload after it run side by side.
    delivery: { batchSize: 1, concurrency: 8, retryDelayMs: () => 20 },
    log: () => {},
  });
  s3 = new S3Client({
    endpoint: runtime.s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIAANYTHINGGOES000', secretAccessKey: 'any' },
  });
});

afterAll(async () => {
  s3.destroy();
  await runtime.close();
  await rm(dataDir, { recursive: true, force: true });
});

const article = (marker: string): string =>
  `Race article ${marker}\n\nThe body of version ${marker} is a paragraph long enough to be an article of its own.\n`;

const put = (key: string, marker: string) =>
  s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: article(marker), ContentType: 'text/plain' }));

/** The status of the content route and the text it serves for a key's record. */
async function servedContent(key: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${runtime.apiEndpoint}/articles/${articleId(RAW, key)}/content`);
  const body = (await response.json()) as { text?: string };
  return { status: response.status, text: body.text ?? '' };
}

describe('delete, then an immediate re-upload', () => {
  it('leaves the record with its content in each of 100 rounds on one key', async () => {
    const key = 'races/one-key.txt';
    await put(key, 'r0');
    await runtime.idle();
    const lost: number[] = [];
    for (let round = 1; round <= 100; round += 1) {
      await s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: key }));
      await put(key, `r${round}`);
      await runtime.idle();
      const served = await servedContent(key);
      if (served.status !== 200 || !served.text.includes(`version r${round} `)) lost.push(round);
    }
    expect(lost).toEqual([]);
  });

  it('leaves every record with its content across 30 keys deleted and re-uploaded back to back', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `races/many-${i}.txt`);
    await Promise.all(keys.map((key) => put(key, 'v0')));
    await runtime.idle();
    const lost: string[] = [];
    for (let round = 1; round <= 3; round += 1) {
      // Back to back, so each key's delete and upload events sit side by side in the queue.
      for (const key of keys) {
        await s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: key }));
        await put(key, `v${round}`);
      }
      await runtime.idle();
      for (const key of keys) {
        const served = await servedContent(key);
        if (served.status !== 200 || !served.text.includes(`version v${round} `))
          lost.push(`${round}:${key}`);
      }
    }
    expect(lost).toEqual([]);
  });
});
