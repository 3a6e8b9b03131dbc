/**
 * Deliveries before an ingest message is parked in the dead-letter queue (SQS `maxReceiveCount`),
 * shared by the template and the local runtime's queue so the two cannot drift. Bad input never
 * throws (it is recorded as rejected), so only transient faults (throttling, timeouts, 5xx) retry:
 * five attempts spread over half an hour ride those out, while a message that fails five times is
 * a real fault that a person should look at. A record the ingest handler defers for lack of time
 * (too little of its invocation left to start it) also spends one.
 */
export const MAX_RECEIVE_COUNT = 5;
