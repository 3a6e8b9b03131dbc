import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbArticleRepository } from '../../lib/adapters/dynamodb-article-repository.js';
import { S3ContentStore } from '../../lib/adapters/s3-content-store.js';
import { S3RawArticleStore } from '../../lib/adapters/s3-raw-article-store.js';
import { extractArticle } from '../../lib/article/index.js';
import type { Extractor, IngestDependencies } from '../../lib/ingest/ingest-dependencies.js';
import type { IngestConfig } from './ingest-config.js';

export interface IngestClients {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
}

export interface IngestDependencyOverrides {
  /** Another extractor (tests: the core with parsers that throw). */
  readonly extract?: Extractor;
  readonly now?: () => Date;
}

function articleRepository(
  config: Pick<IngestConfig, 'tableName' | 'tombstoneTtlDays'>,
  dynamo: DynamoDBClient,
  now: () => Date,
): DynamoDbArticleRepository {
  const documents = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
  return new DynamoDbArticleRepository(documents, config.tableName, {
    tombstoneTtlDays: config.tombstoneTtlDays,
    now,
  });
}

/**
 * Removes the tombstones whose time has passed, resolving with how many: the local runtime's
 * stand-in for DynamoDB TTL (dynalite has none), wired here like the ingest function itself.
 *
 * @example await buildTombstonePurge(readIngestConfig(process.env), dynamo)()
 */
export function buildTombstonePurge(
  config: Pick<IngestConfig, 'tableName' | 'tombstoneTtlDays'>,
  dynamo: DynamoDBClient,
  now: () => Date = () => new Date(),
): () => Promise<number> {
  const repository = articleRepository(config, dynamo, now);
  return () => repository.purgeExpiredTombstones();
}

/**
 * Wires the ingest use cases to S3 and DynamoDB. Side-effect free: the Lambda's module scope
 * calls it once with its clients, tests and the local runtime with theirs.
 *
 * @example buildIngestDependencies(readIngestConfig(process.env), { s3, dynamo })
 */
export function buildIngestDependencies(
  config: IngestConfig,
  clients: IngestClients,
  overrides: IngestDependencyOverrides = {},
): IngestDependencies {
  const now = overrides.now ?? ((): Date => new Date());
  return {
    repository: articleRepository(config, clients.dynamo, now),
    rawStore: new S3RawArticleStore(clients.s3, config.rawBucket),
    contentStore: new S3ContentStore(clients.s3, config.contentBucket, config.contentPrefix),
    extract: overrides.extract ?? extractArticle,
    rawBucket: config.rawBucket,
    maxBytes: config.maxBytes,
    now,
  };
}
