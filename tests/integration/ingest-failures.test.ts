import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { MAX_ARTICLE_ITEM_BYTES } from '../../lib/adapters/dynamodb-items.js';
import { extractWith, type Parsers } from '../../lib/article/index.js';
import {
  DYNAMODB_WRITES,
  type IngestHarness,
  markdownArticle,
  s3InternalError,
  startIngestHarness,
  throttling,
} from './ingest-harness.js';

describe('transient failures', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('reports only the record whose DynamoDB write was throttled, and applies it once on redelivery', async () => {
    const failing = await h.uploadEvent('transient/dynamo.md', markdownArticle('Throttled article', 30));
    // Records of different keys run concurrently: the healthy one writes no link batch of its own
    // (no links, no title), so the throttled batch is the other one's.
    const healthy = await h.uploadEvent(
      'transient/healthy.txt',
      'a healthy article of one paragraph, long enough to be the body of an article and nothing more.\n',
    );
    h.dynamoProbe.failNext(/BatchWriteItem/, 1, throttling);

    const first = await h.deliver(failing, healthy);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: failing.messageId }]);
    expect((await h.stored(h.idOf('transient/healthy.txt')))?.record.status).toBe('processed');

    const retry = await h.deliver(failing);
    expect(retry.batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf('transient/dynamo.md'));
    expect(stored?.record.title).toBe('Throttled article');
    expect(stored?.linkItemCount).toBe(30);
    expect(new Set(stored?.record.links.map((link) => link.url)).size).toBe(30);
  });

  it('fails the record when the commit write fails, and nothing is half-visible after redelivery', async () => {
    const message = await h.uploadEvent('transient/commit.md', markdownArticle('Commit fails once', 3));
    h.dynamoProbe.failNext(/^PutItemCommand$/, 1, throttling);
    expect((await h.deliver(message)).batchItemFailures).toHaveLength(1);
    expect(await h.stored(h.idOf('transient/commit.md'))).toBeNull();
    expect((await h.deliver(message)).batchItemFailures).toEqual([]);
    expect((await h.stored(h.idOf('transient/commit.md')))?.linkItemCount).toBe(3);
  });

  it('retries unprocessed batch items with backoff until every link is written', async () => {
    const message = await h.uploadEvent('transient/unprocessed.md', markdownArticle('Unprocessed items', 30));
    h.dynamoProbe.reset();
    h.dynamoProbe.respondNext(/BatchWriteItem/, 2, (input) => ({
      UnprocessedItems: z.object({ RequestItems: z.record(z.string(), z.array(z.unknown())) }).parse(input)
        .RequestItems,
    }));
    expect((await h.deliver(message)).batchItemFailures).toEqual([]);
    expect((await h.stored(h.idOf('transient/unprocessed.md')))?.linkItemCount).toBe(30);
    expect(h.dynamoProbe.count('BatchWriteItemCommand')).toBe(2 + 2);
  });

  it('retries a record whose S3 read failed with a 500', async () => {
    const message = await h.uploadEvent('transient/s3.md', markdownArticle('S3 hiccup', 1));
    h.s3Probe.failNext(/GetObjectCommand/, 1, s3InternalError);
    expect((await h.deliver(message)).batchItemFailures).toEqual([{ itemIdentifier: message.messageId }]);
    expect((await h.deliver(message)).batchItemFailures).toEqual([]);
    expect((await h.stored(h.idOf('transient/s3.md')))?.record.title).toBe('S3 hiccup');
  });

  it.each([
    ['link cleanup', /BatchWriteItem/],
    ['record removal', /^DeleteItemCommand$/],
  ])('retries a delete whose %s was throttled, and finishes it on redelivery', async (step, pattern) => {
    const key = `transient/delete-${step.replace(' ', '-')}.md`;
    await h.deliver(await h.uploadEvent(key, markdownArticle('Deleted with a hiccup', 4)));
    const deletion = h.message({ eventName: 'ObjectRemoved:Delete', key, sequencer: h.nextSequencer() });
    h.dynamoProbe.failNext(pattern, 1, throttling);
    expect((await h.deliver(deletion)).batchItemFailures).toHaveLength(1);
    expect((await h.deliver(deletion)).batchItemFailures).toEqual([]);
    expect(await h.stored(h.idOf(key))).toBeNull();
    expect(await h.tombstone(h.idOf(key))).not.toBeNull();
  });
});

describe('limits', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness({ maxBytes: 2_000 });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('rejects an object over the size limit from its HEAD, without downloading it', async () => {
    const message = await h.uploadEvent('limits/too-large.md', markdownArticle('Too large', 60));
    h.s3Probe.reset();
    expect((await h.deliver(message)).batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf('limits/too-large.md'));
    expect(stored?.record.status).toBe('rejected');
    expect(stored?.record.error?.code).toBe('TOO_LARGE');
    expect(h.s3Probe.count('GetObjectCommand')).toBe(0);
  });

  it('reads an article within the limit with one GetObject and no HeadObject', async () => {
    const body = '# Small\n\nA paragraph of text that links [elsewhere](/relative/page) on its site.\n';
    const message = await h.uploadEvent('limits/small.md', body, {
      'source-url': 'https://example.org/news/small',
    });
    h.s3Probe.reset();
    expect((await h.deliver(message)).batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf('limits/small.md'));
    expect(stored?.record.status).toBe('processed');
    // What the HEAD used to provide comes from the GetObject's own headers: size and metadata.
    expect(stored?.record.source.size).toBe(Buffer.byteLength(body));
    expect(stored?.record.links.map((link) => link.url)).toEqual(['https://example.org/relative/page']);
    expect(h.s3Probe.count('GetObjectCommand')).toBe(1);
    expect(h.s3Probe.count('HeadObjectCommand')).toBe(0);
  });

  it('rejects an over-limit object from the GetObject headers when the event has no size', async () => {
    const key = 'limits/too-large-unsized.md';
    const etag = await h.upload(key, markdownArticle('Too large, unsized', 60));
    const message = h.message({ key, etag, sequencer: h.nextSequencer() });
    expect((await h.deliver(message)).batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf(key));
    expect(stored?.record.status).toBe('rejected');
    expect(stored?.record.error?.code).toBe('TOO_LARGE');
    expect(stored?.record.source.size).toBeGreaterThan(2_000);
  });
});

describe('large inputs', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    h = await startIngestHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('ingests a 10 MiB article, keeping its content out of the table', async () => {
    const paragraph = `${'كلمة عربية طويلة في فقرة من المقال '.repeat(40)}\n\n`;
    const size = 10 * 1024 * 1024 - 4096;
    const body = `# مقال كبير جدا\n\n${paragraph.repeat(Math.floor(size / Buffer.byteLength(paragraph)))}`;
    expect(Buffer.byteLength(body)).toBeGreaterThan(9.9 * 1024 * 1024);
    const response = await h.deliver(await h.uploadEvent('large/ten-mib.md', body));
    expect(response.batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf('large/ten-mib.md'));
    expect(stored?.record.status).toBe('processed');
    expect(stored?.record.wordCount).toBeGreaterThan(1_000_000);
    const content = await h.content(stored?.contentKey ?? '');
    expect(content?.text.length).toBeGreaterThan(5 * 1024 * 1024);
    expect(Buffer.byteLength(JSON.stringify(stored?.record))).toBeLessThan(MAX_ARTICLE_ITEM_BYTES);
  }, 120_000);

  it('stores an article with thousands of links as link items, not on the article item', async () => {
    const links = 1_200;
    const message = await h.uploadEvent('large/many-links.md', markdownArticle('Many links', links));
    h.dynamoProbe.reset();
    expect((await h.deliver(message)).batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf('large/many-links.md'));
    expect(stored?.linkItemCount).toBe(links);
    expect(stored?.record.links).toHaveLength(links);
    expect(h.dynamoProbe.count(...DYNAMODB_WRITES)).toBeLessThanOrEqual(1 + Math.ceil(links / 25) + 1);
  }, 120_000);
});

describe('a parser that throws', () => {
  let h: IngestHarness;
  beforeAll(async () => {
    const failing = (): never => {
      throw new RangeError('parser bug');
    };
    const parsers: Parsers = { text: failing, html: failing, markdown: failing };
    h = await startIngestHarness({ extract: (bytes, options) => extractWith(parsers, bytes, options) });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('records EXTRACTION_FAILED once instead of retrying the message', async () => {
    const response = await h.deliver(await h.uploadEvent('bug/article.md', markdownArticle('Any', 1)));
    expect(response.batchItemFailures).toEqual([]);
    const stored = await h.stored(h.idOf('bug/article.md'));
    expect(stored?.record.status).toBe('rejected');
    expect(stored?.record.error?.code).toBe('EXTRACTION_FAILED');
    expect(stored?.record.error?.message).toContain('parser bug');
    expect(stored?.record.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
