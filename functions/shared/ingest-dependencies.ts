import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { INGEST_METRICS, METRICS_NAMESPACE } from '../../lib/config/metric-names.js';
import { buildIngestDependencies } from './ingest-composition.js';
import { readIngestConfig } from './ingest-config.js';
import { captureClients, loadTracer } from './tracing.js';

/**
 * Composition root of the ingest function, evaluated once per container (cold start): config
 * read and checked, SDK clients created. Endpoints come from the SDK's own
 * `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_DYNAMODB`, so the code is the same locally and in AWS.
 */
export const ingestConfig = readIngestConfig(process.env);

/** Only inside Lambda; null locally and in tests (see `loadTracer`). */
export const tracer = await loadTracer('article-pipeline-ingest');

export const ingestClients = captureClients(tracer, {
  s3: new S3Client({ forcePathStyle: ingestConfig.s3ForcePathStyle }),
  dynamo: new DynamoDBClient({}),
});

export const ingestDependencies = buildIngestDependencies(ingestConfig, ingestClients);

export const logger = new Logger({ serviceName: 'article-pipeline-ingest' });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: INGEST_METRICS.service });
