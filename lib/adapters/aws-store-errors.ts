import { StoreError, TransientStoreError } from '../ports/store-errors.js';

const TRANSIENT_NAMES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'SlowDown',
  'InternalServerError',
  'InternalError',
  'ServiceUnavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

const field = (value: unknown, name: string): unknown =>
  typeof value === 'object' && value !== null && name in value ? Reflect.get(value, name) : undefined;

/** The HTTP status of an AWS SDK v3 error, if it reached the service. */
export function httpStatusOf(error: unknown): number | null {
  const status = field(field(error, '$metadata'), 'httpStatusCode');
  return typeof status === 'number' ? status : null;
}

/** The error's name (`NoSuchKey`, `ConditionalCheckFailedException`…), or ''. */
export function errorName(error: unknown): string {
  const name = field(error, 'name');
  return typeof name === 'string' ? name : '';
}

/**
 * Turns an AWS SDK error into a domain error: throttling, 5xx, timeouts and network failures
 * are transient (SQS retries the message); anything else is a `StoreError`.
 *
 * @example throw toStoreError(error, 'PutItem articles')
 */
export function toStoreError(error: unknown, operation: string): Error {
  const status = httpStatusOf(error);
  const name = errorName(error);
  const code = field(error, 'code');
  const retryable = field(error, '$retryable') !== undefined;
  const message = `${operation} failed: ${name || 'error'} ${error instanceof Error ? error.message : String(error)}`;
  if (
    retryable ||
    (status !== null && (status >= 500 || status === 429)) ||
    TRANSIENT_NAMES.has(name) ||
    (typeof code === 'string' && TRANSIENT_CODES.has(code))
  ) {
    return new TransientStoreError(message, { cause: error });
  }
  return new StoreError(message, { cause: error });
}
