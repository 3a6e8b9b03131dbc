import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface RawStorageProps {
  readonly removalPolicy: RemovalPolicy;
  readonly noncurrentVersionExpiration: Duration;
}

/** Where parsed content lives inside the content bucket; the only prefix ingest may write. */
export const CONTENT_PREFIX = 'content/';
/** Where reprocessing runs write their per-item results. */
export const REPROCESS_RESULTS_PREFIX = 'reprocess-runs/';

/**
 * The buckets: raw articles (versioned, the source of truth), parsed content (derived, can be
 * rebuilt by reprocessing, so unversioned) and the access logs of both. All private, encrypted
 * and TLS-only.
 */
export class RawStorage extends Construct {
  readonly rawBucket: Bucket;
  readonly contentBucket: Bucket;
  readonly accessLogsBucket: Bucket;

  constructor(scope: Construct, id: string, props: RawStorageProps) {
    super(scope, id);
    const destroyable = props.removalPolicy === RemovalPolicy.DESTROY;
    const common = {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: destroyable,
    } as const;

    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      ...common,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.rawBucket = new Bucket(this, 'Raw', {
      ...common,
      // Versioning makes every overwrite a distinct event and lets a mistaken delete be undone;
      // superseded versions expire so the bucket costs only its current articles at rest.
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'raw/',
      lifecycleRules: [
        {
          noncurrentVersionExpiration: props.noncurrentVersionExpiration,
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });

    this.contentBucket = new Bucket(this, 'Content', {
      ...common,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'content/',
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
        { prefix: REPROCESS_RESULTS_PREFIX, expiration: Duration.days(30) },
      ],
    });
  }

  /**
   * Sends every object-created and object-removed event of the raw bucket to the queue.
   *
   * Written on the CloudFormation bucket directly rather than with `addEventNotification`, which
   * would deploy a helper Lambda function (with a managed policy and `*` permissions) only to
   * call PutBucketNotificationConfiguration.
   */
  sendEventsTo(queue: Queue): void {
    const cfnBucket = this.rawBucket.node.defaultChild;
    if (!(cfnBucket instanceof CfnBucket)) throw new Error('raw bucket has no CfnBucket');
    cfnBucket.notificationConfiguration = {
      queueConfigurations: [
        { event: 's3:ObjectCreated:*', queue: queue.queueArn },
        { event: 's3:ObjectRemoved:*', queue: queue.queueArn },
      ],
    };
    // The condition names the account, not the bucket ARN: the bucket must wait for this
    // policy (S3 validates the destination on creation), so referring to it would be a cycle.
    const { policyDependable } = queue.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    if (policyDependable !== undefined) cfnBucket.node.addDependency(policyDependable);
  }
}
