import { createHash, randomBytes } from 'node:crypto';
import { encodeS3EventKey } from './s3-event-key.js';

/** The event names the local runtime emits: AWS's own, for the operations it observes. */
export type S3EventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Post'
  | 'ObjectCreated:Copy'
  | 'ObjectCreated:CompleteMultipartUpload'
  | 'ObjectRemoved:Delete'
  | 'ObjectRemoved:DeleteMarkerCreated';

/** What the S3 proxy saw happen to one key, before it is shaped like AWS's notification. */
export interface ObservedChange {
  readonly eventName: S3EventName;
  readonly bucket: string;
  /** The key as stored (decoded). */
  readonly key: string;
  /** Created objects only. */
  readonly size?: number | undefined;
  /** Created objects only; without quotes, as AWS sends it. */
  readonly eTag?: string | undefined;
  /** In a versioned bucket: the version created, removed, or the delete marker's. */
  readonly versionId?: string | undefined;
  readonly sequencer: string;
  readonly sourceIp: string;
  readonly time: Date;
}

/** One record of an S3 event notification (version 2.1), as AWS delivers it. */
export interface S3NotificationRecord {
  readonly eventVersion: '2.1';
  readonly eventSource: 'aws:s3';
  readonly awsRegion: string;
  readonly eventTime: string;
  readonly eventName: S3EventName | typeof S3_TEST_EVENT;
  readonly userIdentity: { readonly principalId: string };
  readonly requestParameters: { readonly sourceIPAddress: string };
  readonly responseElements: { readonly 'x-amz-request-id': string; readonly 'x-amz-id-2': string };
  readonly s3: {
    readonly s3SchemaVersion: '1.0';
    readonly configurationId: string;
    readonly bucket: {
      readonly name: string;
      readonly ownerIdentity: { readonly principalId: string };
      readonly arn: string;
    };
    readonly object: {
      readonly key: string;
      readonly size?: number;
      readonly eTag?: string;
      readonly versionId?: string;
      readonly sequencer: string;
    };
  };
}

const LOCAL_ACCOUNT = '000000000000';
const LOCAL_PRINCIPAL = 'AWS:LOCALARTICLEPIPELINE';
export const LOCAL_CONFIGURATION_ID = 'article-pipeline-local';
export const LOCAL_QUEUE_ARN = `arn:aws:sqs:us-east-1:${LOCAL_ACCOUNT}:article-pipeline-ingest`;

/**
 * Shapes an observed change exactly like AWS's S3 notification record (URL-encoded key, no size or
 * eTag on deletes, a versionId only in a versioned bucket).
 *
 * @example toS3NotificationRecord(change, 'us-east-1').s3.object.key // 'a+b.txt' for key 'a b.txt'
 */
export function toS3NotificationRecord(change: ObservedChange, region: string): S3NotificationRecord {
  const created = change.eventName.startsWith('ObjectCreated:');
  const version = change.versionId === undefined ? {} : { versionId: change.versionId };
  const object =
    created && change.size !== undefined && change.eTag !== undefined
      ? {
          key: encodeS3EventKey(change.key),
          size: change.size,
          eTag: change.eTag,
          ...version,
          sequencer: change.sequencer,
        }
      : { key: encodeS3EventKey(change.key), ...version, sequencer: change.sequencer };
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: change.time.toISOString(),
    eventName: change.eventName,
    userIdentity: { principalId: LOCAL_PRINCIPAL },
    requestParameters: { sourceIPAddress: change.sourceIp },
    responseElements: {
      'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-amz-id-2': randomBytes(48).toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: LOCAL_CONFIGURATION_ID,
      bucket: {
        name: change.bucket,
        ownerIdentity: { principalId: LOCAL_PRINCIPAL.slice(4) },
        arn: `arn:aws:s3:::${change.bucket}`,
      },
      object,
    },
  };
}

/**
 * The `s3:TestEvent` S3 sends when a bucket's notification configuration is written, journaled
 * as a record of that event name (no key) so it queues, retries and dead-letters like the others;
 * {@link toSqsBody} turns it into the message S3 sends.
 */
export function s3TestEventRecord(
  bucket: string,
  region: string,
  sequencer: string,
  time: Date,
): S3NotificationRecord {
  const change: ObservedChange = {
    eventName: 'ObjectCreated:Put',
    bucket,
    key: '',
    sequencer,
    sourceIp: '127.0.0.1',
    time,
  };
  return { ...toS3NotificationRecord(change, region), eventName: S3_TEST_EVENT };
}

export const S3_TEST_EVENT = 's3:TestEvent';

/** An SQS message body carrying one S3 notification record, as S3 → SQS sends it. */
export const toSqsBody = (record: S3NotificationRecord): string =>
  record.eventName === S3_TEST_EVENT
    ? JSON.stringify({
        Service: 'Amazon S3',
        Event: S3_TEST_EVENT,
        Time: record.eventTime,
        Bucket: record.s3.bucket.name,
        RequestId: record.responseElements['x-amz-request-id'],
        HostId: record.responseElements['x-amz-id-2'],
      })
    : JSON.stringify({ Records: [record] });

export const md5Hex = (text: string): string => createHash('md5').update(text).digest('hex');
