/**
 * The code paths only a versioned bucket takes, end to end on `npm start` (a child process, the
 * real handlers, the raw bucket versioned as in the template): overwrites as versions, delete
 * markers, the delete of one version, an old version's event arriving after a newer one,
 * `s3:TestEvent`, and a poison message redriven to the dead-letter store after the template's
 * `maxReceiveCount`. Then the same through the AWS CLI, when it is installed.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../lib/article/article-id.js';
import { MAX_RECEIVE_COUNT } from '../../lib/config/ingest-queue.js';
import { EventJournal } from '../../local/event-journal.js';
import { queueDirs } from '../../local/local-settings.js';
import { type S3NotificationRecord, toS3NotificationRecord } from '../../local/s3-notification.js';
import {
  closePipeline,
  eventually,
  getRecordItem,
  md5,
  openPipeline,
  type PipelineClients,
  RAW,
  type RunningPipeline,
  SEED,
} from './local-pipeline-process.js';

const run = promisify(execFile);

type Source = { readonly versionId: string | null; readonly etag: string | null; readonly sequencer: string };

let dataDir: string;
let pipeline: RunningPipeline;
let clients: PipelineClients;
let seed: Buffer;
let revised: Buffer;

const sourceOf = async (key: string): Promise<Source | undefined> =>
  (await getRecordItem(clients.documents, key))?.source as Source | undefined;

/** Waits until the record of `key` names `versionId`. */
const recordAt = (key: string, versionId: string | undefined): Promise<Source> =>
  eventually(async () => {
    const source = await sourceOf(key);
    return source?.versionId === versionId ? source : undefined;
  });

/** Every event journaled so far was handled (the queue removes an event only after success). */
const drained = (): Promise<true> =>
  eventually(async () => (await readdir(queueDirs(dataDir).pending)).length === 0 || undefined);

const start = async (): Promise<void> => {
  ({ pipeline, clients } = await openPipeline(dataDir, { POWERTOOLS_LOG_LEVEL: 'INFO' }));
};
const stop = async (): Promise<void> => {
  expect(await closePipeline({ pipeline, clients })).toBe(0);
};

beforeAll(async () => {
  seed = await readFile(SEED);
  revised = Buffer.concat([seed, Buffer.from('\n\nفقرة أخيرة مضافة إلى المقال بعد التحديث.\n')]);
  dataDir = await mkdtemp(join(tmpdir(), 'local-runtime-versions-'));
  await start();
});

afterAll(async () => {
  await stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a versioned raw bucket, end to end', () => {
  it('answers GetBucketVersioning Enabled for the raw bucket, as the template configures it', async () => {
    const versioning = await clients.s3.send(new GetBucketVersioningCommand({ Bucket: RAW }));
    expect(versioning.Status).toBe('Enabled');
  });

  it('acknowledges the s3:TestEvent of the first start without making a record', async () => {
    await drained();
    const log = await eventually(async () => {
      const text = await readFile(join(dataDir, 'logs', 'handlers.log'), 'utf8').catch(() => '');
      return text.includes('s3:TestEvent') ? text : undefined;
    });
    expect(log).toMatch(/ignored s3:TestEvent/);
    expect(await readdir(queueDirs(dataDir).dead)).toEqual([]);
  });

  it('makes each overwrite a version, and the record follows the newest and names it', async () => {
    const key = 'versions/overwrite.txt';
    const first = await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: seed }));
    expect((await recordAt(key, first.VersionId)).etag).toBe(md5(seed));
    const second = await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: revised }));
    expect(second.VersionId).not.toBe(first.VersionId);
    expect((await recordAt(key, second.VersionId)).etag).toBe(md5(revised));

    const response = await fetch(`${pipeline.apiEndpoint}/articles/${articleId(RAW, key)}`);
    const body = (await response.json()) as { source: Source };
    expect(body.source).toMatchObject({ versionId: second.VersionId, etag: md5(revised) });
  });

  it('removes the record on a delete marker, which list-object-versions shows', async () => {
    const key = 'versions/marked.txt';
    const put = await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: seed }));
    await recordAt(key, put.VersionId);
    const deleted = await clients.s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: key }));
    expect(deleted.DeleteMarker).toBe(true);
    await eventually(async () => (await getRecordItem(clients.documents, key)) === undefined);
    const response = await fetch(`${pipeline.apiEndpoint}/articles/${articleId(RAW, key)}`);
    expect(response.status).toBe(404);
    const versions = await clients.s3.send(new ListObjectVersionsCommand({ Bucket: RAW, Prefix: key }));
    expect(versions.DeleteMarkers?.map((m) => [m.VersionId, m.IsLatest])).toEqual([
      [deleted.VersionId, true],
    ]);
    expect(versions.Versions?.map((v) => v.VersionId)).toEqual([put.VersionId]);
  });

  it('brings back the previous version when the current one is deleted, and ignores a noncurrent one', async () => {
    const key = 'versions/specific.txt';
    const one = await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: seed }));
    await recordAt(key, one.VersionId);
    const two = await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: revised }));
    await recordAt(key, two.VersionId);

    await clients.s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: key, VersionId: two.VersionId }));
    expect((await recordAt(key, one.VersionId)).etag).toBe(md5(seed));

    const three = await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: revised }));
    await recordAt(key, three.VersionId);
    await clients.s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: key, VersionId: one.VersionId }));
    await drained();
    expect((await sourceOf(key))?.versionId).toBe(three.VersionId);
  });

  it('keeps the record of the current version when the null version, now noncurrent, is deleted', async () => {
    // Objects from before the bucket was versioned, in the layout s3rver wrote: at the next start
    // the store moves them in as the null version, as S3 keeps objects that pre-date versioning.
    await stop();
    const legacyFolder = join(dataDir, 's3', RAW, 'legacy');
    await mkdir(legacyFolder, { recursive: true });
    for (const name of ['noncurrent.txt', 'current.txt']) {
      await writeFile(join(legacyFolder, `${name}._S3rver_object`), seed);
    }
    await start();

    const key = 'legacy/noncurrent.txt';
    const put = await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: revised }));
    await recordAt(key, put.VersionId);
    const deleted = await clients.s3.send(
      new DeleteObjectCommand({ Bucket: RAW, Key: key, VersionId: 'null' }),
    );
    expect(deleted.VersionId).toBe('null');
    await drained();
    expect(await sourceOf(key)).toMatchObject({ versionId: put.VersionId, etag: md5(revised) });
  }, 60_000);

  it('brings back the null version when the version above it is deleted, and removes the record with it', async () => {
    const key = 'legacy/current.txt';
    const put = await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: revised }));
    await recordAt(key, put.VersionId);
    await clients.s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: key, VersionId: put.VersionId }));
    expect((await recordAt(key, 'null')).etag).toBe(md5(seed));

    await clients.s3.send(new DeleteObjectCommand({ Bucket: RAW, Key: key, VersionId: 'null' }));
    await eventually(async () => (await getRecordItem(clients.documents, key)) === undefined);
  });

  it('keeps the newer version when an old version’s event arrives late, and dead-letters a poison message after maxReceiveCount', async () => {
    const key = 'versions/late.txt';
    const old = await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: seed }));
    await recordAt(key, old.VersionId);
    const newer = await clients.s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: revised }));
    const applied = await recordAt(key, newer.VersionId);
    await stop();

    // Queued while the runtime is down, delivered at its next start: the old version's event, with
    // a sequencer below the one applied, and a message no S3 event schema accepts (no key).
    const journal = await EventJournal.open(dataDir);
    const olderSequencer = (BigInt(`0x${applied.sequencer}`) - 1n)
      .toString(16)
      .toUpperCase()
      .padStart(18, '0');
    const change = {
      bucket: RAW,
      key,
      sourceIp: '127.0.0.1',
      time: new Date(),
    } as const;
    const late: S3NotificationRecord = toS3NotificationRecord(
      {
        ...change,
        eventName: 'ObjectCreated:Put',
        size: seed.length,
        eTag: md5(seed),
        versionId: old.VersionId,
        sequencer: olderSequencer,
      },
      'us-east-1',
    );
    const poison = toS3NotificationRecord(
      { ...change, key: '', eventName: 'ObjectCreated:Put', sequencer: olderSequencer },
      'us-east-1',
    );
    await journal.append([late, poison]);

    await start();
    await eventually(async () => (await readdir(queueDirs(dataDir).dead)).length === 1 || undefined);
    await drained();
    expect((await sourceOf(key))?.versionId).toBe(newer.VersionId);
    const [deadFile] = await readdir(queueDirs(dataDir).dead);
    const dead = JSON.parse(await readFile(join(queueDirs(dataDir).dead, deadFile ?? ''), 'utf8')) as {
      attempts: number;
      record: { s3: { object: { key: string } } };
    };
    expect(dead.attempts).toBe(MAX_RECEIVE_COUNT);
    expect(dead.record.s3.object.key).toBe('');
  }, 120_000);
});

const awsCli = await run('aws', ['--version']).then(
  () => true,
  () => false,
);

describe.skipIf(!awsCli)('the AWS CLI against npm start (skipped: the aws command is not installed)', () => {
  const aws = async (...args: string[]): Promise<string> => {
    const { stdout } = await run(
      'aws',
      ['--endpoint-url', pipeline.s3Endpoint, '--output', 'json', ...args],
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      },
    );
    return stdout;
  };

  it('gives two version ids to two put-object calls, serves the second, and lists the delete marker after s3 rm', async () => {
    const key = 'cli/versioned article.txt';
    const files = await mkdtemp(join(tmpdir(), 'local-runtime-cli-'));
    try {
      await writeFile(join(files, 'first.txt'), seed);
      await writeFile(join(files, 'second.txt'), revised);
      const put = async (file: string): Promise<string> =>
        (
          JSON.parse(
            await aws('s3api', 'put-object', '--bucket', RAW, '--key', key, '--body', join(files, file)),
          ) as {
            VersionId: string;
          }
        ).VersionId;
      const first = await put('first.txt');
      const second = await put('second.txt');
      expect(second).not.toBe(first);

      const url = `${pipeline.apiEndpoint}/articles/${articleId(RAW, key)}`;
      const shown = await eventually(async () => {
        const response = await fetch(url);
        const body = response.ok ? ((await response.json()) as { source: Source }) : undefined;
        return body?.source.versionId === second ? body : undefined;
      });
      expect(shown.source.etag).toBe(md5(revised));
      expect(JSON.parse(await aws('s3api', 'get-bucket-versioning', '--bucket', RAW))).toEqual({
        Status: 'Enabled',
      });

      await aws('s3', 'rm', `s3://${RAW}/${key}`);
      await eventually(async () => (await fetch(url)).status === 404 || undefined);
      const listed = JSON.parse(
        await aws('s3api', 'list-object-versions', '--bucket', RAW, '--prefix', key),
      ) as {
        Versions: { VersionId: string }[];
        DeleteMarkers: { Key: string; IsLatest: boolean }[];
      };
      expect(listed.DeleteMarkers).toEqual([expect.objectContaining({ Key: key, IsLatest: true })]);
      expect(listed.Versions.map((v) => v.VersionId)).toEqual([second, first]);
    } finally {
      await rm(files, { recursive: true, force: true });
    }
  }, 60_000);
});
