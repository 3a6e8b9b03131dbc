import { setImmediate } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { type ExtractJob, extractFileOutcome, type FileOutcome, type PrintOptions } from './extract-file.js';
import type { WorkerReply, WorkerRequest } from './extract-worker.js';

/** Files queued on one worker: the next is already there when it finishes one. */
const QUEUED_PER_WORKER = 2;
/** Results held back waiting for an earlier, slower file, per worker: bounds memory. */
const AHEAD_PER_WORKER = 16;

/**
 * Extracts files on `size` worker threads and on this thread, and hands each outcome to `emit` in
 * input order, though files finish out of order. This thread takes a file whenever every worker
 * has its queue full, so it works while the workers start (each loads the extractor and its
 * language model). Jobs are pulled lazily, so a folder
 * walk or a manifest streams.
 *
 * @example
 * await extractInPool(jobs, { pretty: false, withContent: false }, workerUrl, 1, async (outcome) => {
 *   process.stdout.write(outcome.stdout);
 * });
 */
export async function extractInPool(
  jobs: AsyncIterable<ExtractJob>,
  print: PrintOptions,
  workerUrl: URL,
  size: number,
  emit: (outcome: FileOutcome) => Promise<void>,
): Promise<void> {
  const results = new Map<number, FileOutcome>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(workerUrl);
    const slot = { worker, queued: 0 };
    worker.on('message', (reply: WorkerReply) => {
      slot.queued -= 1;
      if ('failure' in reply) failure ??= new Error(reply.failure);
      else results.set(reply.index, reply.outcome);
      notify();
    });
    worker.on('error', (error: Error) => {
      failure ??= error;
      notify();
    });
    worker.on('exit', (code) => {
      failure ??= new Error(`extract worker exited with code ${code}`);
      notify();
    });
    return slot;
  });
  const iterator = jobs[Symbol.asyncIterator]();
  let sent = 0;
  let emitted = 0;
  let exhausted = false;
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      while (!exhausted && sent - emitted < AHEAD_PER_WORKER * size) {
        const slot = workers.reduce((a, b) => (b.queued < a.queued ? b : a));
        if (slot.queued >= QUEUED_PER_WORKER) break;
        const next = await iterator.next();
        if (next.done === true) {
          exhausted = true;
          break;
        }
        slot.worker.postMessage({ index: sent, job: next.value, print } satisfies WorkerRequest);
        slot.queued += 1;
        sent += 1;
      }
      for (let outcome = results.get(emitted); outcome !== undefined; outcome = results.get(emitted)) {
        results.delete(emitted);
        emitted += 1;
        await emit(outcome);
      }
      if (exhausted && emitted === sent) return;
      if (!exhausted && sent - emitted < AHEAD_PER_WORKER * size) {
        // Replies are events, handled only when this thread yields: a worker with room left gets
        // the next file before this thread takes one.
        await setImmediate();
        if (failure !== undefined || results.has(emitted)) continue;
        if (workers.some((slot) => slot.queued < QUEUED_PER_WORKER)) continue;
        const next = await iterator.next();
        if (next.done === true) exhausted = true;
        else {
          results.set(sent, await extractFileOutcome(next.value, print));
          sent += 1;
        }
        continue;
      }
      // No await between the checks above and here, so no reply can slip by unnoticed.
      if (failure === undefined && !results.has(emitted))
        await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    for (const { worker } of workers) {
      worker.removeAllListeners('exit');
      void worker.terminate();
    }
  }
}
