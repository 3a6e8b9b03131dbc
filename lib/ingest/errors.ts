/**
 * Errors of the ingest use cases. Anything thrown out of a use case fails that one SQS message
 * (a partial batch failure): SQS delivers it again and, after the queue's receive limit, moves it
 * to the dead-letter queue. Bad input is never thrown: it becomes a rejected record.
 */

/** A store (S3, DynamoDB) failed in a way that may pass: throttling, 5xx, timeout, network. */
export class TransientStoreError extends Error {
  override readonly name = 'TransientStoreError';
}

/** A store refused a request that retrying will not fix (validation, access denied): a bug or misconfiguration. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}

/** An SQS message body that is not an S3 event notification. Retried, then dead-lettered for a human. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}
