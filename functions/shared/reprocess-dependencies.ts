import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { METRICS_NAMESPACE, REPROCESS_METRICS } from '../../lib/config/metric-names.js';
import { buildIngestDependencies } from './ingest-composition.js';
import { readIngestConfig } from './ingest-config.js';
import { captureClients, loadTracer } from './tracing.js';

/**
 * Composition root of the reprocess worker, evaluated once per container: the same configuration
 * and adapters as ingest (reprocessing is ingest of the current object), its own logger.
 */
export const reprocessConfig = readIngestConfig(process.env);

/** Only inside Lambda; null locally and in tests (see `loadTracer`). */
export const tracer = await loadTracer('article-pipeline-reprocess');

/** The SDK clients of this instance, exported (as ingest's and the read API's) so tests can observe their requests. */
export const reprocessClients = captureClients(tracer, {
  s3: new S3Client({ forcePathStyle: reprocessConfig.s3ForcePathStyle }),
  dynamo: new DynamoDBClient({}),
});

export const reprocessDependencies = buildIngestDependencies(reprocessConfig, reprocessClients);

export const logger = new Logger({ serviceName: 'article-pipeline-reprocess' });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: REPROCESS_METRICS.service });
