import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AlarmNotifications } from './constructs/alarm-notifications.js';
import { ArticleTable } from './constructs/article-table.js';
import { IngestPipeline } from './constructs/ingest-pipeline.js';
import { CONTENT_PREFIX, RawStorage, REPROCESS_RESULTS_PREFIX } from './constructs/raw-storage.js';
import { ReadApi } from './constructs/read-api.js';
import { Reprocessing } from './constructs/reprocessing.js';
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

    const alarms = new AlarmNotifications(this, 'Alarms', { email: config.alarmEmail });
    alarms.notify([this.ingest.deadLetterAlarm, this.ingest.backlogAlarm, this.reprocessing.failureAlarm]);

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
