/**
 * Errors every store adapter raises in place of its SDK's exceptions. Thrown out of a use case,
 * either fails that one SQS message (a partial batch failure): SQS delivers it again and, after
 * the queue's receive limit, moves it to the dead-letter queue.
 */

/** A store (S3, DynamoDB) failed in a way that may pass: throttling, 5xx, timeout, network. */
export class TransientStoreError extends Error {
  override readonly name = 'TransientStoreError';
}

/** A store refused a request that retrying will not fix (validation, access denied): a bug or misconfiguration. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
}
