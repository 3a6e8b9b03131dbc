/**
 * The deployed entry point itself (middy + Powertools), configured only through environment
 * variables, exactly as Lambda and the local runtime run it: it never knows it is local.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../lib/article/article-id.js';
import { ENV } from '../../lib/config/environment.js';
import { recordAwsCalls } from '../support/iam/aws-call-recorder.js';
import { type Emulators, startEmulators } from './emulators.js';
import { fakeContext as context, encodeS3Key, sqsRecord } from './ingest-harness.js';

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

let emulators: Emulators;
let handler: Handler;
const saved = { ...process.env };

beforeAll(async () => {
  emulators = await startEmulators();
  Object.assign(process.env, {
    [ENV.tableName]: emulators.tableName,
    [ENV.rawBucketName]: emulators.rawBucket,
    [ENV.contentBucketName]: emulators.contentBucket,
    [ENV.s3Endpoint]: emulators.s3Endpoint,
    [ENV.dynamoDbEndpoint]: emulators.dynamoDbEndpoint,
    [ENV.s3ForcePathStyle]: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    // s3rver mishandles aws-chunked bodies; the SDK reads these natively.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const module: { handler: Handler } = await import('../../functions/ingest-article.js');
  handler = module.handler;
  const { ingestClients } = await import('../../functions/shared/ingest-dependencies.js');
  recordAwsCalls(ingestClients.s3, { principal: 'ingest', source: 'ingest' });
  recordAwsCalls(ingestClients.dynamo, { principal: 'ingest', source: 'ingest' });
});

afterAll(async () => {
  process.env = saved;
  await emulators.stop();
});

describe('functions/ingest-article handler', () => {
  it('turns an S3 event delivered through SQS into a stored record', async () => {
    const key = 'handler/مقال (1).md';
    const put = await emulators.s3.send(
      new PutObjectCommand({
        Bucket: emulators.rawBucket,
        Key: key,
        Body: Buffer.from('# From the handler\n\nA paragraph of body text for the handler test.\n'),
      }),
    );
    const body = JSON.stringify({
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: {
            bucket: { name: emulators.rawBucket },
            object: { key: encodeS3Key(key), eTag: (put.ETag ?? '').replace(/"/g, ''), sequencer: '0A' },
          },
        },
      ],
    });
    const response = await handler(
      { Records: [sqsRecord('one', body), sqsRecord('two', 'not json')] },
      context,
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'two' }]);

    const item = await emulators.documents.send(
      new GetCommand({
        TableName: emulators.tableName,
        Key: { PK: `ART#${articleId(emulators.rawBucket, key)}`, SK: 'A' },
      }),
    );
    expect(item.Item?.title).toBe('From the handler');
    expect(item.Item?.source).toMatchObject({ key, sequencer: '0A' });
  });
});
