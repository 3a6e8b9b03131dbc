import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { articleId } from '../../lib/article/index.js';
import { MIN_TIME_TO_START_MS } from '../../lib/config/ingest-timing.js';
import { INGEST_METRICS, rejectionMetricName } from '../../lib/config/metric-names.js';
import { applyS3Event } from '../../lib/ingest/apply-s3-event.js';
import type { IngestDependencies } from '../../lib/ingest/ingest-dependencies.js';
import { parseS3EventMessage, type S3EventMessage } from '../../lib/ingest/parse-s3-event.js';
import { traceArticle } from './tracing.js';

export interface IngestTelemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Null or absent where tracing is off (locally, in tests). */
  readonly tracer?: Tracer | null;
}

export type IngestBatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** A record left for a later delivery: too little of the invocation's time was left to start it. */
export class NotStartedError extends Error {
  override readonly name = 'NotStartedError';
}

/**
 * The SQS batch handler of the ingest function: each message is an S3 event notification; a
 * message whose processing throws is reported in `batchItemFailures` so SQS retries only it.
 * Records of different keys are handled concurrently, so one heavy article does not hold up the
 * rest of its batch; records of one key one after another, in batch order, so they apply in order.
 * A record is not started with less than `MIN_TIME_TO_START_MS` left (`deferred`).
 *
 * Metrics (count unless noted): `events`, `processed`, `rejected` (of which `extractionFailed`:
 * extractor bugs; and `rejected_<CODE>` per rejection code), `failed`, `superseded`, `stale`,
 * `duplicate`, `deleted`, `ignored`, `deferred` (not started: too little time left), `latency` (ms
 * per event), `bytes` (downloaded).
 *
 * Each event runs in its own X-Ray subsegment (`### article`) annotated, like its log lines, with
 * `articleId`, `key`, `sequencer` and `versionId`, plus `upstreamTrace`: the trace S3 started for
 * the upload, which SQS carries in the message's `AWSTraceHeader` attribute. Lambda starts a new
 * trace for a batch of messages, so that annotation is what joins the upload to the writes.
 */
export function createIngestBatchHandler(
  deps: IngestDependencies,
  { logger, metrics, tracer }: IngestTelemetry,
): IngestBatchHandler {
  const handleRecord = async (record: SQSRecord, context: Context): Promise<void> => {
    let message: S3EventMessage;
    try {
      message = parseS3EventMessage(record.body);
    } catch (error: unknown) {
      metrics.addMetric('failed', MetricUnit.Count, 1);
      logger.error('message is not an S3 event notification', { messageId: record.messageId, error });
      throw error;
    }
    if (context.getRemainingTimeInMillis() < MIN_TIME_TO_START_MS) {
      metrics.addMetric('deferred', MetricUnit.Count, 1);
      logger.warn('too little time left to start; the message will be delivered again', {
        messageId: record.messageId,
        remainingMs: context.getRemainingTimeInMillis(),
      });
      throw new NotStartedError(`less than ${MIN_TIME_TO_START_MS} ms left in the invocation`);
    }
    if (message.kind === 'test') {
      logger.info('ignored s3:TestEvent', { messageId: record.messageId });
      metrics.addMetric('ignored', MetricUnit.Count, 1);
      return;
    }
    for (const event of message.events) {
      const keys = {
        articleId: articleId(event.bucket, event.key),
        key: event.key,
        sequencer: event.sequencer,
        versionId: event.versionId,
        messageId: record.messageId,
        upstreamTrace: upstreamTraceOf(record),
      };
      // Records run concurrently: each event logs through its own child, so one event's keys
      // never end up on another's lines.
      const log = logger.createChild({ persistentKeys: keys });
      const started = performance.now();
      try {
        metrics.addMetric(INGEST_METRICS.events, MetricUnit.Count, 1);
        const result = await traceArticle(tracer, '### article', keys, () => applyS3Event(deps, event));
        metrics.addMetric(result.kind, MetricUnit.Count, 1);
        if (result.errorCode !== null) {
          metrics.addMetric(rejectionMetricName(result.errorCode), MetricUnit.Count, 1);
        }
        metrics.addMetric('latency', MetricUnit.Milliseconds, performance.now() - started);
        if (result.bytes > 0) metrics.addMetric('bytes', MetricUnit.Bytes, result.bytes);
        const details = { eventName: event.eventName, outcome: result.kind, errorCode: result.errorCode };
        if (result.errorCode === 'EXTRACTION_FAILED') {
          // A bug in the extractor, not bad input: recorded once, and loud.
          metrics.addMetric('extractionFailed', MetricUnit.Count, 1);
          log.error('the extractor failed; recorded as a rejected record', details);
        } else if (result.kind === 'rejected') log.warn('article rejected', details);
        else log.info(`event ${result.kind}`, details);
      } catch (error: unknown) {
        metrics.addMetric('failed', MetricUnit.Count, 1);
        log.error('event failed; the message will be retried', { eventName: event.eventName, error });
        throw error;
      }
    }
  };

  return (event, context) => {
    // Per invocation: the local runtime runs several invocations of this handler at once.
    const processor = new BatchProcessor(EventType.SQS);
    const tails = new Map<string, Promise<unknown>>();
    // Called for every record in batch order before any of them awaits: each one waits for the
    // records of its keys before it, whatever their outcome.
    const inKeyOrder = (record: SQSRecord): Promise<void> => {
      const keys = keysOf(record);
      const before = Promise.allSettled(keys.map((key) => tails.get(key)));
      const run = before.then(() => handleRecord(record, context));
      for (const key of keys) tails.set(key, run);
      return run;
    };
    return processPartialResponse(event, inKeyOrder, processor, {
      context,
      processInParallel: true,
      // A batch that fails entirely is reported like a partial one; SQS retries all of it either way.
      throwOnFullBatchFailure: false,
    });
  };
}

/** The object keys a message is about (none for an unreadable one: it fails on its own). */
function keysOf(record: SQSRecord): readonly string[] {
  try {
    const message = parseS3EventMessage(record.body);
    return message.kind === 'test' ? [] : message.events.map((event) => `${event.bucket}/${event.key}`);
  } catch {
    return [];
  }
}

/** The root of the trace the message belongs to (S3 → SQS propagation), or null when untraced. */
function upstreamTraceOf(record: SQSRecord): string | null {
  const header = record.attributes.AWSTraceHeader;
  if (header === undefined) return null;
  return /Root=([^;]+)/.exec(header)?.[1] ?? null;
}
