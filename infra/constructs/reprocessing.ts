import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import {
  DefinitionBody,
  DistributedMap,
  ItemBatcher,
  LogLevel,
  QueryLanguage,
  ResultWriterV2,
  S3ObjectsItemReader,
  StateMachine,
  StateMachineType,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ENV } from '../../lib/config/environment.js';
import { ArticleWriterAccess, acknowledgeObjectWildcard, logicalIdOf } from './article-writer-access.js';
import { NodeFunction } from './node-function.js';

export interface ReprocessingProps {
  readonly rawBucket: IBucket;
  readonly contentBucket: IBucket;
  readonly contentPrefix: string;
  readonly resultsPrefix: string;
  readonly table: ITableV2;
  readonly maxConcurrency: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** Objects handed to one reprocessing invocation: amortizes cold starts over many small articles. */
export const REPROCESS_BATCH_SIZE = 25;

/**
 * Re-extraction of stored articles on Step Functions' own distributed engine: a Distributed Map
 * lists the raw bucket (optionally one prefix, from the execution input `{ "prefix": "…" }`),
 * batches the keys and runs the reprocess function on each batch with bounded concurrency.
 * Reprocessing goes through the same use case and ordering checks as ingest, so it is idempotent
 * and cannot overwrite a newer event's result.
 */
export class Reprocessing extends Construct {
  readonly stateMachine: StateMachine;
  readonly function: NodejsFunction;
  readonly failureAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ReprocessingProps) {
    super(scope, id);
    const worker = new NodeFunction(this, 'Worker', {
      entry: 'reprocess-object',
      description: 'Re-extracts a batch of raw objects into the article table',
      timeout: Duration.minutes(5),
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
    this.function = worker.function;
    new ArticleWriterAccess(this, 'Access', {
      role: worker.role,
      rawBucket: props.rawBucket,
      table: props.table,
      contentBucket: props.contentBucket,
      contentPrefix: props.contentPrefix,
    });

    const reprocessBatch = LambdaInvoke.jsonata(this, 'ReprocessBatch', {
      lambdaFunction: this.function,
      // `[]` keeps a one-item batch an array (JSONata otherwise unwraps singleton sequences).
      payload: TaskInput.fromObject({ keys: '{% $states.input.Items.key[] %}' }),
      outputs: '{% $states.result.Payload %}',
      retryOnServiceExceptions: true,
    });
    // A batch whose keys failed (e.g. throttled) gets another chance before it counts as failed.
    reprocessBatch.addRetry({
      errors: ['ReprocessBatchError'],
      maxAttempts: 2,
      interval: Duration.seconds(10),
      backoffRate: 3,
    });
    const map = DistributedMap.jsonata(this, 'EachObject', {
      itemReader: new S3ObjectsItemReader({
        bucket: props.rawBucket,
        prefix: "{% $exists($states.input.prefix) ? $states.input.prefix : '' %}",
      }),
      jsonataItemSelector: '{% { "key": $states.context.Map.Item.Value.Key } %}',
      mapExecutionType: StateMachineType.EXPRESS,
      itemBatcher: new ItemBatcher({ maxItemsPerBatch: REPROCESS_BATCH_SIZE }),
      maxConcurrency: props.maxConcurrency,
      // A handful of failing batches should not abandon a run over millions of objects; they are
      // listed in the results written to S3 and can be rerun with a prefix.
      toleratedFailurePercentage: 5,
      resultWriterV2: new PrefixResultWriter({ bucket: props.contentBucket, prefix: props.resultsPrefix }),
    });
    map.itemProcessor(reprocessBatch);

    const logs = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      queryLanguage: QueryLanguage.JSONATA,
      definitionBody: DefinitionBody.fromChainable(map),
      timeout: Duration.hours(24),
      tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: false },
    });
    this.failureAlarm = new Alarm(this, 'FailedAlarm', {
      alarmDescription: 'A reprocessing run failed (more than the tolerated share of batches failed)',
      metric: this.stateMachine.metricFailed({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const policy = this.stateMachine.role.node.tryFindChild('DefaultPolicy');
    if (policy !== undefined) {
      Validations.of(policy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'CloudWatch Logs delivery and X-Ray accept no narrower resource (AWS documented).',
      });
      acknowledgeObjectWildcard(
        policy,
        this.function,
        ':*',
        'Invokes any version of its own worker function.',
      );
      acknowledgeObjectWildcard(
        policy,
        props.contentBucket,
        `/${props.resultsPrefix}*`,
        'The result writer writes each run’s results under the results prefix, one folder per map run.',
      );
    }
    const mapPolicy = this.stateMachine.node.tryFindChild('DistributedMapPolicy');
    if (mapPolicy !== undefined) {
      // How cdk-nag spells the ARNs of this state machine's own executions and map runs.
      const name = `{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalIdOf(this.stateMachine)}"}]}]}`;
      const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${name}`;
      for (const suffix of [':*', '/*:*']) {
        Validations.of(mapPolicy).acknowledge({
          id: `AwsSolutions-IAM5[Resource::${executions}${suffix}]`,
          reason:
            'The distributed map manages the runs of its own executions only, whose ids are not known in advance.',
        });
      }
    }
  }
}

/**
 * CDK's `ResultWriterV2` grants the state machine its four S3 actions on every object of the
 * bucket; the results go only under `prefix` (Step Functions writes `<prefix><map run id>/…`), so
 * the grant is scoped to it, as AWS's ResultWriter IAM example scopes it.
 */
class PrefixResultWriter extends ResultWriterV2 {
  private readonly resultsBucket: IBucket;
  private readonly resultsPrefix: string;

  constructor(props: { readonly bucket: IBucket; readonly prefix: string }) {
    super(props);
    this.resultsBucket = props.bucket;
    this.resultsPrefix = props.prefix;
  }

  override providePolicyStatements(): PolicyStatement[] {
    return [
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
        resources: [this.resultsBucket.arnForObjects(`${this.resultsPrefix}*`)],
      }),
    ];
  }
}
