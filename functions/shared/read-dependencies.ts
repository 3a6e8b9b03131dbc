import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbArticleQueries } from '../../lib/adapters/dynamodb-article-queries.js';
import { S3ContentStore } from '../../lib/adapters/s3-content-store.js';
import { type CursorCodec, createCursorCodec } from '../../lib/api/cursor-codec.js';
import { createReadApiService, type ReadApiService } from '../../lib/api/read-api-service.js';
import { type CursorKeySource, readReadApiConfig } from './read-config.js';
import { captureClients, loadTracer } from './tracing.js';

/**
 * Composition root of the read function: configuration and SDK clients are created once per
 * instance, at module load (cold start), and injected. Missing configuration fails here.
 */
export const config = readReadApiConfig(process.env);

export const logger = new Logger({ serviceName: 'article-pipeline-read-api' });

/** Only inside Lambda; null locally and in tests (see `loadTracer`). */
export const tracer = await loadTracer('article-pipeline-read-api');

/** The SDK clients of this instance, exported so tests and benchmarks can count their requests. */
export const readClients = captureClients(tracer, {
  dynamo: new DynamoDBClient({}),
  s3: new S3Client({ forcePathStyle: config.s3ForcePathStyle }),
} as const);
const documents = DynamoDBDocumentClient.from(readClients.dynamo);

/**
 * The cursor codec, its key fetched once per instance on first use. In AWS the key is the
 * stack's secret, the same for every instance and across deploys; a failed fetch is retried by
 * the next request rather than cached.
 */
function lazyCursorCodec(source: CursorKeySource): () => Promise<CursorCodec> {
  if (source.kind === 'inline') {
    const codec = createCursorCodec(source.key);
    return async () => codec;
  }
  const secrets = new SecretsManagerClient({});
  tracer?.captureAWSv3Client(secrets);
  let pending: Promise<CursorCodec> | null = null;
  return () => {
    pending ??= secrets
      .send(new GetSecretValueCommand({ SecretId: source.secretArn }))
      .then((output) => {
        if (output.SecretString === undefined) throw new Error('the cursor secret has no string value');
        return createCursorCodec(output.SecretString);
      })
      .catch((error: unknown) => {
        pending = null;
        throw error;
      });
    return pending;
  };
}

export const service: ReadApiService = createReadApiService({
  queries: new DynamoDbArticleQueries(documents, { tableName: config.tableName }),
  contents: new S3ContentStore(
    readClients.s3,
    config.contentBucketName,
    ...(config.contentPrefix === null ? [] : [config.contentPrefix]),
  ),
  cursors: lazyCursorCodec(config.cursorKey),
});

export const logError = (error: unknown): void => {
  if (error instanceof Error) logger.error('request failed', error);
  else logger.error('request failed', { error: String(error) });
};
