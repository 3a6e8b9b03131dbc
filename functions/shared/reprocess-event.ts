import * as z from 'zod';

/** What the Distributed Map hands one invocation: a batch of keys of the raw bucket. */
export const reprocessEventSchema = z.object({ keys: z.array(z.string().min(1)).max(1000) });

export type ReprocessEvent = z.infer<typeof reprocessEventSchema>;

/** Keys reprocessed at once inside one invocation. */
export const WORKER_CONCURRENCY = 4;

export class ReprocessBatchError extends Error {
  override readonly name = 'ReprocessBatchError';
}
