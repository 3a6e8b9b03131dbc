/**
 * The local dispatcher enforces the ingest function's timeout as Lambda with SQS does: an
 * invocation still running at the timeout fails its batch, whatever it returns later is
 * discarded, and its messages are delivered again once the visibility timeout has passed.
 * (Small timeouts here; the runtime uses the template's 60 s and 365 s.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventDispatcher } from '../../local/event-dispatcher.js';
import { EventJournal, listDeadLetters } from '../../local/event-journal.js';
import { toS3NotificationRecord } from '../../local/s3-notification.js';

const TIMEOUT_MS = 100;
const VISIBILITY_TIMEOUT_MS = 400;

interface Receipt {
  readonly at: number;
  readonly receiveCount: number;
  readonly remainingMs: number;
}

let dataDir: string;
let journal: EventJournal;
let dispatcher: EventDispatcher | null = null;
const logged: string[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'local-dispatcher-timeout-'));
  journal = await EventJournal.open(dataDir);
  logged.length = 0;
});

afterEach(async () => {
  await dispatcher?.close();
  dispatcher = null;
  await rm(dataDir, { recursive: true, force: true });
});

const oneEvent = (key: string) =>
  journal.append([
    toS3NotificationRecord(
      {
        bucket: 'articles-raw',
        key,
        eventName: 'ObjectCreated:Put',
        size: 1,
        eTag: 'e',
        sequencer: '0000000000000000A1',
        sourceIp: '127.0.0.1',
        time: new Date(),
      },
      'us-east-1',
    ),
  ]);

/** A handler that, on the attempts named, outlives the timeout and then reports success. */
function handlerSlowOn(slowAttempts: ReadonlySet<number>, receipts: Receipt[]) {
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const receiveCount = Number(event.Records[0]?.attributes.ApproximateReceiveCount);
    receipts.push({ at: Date.now(), receiveCount, remainingMs: context.getRemainingTimeInMillis() });
    if (slowAttempts.has(receiveCount)) await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
    return { batchItemFailures: [] };
  };
}

function start(handler: ConstructorParameters<typeof EventDispatcher>[0]['handler'], maxAttempts = 5) {
  dispatcher = new EventDispatcher({
    journal,
    handler,
    region: 'us-east-1',
    timeoutMs: TIMEOUT_MS,
    visibilityTimeoutMs: VISIBILITY_TIMEOUT_MS,
    // Immediate retries for other failures: only the visibility timeout can delay the redelivery.
    retryDelayMs: () => 0,
    maxAttempts,
    log: (line) => logged.push(line),
  });
  return dispatcher;
}

describe('the local dispatcher and the function timeout', () => {
  it('fails a batch still running at the timeout and delivers it again after the visibility timeout, ignoring the late success', async () => {
    const receipts: Receipt[] = [];
    const running = start(handlerSlowOn(new Set([1]), receipts));
    running.enqueue(await oneEvent('slow.txt'));
    await running.idle();

    expect(receipts.map((receipt) => receipt.receiveCount)).toEqual([1, 2]);
    const [first, second] = receipts;
    expect(first?.remainingMs).toBeLessThanOrEqual(TIMEOUT_MS);
    // Timers never fire early: the message stayed invisible for the whole visibility timeout.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_MS);
    expect(logged.some((line) => line.includes(`timed out after ${TIMEOUT_MS} ms`))).toBe(true);
    // The second attempt finished in time: nothing is left pending.
    expect(await journal.loadPending()).toEqual([]);
  });

  it('reports the context of an invocation past its timeout as out of time', async () => {
    let remainingAfter = -1;
    const running = start(async (_event, context) => {
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 2));
      remainingAfter = context.getRemainingTimeInMillis();
      return { batchItemFailures: [] };
    }, 1);
    running.enqueue(await oneEvent('out-of-time.txt'));
    await running.idle();
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 2));
    expect(remainingAfter).toBe(0);
  });

  it('dead-letters a message whose every invocation times out, with the timeout as its reason', async () => {
    const receipts: Receipt[] = [];
    const running = start(handlerSlowOn(new Set([1, 2]), receipts), 2);
    running.enqueue(await oneEvent('always-slow.txt'));
    await running.idle();
    const dead = await listDeadLetters(dataDir);
    expect(dead).toHaveLength(1);
    expect(JSON.stringify(dead[0])).toContain(`timed out after ${TIMEOUT_MS} ms`);
  });
});
