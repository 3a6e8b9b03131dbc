/**
 * Keys with line breaks, tabs, `+` and `%` round-trip exactly through `reconcile` and `reprocess`
 * on the real local pipeline. The CR keys need the local S3 to answer `encoding-type=url` (an XML
 * listing turns CR LF into LF); until it does, that test is skipped, not passed.
 */
import { DeleteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_SK, articlePk } from '../../lib/adapters/dynamodb-keys.js';
import { articleId } from '../../lib/article/article-id.js';
import { run as reconcile } from '../../lib/cli/reconcile-command.js';
import { run as reprocess } from '../../lib/cli/reprocess-command.js';
import { type CliPipeline, captureRun, startCliPipeline } from '../support/local-cli-pipeline.js';

const RAW = 'articles-raw';
const TABLE = 'articles';
const BODY = `${'هذه فقرة طويلة من نص المقال تشرح الموضوع بالتفصيل وتذكر الوقائع كما جرت. '.repeat(8)}\n`;
const PLAIN_KEYS = ['plus+and space.txt', '100%25 sure.txt', 'tab\tkey.txt'] as const;
const CR_KEYS = ['crlf\r\nkey.txt', 'lone\rcr.txt'] as const;

let pipeline: CliPipeline;
let s3: S3Client;
let dynamo: DynamoDBClient;
let listsUrlEncoded = false;

const capture = captureRun;

const forgetRecord = (key: string): Promise<unknown> =>
  dynamo.send(
    new DeleteItemCommand({
      TableName: TABLE,
      Key: { PK: { S: articlePk(articleId(RAW, key)) }, SK: { S: ARTICLE_SK } },
    }),
  );

beforeAll(async () => {
  pipeline = await startCliPipeline('article-pipeline-keys-');
  ({ s3, dynamo } = pipeline);
  const probe = await s3.send(new ListObjectsV2Command({ Bucket: RAW, EncodingType: 'url', MaxKeys: 1 }));
  listsUrlEncoded = probe.EncodingType === 'url';
}, 120_000);

afterAll(async () => {
  await pipeline?.close();
});

async function roundTrip(keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    await s3.send(new PutObjectCommand({ Bucket: RAW, Key: key, Body: BODY, ContentType: 'text/plain' }));
  }
  await pipeline.runtime.idle();
  const synced = await capture(reconcile, ['--json']);
  expect(JSON.parse(synced.out)).toMatchObject({ objectsWithoutRecord: [], recordsWithoutObject: [] });
  expect(synced.code).toBe(0);

  for (const key of keys) await forgetRecord(key);
  const missing = await capture(reconcile, ['--json']);
  expect(missing.code).toBe(1);
  const report = JSON.parse(missing.out) as { objectsWithoutRecord: { key: string }[] };
  expect(report.objectsWithoutRecord.map((entry) => entry.key).sort()).toEqual([...keys].sort());

  expect((await capture(reprocess, [])).code).toBe(0);
  const repaired = await capture(reconcile, []);
  expect(repaired.out).toContain('in sync');
  expect(repaired.code).toBe(0);
}

describe('keys with control characters, + and % on the local pipeline', () => {
  it('round-trip exactly through reconcile and reprocess', async () => {
    await roundTrip(PLAIN_KEYS);
  });

  it('round-trip keys with CR LF and a lone CR (needs encoding-type=url in the local S3)', async (context) => {
    context.skip(!listsUrlEncoded, 'the local S3 does not answer encoding-type=url yet');
    await roundTrip(CR_KEYS);
  });
});
