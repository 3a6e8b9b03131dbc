import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { type ReprocessTally, reprocessKeys } from './shared/reprocess-batch.js';
import { logger, reprocessDependencies } from './shared/reprocess-dependencies.js';
import { ReprocessBatchError, reprocessEventSchema, WORKER_CONCURRENCY } from './shared/reprocess-event.js';

/**
 * Step Functions Distributed Map → one batch of raw keys re-extracted. Throws when any key failed,
 * so the batch is retried and, failing again, listed among the run's failed items.
 */
async function reprocessBatch(event: unknown): Promise<ReprocessTally> {
  const { keys } = reprocessEventSchema.parse(event);
  const tally = await reprocessKeys(reprocessDependencies, keys, { concurrency: WORKER_CONCURRENCY });
  logger.info('batch reprocessed', { keys: keys.length, outcomes: tally.outcomes, failures: tally.failures });
  if (tally.failures.length > 0) {
    throw new ReprocessBatchError(`${tally.failures.length} of ${keys.length} keys failed`);
  }
  return tally;
}

export const handler = middy(reprocessBatch).use(injectLambdaContext(logger, { resetKeys: true }));
