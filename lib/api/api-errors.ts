/**
 * Errors of the read API, each mapped to one HTTP status and error code in
 * `functions/shared/http-errors.ts` (the only place that knows about HTTP).
 */
export class InvalidParameterError extends Error {
  override readonly name = 'InvalidParameterError';
}

/** A cursor that was edited, truncated, signed with another key or issued for another query. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}
