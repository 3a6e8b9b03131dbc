/**
 * How the ingest function spends one invocation on a batch: a heavy article does not hold up the
 * other keys of its batch, and no record is started without the time to finish it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_TIME_TO_START_MS } from '../../lib/config/ingest-timing.js';
import { fakeContext, type IngestHarness, markdownArticle, startIngestHarness } from './ingest-harness.js';

let h: IngestHarness;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.stop();
});

const LIGHT_TEXT =
  'a light article of one paragraph, long enough to be the body of an article and nothing more than that.\n';

describe('a batch of the ingest function', () => {
  it('commits a light article of another key while a heavy one is still writing its links', async () => {
    const heavy = await h.uploadEvent('batch/heavy.md', markdownArticle('Heavy article', 60));
    const light = await h.uploadEvent('batch/light.txt', LIGHT_TEXT);
    let lightDoneFirst = false;
    // The heavy article's first link batch waits (boundedly) for the light one, which writes no
    // link batch of its own: handled one after the other, it never would be there.
    h.dynamoProbe.beforeNext(/BatchWriteItem/, async () => {
      for (let poll = 0; poll < 100 && !lightDoneFirst; poll += 1) {
        lightDoneFirst = (await h.stored(h.idOf('batch/light.txt'))) !== null;
        if (!lightDoneFirst) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    expect((await h.deliver(heavy, light)).batchItemFailures).toEqual([]);
    expect(lightDoneFirst).toBe(true);
    expect((await h.stored(h.idOf('batch/heavy.md')))?.linkItemCount).toBe(60);
  });

  it(`starts no record with less than ${MIN_TIME_TO_START_MS} ms left: reported failed, nothing written`, async () => {
    const late = await h.uploadEvent('batch/late.md', markdownArticle('Late article', 5));
    h.dynamoProbe.reset();
    h.s3Probe.reset();
    const almostOver = { ...fakeContext, getRemainingTimeInMillis: () => MIN_TIME_TO_START_MS - 1 };

    const response = await h.handle({ Records: [late] }, almostOver);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: late.messageId }]);
    expect(h.s3Probe.count('GetObjectCommand')).toBe(0);
    expect([...h.dynamoProbe.counts.values()].reduce((sum, n) => sum + n, 0)).toBe(0);

    // Delivered again with time to spare, it is ingested.
    expect((await h.deliver(late)).batchItemFailures).toEqual([]);
    expect((await h.stored(h.idOf('batch/late.md')))?.linkItemCount).toBe(5);
  });
});
