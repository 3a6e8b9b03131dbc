/**
 * Capacity simulation: how fast one year of 10 million articles can be ingested or reprocessed
 * before DynamoDB's per-partition limits (1,000 write units/s, 3,000 read units/s) bind, with and
 * without write-sharding of the timeline, language and status index keys.
 *
 * Measured, not assumed: the corpus (the seed article and every golden fixture) is ingested and
 * reprocessed through the real handler against the emulators; requests are counted per command,
 * and the items written are read back and sized as DynamoDB sizes them. The year is then
 * simulated article by article (each a corpus article, its id hashed to a shard) and the write
 * units on every index partition summed; the sustainable rate is the one at which the hottest
 * partition reaches its ceiling. Latencies of AWS requests are stated assumptions (below).
 */
import { readdir, readFile } from 'node:fs/promises';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { WORKER_CONCURRENCY } from '../../functions/shared/reprocess-event.js';
import { REPROCESS_BATCH_SIZE } from '../../infra/constructs/reprocessing.js';
import { readStageConfig } from '../../infra/stage-config.js';
import { INDEX_KEY_SHARDS, shardOf } from '../../lib/adapters/dynamodb-keys.js';
import { extractArticle } from '../../lib/article/index.js';
import { reprocessObject } from '../../lib/ingest/reprocess.js';
import { type IngestHarness, startIngestHarness } from '../integration/ingest-harness.js';
import { type BenchRow, medianMs } from './bench-kit.js';
import {
  itemSize,
  mulberry32,
  PARTITION_READ_UNITS_PER_SECOND,
  PARTITION_WRITE_UNITS_PER_SECOND,
  readUnits,
  requiredShards,
  TABLE_WRITE_UNITS_PER_SECOND,
  writeUnits,
} from './capacity-model.js';

const SUITE = 'capacity';
const YEAR_ARTICLES = 10_000_000;
/** The seed article, in `../shared` beside the repository (as CI lays it out). */
const SEED = new URL('../../../shared/seed/seed-article.txt', import.meta.url);
const FIXTURES = new URL('../fixtures/articles/', import.meta.url);

/**
 * Assumed in-region latencies of one request from Lambda (typical published figures, not
 * measured here): they turn request counts into time per article.
 */
const LATENCY_MS: Readonly<Record<string, number>> = {
  GetItemCommand: 5,
  QueryCommand: 6,
  BatchGetItemCommand: 8,
  PutItemCommand: 7,
  UpdateItemCommand: 7,
  DeleteItemCommand: 7,
  BatchWriteItemCommand: 12,
  TransactWriteItemsCommand: 15,
  GetObjectCommand: 25,
  HeadObjectCommand: 15,
  PutObjectCommand: 35,
  DeleteObjectCommand: 20,
};
/** Lambda gives a full vCPU at 1,769 MB; the functions have 1,024 MB, so CPU work runs slower. */
const CPU_SCALE = 1769 / 1024;
/** Share of a partition's ceiling planned for, leaving room for bursts and uneven hashing. */
const HEADROOM = 0.8;

interface CorpusArticle {
  readonly key: string;
  readonly language: string | null;
  readonly status: string;
  /** Bytes of the article item (the one the timeline, language and status indexes project). */
  readonly articleBytes: number;
  /** Write units of every item of the article on the table and on each index that holds it. */
  readonly totalWriteUnits: number;
}

interface RequestTally {
  readonly dynamo: Record<string, number>;
  readonly s3: Record<string, number>;
}

const perArticle = (counts: Map<string, number>, articles: number): Record<string, number> =>
  Object.fromEntries([...counts].map(([name, count]) => [name, count / articles]));

const sum = (values: Iterable<number>): number => [...values].reduce((total, value) => total + value, 0);

async function corpusFiles(): Promise<{ key: string; body: Buffer }[]> {
  const files = [{ key: 'corpus/seed-article.txt', body: await readFile(SEED) }];
  for (const entry of (await readdir(FIXTURES)).sort()) {
    const dir = new URL(`${entry}/`, FIXTURES);
    const source = (await readdir(dir)).find((name) => name.startsWith('source.'));
    if (source !== undefined) {
      files.push({ key: `corpus/${entry}/${source}`, body: await readFile(new URL(source, dir)) });
    }
  }
  return files;
}

async function measureCorpus(h: IngestHarness): Promise<{
  articles: CorpusArticle[];
  ingest: RequestTally;
  reprocess: RequestTally;
}> {
  const files = await corpusFiles();
  // The first record of a year also records the year; keep that one-off out of the counts.
  await h.deliver(await h.uploadEvent('corpus/warm-up.txt', 'Warm up\n\nA paragraph of warm-up text.'));
  const messages = [];
  for (const file of files) messages.push(await h.uploadEvent(file.key, file.body));
  h.dynamoProbe.reset();
  h.s3Probe.reset();
  for (const message of messages) await h.deliver(message);
  const ingest = {
    dynamo: perArticle(h.dynamoProbe.counts, files.length),
    s3: perArticle(h.s3Probe.counts, files.length),
  };
  h.dynamoProbe.reset();
  h.s3Probe.reset();
  for (const file of files) await reprocessObject(h.deps, { bucket: h.emulators.rawBucket, key: file.key });
  const reprocess = {
    dynamo: perArticle(h.dynamoProbe.counts, files.length),
    s3: perArticle(h.s3Probe.counts, files.length),
  };

  const articles: CorpusArticle[] = [];
  for (const file of files) {
    const output = await h.emulators.documents.send(
      new QueryCommand({
        TableName: h.emulators.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `ART#${h.idOf(file.key)}` },
      }),
    );
    const items = output.Items ?? [];
    const article = items.find((item) => item.SK === 'A');
    if (article === undefined) throw new Error(`no record for ${file.key}`);
    // Each item is written once to the table and once more to every index whose key it carries.
    const totalWriteUnits = sum(
      items.map((item) => {
        const indexes = Object.keys(item).filter((name) => /^GSI\dPK$/.test(name)).length;
        return writeUnits(itemSize(item)) * (1 + indexes);
      }),
    );
    articles.push({
      key: file.key,
      language: typeof article.language === 'string' ? article.language : null,
      status: String(article.status),
      articleBytes: itemSize(article),
      // The title registry item (TITLE#…, about 200 bytes) is written beside titled records.
      totalWriteUnits: totalWriteUnits + (article.normalizedTitle ? 1 : 0),
    });
  }
  return { articles, ingest, reprocess };
}

/**
 * Sums, article by article, the write units each index partition of one year receives, and
 * returns the share of all writes the hottest partition takes (units per article on it).
 */
function simulateYear(
  corpus: readonly CorpusArticle[],
  shards: number,
): { hottest: string; unitsPerArticle: number } {
  const random = mulberry32(2026);
  const hex = (): string =>
    Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  const load = new Map<string, number>();
  const add = (partition: string, units: number): void => {
    load.set(partition, (load.get(partition) ?? 0) + units);
  };
  for (let i = 0; i < YEAR_ARTICLES; i += 1) {
    const article = corpus[i % corpus.length];
    if (article === undefined) continue;
    // Ids are sha256 prefixes (random hex); the shard is the real function's, for sharded keys.
    const shard = shards === 1 ? 0 : shardOf(`${hex()}${hex()}${hex()}`);
    const units = writeUnits(article.articleBytes);
    add(`TL#${shard}`, units);
    add(`ST#${article.status}#${shard}`, units);
    if (article.language !== null) add(`LANG#${article.language}#${shard}`, units);
  }
  let hottest = '';
  let most = 0;
  for (const [partition, units] of load) {
    if (units > most) {
      most = units;
      hottest = partition;
    }
  }
  return { hottest, unitsPerArticle: most / YEAR_ARTICLES };
}

/** Time of one article in Lambda: the extraction's CPU, scaled to 1 GB, plus its requests. */
const articleMs = (tally: RequestTally, cpuMs: number): number =>
  cpuMs * CPU_SCALE +
  sum(
    Object.entries({ ...tally.dynamo, ...tally.s3 }).map(([name, count]) => count * (LATENCY_MS[name] ?? 10)),
  );

const hours = (seconds: number): number => seconds / 3600;

export async function bench(): Promise<BenchRow[]> {
  const h = await startIngestHarness();
  let measured: Awaited<ReturnType<typeof measureCorpus>>;
  try {
    measured = await measureCorpus(h);
  } finally {
    await h.stop();
  }
  const { articles, ingest, reprocess } = measured;
  const seed = await readFile(SEED);
  const cpuMs = await medianMs(() => extractArticle(seed), 50, 10);
  const defaults = readStageConfig(() => undefined);

  const meanBytes = sum(articles.map((a) => a.articleBytes)) / articles.length;
  const meanTotalUnits = sum(articles.map((a) => a.totalWriteUnits)) / articles.length;
  const ingestMs = articleMs(ingest, cpuMs);
  const reprocessMs = articleMs(reprocess, cpuMs);
  // In flight at once: ingest handles a batch's events one after another, per invocation.
  const ingestInFlight = defaults.ingestMaxConcurrency;
  const reprocessInFlight = defaults.reprocessMaxConcurrency * WORKER_CONCURRENCY;
  const ingestByConcurrency = (ingestInFlight * 1000) / ingestMs;
  const reprocessByConcurrency = (reprocessInFlight * 1000) / reprocessMs;
  const tableBound = TABLE_WRITE_UNITS_PER_SECOND / meanTotalUnits;

  const rows: BenchRow[] = [
    { suite: SUITE, metric: 'corpus articles measured', value: articles.length, unit: 'articles' },
    { suite: SUITE, metric: 'article item, mean size', value: meanBytes, unit: 'bytes' },
    {
      suite: SUITE,
      metric: 'article item, largest',
      value: Math.max(...articles.map((a) => a.articleBytes)),
      unit: 'bytes',
    },
    {
      suite: SUITE,
      metric: 'write units per article, table + all indexes',
      value: meanTotalUnits,
      unit: 'WCU',
    },
    ...Object.entries(ingest.dynamo).map(([name, count]) => ({
      suite: SUITE,
      metric: `ingest: DynamoDB ${name.replace('Command', '')} per article`,
      value: count,
      unit: 'requests',
    })),
    ...Object.entries(ingest.s3).map(([name, count]) => ({
      suite: SUITE,
      metric: `ingest: S3 ${name.replace('Command', '')} per article`,
      value: count,
      unit: 'requests',
    })),
    ...Object.entries(reprocess.dynamo).map(([name, count]) => ({
      suite: SUITE,
      metric: `reprocess: DynamoDB ${name.replace('Command', '')} per article`,
      value: count,
      unit: 'requests',
    })),
    { suite: SUITE, metric: 'extraction CPU of the seed (this machine)', value: cpuMs, unit: 'ms' },
    {
      suite: SUITE,
      metric: 'ingest, modelled time per article in Lambda (1 GB)',
      value: ingestMs,
      unit: 'ms',
    },
    { suite: SUITE, metric: 'reprocess, modelled time per article', value: reprocessMs, unit: 'ms' },
    {
      suite: SUITE,
      metric: `ingest rate at the default concurrency (${ingestInFlight} in flight)`,
      value: ingestByConcurrency,
      unit: 'articles/s',
    },
    {
      suite: SUITE,
      metric: `reprocess rate at the default Map concurrency (${defaults.reprocessMaxConcurrency} × ${WORKER_CONCURRENCY} in flight, batches of ${REPROCESS_BATCH_SIZE})`,
      value: reprocessByConcurrency,
      unit: 'articles/s',
    },
    {
      suite: SUITE,
      metric: 'table quota bound (40,000 WCU/s ÷ units per article)',
      value: tableBound,
      unit: 'articles/s',
    },
  ];

  const hotUnits: Record<string, number> = {};
  for (const shards of [1, INDEX_KEY_SHARDS]) {
    const label = shards === 1 ? 'before sharding' : `after sharding (${shards} shards)`;
    const { hottest, unitsPerArticle } = simulateYear(articles, shards);
    hotUnits[label] = unitsPerArticle;
    const partitionBound = PARTITION_WRITE_UNITS_PER_SECOND / unitsPerArticle;
    const sustainable = Math.min(partitionBound, tableBound);
    const reprocessRate = Math.min(sustainable, reprocessByConcurrency);
    rows.push(
      {
        suite: SUITE,
        metric: `${label}: hottest index partition (${hottest.replace(/#\d+$/, '#<shard>')}), units per article`,
        value: unitsPerArticle,
        unit: 'WCU',
      },
      {
        suite: SUITE,
        metric: `${label}: sustainable ingest or reprocess rate, one 10M-article year (DynamoDB bound)`,
        value: sustainable,
        unit: 'articles/s',
        target: shards === 1 ? '' : 'not bound by one partition',
        met: shards === 1 ? undefined : partitionBound >= tableBound,
      },
      {
        suite: SUITE,
        metric: `${label}: full reprocess of 10M articles at the default Map concurrency`,
        value: hours(YEAR_ARTICLES / reprocessRate),
        unit: 'hours',
      },
      {
        suite: SUITE,
        metric: `${label}: full reprocess of 10M articles, Map concurrency raised until DynamoDB binds`,
        value: hours(YEAR_ARTICLES / sustainable),
        unit: 'hours',
      },
    );
    // The read API: one page of 20 (21 items read) of the year's timeline.
    const pageItems = 21;
    const perShard = shards === 1 ? pageItems : Math.ceil((pageItems * 1.5) / shards) + 1;
    const shardPageUnits = readUnits(perShard * meanBytes);
    rows.push(
      {
        suite: SUITE,
        metric: `${label}: read units per timeline page of 20`,
        value: shards * shardPageUnits,
        unit: 'RCU',
      },
      {
        suite: SUITE,
        metric: `${label}: timeline pages per second before a partition's read ceiling`,
        value: PARTITION_READ_UNITS_PER_SECOND / shardPageUnits,
        unit: 'pages/s',
      },
    );
  }
  const hottestBefore = hotUnits['before sharding'] ?? 0;
  rows.push(
    {
      suite: SUITE,
      metric: 'reprocess, first run after sharding (migration: old keys deleted at the unsharded rate)',
      value: hours(
        YEAR_ARTICLES / Math.min(PARTITION_WRITE_UNITS_PER_SECOND / hottestBefore, reprocessByConcurrency),
      ),
      unit: 'hours',
    },
    {
      suite: SUITE,
      metric: `shards needed to reach the table quota bound with ${HEADROOM * 100}% headroom`,
      value: requiredShards(tableBound, hottestBefore, HEADROOM),
      unit: 'shards',
      target: `= INDEX_KEY_SHARDS (${INDEX_KEY_SHARDS})`,
      met: requiredShards(tableBound, hottestBefore, HEADROOM) <= INDEX_KEY_SHARDS,
    },
  );
  return rows;
}
