import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { articleId } from '../lib/article/index.js';
import { REPROCESS_METRICS } from '../lib/config/metric-names.js';
import { type ReprocessTally, reprocessKeys } from './shared/reprocess-batch.js';
import { logger, metrics, reprocessDependencies, tracer } from './shared/reprocess-dependencies.js';
import { ReprocessBatchError, reprocessEventSchema, WORKER_CONCURRENCY } from './shared/reprocess-event.js';
import { traceArticle } from './shared/tracing.js';

const { rawBucket } = reprocessDependencies;

/**
 * Step Functions Distributed Map → one batch of raw keys re-extracted. Throws when any key failed,
 * so the batch is retried and, failing again, listed among the run's failed items. Each key is
 * its own X-Ray subsegment, annotated with the key and article id like ingest's.
 */
async function reprocessBatch(event: unknown): Promise<ReprocessTally> {
  const { keys } = reprocessEventSchema.parse(event);
  const tally = await reprocessKeys(reprocessDependencies, keys, {
    concurrency: WORKER_CONCURRENCY,
    around: (key, work) =>
      traceArticle(tracer, '### article', { articleId: articleId(rawBucket, key), key }, work),
  });
  // The run's progress on the dashboard: keys done per minute, by outcome.
  for (const [kind, count] of Object.entries(tally.outcomes))
    metrics.addMetric(kind, MetricUnit.Count, count);
  metrics.addMetric(REPROCESS_METRICS.failed, MetricUnit.Count, tally.failures.length);
  logger.info('batch reprocessed', {
    firstKey: keys[0],
    keys: keys.length,
    outcomes: tally.outcomes,
    failures: tally.failures.map((failure) => ({
      ...failure,
      articleId: articleId(rawBucket, failure.key),
    })),
  });
  if (tally.failures.length > 0) {
    throw new ReprocessBatchError(`${tally.failures.length} of ${keys.length} keys failed`);
  }
  return tally;
}

const batchHandler = middy(reprocessBatch);
if (tracer !== null) batchHandler.use(captureLambdaHandler(tracer, { captureResponse: false }));

export const handler = batchHandler
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
