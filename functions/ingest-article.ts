import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { createIngestBatchHandler } from './shared/ingest-batch-handler.js';
import { ingestDependencies, logger, metrics, tracer } from './shared/ingest-dependencies.js';

/** SQS → S3 event notifications → article records. Partial batch failures: failed messages retry. */
export const handler = middy(createIngestBatchHandler(ingestDependencies, { logger, metrics, tracer }))
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
