import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { createIngestBatchHandler } from './shared/ingest-batch-handler.js';
import { ingestDependencies, logger, metrics, tracer } from './shared/ingest-dependencies.js';

/** SQS → S3 event notifications → article records. Partial batch failures: failed messages retry. */
const batchHandler = middy(createIngestBatchHandler(ingestDependencies, { logger, metrics, tracer }));
if (tracer !== null) batchHandler.use(captureLambdaHandler(tracer, { captureResponse: false }));

export const handler = batchHandler
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
