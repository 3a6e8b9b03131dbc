import { Capture, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { idOf, synthesizeStage } from './synthesize.js';

const { stack, template } = synthesizeStage();
const rawId = idOf(stack.storage.rawBucket);
const queueId = idOf(stack.ingest.queue);

describe('raw storage', () => {
  it('keeps the raw bucket versioned, encrypted, private and logged', () => {
    const raw = template.findResources('AWS::S3::Bucket')[rawId];
    expect(raw?.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: idOf(stack.storage.accessLogsBucket) } },
    });
  });

  it('expires superseded raw versions by lifecycle', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 7 } }),
        ]),
      },
    });
  });

  it('blocks public access and encrypts every bucket', () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
    expect(buckets).toHaveLength(3);
    for (const bucket of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets).toBe(true);
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
  });

  it('denies every request to every bucket that does not use TLS', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('sends created and removed object events to the ingest queue', () => {
    const target = new Capture();
    template.hasResourceProperties('AWS::S3::Bucket', {
      NotificationConfiguration: {
        QueueConfigurations: [
          { Event: 's3:ObjectCreated:*', Queue: target },
          { Event: 's3:ObjectRemoved:*', Queue: { 'Fn::GetAtt': [queueId, 'Arn'] } },
        ],
      },
    });
    expect(target.asObject()).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
  });

  it('lets S3 of this account, and only S3, send to the queue, before the bucket is created', () => {
    const policies = template.findResources('AWS::SQS::QueuePolicy', {
      Properties: { Queues: [{ Ref: queueId }] },
    });
    const [policyId, policy] = Object.entries(policies)[0] ?? [];
    expect(policy?.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 's3.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    );
    const raw = template.findResources('AWS::S3::Bucket')[rawId];
    expect(raw?.DependsOn).toContain(policyId);
  });

  it('deploys no helper function to configure notifications', () => {
    expect(Object.keys(template.findResources('Custom::S3BucketNotifications'))).toHaveLength(0);
  });
});
