/**
 * Property: whatever order SQS delivers a key's events in, and however often, the table ends as
 * if they had been applied in sequencer order: the newest create's record and links, or nothing
 * after a final delete; never stale link items, never content without a record.
 */
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { SQSRecord } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IngestHarness, markdownArticle, startIngestHarness } from './ingest-harness.js';

let h: IngestHarness;
let run = 0;

beforeAll(async () => {
  h = await startIngestHarness();
});

afterAll(async () => {
  await h.stop();
});

type Step = { readonly kind: 'create'; readonly links: number } | { readonly kind: 'delete' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), links: fc.integer({ min: 0, max: 30 }) }),
  fc.constant({ kind: 'delete' as const }),
);

describe('event order', () => {
  it('ends in the state of the newest event whatever the delivery order and duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 5 }),
        fc.infiniteStream(fc.nat()),
        async (steps, randomness) => {
          run += 1;
          const key = `ordering/run-${run}.md`;
          const messages: SQSRecord[] = [];
          // S3 first (as when events arrive late), each step with its own increasing sequencer.
          for (const [index, current] of steps.entries()) {
            const sequencer = h.nextSequencer();
            if (current.kind === 'create') {
              const body = markdownArticle(`Version ${index}`, current.links);
              const etag = await h.upload(key, body);
              messages.push(h.message({ key, etag, size: Buffer.byteLength(body), sequencer }));
            } else {
              await h.emulators.s3.send(new DeleteObjectCommand({ Bucket: h.emulators.rawBucket, Key: key }));
              messages.push(h.message({ eventName: 'ObjectRemoved:Delete', key, sequencer }));
            }
          }
          const random = randomness[Symbol.iterator]();
          const pick = (n: number): number => (random.next().value ?? 0) % n;
          const deliveries = [...messages, ...messages.filter(() => pick(3) === 0)];
          for (let i = deliveries.length - 1; i > 0; i -= 1) {
            const j = pick(i + 1);
            [deliveries[i], deliveries[j]] = [deliveries[j] as SQSRecord, deliveries[i] as SQSRecord];
          }
          for (const message of deliveries) {
            expect((await h.deliver(message)).batchItemFailures).toEqual([]);
          }

          const lastIndex = steps.length - 1;
          const last = steps[lastIndex];
          const stored = await h.stored(h.idOf(key));
          if (last?.kind === 'create') {
            expect(stored?.record.title).toBe(`Version ${lastIndex}`);
            expect(stored?.linkItemCount).toBe(last.links);
            expect(await h.content(stored?.contentKey ?? '')).not.toBeNull();
            // Every other write's content was removed by whoever replaced or lost with it.
            expect(await h.contentObjects(h.idOf(key))).toEqual([stored?.contentKey]);
          } else {
            expect(stored).toBeNull();
            expect(await h.contentObjects(h.idOf(key))).toEqual([]);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
