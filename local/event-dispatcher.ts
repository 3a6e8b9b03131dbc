import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  INGEST_TIMEOUT_SECONDS,
  INGEST_VISIBILITY_TIMEOUT_SECONDS,
  MAX_RECEIVE_COUNT,
} from '../lib/config/ingest-queue.js';
import type { EventJournal, QueuedEvent } from './event-journal.js';
import { LOCAL_QUEUE_ARN, md5Hex, toSqsBody } from './s3-notification.js';

/** The ingest function's signature: the same handler the SQS event source mapping calls in AWS. */
export type SqsBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface DispatcherOptions {
  readonly journal: EventJournal;
  readonly handler: SqsBatchHandler;
  readonly region: string;
  /** Records per invocation (the event source mapping's batch size). */
  readonly batchSize?: number;
  /** Invocations in flight at once. */
  readonly concurrency?: number;
  /** Deliveries before an event moves to the dead-letter store (SQS `maxReceiveCount`). */
  readonly maxAttempts?: number;
  /** Delay before the next delivery after the n-th failed attempt (1-based). */
  readonly retryDelayMs?: (attempt: number) => number;
  /** Held before each delivery; 0 in normal use. */
  readonly deliveryDelayMs?: number;
  /** Where the runtime reports what it did with an event (never the word the ready line owns). */
  readonly log?: (line: string) => void;
  readonly functionName?: string;
  /** The function timeout: an invocation still running then is abandoned and its batch failed. */
  readonly timeoutMs?: number;
  /** After a timed-out invocation, its messages are delivered again this long after they were received. */
  readonly visibilityTimeoutMs?: number;
}

const DEFAULTS = {
  batchSize: 10,
  concurrency: 8,
  // The template's redrive policy: a message moves to the dead-letter queue after this many receives.
  maxAttempts: MAX_RECEIVE_COUNT,
  functionName: 'article-pipeline-ingest',
  // The template's function timeout and queue visibility timeout.
  timeoutMs: INGEST_TIMEOUT_SECONDS * 1000,
  visibilityTimeoutMs: INGEST_VISIBILITY_TIMEOUT_SECONDS * 1000,
} as const;

/** What an invocation came to: the handler's answer, a throw, or still running at the timeout. */
type Invocation =
  | { readonly kind: 'returned'; readonly response: SQSBatchResponse | undefined }
  | { readonly kind: 'threw'; readonly error: unknown }
  | { readonly kind: 'timed-out' };

const defaultRetryDelay = (attempt: number): number => Math.min(200 * 2 ** (attempt - 1), 5_000);

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function lambdaContext(functionName: string, timeoutMs: number, region: string): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/**
 * Delivers journaled S3 notifications to the ingest handler in SQS batches, at least once:
 * records the handler reports as failed (`batchItemFailures`) or that it throws on are retried
 * with backoff and, after `maxAttempts` deliveries, moved to the dead-letter store. An invocation
 * still running at the function timeout fails its whole batch, as Lambda ends it, and its
 * messages come back after the queue's visibility timeout, as SQS returns them.
 */
export class EventDispatcher {
  private readonly ready: QueuedEvent[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly idleWaiters: (() => void)[] = [];
  private readonly sleepers = new Set<() => void>();
  private waitingRetries = 0;
  private closed = false;
  private readonly options: Required<Omit<DispatcherOptions, 'log'>> & Pick<DispatcherOptions, 'log'>;

  constructor(options: DispatcherOptions) {
    this.options = {
      batchSize: DEFAULTS.batchSize,
      concurrency: DEFAULTS.concurrency,
      maxAttempts: DEFAULTS.maxAttempts,
      retryDelayMs: defaultRetryDelay,
      deliveryDelayMs: 0,
      functionName: DEFAULTS.functionName,
      timeoutMs: DEFAULTS.timeoutMs,
      visibilityTimeoutMs: DEFAULTS.visibilityTimeoutMs,
      ...options,
    };
  }

  /** Queues already-journaled events for delivery. */
  enqueue(events: readonly QueuedEvent[]): void {
    if (this.closed) return;
    this.ready.push(...events);
    this.pump();
  }

  /** Events queued or being delivered (retries waiting for their delay included). */
  get backlog(): number {
    return this.ready.length + this.inFlight.size + this.waitingRetries;
  }

  /** Resolves when nothing is queued, in flight or waiting for a retry. */
  async idle(): Promise<void> {
    if (this.backlog === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking new batches and waits for the ones in flight; the journal keeps the rest. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  /** A delay that ends early on close, so a held delivery never delays a shutdown. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.sleepers.delete(resolve);
        resolve();
      }, ms);
      this.timers.add(timer);
      this.sleepers.add(resolve);
    });
  }

  private pump(): void {
    while (!this.closed && this.inFlight.size < this.options.concurrency && this.ready.length > 0) {
      const batch = this.ready.splice(0, this.options.batchSize);
      const delivery = this.deliver(batch).catch((error: unknown) => {
        this.options.log?.(`event delivery failed unexpectedly: ${describe(error)}`);
      });
      this.inFlight.add(delivery);
      void delivery.finally(() => {
        this.inFlight.delete(delivery);
        this.pump();
        this.notifyIdle();
      });
    }
  }

  private notifyIdle(): void {
    if (this.backlog !== 0) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async deliver(batch: readonly QueuedEvent[]): Promise<void> {
    if (this.options.deliveryDelayMs > 0) {
      await this.sleep(this.options.deliveryDelayMs);
      if (this.closed) return;
    }
    const now = Date.now();
    const records = batch.map((event): SQSRecord => {
      const body = toSqsBody(event.record);
      return {
        messageId: event.id,
        receiptHandle: `${event.id}#${event.attempts + 1}`,
        body,
        attributes: {
          ApproximateReceiveCount: String(event.attempts + 1),
          SentTimestamp: String(event.enqueuedAt),
          SenderId: 'AIDALOCALS3NOTIFICATIONS',
          ApproximateFirstReceiveTimestamp: String(now),
        },
        messageAttributes: {},
        md5OfBody: md5Hex(body),
        eventSource: 'aws:sqs',
        eventSourceARN: LOCAL_QUEUE_ARN,
        awsRegion: this.options.region,
      };
    });

    const failures = new Map<string, string>();
    const invocation = await this.invoke({ Records: records });
    if (invocation.kind === 'returned') {
      for (const failure of invocation.response?.batchItemFailures ?? []) {
        failures.set(failure.itemIdentifier, 'reported as failed by the handler (batchItemFailures)');
      }
    } else {
      // A thrown or timed-out invocation fails the whole batch, as with the SQS event source mapping.
      const reason =
        invocation.kind === 'threw'
          ? `handler threw: ${describe(invocation.error)}`
          : `timed out after ${this.options.timeoutMs} ms`;
      for (const event of batch) failures.set(event.id, reason);
    }
    // A timed-out batch is not returned to the queue by the function: its messages stay invisible
    // until the visibility timeout, counted from their receipt.
    const visibleAgainInMs =
      invocation.kind === 'timed-out'
        ? Math.max(0, now + this.options.visibilityTimeoutMs - Date.now())
        : null;

    await Promise.all(
      batch.map(async (event) => {
        const reason = failures.get(event.id);
        if (reason === undefined) return this.options.journal.complete(event.id);
        const failed = await this.options.journal.recordFailure(event, reason);
        if (failed.attempts >= this.options.maxAttempts) {
          await this.options.journal.moveToDead(failed);
          this.options.log?.(
            `dead letter: ${failed.record.eventName} ${failed.record.s3.object.key} after ${failed.attempts} attempts (${reason})`,
          );
          return undefined;
        }
        return this.retryLater(failed, visibleAgainInMs ?? this.options.retryDelayMs(failed.attempts));
      }),
    );
  }

  /**
   * Runs the handler for at most the function timeout. Past it the invocation is abandoned: its
   * context reports no time left (the handler starts no further record), and whatever it returns
   * or throws later is discarded. In-process JavaScript cannot be pre-empted as Lambda ends a
   * sandbox; ingest's sequencer-ordered, conditional writes make a late write of an abandoned
   * invocation as harmless as the partial writes of a timed-out Lambda invocation.
   */
  private async invoke(event: SQSEvent): Promise<Invocation> {
    const { timeoutMs } = this.options;
    const context = lambdaContext(this.options.functionName, timeoutMs, this.options.region);
    const running = Promise.resolve()
      .then(() => this.options.handler(event, context))
      .then(
        (response): Invocation => ({ kind: 'returned', response }),
        (error: unknown): Invocation => ({ kind: 'threw', error }),
      );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Invocation>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timed-out' }), timeoutMs);
    });
    try {
      const invocation = await Promise.race([running, timeout]);
      if (invocation.kind === 'timed-out') {
        this.options.log?.(
          `ingest invocation ${context.awsRequestId} timed out after ${timeoutMs} ms: ${event.Records.length} message(s) will be delivered again after the visibility timeout`,
        );
      }
      return invocation;
    } finally {
      clearTimeout(timer);
    }
  }

  private retryLater(event: QueuedEvent, delayMs: number): void {
    if (this.closed) return;
    this.waitingRetries += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.waitingRetries -= 1;
      this.enqueue([event]);
      this.notifyIdle();
    }, delayMs);
    this.timers.add(timer);
  }
}
