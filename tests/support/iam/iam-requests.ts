/**
 * SDK v3 command → the IAM request(s) AWS authorizes for it. Not 1:1, so each rule is explicit
 * (Service Authorization Reference; S3 and DynamoDB "actions, resources and condition keys"):
 * - S3 `GetObject`/`HeadObject` with a `VersionId` is `s3:GetObjectVersion` (condition key
 *   `s3:versionid`), without one `s3:GetObject`; `DeleteObject` likewise `s3:DeleteObjectVersion`.
 * - `ListObjectsV2` is `s3:ListBucket` on the bucket ARN (not the objects), condition `s3:prefix`;
 *   `ListObjectVersions` is `s3:ListBucketVersions`.
 * - `DeleteObjects` is one `s3:DeleteObject`/`s3:DeleteObjectVersion` per key.
 * - DynamoDB `BatchWriteItem`/`BatchGetItem` are their own actions, once per table;
 *   `TransactWriteItems` needs each item's own action (`Put` → `dynamodb:PutItem`, …);
 *   a `Query`/`Scan` of an index is authorized on the index ARN.
 * A command without a rule throws: a new call must get a rule before it can be evaluated.
 */
import type { CallPrincipal, RecordedCall } from './aws-call-recorder.js';

export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  readonly context: Readonly<Record<string, string>>;
}

/** Turns the names a call uses locally into the ARNs of the stack's resources. */
export interface ResourceArns {
  bucket(name: string): string;
  table(name: string): string;
  secret(id: string): string;
  stateMachine(arn: string): string;
}

/** The roles of the template that make calls. */
export type StackRole = 'ingest' | 'read' | 'reprocess-worker' | 'reprocess-state-machine';

export class UnmappedCallError extends Error {
  override readonly name = 'UnmappedCallError';
}

// Every request reaches AWS over TLS (the SDK's endpoints are https): bucket and queue policies
// deny anything else.
const BASE_CONTEXT = { 'aws:SecureTransport': 'true' } as const;

const required = (value: string | undefined, field: string, call: RecordedCall): string => {
  if (value === undefined) throw new UnmappedCallError(`${call.command} without ${field}`);
  return value;
};

function s3Object(
  call: RecordedCall,
  arns: ResourceArns,
  key: string,
  versionId: string | undefined,
  plain: string,
  versioned: string,
): IamRequest {
  const bucket = arns.bucket(required(call.input.Bucket, 'Bucket', call));
  return versionId === undefined
    ? { action: plain, resource: `${bucket}/${key}`, context: BASE_CONTEXT }
    : {
        action: versioned,
        resource: `${bucket}/${key}`,
        context: { ...BASE_CONTEXT, 's3:versionid': versionId },
      };
}

function s3Requests(call: RecordedCall, arns: ResourceArns): readonly IamRequest[] {
  const { input } = call;
  const key = (): string => required(input.Key, 'Key', call);
  switch (call.command) {
    case 'GetObjectCommand':
    case 'HeadObjectCommand':
      return [s3Object(call, arns, key(), input.VersionId, 's3:GetObject', 's3:GetObjectVersion')];
    case 'PutObjectCommand':
      return [s3Object(call, arns, key(), undefined, 's3:PutObject', 's3:PutObject')];
    case 'DeleteObjectCommand':
      return [s3Object(call, arns, key(), input.VersionId, 's3:DeleteObject', 's3:DeleteObjectVersion')];
    case 'DeleteObjectsCommand':
      return (input.Objects ?? []).map((object) =>
        s3Object(call, arns, object.Key, object.VersionId, 's3:DeleteObject', 's3:DeleteObjectVersion'),
      );
    case 'ListObjectsV2Command':
    case 'ListObjectsCommand':
    case 'ListObjectVersionsCommand':
      return [
        {
          action: call.command === 'ListObjectVersionsCommand' ? 's3:ListBucketVersions' : 's3:ListBucket',
          resource: arns.bucket(required(input.Bucket, 'Bucket', call)),
          context: { ...BASE_CONTEXT, 's3:prefix': input.Prefix ?? '' },
        },
      ];
    case 'GetBucketVersioningCommand':
      return [
        {
          action: 's3:GetBucketVersioning',
          resource: arns.bucket(required(input.Bucket, 'Bucket', call)),
          context: BASE_CONTEXT,
        },
      ];
    default:
      throw new UnmappedCallError(`no IAM rule for S3 ${call.command}`);
  }
}

const TABLE_ACTIONS: Readonly<Record<string, string>> = {
  GetItemCommand: 'dynamodb:GetItem',
  PutItemCommand: 'dynamodb:PutItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
  QueryCommand: 'dynamodb:Query',
  ScanCommand: 'dynamodb:Scan',
  DescribeTableCommand: 'dynamodb:DescribeTable',
  BatchGetItemCommand: 'dynamodb:BatchGetItem',
  BatchWriteItemCommand: 'dynamodb:BatchWriteItem',
};

const TRANSACT_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
  Get: 'dynamodb:GetItem',
};

function dynamoRequests(call: RecordedCall, arns: ResourceArns): readonly IamRequest[] {
  const { input } = call;
  if (call.command === 'TransactWriteItemsCommand' || call.command === 'TransactGetItemsCommand') {
    return (input.TransactItems ?? []).map((item) => {
      const action = TRANSACT_ACTIONS[item.operation];
      if (action === undefined)
        throw new UnmappedCallError(`no IAM rule for transaction item ${item.operation}`);
      return { action, resource: arns.table(item.TableName), context: BASE_CONTEXT };
    });
  }
  const action = TABLE_ACTIONS[call.command];
  if (action === undefined) throw new UnmappedCallError(`no IAM rule for DynamoDB ${call.command}`);
  if (input.RequestTables !== undefined) {
    return input.RequestTables.map((table) => ({
      action,
      resource: arns.table(table),
      context: BASE_CONTEXT,
    }));
  }
  const table = arns.table(required(input.TableName, 'TableName', call));
  const resource = input.IndexName === undefined ? table : `${table}/index/${input.IndexName}`;
  return [{ action, resource, context: BASE_CONTEXT }];
}

/**
 * The IAM requests AWS authorizes for one recorded SDK call.
 *
 * @example iamRequestsOf({ service: 'S3', command: 'GetObjectCommand', input: { Bucket, Key, VersionId: 'v1' }, … }, arns)
 *   // [{ action: 's3:GetObjectVersion', resource: 'arn:aws:s3:::raw/key', context: { 's3:versionid': 'v1', … } }]
 */
export function iamRequestsOf(call: RecordedCall, arns: ResourceArns): readonly IamRequest[] {
  switch (call.service) {
    case 'S3':
      return s3Requests(call, arns);
    case 'DynamoDB':
      return dynamoRequests(call, arns);
    case 'Secrets Manager':
      if (call.command !== 'GetSecretValueCommand') break;
      return [
        {
          action: 'secretsmanager:GetSecretValue',
          resource: arns.secret(required(call.input.SecretId, 'SecretId', call)),
          context: BASE_CONTEXT,
        },
      ];
    case 'SFN':
      if (call.command !== 'StartExecutionCommand') break;
      return [
        {
          action: 'states:StartExecution',
          resource: arns.stateMachine(required(call.input.stateMachineArn, 'stateMachineArn', call)),
          context: BASE_CONTEXT,
        },
      ];
  }
  throw new UnmappedCallError(`no IAM rule for ${call.service} ${call.command}`);
}

/**
 * The role of the stack that makes a call in AWS. Reprocessing run locally by the CLI does in one
 * process what the cloud splits: the Distributed Map's item reader lists the bucket (state
 * machine role), the worker function reads and writes (its own role).
 */
export function roleOf(principal: CallPrincipal, request: IamRequest): StackRole {
  if (principal !== 'reprocess-run') return principal;
  return request.action === 's3:ListBucket' ? 'reprocess-state-machine' : 'reprocess-worker';
}
