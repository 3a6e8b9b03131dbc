/**
 * The pieces of the IAM evaluation on their own: SDK command → IAM action rules (not 1:1),
 * template intrinsics resolved into ARNs, and the engine's verdicts on a small hand-written
 * template (a denied call is caught and named; the bucket policy's TLS deny wins over a grant).
 */
import { describe, expect, it } from 'vitest';
import {
  type RecordedCall,
  type RecordedInput,
  summarizeInput,
} from '../../support/iam/aws-call-recorder.js';
import {
  iamRequestsOf,
  type ResourceArns,
  roleOf,
  UnmappedCallError,
} from '../../support/iam/iam-requests.js';
import { evaluateRequest } from './evaluate-calls.js';
import { TemplateModel } from './template-model.js';

const arns: ResourceArns = {
  bucket: (name) => `arn:aws:s3:::${name}`,
  table: (name) => `arn:aws:dynamodb:eu-west-1:123456789012:table/${name}`,
  secret: (id) => id,
  stateMachine: (arn) => arn,
};

const call = (service: string, command: string, input: RecordedInput): RecordedCall => ({
  principal: 'ingest',
  source: 'ingest',
  service,
  command,
  input,
});

const actionsOf = (recorded: RecordedCall): [string, string, Readonly<Record<string, string>>][] =>
  iamRequestsOf(recorded, arns).map((request) => [request.action, request.resource, request.context]);

describe('SDK command → IAM request', () => {
  it('GetObject needs s3:GetObject, or s3:GetObjectVersion with s3:versionid when a VersionId is given', () => {
    expect(actionsOf(call('S3', 'GetObjectCommand', { Bucket: 'raw', Key: 'a/b.txt' }))).toEqual([
      ['s3:GetObject', 'arn:aws:s3:::raw/a/b.txt', { 'aws:SecureTransport': 'true' }],
    ]);
    expect(actionsOf(call('S3', 'GetObjectCommand', { Bucket: 'raw', Key: 'a', VersionId: 'v1' }))).toEqual([
      ['s3:GetObjectVersion', 'arn:aws:s3:::raw/a', { 'aws:SecureTransport': 'true', 's3:versionid': 'v1' }],
    ]);
    expect(
      actionsOf(call('S3', 'HeadObjectCommand', { Bucket: 'raw', Key: 'a', VersionId: 'v1' }))[0]?.[0],
    ).toBe('s3:GetObjectVersion');
  });

  it('DeleteObject(s) need s3:DeleteObject, or s3:DeleteObjectVersion per versioned key', () => {
    expect(actionsOf(call('S3', 'DeleteObjectCommand', { Bucket: 'c', Key: 'k' }))[0]?.[0]).toBe(
      's3:DeleteObject',
    );
    expect(
      actionsOf(call('S3', 'DeleteObjectCommand', { Bucket: 'c', Key: 'k', VersionId: 'v' }))[0]?.[0],
    ).toBe('s3:DeleteObjectVersion');
    const batch = call('S3', 'DeleteObjectsCommand', {
      Bucket: 'c',
      Objects: [{ Key: 'x' }, { Key: 'y', VersionId: 'v2' }],
    });
    expect(actionsOf(batch).map(([action, resource]) => [action, resource])).toEqual([
      ['s3:DeleteObject', 'arn:aws:s3:::c/x'],
      ['s3:DeleteObjectVersion', 'arn:aws:s3:::c/y'],
    ]);
  });

  it('ListObjectsV2 is s3:ListBucket on the bucket ARN with s3:prefix; ListObjectVersions s3:ListBucketVersions', () => {
    expect(actionsOf(call('S3', 'ListObjectsV2Command', { Bucket: 'raw', Prefix: '2018/' }))).toEqual([
      ['s3:ListBucket', 'arn:aws:s3:::raw', { 'aws:SecureTransport': 'true', 's3:prefix': '2018/' }],
    ]);
    expect(actionsOf(call('S3', 'ListObjectVersionsCommand', { Bucket: 'raw' }))[0]?.[0]).toBe(
      's3:ListBucketVersions',
    );
  });

  it('BatchWriteItem and BatchGetItem are their own actions, once per table', () => {
    expect(actionsOf(call('DynamoDB', 'BatchWriteItemCommand', { RequestTables: ['articles'] }))).toEqual([
      ['dynamodb:BatchWriteItem', arns.table('articles'), { 'aws:SecureTransport': 'true' }],
    ]);
    expect(actionsOf(call('DynamoDB', 'BatchGetItemCommand', { RequestTables: ['a', 'b'] })).length).toBe(2);
  });

  it('a transaction needs each item’s own action; a query of an index is on the index ARN', () => {
    const transaction = call('DynamoDB', 'TransactWriteItemsCommand', {
      TransactItems: [
        { operation: 'Put', TableName: 'articles' },
        { operation: 'ConditionCheck', TableName: 'articles' },
        { operation: 'Delete', TableName: 'articles' },
      ],
    });
    expect(actionsOf(transaction).map(([action]) => action)).toEqual([
      'dynamodb:PutItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
    ]);
    expect(
      actionsOf(call('DynamoDB', 'QueryCommand', { TableName: 'articles', IndexName: 'GSI1' }))[0]?.[1],
    ).toBe(`${arns.table('articles')}/index/GSI1`);
  });

  it('a command without a rule is an error, never a guess', () => {
    expect(() => iamRequestsOf(call('S3', 'CopyObjectCommand', { Bucket: 'b', Key: 'k' }), arns)).toThrow(
      UnmappedCallError,
    );
    expect(() => iamRequestsOf(call('SQS', 'SendMessageCommand', {}), arns)).toThrow(/no IAM rule for SQS/);
  });

  it('the local reprocessing run lists as the Distributed Map and reads and writes as the worker', () => {
    const [list] = iamRequestsOf(call('S3', 'ListObjectsV2Command', { Bucket: 'raw' }), arns);
    const [get] = iamRequestsOf(call('S3', 'GetObjectCommand', { Bucket: 'raw', Key: 'k' }), arns);
    if (list === undefined || get === undefined) throw new Error('no requests');
    expect(roleOf('reprocess-run', list)).toBe('reprocess-state-machine');
    expect(roleOf('reprocess-run', get)).toBe('reprocess-worker');
    expect(roleOf('read', get)).toBe('read');
  });

  it('the recorder keeps the names an action depends on, never the data', () => {
    expect(
      summarizeInput({
        TableName: 'articles',
        Item: { PK: { S: 'secret' } },
        RequestItems: { articles: [{ PutRequest: {} }] },
        TransactItems: [{ Update: { TableName: 'articles', Key: {} } }],
        Delete: { Objects: [{ Key: 'a', VersionId: 'v' }] },
        Body: 'bytes',
      }),
    ).toEqual({
      TableName: 'articles',
      RequestTables: ['articles'],
      TransactItems: [{ operation: 'Update', TableName: 'articles' }],
      Objects: [{ Key: 'a', VersionId: 'v' }],
    });
  });
});

/** `{ "Fn::Sub": "${REFERENCE}REST" }`. */
const sub = (reference: string, rest: string): { 'Fn::Sub': string } => ({
  'Fn::Sub': `\${${reference}}${rest}`,
});

const template = new TemplateModel({
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket' },
    Table: { Type: 'AWS::DynamoDB::GlobalTable' },
    Machine: { Type: 'AWS::StepFunctions::StateMachine' },
    Role: { Type: 'AWS::IAM::Role' },
    Policy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        Roles: [{ Ref: 'Role' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, '/*']] },
            },
            { Effect: 'Allow', Action: 'dynamodb:Query', Resource: sub('Table.Arn', '/index/*') },
          ],
        },
      },
    },
    BucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'Bucket' },
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Resource: [{ 'Fn::GetAtt': ['Bucket', 'Arn'] }, sub('Bucket.Arn', '/*')],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      },
    },
  },
});

describe('the template as IAM sees it', () => {
  it('resolves Ref, GetAtt, Join, Sub, Select and Split into ARNs of one account and region', () => {
    expect(template.resolve({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toBe('arn:aws:s3:::bucket');
    expect(template.resolve(sub('Table.Arn', '/index/*'))).toBe(
      'arn:aws:dynamodb:eu-west-1:123456789012:table/Table/index/*',
    );
    expect(template.resolve({ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: 'Machine' }] }] })).toBe(
      'Machine',
    );
    expect(
      template.resolve({ 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, { Ref: 'AWS::Region' }]] }),
    ).toBe('arn:aws:eu-west-1');
  });

  /** The test role's request for `action` on the object `a.txt` of the test bucket. */
  const roleRequest = (action: string, context: Readonly<Record<string, string>>) =>
    evaluateRequest(template, { roleId: 'Role' }, { action, resource: 'arn:aws:s3:::bucket/a.txt', context });

  it('allows a granted call, and denies and names one outside the grants', async () => {
    const allowed = await roleRequest('s3:GetObject', { 'aws:SecureTransport': 'true' });
    expect(allowed).toEqual({ decision: 'Allowed', error: null });
    const denied = await roleRequest('s3:GetObjectVersion', { 's3:versionid': 'v1' });
    expect(denied.decision).toBe('ImplicitlyDenied');
  });

  it('applies the bucket policy: no TLS, no access, whatever the role allows', async () => {
    const evaluation = await roleRequest('s3:GetObject', { 'aws:SecureTransport': 'false' });
    expect(evaluation.decision).toBe('ExplicitlyDenied');
  });
});
