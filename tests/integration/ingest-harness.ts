/**
 * Drives the real ingest handler against the in-process emulators: uploads objects with the real
 * S3 client, builds the S3 event notifications S3 would send (keys URL-encoded, `+` for spaces,
 * increasing sequencers), delivers them as SQS batches and reads back what the table holds.
 * Clients carry a middleware that counts requests and can fail the next N matching ones.
 */

import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MiddlewareStack } from '@smithy/types';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createIngestBatchHandler } from '../../functions/shared/ingest-batch-handler.js';
import {
  buildIngestDependencies,
  type IngestDependencyOverrides,
} from '../../functions/shared/ingest-composition.js';
import { isTombstoneItem, itemToLink, itemToRecord } from '../../lib/adapters/dynamodb-items.js';
import { ARTICLE_SK, articlePk, LINK_SK_PREFIX } from '../../lib/adapters/dynamodb-keys.js';
import { articleId } from '../../lib/article/article-id.js';
import type { ArticleContent, ArticleRecord } from '../../lib/article/article-record.js';
import { articleContentSchema } from '../../lib/article/article-schema.js';
import type { IngestDependencies } from '../../lib/ingest/ingest-dependencies.js';
import { recordAwsCalls } from '../support/iam/aws-call-recorder.js';
import { type Emulators, startEmulators } from './emulators.js';

/** Counts requests by command name and fails the next N requests whose name matches. */
export class RequestProbe {
  readonly counts = new Map<string, number>();
  private failures: { pattern: RegExp; remaining: number; error: () => Error }[] = [];
  private hooks: { pattern: RegExp; action: () => Promise<unknown> }[] = [];
  private responders: { pattern: RegExp; remaining: number; respond: (input: unknown) => object }[] = [];

  count(...names: readonly string[]): number {
    return names.reduce((sum, name) => sum + (this.counts.get(name) ?? 0), 0);
  }

  reset(): void {
    this.counts.clear();
  }

  failNext(pattern: RegExp, times: number, error: () => Error): void {
    this.failures.push({ pattern, remaining: times, error });
  }

  /**
   * Answers the next N matching requests itself, as the service would (e.g. a BatchWriteItem
   * with every item unprocessed, which dynalite never does), without sending them.
   */
  respondNext(pattern: RegExp, times: number, respond: (input: unknown) => object): void {
    this.responders.push({ pattern, remaining: times, respond });
  }

  /** Called before the document client marshals the input; a value short-circuits the request. */
  answer(commandName: string, input: unknown): object | undefined {
    const responder = this.responders.find((r) => r.remaining > 0 && r.pattern.test(commandName));
    if (responder === undefined) return undefined;
    responder.remaining -= 1;
    this.counts.set(commandName, (this.counts.get(commandName) ?? 0) + 1);
    return responder.respond(input);
  }

  /** Runs `action` (e.g. another event, to interleave two) just before the next matching request. */
  beforeNext(pattern: RegExp, action: () => Promise<unknown>): void {
    this.hooks.push({ pattern, action });
  }

  /** Called by the middleware for each request. */
  async observe(commandName: string): Promise<void> {
    this.counts.set(commandName, (this.counts.get(commandName) ?? 0) + 1);
    const index = this.hooks.findIndex((h) => h.pattern.test(commandName));
    const [hook] = index >= 0 ? this.hooks.splice(index, 1) : [];
    if (hook !== undefined) await hook.action();
    const failure = this.failures.find((f) => f.remaining > 0 && f.pattern.test(commandName));
    if (failure !== undefined) {
      failure.remaining -= 1;
      throw failure.error();
    }
  }
}

export const DYNAMODB_WRITES = [
  'PutItemCommand',
  'DeleteItemCommand',
  'UpdateItemCommand',
  'BatchWriteItemCommand',
] as const;

export const throttling = (): Error =>
  new DynamoDBServiceException({
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'Rate of requests exceeds the allowed throughput.',
  });

export const s3InternalError = (): Error =>
  new S3ServiceException({
    name: 'InternalError',
    $fault: 'server',
    $metadata: { httpStatusCode: 500 },
    message: 'We encountered an internal error. Please try again.',
  });

/** In the build step, outside the SDK's retry loop: each injected failure fails one `send`. */
function attachProbe<I extends object, O extends object>(
  stack: MiddlewareStack<I, O>,
  probe: RequestProbe,
): void {
  stack.add(
    (next, context) => async (args) => {
      await probe.observe(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'build', name: 'requestProbe' },
  );
  stack.add(
    (next, context) => async (args) => {
      const answer = probe.answer(context.commandName ?? 'unknown', args.input);
      // A stubbed service answer: the caller only reads the fields the responder sets.
      if (answer !== undefined) return { output: { $metadata: {}, ...answer } as O, response: {} };
      return next(args);
    },
    { step: 'initialize', name: 'requestResponder' },
  );
}

/** How S3 encodes keys in event notifications: form encoding, `+` for spaces. */
export const encodeS3Key = (key: string): string =>
  encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/');

export interface ObjectEventInput {
  readonly eventName?: string;
  readonly key: string;
  readonly etag?: string | null;
  readonly size?: number;
  readonly versionId?: string | null;
  readonly sequencer: string;
  readonly bucket?: string;
}

/** A Lambda context for invoking handlers in tests. */
export const fakeContext: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'ingest-article',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ingest-article',
  memoryLimitInMB: '1024',
  awsRequestId: 'local',
  logGroupName: '/aws/lambda/ingest-article',
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

export interface StoredArticle {
  readonly record: ArticleRecord;
  readonly linkItemCount: number;
  readonly contentKey: string | null;
}

export interface IngestHarness {
  readonly emulators: Emulators;
  readonly dynamoProbe: RequestProbe;
  readonly s3Probe: RequestProbe;
  readonly deps: IngestDependencies;
  /** Invokes the batch handler; `context` defaults to one with a minute left. */
  handle(event: SQSEvent, context?: Context): Promise<SQSBatchResponse>;
  /** Uploads an object; returns its unquoted ETag. */
  upload(key: string, body: string | Uint8Array, metadata?: Record<string, string>): Promise<string>;
  /** A fresh sequencer, greater than every one before it. */
  nextSequencer(): string;
  /** An SQS message whose body is an S3 event notification for one object. */
  message(input: ObjectEventInput): SQSRecord;
  /** Uploads and builds the matching `ObjectCreated:Put` message. */
  uploadEvent(key: string, body: string | Uint8Array, metadata?: Record<string, string>): Promise<SQSRecord>;
  deliver(...records: readonly SQSRecord[]): Promise<SQSBatchResponse>;
  idOf(key: string): string;
  stored(id: string): Promise<StoredArticle | null>;
  tombstone(id: string): Promise<Record<string, unknown> | null>;
  content(contentKey: string): Promise<ArticleContent | null>;
  /** Keys of every content object of an article, in either layout (`content/<id>.json`, `content/<id>/…`). */
  contentObjects(id: string): Promise<readonly string[]>;
  stop(): Promise<void>;
}

export interface HarnessOptions extends IngestDependencyOverrides {
  readonly maxBytes?: number;
  /** The handler's logger (a silent one by default). */
  readonly logger?: Logger;
}

let messageCounter = 0;

/**
 * Metrics that never print: Powertools flushes EMF lines to stdout every 100 values, and decides
 * whether it is disabled from the environment when constructed; the variable is restored after.
 */
function silentMetrics(): Metrics {
  const previous = process.env.POWERTOOLS_METRICS_DISABLED;
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  try {
    return new Metrics({ namespace: 'ArticlePipelineTest', serviceName: 'ingest' });
  } finally {
    if (previous === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = previous;
  }
}

/** Starts the emulators and the handler with probed clients. */
export async function startIngestHarness(options: HarnessOptions = {}): Promise<IngestHarness> {
  const emulators = await startEmulators();
  const dynamoProbe = new RequestProbe();
  const s3Probe = new RequestProbe();
  const dynamo: DynamoDBClient = emulators.makeDynamoClient({ maxAttempts: 1 });
  const s3 = emulators.makeS3Client({ maxAttempts: 1 });
  attachProbe(dynamo.middlewareStack, dynamoProbe);
  attachProbe(s3.middlewareStack, s3Probe);
  // The handler's own clients: what it calls is evaluated against the ingest role's policies.
  recordAwsCalls(dynamo, { principal: 'ingest', source: 'ingest' });
  recordAwsCalls(s3, { principal: 'ingest', source: 'ingest' });
  const deps = buildIngestDependencies(
    {
      tableName: emulators.tableName,
      rawBucket: emulators.rawBucket,
      contentBucket: emulators.contentBucket,
      contentPrefix: 'content/',
      maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
      tombstoneTtlDays: 30,
      s3ForcePathStyle: true,
    },
    { s3, dynamo },
    options,
  );
  const handler = createIngestBatchHandler(deps, {
    logger: options.logger ?? new Logger({ serviceName: 'ingest-test', logLevel: 'SILENT' }),
    metrics: silentMetrics(),
  });

  let sequence = BigInt(Date.now()) * 1_000_000n;
  const nextSequencer = (): string => {
    sequence += 1n;
    return sequence.toString(16).toUpperCase().padStart(18, '0');
  };

  const upload = async (
    key: string,
    body: string | Uint8Array,
    metadata?: Record<string, string>,
  ): Promise<string> => {
    const response = await emulators.s3.send(
      new PutObjectCommand({
        Bucket: emulators.rawBucket,
        Key: key,
        Body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
        ...(metadata === undefined ? {} : { Metadata: metadata }),
      }),
    );
    return (response.ETag ?? '').replace(/"/g, '');
  };

  const message = (input: ObjectEventInput): SQSRecord => {
    messageCounter += 1;
    const object: Record<string, unknown> = { key: encodeS3Key(input.key), sequencer: input.sequencer };
    if (input.size !== undefined) object.size = input.size;
    if (input.etag !== undefined && input.etag !== null) object.eTag = input.etag;
    if (input.versionId !== undefined && input.versionId !== null) object.versionId = input.versionId;
    const body = {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'us-east-1',
          eventTime: new Date().toISOString(),
          eventName: input.eventName ?? 'ObjectCreated:Put',
          userIdentity: { principalId: 'local' },
          requestParameters: { sourceIPAddress: '127.0.0.1' },
          responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: 'ingest',
            bucket: {
              name: input.bucket ?? emulators.rawBucket,
              ownerIdentity: { principalId: 'local' },
              arn: 'arn',
            },
            object,
          },
        },
      ],
    };
    return sqsRecord(`m-${messageCounter}`, JSON.stringify(body));
  };

  const handle = (event: SQSEvent, context: Context = fakeContext): Promise<SQSBatchResponse> =>
    handler(event, context);

  const stored = async (id: string): Promise<StoredArticle | null> => {
    const article = await emulators.documents.send(
      new GetCommand({
        TableName: emulators.tableName,
        Key: { PK: articlePk(id), SK: ARTICLE_SK },
        ConsistentRead: true,
      }),
    );
    if (article.Item === undefined || isTombstoneItem(article.Item)) return null;
    const linkItems: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await emulators.documents.send(
        new QueryCommand({
          TableName: emulators.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': articlePk(id), ':prefix': LINK_SK_PREFIX },
          ConsistentRead: true,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      linkItems.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    const contentKey = article.Item.contentKey;
    return {
      record: itemToRecord(article.Item, linkItems.map(itemToLink)),
      linkItemCount: linkItems.length,
      contentKey: typeof contentKey === 'string' ? contentKey : null,
    };
  };

  return {
    emulators,
    dynamoProbe,
    s3Probe,
    deps,
    handle,
    upload,
    nextSequencer,
    message,
    async uploadEvent(key, body, metadata) {
      const etag = await upload(key, body, metadata);
      const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
      return message({ key, etag, size, sequencer: nextSequencer() });
    },
    deliver: (...records) => handle({ Records: [...records] }),
    idOf: (key) => articleId(emulators.rawBucket, key),
    stored,
    async tombstone(id) {
      const response = await emulators.documents.send(
        new GetCommand({
          TableName: emulators.tableName,
          Key: { PK: articlePk(id), SK: ARTICLE_SK },
          ConsistentRead: true,
        }),
      );
      return response.Item !== undefined && isTombstoneItem(response.Item) ? response.Item : null;
    },
    async content(contentKey) {
      try {
        const response = await emulators.s3.send(
          new GetObjectCommand({ Bucket: emulators.contentBucket, Key: contentKey }),
        );
        return articleContentSchema.parse(JSON.parse((await response.Body?.transformToString()) ?? ''));
      } catch (error: unknown) {
        if (error instanceof S3ServiceException && error.name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async contentObjects(id) {
      const response = await emulators.s3.send(
        new ListObjectsV2Command({ Bucket: emulators.contentBucket, Prefix: `content/${id}` }),
      );
      return (response.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [object.Key]));
    },
    async stop() {
      dynamo.destroy();
      s3.destroy();
      await emulators.stop();
    },
  };
}

export function sqsRecord(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: messageId,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:ingest',
    awsRegion: 'us-east-1',
  };
}

/** A Markdown article with a title and `links` inline links to distinct URLs. */
export function markdownArticle(title: string, links: number, extra = ''): string {
  const body = Array.from(
    { length: links },
    (_, i) =>
      `Paragraph ${i} of the article cites [source ${i}](https://example.org/${title.length}/p/${i}).`,
  ).join('\n\n');
  return `# ${title}\n\nThe article opens with a sentence long enough to count as body text.\n\n${body}\n\n${extra}\n`;
}
