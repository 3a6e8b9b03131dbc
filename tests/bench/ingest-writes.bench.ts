/**
 * DynamoDB write requests per ingest operation (counted by an SDK middleware, so exact and
 * machine-independent) and in-process ingest throughput against the emulators (machine-dependent).
 */
import {
  DYNAMODB_WRITES,
  type IngestHarness,
  markdownArticle,
  startIngestHarness,
} from '../integration/ingest-harness.js';
import type { BenchRow } from './bench-kit.js';

const SUITE = 'ingest-writes';

async function countWrites(h: IngestHarness, action: () => Promise<unknown>): Promise<number> {
  h.dynamoProbe.reset();
  await action();
  return h.dynamoProbe.count(...DYNAMODB_WRITES);
}

async function newArticleRows(h: IngestHarness): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const links of [0, 10, 100, 1_000]) {
    const message = await h.uploadEvent(`bench/new-${links}.md`, markdownArticle(`New ${links}`, links));
    const writes = await countWrites(h, () => h.deliver(message));
    // The title registry entry rides in the link batches (these articles all have titles).
    const target = 1 + Math.ceil((links + 1) / 25);
    rows.push({
      suite: SUITE,
      metric: `new article, ${links} links`,
      value: writes,
      unit: 'writes',
      target: `≤ ${target} (1 + ⌈(links + title)/25⌉)`,
      met: writes <= target,
    });
  }
  return rows;
}

async function overwriteRows(h: IngestHarness): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [before, after] of [
    [100, 100],
    [100, 10],
    [10, 100],
  ] as const) {
    const key = `bench/overwrite-${before}-${after}.md`;
    await h.deliver(await h.uploadEvent(key, markdownArticle(`Overwrite ${before}`, before)));
    const message = await h.uploadEvent(key, markdownArticle(`Overwritten ${after}`, after));
    const writes = await countWrites(h, () => h.deliver(message));
    // A new title: its registry entry rides in the batches, the old one's is deleted.
    const target = 2 + Math.ceil((Math.max(0, before - after) + after + 1) / 25);
    rows.push({
      suite: SUITE,
      metric: `overwrite ${before} → ${after} links`,
      value: writes,
      unit: 'writes',
      target: `≤ ${target} (2 + ⌈(stale + new + title)/25⌉)`,
      met: writes <= target,
    });
  }
  return rows;
}

async function referenceRows(h: IngestHarness): Promise<BenchRow[]> {
  const referrers = 5;
  for (let i = 0; i < referrers; i += 1) {
    await h.deliver(
      await h.uploadEvent(
        `bench/referrer-${i}.md`,
        markdownArticle(`Referrer ${i}`, 0, 'Read also: Bench target'),
      ),
    );
  }
  const target = await h.uploadEvent('bench/reference-target.md', markdownArticle('Bench target', 0));
  const writes = await countWrites(h, () => h.deliver(target));
  const key = 'bench/delete-100.md';
  await h.deliver(await h.uploadEvent(key, markdownArticle('Deleted', 100)));
  const deletion = h.message({ eventName: 'ObjectRemoved:Delete', key, sequencer: h.nextSequencer() });
  const deleteWrites = await countWrites(h, () => h.deliver(deletion));
  return [
    {
      suite: SUITE,
      metric: `new article resolving ${referrers} earlier references`,
      value: writes,
      unit: 'writes',
      target: `≤ ${2 + referrers} (record + title batch + one per reference)`,
      met: writes <= 2 + referrers,
    },
    {
      suite: SUITE,
      metric: 'delete, 100 links',
      value: deleteWrites,
      unit: 'writes',
      target: `≤ ${2 + Math.ceil(100 / 25)} (tombstone over the record + title + ⌈links/25⌉)`,
      met: deleteWrites <= 2 + Math.ceil(100 / 25),
    },
  ];
}

async function throughputRows(h: IngestHarness): Promise<BenchRow[]> {
  const articles = 200;
  const batchSize = 10;
  const messages = [];
  for (let i = 0; i < articles; i += 1) {
    messages.push(await h.uploadEvent(`bench/throughput/${i}.md`, markdownArticle(`Throughput ${i}`, 5)));
  }
  const started = performance.now();
  for (let i = 0; i < messages.length; i += batchSize) {
    await h.deliver(...messages.slice(i, i + batchSize));
  }
  const seconds = (performance.now() - started) / 1000;
  return [
    {
      suite: SUITE,
      metric: `in-process ingest, ${articles} articles × 5 links (batches of ${batchSize})`,
      value: articles / seconds,
      unit: 'articles/s',
    },
    {
      suite: SUITE,
      metric: 'in-process ingest, mean time per article',
      value: (seconds * 1000) / articles,
      unit: 'ms',
    },
  ];
}

export async function bench(): Promise<BenchRow[]> {
  const h = await startIngestHarness();
  try {
    // The first record of a year also records the year (once per year and container).
    await h.deliver(await h.uploadEvent('bench/warm-up.md', markdownArticle('Warm up', 1)));
    return [
      ...(await newArticleRows(h)),
      ...(await overwriteRows(h)),
      ...(await referenceRows(h)),
      ...(await throughputRows(h)),
    ];
  } finally {
    await h.stop();
  }
}
