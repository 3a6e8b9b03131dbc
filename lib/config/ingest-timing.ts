/**
 * Least time left in an ingest invocation for a record to be started, shared by the handler (which
 * enforces it) and the stack (whose timeout is reasoned from it). The heaviest article (`MAX_LINKS`
 * links: about 10 s of link writes in AWS, 18.5 s measured against the emulators on a loaded 2-core
 * machine) finishes within it; one started with less could be cut off by the timeout after its links
 * and before its record, and take the whole batch down with it.
 */
export const MIN_TIME_TO_START_MS = 25_000;
