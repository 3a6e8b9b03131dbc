import type { RejectionCode } from '../article/article-record.js';

/**
 * Names of the custom metrics the functions emit (Powertools Metrics, embedded metric format)
 * and the dashboard and alarms read. Shared so the two cannot drift.
 */
export const METRICS_NAMESPACE = 'ArticlePipeline';

/** Dimension Powertools adds to every metric: the `serviceName` given to `new Metrics()`. */
export const SERVICE_DIMENSION = 'service';

export const INGEST_METRICS = {
  service: 'ingest',
  /** One per S3 event applied or failed (a message may hold several). */
  events: 'events',
  failed: 'failed',
  latency: 'latency',
} as const;

export const REPROCESS_METRICS = {
  service: 'reprocess',
  /** Keys reprocessed, one metric per outcome kind (`processed`, `rejected`, `stale`, …). */
  outcomes: ['processed', 'rejected', 'superseded', 'stale', 'duplicate', 'deleted', 'ignored'],
  /** Keys that threw (retried with their batch). */
  failed: 'failed',
} as const;

/**
 * The metric counting rejections of one code. A metric per code rather than a `code` dimension:
 * a batch's metrics share one set of dimensions in the embedded format, and the codes are a
 * closed list of five.
 *
 * @example rejectionMetricName('NO_CONTENT') // 'rejected_NO_CONTENT'
 */
export const rejectionMetricName = (code: RejectionCode): string => `rejected_${code}`;
