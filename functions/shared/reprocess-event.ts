import * as z from '../../lib/validation/zod.js';

/** What the Distributed Map hands one invocation: a batch of keys of the raw bucket. */
export const reprocessEventSchema = z.object({
  keys: z.array(z.string().check(z.minLength(1))).check(z.maxLength(1000)),
});

export type ReprocessEvent = z.infer<typeof reprocessEventSchema>;

/** Keys reprocessed at once inside one invocation. */
export const WORKER_CONCURRENCY = 4;

export class ReprocessBatchError extends Error {
  override readonly name = 'ReprocessBatchError';
}
