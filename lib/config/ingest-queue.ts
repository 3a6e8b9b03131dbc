/**
 * Deliveries before an ingest message is parked in the dead-letter queue (SQS `maxReceiveCount`),
 * shared by the template and the local runtime's queue so the two cannot drift. Bad input never
 * throws (it is recorded as rejected), so only transient faults (throttling, timeouts, 5xx) retry:
 * five attempts spread over half an hour ride those out, while a message that fails five times is
 * a real fault that a person should look at. A record the ingest handler defers for lack of time
 * (too little of its invocation left to start it) also spends one.
 */
export const MAX_RECEIVE_COUNT = 5;

/**
 * The ingest function's timeout, in seconds: the template's, and the local runtime's, which stops
 * waiting for an invocation that runs past it as Lambda ends it. Why 60 s: infra/constructs/ingest-pipeline.ts.
 */
export const INGEST_TIMEOUT_SECONDS = 60;
/** How long one batch may wait to fill before the function is invoked, in seconds. */
export const INGEST_BATCHING_WINDOW_SECONDS = 5;
/**
 * The events queue's visibility timeout, in seconds: AWS's rule for SQS-triggered functions, at
 * least six times the function timeout plus the batching window. A message whose invocation
 * timed out becomes visible again, and is redelivered, after it.
 */
export const INGEST_VISIBILITY_TIMEOUT_SECONDS = 6 * INGEST_TIMEOUT_SECONDS + INGEST_BATCHING_WINDOW_SECONDS;
