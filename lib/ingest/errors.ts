/**
 * Errors of the ingest use cases. Bad article input is never thrown: it becomes a rejected record.
 * Store failures are `TransientStoreError` / `StoreError` (`lib/ports/store-errors.ts`).
 */

/** An SQS message body that is not an S3 event notification. Retried, then dead-lettered for a human. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}
