import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { articleId } from '../lib/article/index.js';
import { type ReprocessTally, reprocessKeys } from './shared/reprocess-batch.js';
import { logger, reprocessDependencies, tracer } from './shared/reprocess-dependencies.js';
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

export const handler = middy(reprocessBatch)
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { resetKeys: true }));
