import * as z from '../validation/zod.js';
import { InvalidEventError } from './errors.js';

/**
 * The SQS message bodies the ingest function receives: S3 event notifications, or the one-off
 * `s3:TestEvent` S3 sends when a notification is configured. Only the fields ingest uses are
 * required; Powertools' full `S3Schema` would also reject events with fields we never read (an
 * IPv6 source address, an emulator's placeholders), so this schema is deliberately narrower.
 */
const s3ObjectSchema = z.object({
  key: z.string().check(z.minLength(1)),
  size: z.optional(z.number().check(z.int(), z.nonnegative())),
  eTag: z.optional(z.string()),
  versionId: z.optional(z.string()),
  sequencer: z.optional(z.string()),
});

const s3RecordSchema = z.object({
  eventName: z.string(),
  s3: z.object({
    bucket: z.object({ name: z.string().check(z.minLength(1)) }),
    object: s3ObjectSchema,
  }),
});

const notificationSchema = z.object({ Records: z.array(s3RecordSchema).check(z.minLength(1)) });
const testEventSchema = z.object({ Event: z.literal('s3:TestEvent') });

export type S3EventAction = 'create' | 'delete' | 'ignore';

/** One object event, key decoded, ready for the use cases. */
export interface S3ObjectEvent {
  readonly action: S3EventAction;
  readonly eventName: string;
  readonly bucket: string;
  readonly key: string;
  readonly size: number | null;
  /** Unquoted, as S3 events carry it. */
  readonly etag: string | null;
  /**
   * As S3 sends it: absent in an unversioned bucket, else the version created or removed (the
   * delete marker's on `DeleteMarkerCreated`), `"null"` naming the null version.
   */
  readonly versionId: string | null;
  readonly sequencer: string | null;
}

export type S3EventMessage =
  | { readonly kind: 'test' }
  | { readonly kind: 'events'; readonly events: readonly S3ObjectEvent[] };

const DELETE_EVENTS: ReadonlySet<string> = new Set([
  'ObjectRemoved:Delete',
  'ObjectRemoved:DeleteMarkerCreated',
  'LifecycleExpiration:Delete',
  'LifecycleExpiration:DeleteMarkerCreated',
]);

/**
 * What an S3 event name means for the record: creates and overwrites, deletions of the key, or
 * something ingest does not act on (tagging, restores, ACL changes…).
 *
 * @example eventAction('ObjectCreated:Put') // 'create'
 */
export function eventAction(eventName: string): S3EventAction {
  if (eventName.startsWith('ObjectCreated:')) return 'create';
  if (DELETE_EVENTS.has(eventName)) return 'delete';
  return 'ignore';
}

/**
 * Decodes an S3 event key: URL-encoded, with `+` for spaces. The only place keys are decoded.
 *
 * @example decodeS3Key('2017/05/my+article+%28%D8%B9%29.txt') // '2017/05/my article (ع).txt'
 */
export function decodeS3Key(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch (error: unknown) {
    throw new InvalidEventError(`object key is not URL-encoded: ${key}`, { cause: error });
  }
}

/**
 * Parses an SQS message body into the S3 object events it carries.
 *
 * @example parseS3EventMessage('{"Event":"s3:TestEvent"}') // { kind: 'test' }
 */
export function parseS3EventMessage(body: string): S3EventMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error: unknown) {
    throw new InvalidEventError('message body is not JSON', { cause: error });
  }
  if (testEventSchema.safeParse(json).success) return { kind: 'test' };
  const parsed = notificationSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidEventError(`message body is not an S3 event notification: ${parsed.error.message}`);
  }
  const events = parsed.data.Records.map((record): S3ObjectEvent => {
    const object = record.s3.object;
    return {
      action: eventAction(record.eventName),
      eventName: record.eventName,
      bucket: record.s3.bucket.name,
      key: decodeS3Key(object.key),
      size: object.size ?? null,
      etag: object.eTag ?? null,
      // "null" is kept: it names the null version (an object from before versioning was enabled,
      // or written while it was suspended), and `ObjectRemoved:Delete` of it removes that version
      // only, which is not a delete of the key.
      versionId: object.versionId ?? null,
      sequencer: object.sequencer ?? null,
    };
  });
  return { kind: 'events', events };
}
