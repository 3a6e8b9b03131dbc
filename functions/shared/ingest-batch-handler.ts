import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { articleId } from '../../lib/article/index.js';
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

/**
 * The SQS batch handler of the ingest function: each message is an S3 event notification; a
 * message whose processing throws is reported in `batchItemFailures` so SQS retries only it.
 * Records are handled one after another so two events of one key in a batch apply in order.
 *
 * Metrics (count unless noted): `events`, `processed`, `rejected` (of which `extractionFailed`:
 * extractor bugs; and `rejected_<CODE>` per rejection code), `failed`, `superseded`, `stale`,
 * `duplicate`, `deleted`, `ignored`, `latency` (ms per event), `bytes` (downloaded).
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
  const processor = new BatchProcessor(EventType.SQS);

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    let message: S3EventMessage;
    try {
      message = parseS3EventMessage(record.body);
    } catch (error: unknown) {
      metrics.addMetric('failed', MetricUnit.Count, 1);
      logger.error('message is not an S3 event notification', { messageId: record.messageId, error });
      throw error;
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
      logger.appendKeys(keys);
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
          logger.error('the extractor failed; recorded as a rejected record', details);
        } else if (result.kind === 'rejected') logger.warn('article rejected', details);
        else logger.info(`event ${result.kind}`, details);
      } catch (error: unknown) {
        metrics.addMetric('failed', MetricUnit.Count, 1);
        logger.error('event failed; the message will be retried', { eventName: event.eventName, error });
        throw error;
      } finally {
        logger.removeKeys(Object.keys(keys));
      }
    }
  };

  return (event, context) =>
    processPartialResponse(event, handleRecord, processor, {
      context,
      processInParallel: false,
      // A batch that fails entirely is reported like a partial one; SQS retries all of it either way.
      throwOnFullBatchFailure: false,
    });
}

/** The root of the trace the message belongs to (S3 → SQS propagation), or null when untraced. */
function upstreamTraceOf(record: SQSRecord): string | null {
  const header = record.attributes.AWSTraceHeader;
  if (header === undefined) return null;
  return /Root=([^;]+)/.exec(header)?.[1] ?? null;
}
