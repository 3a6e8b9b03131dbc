/**
 * `article-pipeline reprocess` and `reconcile` against the real local pipeline (the runtime of
 * `npm start`, on ephemeral ports and a temporary data folder), through the commands' own `run`.
 */
import {
  type AttributeValue,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ARTICLE_SK, articlePk } from '../../lib/adapters/dynamodb-keys.js';
import { articleId } from '../../lib/article/article-id.js';
import { run as reconcile } from '../../lib/cli/reconcile-command.js';
import { run as reprocess } from '../../lib/cli/reprocess-command.js';
import type * as StageTarget from '../../lib/cli/stage-target.js';
import type { LocalRuntime } from '../../local/local-runtime.js';
import { recordAwsCalls } from '../support/iam/aws-call-recorder.js';
import {
  type CapturedRun,
  type CliPipeline,
  captureRun,
  startCliPipeline,
} from '../support/local-cli-pipeline.js';

// The CLI's reprocessing does locally what the Distributed Map and its worker do in AWS: its calls
// (on the clients of `localTarget`) are recorded for the IAM evaluation while `reprocess` runs;
// `reconcile` is an operator's command, not a role of the stack, and is not.
const recording = vi.hoisted(() => ({ reprocess: false }));
vi.mock('../../lib/cli/stage-target.js', async (importOriginal) => {
  const original = await importOriginal<typeof StageTarget>();
  const { recordAwsCalls: record } = await import('../support/iam/aws-call-recorder.js');
  return {
    ...original,
    localTarget: (...args: Parameters<typeof original.localTarget>) => {
      const target = original.localTarget(...args);
      const options = {
        principal: 'reprocess-run',
        source: 'reprocess',
        when: () => recording.reprocess,
      } as const;
      record(target.s3, options);
      record(target.dynamo, options);
      return target;
    },
  };
});

const RAW = 'articles-raw';
const TABLE = 'articles';
const ARTICLE = (title: string): string =>
  `${title}\n\n${'هذه فقرة طويلة من نص المقال تشرح الموضوع بالتفصيل وتذكر الوقائع كما جرت. '.repeat(8)}\n\n` +
  `${'وفي الفقرة الثانية يتابع الكاتب عرض الأسباب والنتائج ويقارن بين المواقف المختلفة. '.repeat(8)}\n`;
const KEYS = ['2017/05/first.txt', '2017/05/second.txt', '2018/01/third.txt'] as const;

let pipeline: CliPipeline;
let runtime: LocalRuntime;
let s3: S3Client;
let dynamo: DynamoDBClient;

const capture = captureRun;

async function runReprocess(argv: readonly string[]): Promise<CapturedRun> {
  recording.reprocess = true;
  try {
    return await capture(reprocess, argv);
  } finally {
    recording.reprocess = false;
  }
}

const recordItem = async (key: string): Promise<Record<string, AttributeValue> | undefined> =>
  (
    await dynamo.send(
      new GetItemCommand({
        TableName: TABLE,
        Key: { PK: { S: articlePk(articleId(RAW, key)) }, SK: { S: ARTICLE_SK } },
      }),
    )
  ).Item;

beforeAll(async () => {
  pipeline = await startCliPipeline('article-pipeline-reprocess-');
  ({ runtime, s3, dynamo } = pipeline);
  const { ingestClients } = await import('../../functions/shared/ingest-dependencies.js');
  recordAwsCalls(ingestClients.s3, { principal: 'ingest', source: 'reprocess' });
  recordAwsCalls(ingestClients.dynamo, { principal: 'ingest', source: 'reprocess' });
  for (const key of KEYS) {
    await s3.send(
      new PutObjectCommand({
        Bucket: RAW,
        Key: key,
        Body: ARTICLE(key),
        ContentType: 'text/plain; charset=utf-8',
      }),
    );
  }
  await runtime.idle();
}, 120_000);

afterAll(async () => {
  await pipeline?.close();
});

describe('reconcile and reprocess on the local pipeline', () => {
  it('reports bucket and table in sync after normal ingest, exit 0', async () => {
    const result = await capture(reconcile, []);
    expect(result.err).toBe('');
    expect(result.out).toContain(`${KEYS.length} object(s), ${KEYS.length} record(s)`);
    expect(result.out).toContain('in sync');
    expect(result.code).toBe(0);
  });

  it('lists an object without a record and a record without an object, exit 1', async () => {
    const lost = KEYS[1];
    await dynamo.send(
      new DeleteItemCommand({
        TableName: TABLE,
        Key: { PK: { S: articlePk(articleId(RAW, lost)) }, SK: { S: ARTICLE_SK } },
      }),
    );
    const orphanId = articleId(RAW, 'gone/orphan.txt');
    await dynamo.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: {
          PK: { S: articlePk(orphanId) },
          SK: { S: ARTICLE_SK },
          id: { S: orphanId },
          source: { M: { key: { S: 'gone/orphan.txt' } } },
        },
      }),
    );
    const result = await capture(reconcile, ['--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as {
      objectsWithoutRecord: { key: string; id: string }[];
      recordsWithoutObject: { key: string; id: string }[];
    };
    expect(report.objectsWithoutRecord).toEqual([{ key: lost, id: articleId(RAW, lost) }]);
    expect(report.recordsWithoutObject).toEqual([{ key: 'gone/orphan.txt', id: orphanId }]);
  });

  it('reprocesses only the objects under a prefix', async () => {
    const before = await recordItem(KEYS[2]);
    const result = await runReprocess(['--prefix', '2018/']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^reprocessed 1 object\(s\)/);
    expect(await recordItem(KEYS[1])).toBeUndefined();
    const after = await recordItem(KEYS[2]);
    expect(after?.processedAt?.S).not.toBe(before?.processedAt?.S);
    // Reprocessing keeps the applied S3 sequencer: a newer event still wins over it.
    expect(after?.seq).toEqual(before?.seq);
  });

  it('re-extracts every stored object, restoring a lost record, exit 0', async () => {
    const result = await runReprocess([]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^reprocessed ${KEYS.length} object\\(s\\)`));
    const restored = await recordItem(KEYS[1]);
    expect(restored?.id?.S).toBe(articleId(RAW, KEYS[1]));
    expect(restored?.source?.M?.key?.S).toBe(KEYS[1]);
    const after = await capture(reconcile, ['--json']);
    const report = JSON.parse(after.out) as {
      objectsWithoutRecord: unknown[];
      recordsWithoutObject: unknown[];
    };
    expect(report.objectsWithoutRecord).toEqual([]);
    expect(report.recordsWithoutObject).toHaveLength(1);
  });

  it('is idempotent: reprocessing twice leaves the same records', async () => {
    await runReprocess([]);
    const first = await Promise.all(KEYS.map(recordItem));
    await runReprocess([]);
    const second = await Promise.all(KEYS.map(recordItem));
    // Everything but the processing time (and the timeline keys that sort undated records by it),
    // and the content key: every write stores its content under a key of its own.
    const stable = (item: Record<string, AttributeValue> | undefined): Record<string, AttributeValue> =>
      Object.fromEntries(
        Object.entries(item ?? {}).filter(
          ([name]) => name !== 'processedAt' && name !== 'contentKey' && !/^GSI\dSK$/.test(name),
        ),
      );
    expect(second.map(stable)).toEqual(first.map(stable));
  });

  it('reprocesses a batch of keys in the Step Functions worker, counting each outcome', async () => {
    // The local runtime has pointed the environment at the emulators, as Lambda's would be at AWS.
    const { handler } = await import('../../functions/reprocess-object.js');
    const { reprocessClients } = await import('../../functions/shared/reprocess-dependencies.js');
    recordAwsCalls(reprocessClients.s3, { principal: 'reprocess-worker', source: 'reprocess' });
    recordAwsCalls(reprocessClients.dynamo, { principal: 'reprocess-worker', source: 'reprocess' });
    const context: Context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName: 'reprocess-object',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:reprocess-object',
      memoryLimitInMB: '1024',
      awsRequestId: 'request-1',
      logGroupName: 'logs',
      logStreamName: 'stream',
      getRemainingTimeInMillis: () => 60_000,
      done: () => {},
      fail: () => {},
      succeed: () => {},
    };
    const tally = await handler({ keys: [KEYS[0], 'never/uploaded.txt'] }, context);
    expect(tally.failures).toEqual([]);
    expect(tally.outcomes.processed).toBe(1);
    expect(tally.outcomes.superseded).toBe(1);
    await expect(handler({ items: [] }, context)).rejects.toThrow();
  });

  it('lists a record whose content object is gone, and reprocess restores its content', async () => {
    const damaged = KEYS[0];
    const contentKey = (await recordItem(damaged))?.contentKey?.S;
    expect(contentKey).toMatch(/^content\//);
    await s3.send(new DeleteObjectCommand({ Bucket: 'articles-content', Key: contentKey }));

    const before = await capture(reconcile, ['--json']);
    expect(before.code).toBe(1);
    const report = JSON.parse(before.out) as { recordsWithoutContent: { key: string; id: string }[] };
    expect(report.recordsWithoutContent).toEqual([{ key: damaged, id: articleId(RAW, damaged) }]);
    expect((await capture(reconcile, [])).out).toContain(`records without content (1):\n  ${damaged}\t`);

    expect((await capture(reprocess, [])).code).toBe(0);
    const after = JSON.parse((await capture(reconcile, ['--json'])).out) as {
      recordsWithoutContent: unknown[];
    };
    expect(after.recordsWithoutContent).toEqual([]);
    expect((await recordItem(damaged))?.contentKey?.S).not.toBe(contentKey);
  });

  it('rejects unknown options with exit 2', async () => {
    expect((await runReprocess(['--bogus'])).code).toBe(2);
    expect((await capture(reconcile, ['--bogus'])).code).toBe(2);
  });
});
