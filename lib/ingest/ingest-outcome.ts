import type { RejectionCode } from '../article/article-record.js';

/**
 * What applying one S3 event did. Every kind is a success for the queue (the message is done);
 * failures are thrown instead.
 * - `processed` / `rejected`: a record was written (rejected: bad input, with `errorCode`);
 * - `superseded`: the object changed or vanished before it was read; the newer event follows;
 * - `stale`: a newer event (or delete) was already applied; `duplicate`: this one was;
 * - `deleted`: the record, links and content are gone (a tombstone remains);
 * - `ignored`: nothing to do (a test event, another bucket, a noncurrent version, tagging…).
 */
export type IngestOutcomeKind =
  | 'processed'
  | 'rejected'
  | 'superseded'
  | 'stale'
  | 'duplicate'
  | 'deleted'
  | 'ignored';

export interface IngestOutcome {
  readonly kind: IngestOutcomeKind;
  readonly articleId: string;
  readonly errorCode: RejectionCode | null;
  /** Bytes downloaded (0 when the body was never read). */
  readonly bytes: number;
}

export const outcome = (
  kind: IngestOutcomeKind,
  articleId: string,
  extra: { readonly errorCode?: RejectionCode | null; readonly bytes?: number } = {},
): IngestOutcome => ({ kind, articleId, errorCode: extra.errorCode ?? null, bytes: extra.bytes ?? 0 });
