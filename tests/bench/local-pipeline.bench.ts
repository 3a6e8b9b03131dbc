/**
 * End-to-end local throughput: seed-size articles uploaded through the local S3 endpoint until
 * every record is written, against a baseline of the same PutObject loop into a bucket without
 * notifications (the S3 emulator's own cost), plus DynamoDB write requests per article.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { HttpRequest } from '@smithy/types';
import { startLocalRuntime } from '../../local/local-runtime.js';
import { readLocalSettings } from '../../local/local-settings.js';
import type { BenchRow } from './bench-kit.js';

const ARTICLES = 1_000;
/** Measured rounds of ARTICLES each: the shared 2-core machine swings ±20 % from run to run. */
const ROUNDS = 3;
const CONCURRENCY = 16;
/** The seed article, in `../shared` beside the repository (as CI lays it out). */
const SEED = new URL('../../../shared/seed/seed-article.txt', import.meta.url);
const WRITE_TARGETS = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

async function putAll(client: S3Client, bucket: string, prefix: string, body: Buffer): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < ARTICLES; index = next++) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `${prefix}/${index}.txt`,
          Body: body,
          ContentType: 'text/plain',
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

export async function bench(): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'local-pipeline-bench-'));
  const settings = readLocalSettings({ S3_PORT: '0', DYNAMODB_PORT: '0', API_PORT: '0', DATA_DIR: dataDir });
  const runtime = await startLocalRuntime({ settings, readHandler: null, log: () => {} });
  const body = await readFile(SEED);
  const client = new S3Client({
    endpoint: runtime.s3Endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });

  // The handler's own DynamoDB client (module scope of its composition root): count what it sends.
  const { ingestClients } = await import('../../functions/shared/ingest-dependencies.js');
  let writeRequests = 0;
  let allRequests = 0;
  ingestClients.dynamo.middlewareStack.add(
    (next) => async (args) => {
      const target = String((args.request as HttpRequest).headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      allRequests += 1;
      if (WRITE_TARGETS.has(target)) writeRequests += 1;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'countWriteRequests' },
  );

  try {
    // Warm-up: JIT, sockets and the table's first writes, outside the measurement.
    await putAll(client, settings.rawBucket, 'warmup', body);
    await runtime.idle();
    writeRequests = 0;
    allRequests = 0;

    const baselineStart = performance.now();
    await putAll(client, settings.contentBucket, 'baseline', body);
    const baselineMs = performance.now() - baselineStart;

    const rounds: { readonly ms: number; readonly cpuMs: number }[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      await putAll(client, settings.rawBucket, `measured-${round}`, body);
      await runtime.idle();
      // All threads of this process (handler, storage workers, the upload loop itself): the cost
      // that bounds throughput on 2 cores, and less sensitive than wall time to a busy machine.
      const cpu = process.cpuUsage(cpuBefore);
      rounds.push({ ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1_000 });
    }
    const median = (values: readonly number[]): number =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
    const rates = rounds.map((round) => (ARTICLES / round.ms) * 1_000);
    const perSecond = median(rates);
    const range = `${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)}`;

    return [
      {
        suite: 'local-pipeline',
        metric: `upload → record, ${ARTICLES} seed articles (median of ${ROUNDS})`,
        value: median(rounds.map((round) => round.ms)) / ARTICLES,
        unit: 'ms/article',
        baseline: { name: 'PutObject only (no pipeline)', value: baselineMs / ARTICLES },
      },
      {
        suite: 'local-pipeline',
        metric: `end-to-end throughput (median; rounds ${range})`,
        value: perSecond,
        unit: 'articles/s',
        target: '≥ 100 articles/s',
        met: perSecond >= 100,
      },
      {
        suite: 'local-pipeline',
        metric: 'CPU per article (all threads, median)',
        value: median(rounds.map((round) => round.cpuMs)) / ARTICLES,
        unit: 'ms',
      },
      {
        suite: 'local-pipeline',
        metric: 'DynamoDB write requests per article',
        value: writeRequests / (ARTICLES * ROUNDS),
        unit: 'requests',
      },
      {
        suite: 'local-pipeline',
        metric: 'DynamoDB requests per article (all)',
        value: allRequests / (ARTICLES * ROUNDS),
        unit: 'requests',
      },
    ];
  } finally {
    client.destroy();
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
