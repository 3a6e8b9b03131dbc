/**
 * Local reprocessing and reconcile throughput: seed-size articles already ingested by the local
 * runtime, then `reprocess` (in-process, bounded concurrency, as the CLI runs it) and `reconcile`
 * over all of them. Baseline: the same number of plain GETs of the raw objects, the floor any
 * re-extraction pays before doing any work.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { reconcileTarget } from '../../lib/cli/reconcile-command.js';
import { reprocessLocally } from '../../lib/cli/reprocess-command.js';
import { localTarget } from '../../lib/cli/stage-target.js';
import { startLocalRuntime } from '../../local/local-runtime.js';
import { readLocalSettings } from '../../local/local-settings.js';
import type { BenchRow } from './bench-kit.js';

const ARTICLES = 300;
const CONCURRENCY = 4;
/** The seed article, in `../shared` beside the repository (as CI lays it out). */
const SEED = new URL('../../../shared/seed/seed-article.txt', import.meta.url);

export async function bench(): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'article-pipeline-bench-reprocess-'));
  const runtime = await startLocalRuntime({
    settings: readLocalSettings({ S3_PORT: '0', DYNAMODB_PORT: '0', API_PORT: '0', DATA_DIR: dataDir }),
    readHandler: null,
    log: () => {},
  });
  const target = localTarget({
    S3_PORT: new URL(runtime.s3Endpoint).port,
    DYNAMODB_PORT: new URL(runtime.dynamoDbEndpoint).port,
  });
  try {
    const body = await readFile(SEED);
    const keys = Array.from({ length: ARTICLES }, (_, index) => `bench/${index}.txt`);
    for (const key of keys) {
      await target.s3.send(
        new PutObjectCommand({ Bucket: target.rawBucket, Key: key, Body: body, ContentType: 'text/plain' }),
      );
    }
    await runtime.idle();

    const getStart = performance.now();
    for (let index = 0; index < keys.length; index += CONCURRENCY) {
      await Promise.all(
        keys.slice(index, index + CONCURRENCY).map(async (key) => {
          const object = await target.s3.send(new GetObjectCommand({ Bucket: target.rawBucket, Key: key }));
          await object.Body?.transformToByteArray();
        }),
      );
    }
    const getMs = performance.now() - getStart;

    const silent = { out: (): void => {}, err: (): void => {} };
    const reprocessStart = performance.now();
    const tally = await reprocessLocally(target, 'bench/', CONCURRENCY, silent, false);
    const reprocessMs = performance.now() - reprocessStart;
    if (tally.failures.length > 0) throw new Error(`${tally.failures.length} reprocess failures`);

    const reconcileStart = performance.now();
    const report = await reconcileTarget(target);
    const reconcileMs = performance.now() - reconcileStart;
    if (report.objectCount !== ARTICLES) throw new Error(`reconcile saw ${report.objectCount} objects`);

    const perSecond = (ms: number): number => (ARTICLES / ms) * 1000;
    return [
      {
        suite: 'reprocess (local)',
        metric: `objects/s, ${ARTICLES} seed articles, concurrency ${CONCURRENCY}`,
        value: perSecond(reprocessMs),
        unit: 'objects/s',
        baseline: { name: 'GetObject only', value: perSecond(getMs) },
      },
      {
        suite: 'reconcile (local)',
        metric: `objects/s compared (list + scan), ${ARTICLES} objects`,
        value: perSecond(reconcileMs),
        unit: 'objects/s',
      },
    ];
  } finally {
    target.close();
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
