import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../lib/config/environment.js';
import {
  INGEST_BATCHING_WINDOW_SECONDS,
  INGEST_TIMEOUT_SECONDS,
  INGEST_VISIBILITY_TIMEOUT_SECONDS,
  MAX_RECEIVE_COUNT,
} from '../../lib/config/ingest-queue.js';
import { ArticleWriterAccess } from './article-writer-access.js';
import { NodeFunction } from './node-function.js';

export interface IngestPipelineProps {
  readonly rawBucket: IBucket;
  readonly contentBucket: IBucket;
  readonly contentPrefix: string;
  readonly table: ITableV2;
  readonly maxConcurrency: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The heaviest article (`MAX_LINKS` links) takes about 10 s of link writes in AWS (one table
 * partition, ~1,000 writes a second) and 18.5 s against the emulators on a loaded 2-core machine;
 * the handler starts no record with less than `MIN_TIME_TO_START_MS` (25 s, lib/config/ingest-timing.ts) left, so whatever it
 * starts finishes, and 60 s leaves room for more than one heavy record per batch.
 */
export const INGEST_TIMEOUT = Duration.seconds(INGEST_TIMEOUT_SECONDS);
/**
 * One batch may wait this long to fill before the function is invoked: fewer, fuller invocations
 * when uploads trickle in, for at most 5 s more latency.
 */
export const INGEST_BATCHING_WINDOW = Duration.seconds(INGEST_BATCHING_WINDOW_SECONDS);
/**
 * Records per invocation. Records of different keys run concurrently (I/O-bound: a seed article is
 * ~100 ms, mostly round trips), so a heavy one no longer holds up the other nine; what cannot start
 * in time is deferred, not cut off. More would only add extraction CPU competing in one instance.
 */
export const INGEST_BATCH_SIZE = 10;
/** Deliveries before a message is parked in the dead-letter queue (its reason beside it). */
export { MAX_RECEIVE_COUNT };
/** Age of the oldest waiting event that means ingest is falling behind. */
export const OLDEST_MESSAGE_ALARM_AGE = Duration.minutes(15);

/**
 * S3 events → SQS (with a dead-letter queue) → the ingest function → the table and the content
 * bucket. Alarms on parked messages and on a backlog that keeps growing older.
 */
export class IngestPipeline extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly function: NodejsFunction;
  readonly deadLetterAlarm: Alarm;
  readonly backlogAlarm: Alarm;

  constructor(scope: Construct, id: string, props: IngestPipelineProps) {
    super(scope, id);
    const queueDefaults = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;
    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      ...queueDefaults,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Events', {
      ...queueDefaults,
      // AWS's rule for SQS-triggered functions: at least six times the function timeout (plus the
      // batching window), so a message is not redelivered while a throttled retry still holds it.
      visibilityTimeout: Duration.seconds(INGEST_VISIBILITY_TIMEOUT_SECONDS),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });

    const ingest = new NodeFunction(this, 'Ingest', {
      entry: 'ingest-article',
      description: 'Extracts articles from raw-bucket events into the article table',
      timeout: INGEST_TIMEOUT,
      memorySize: 1024,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.rawBucketName]: props.rawBucket.bucketName,
        [ENV.contentBucketName]: props.contentBucket.bucketName,
        [ENV.contentPrefix]: props.contentPrefix,
      },
    });
    this.function = ingest.function;
    new ArticleWriterAccess(this, 'Access', {
      role: ingest.role,
      rawBucket: props.rawBucket,
      table: props.table,
      contentBucket: props.contentBucket,
      contentPrefix: props.contentPrefix,
    });
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: INGEST_BATCH_SIZE,
        maxBatchingWindow: INGEST_BATCHING_WINDOW,
        reportBatchItemFailures: true,
        maxConcurrency: props.maxConcurrency,
      }),
    );

    this.deadLetterAlarm = new Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: 'Events failed every retry and wait in the dead-letter queue',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.backlogAlarm = new Alarm(this, 'BacklogAlarm', {
      alarmDescription: 'The oldest waiting event is old: ingest is falling behind or failing',
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5) }),
      threshold: OLDEST_MESSAGE_ALARM_AGE.toSeconds(),
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
