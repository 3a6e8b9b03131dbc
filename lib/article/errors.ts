import type { RecordError, RejectionCode } from './article-record.js';

/** Base of the errors the extraction core raises for input it cannot turn into an article. */
export abstract class ArticleInputError extends Error {
  abstract readonly code: RejectionCode;
}

/** No bytes, or nothing but white space. */
export class EmptyInputError extends ArticleInputError {
  readonly code = 'EMPTY';
  override readonly name = 'EmptyInputError';
}

/** Larger than the configured limit. */
export class TooLargeError extends ArticleInputError {
  readonly code = 'TOO_LARGE';
  override readonly name = 'TooLargeError';
}

/** Binary data (a known file signature) or text full of control characters. */
export class UnsupportedFormatError extends ArticleInputError {
  readonly code = 'UNSUPPORTED_FORMAT';
  override readonly name = 'UnsupportedFormatError';
}

/** Parsed, but no article text was found. */
export class NoContentError extends ArticleInputError {
  readonly code = 'NO_CONTENT';
  override readonly name = 'NoContentError';
}

/**
 * The one place where anything thrown during extraction becomes a rejection code: input errors
 * keep their own code, anything else is a bug in the extractor (`EXTRACTION_FAILED`).
 *
 * @example
 * ```ts
 * toRecordError(new NoContentError('no article text')); // { code: 'NO_CONTENT', message: 'no article text' }
 * toRecordError(new TypeError('x is undefined')).code;   // 'EXTRACTION_FAILED'
 * ```
 */
export function toRecordError(error: unknown): RecordError {
  if (error instanceof ArticleInputError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'EXTRACTION_FAILED', message: `the extractor failed: ${message}` };
}
