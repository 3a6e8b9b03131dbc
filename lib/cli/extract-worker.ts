import { parentPort } from 'node:worker_threads';
import { type ExtractJob, extractFileOutcome, type FileOutcome, type PrintOptions } from './extract-file.js';

/**
 * A worker thread of `extract`'s pool: extracts the files it is sent, one at a time, and posts
 * back each file's printed text with the index it was sent with (the pool restores input order).
 */

export interface WorkerRequest {
  readonly index: number;
  readonly job: ExtractJob;
  readonly print: PrintOptions;
}

export type WorkerReply =
  | { readonly index: number; readonly outcome: FileOutcome }
  | { readonly index: number; readonly failure: string };

const port = parentPort;
if (port === null) throw new Error('extract-worker runs as a worker thread only');

port.on('message', (request: WorkerRequest) => {
  extractFileOutcome(request.job, request.print).then(
    (outcome) => port.postMessage({ index: request.index, outcome } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({
        index: request.index,
        failure: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerReply),
  );
});
