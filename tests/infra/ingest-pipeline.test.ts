import { Capture, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../lib/config/environment.js';
import { MIN_TIME_TO_START_MS } from '../../lib/config/ingest-timing.js';
import { actionsOf, idOf, statementsOfRole, statementsOn, synthesizeStage } from './synthesize.js';

const { stack, template } = synthesizeStage();
const queueId = idOf(stack.ingest.queue);
const dlqId = idOf(stack.ingest.deadLetterQueue);
const functionId = idOf(stack.ingest.function);
const roleId = idOf(stack.ingest.function.role ?? stack.ingest.function);
const ingestFunction = (): Record<string, unknown> =>
  template.findResources('AWS::Lambda::Function')[functionId]?.Properties ?? {};

describe('ingest pipeline', () => {
  it('parks a message in the dead-letter queue after a bounded number of receives', () => {
    const maxReceiveCount = new Capture();
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount },
    });
    expect(maxReceiveCount.asNumber()).toBeGreaterThanOrEqual(3);
    expect(maxReceiveCount.asNumber()).toBeLessThanOrEqual(10);
  });

  it('keeps messages invisible for at least six times the function timeout', () => {
    const queue = template.findResources('AWS::SQS::Queue')[queueId]?.Properties;
    const timeout = ingestFunction().Timeout;
    expect(typeof timeout).toBe('number');
    expect(queue?.VisibilityTimeout).toBeGreaterThanOrEqual(6 * Number(timeout));
  });

  it('encrypts both queues and denies requests without TLS', () => {
    for (const id of [queueId, dlqId]) {
      expect(template.findResources('AWS::SQS::Queue')[id]?.Properties.SqsManagedSseEnabled).toBe(true);
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  it('feeds the function from the queue, reporting batch item failures, with bounded concurrency', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      FunctionName: { Ref: functionId },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('batches 10 records for up to 5 s, and gives a record started with the least time left its time', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
    });
    // The handler starts no record with less than MIN_TIME_TO_START_MS left, so the first record of
    // a batch, and at least one more, always have it in full.
    expect(Number(ingestFunction().Timeout) * 1000).toBeGreaterThanOrEqual(2 * MIN_TIME_TO_START_MS);
  });

  it('alarms on dead letters and on the age of the oldest message', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
    });
  });

  it('runs on Node.js 24 on arm64 with the table and content locations in its environment', () => {
    expect(ingestFunction()).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: {
        Variables: {
          [ENV.tableName]: { Ref: idOf(stack.articles.table) },
          [ENV.contentBucketName]: { Ref: idOf(stack.storage.contentBucket) },
          [ENV.contentPrefix]: 'content/',
        },
      },
    });
  });

  it('may only read raw objects, write the table and write under the content prefix', () => {
    const statements = statementsOfRole(template, roleId);
    expect(actionsOf(statements).filter((action) => action.includes('*'))).toEqual([]);
    const raw = actionsOf(statementsOn(statements, idOf(stack.storage.rawBucket)));
    expect([...new Set(raw)].sort()).toEqual(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket']);
    const content = statementsOn(statements, idOf(stack.storage.contentBucket));
    expect(JSON.stringify(content.map((statement) => statement.Resource))).toContain('/content/*');
    // The exact set: an added Scan (or any other action) fails here.
    expect([...new Set(actionsOf(statementsOn(statements, idOf(stack.articles.table))))].sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
  });

  it('holds no managed policy', () => {
    const role = template.findResources('AWS::IAM::Role')[roleId];
    expect(role?.Properties.ManagedPolicyArns).toBeUndefined();
  });
});
