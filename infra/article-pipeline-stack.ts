import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AlarmNotifications } from './constructs/alarm-notifications.js';
import { ArticleTable } from './constructs/article-table.js';
import { IngestPipeline } from './constructs/ingest-pipeline.js';
import { OperationsDashboard } from './constructs/operations-dashboard.js';
import { CONTENT_PREFIX, RawStorage, REPROCESS_RESULTS_PREFIX } from './constructs/raw-storage.js';
import { ReadApi } from './constructs/read-api.js';
import { Reprocessing } from './constructs/reprocessing.js';
import { ServiceAlarms } from './constructs/service-alarms.js';
import { STACK_OUTPUTS } from './stack-outputs.js';
import type { StageConfig } from './stage-config.js';

export interface ArticlePipelineStackProps extends StackProps {
  readonly config: StageConfig;
}

/** The whole pipeline of one stage. Composes constructs only. */
export class ArticlePipelineStack extends Stack {
  readonly storage: RawStorage;
  readonly articles: ArticleTable;
  readonly ingest: IngestPipeline;
  readonly readApi: ReadApi;
  readonly reprocessing: Reprocessing;
  readonly serviceAlarms: ServiceAlarms;
  readonly dashboard: OperationsDashboard;

  constructor(scope: Construct, id: string, props: ArticlePipelineStackProps) {
    super(scope, id, props);
    const { config } = props;
    const lifetime = { removalPolicy: config.removalPolicy, logRetention: config.logRetention };

    this.storage = new RawStorage(this, 'Storage', {
      removalPolicy: config.removalPolicy,
      noncurrentVersionExpiration: config.noncurrentVersionExpiration,
    });
    this.articles = new ArticleTable(this, 'Articles', {
      removalPolicy: config.removalPolicy,
      deletionProtection: config.deletionProtection,
    });
    const data = {
      rawBucket: this.storage.rawBucket,
      contentBucket: this.storage.contentBucket,
      contentPrefix: CONTENT_PREFIX,
      table: this.articles.table,
    };
    this.ingest = new IngestPipeline(this, 'Ingest', {
      ...data,
      ...lifetime,
      maxConcurrency: config.ingestMaxConcurrency,
    });
    this.storage.sendEventsTo(this.ingest.queue);
    this.readApi = new ReadApi(this, 'Read', {
      table: this.articles.table,
      contentBucket: this.storage.contentBucket,
      contentPrefix: CONTENT_PREFIX,
      authorization: config.authorization,
      corsOrigins: config.corsOrigins,
      throttle: config.throttle,
      ...lifetime,
    });
    this.reprocessing = new Reprocessing(this, 'Reprocess', {
      ...data,
      ...lifetime,
      resultsPrefix: REPROCESS_RESULTS_PREFIX,
      maxConcurrency: config.reprocessMaxConcurrency,
    });

    this.serviceAlarms = new ServiceAlarms(this, 'ServiceAlarms', {
      api: this.readApi.api,
      table: this.articles.table,
      functions: [
        {
          label: 'ingest',
          function: this.ingest.function,
          // A function error (crash, timeout, failed cold start) fails its whole batch and SQS
          // redelivers it, so a short burst heals itself; per-event failures are partial-batch
          // reports, not errors, and the dead-letter alarm covers them. Errors in three periods in
          // a row (15 minutes) mean events are not getting through.
          errorsPerPeriod: 1,
          errorPeriods: 3,
        },
        {
          label: 'read API',
          function: this.readApi.function,
          // Route errors are answered by the error handler, so a function error is a timeout or a
          // failed cold start, each a client's 5xx. Two periods, so one blip during a deploy does
          // not page.
          errorsPerPeriod: 1,
          errorPeriods: 2,
        },
        {
          label: 'reprocess worker',
          function: this.reprocessing.function,
          // The worker throws whenever a key of its batch failed, so Step Functions retries the
          // batch: a few errors in a large run (throttling) are expected and retried, and the
          // run's failure alarm judges the outcome. Five per period for 15 minutes is systematic.
          errorsPerPeriod: 5,
          errorPeriods: 3,
        },
      ],
    });
    const pageable = [
      this.ingest.deadLetterAlarm,
      this.ingest.backlogAlarm,
      this.reprocessing.failureAlarm,
      ...this.serviceAlarms.alarms,
    ];
    const alarms = new AlarmNotifications(this, 'Alarms', { email: config.alarmEmail });
    alarms.notify(pageable);
    this.dashboard = new OperationsDashboard(this, 'Operations', {
      stage: config.stage,
      queue: this.ingest.queue,
      deadLetterQueue: this.ingest.deadLetterQueue,
      functions: [
        { label: 'Ingest', function: this.ingest.function },
        { label: 'Read API', function: this.readApi.function },
        { label: 'Reprocess worker', function: this.reprocessing.function },
      ],
      api: this.readApi.api,
      table: this.articles.table,
      stateMachine: this.reprocessing.stateMachine,
      alarms: pageable,
    });

    new CfnOutput(this, STACK_OUTPUTS.rawBucketName, { value: this.storage.rawBucket.bucketName });
    new CfnOutput(this, STACK_OUTPUTS.contentBucketName, { value: this.storage.contentBucket.bucketName });
    new CfnOutput(this, STACK_OUTPUTS.tableName, { value: this.articles.table.tableName });
    new CfnOutput(this, STACK_OUTPUTS.apiUrl, { value: this.readApi.url });
    new CfnOutput(this, STACK_OUTPUTS.reprocessStateMachineArn, {
      value: this.reprocessing.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, STACK_OUTPUTS.deadLetterQueueUrl, { value: this.ingest.deadLetterQueue.queueUrl });
    new CfnOutput(this, STACK_OUTPUTS.alarmTopicArn, { value: alarms.topic.topicArn });
  }
}
