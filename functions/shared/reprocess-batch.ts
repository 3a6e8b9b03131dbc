import type { IngestDependencies } from '../../lib/ingest/ingest-dependencies.js';
import type { IngestOutcome, IngestOutcomeKind } from '../../lib/ingest/ingest-outcome.js';
import { reprocessObject } from '../../lib/ingest/reprocess.js';

export interface ReprocessFailure {
  readonly key: string;
  readonly message: string;
}

export interface ReprocessTally {
  readonly outcomes: Readonly<Partial<Record<IngestOutcomeKind, number>>>;
  readonly failures: readonly ReprocessFailure[];
}

export interface ReprocessBatchOptions {
  /** Keys in flight at once: bounds the load on the table and the bucket. */
  readonly concurrency: number;
  /** Called after each key, success or failure (progress bars). */
  readonly onKeyDone?: (key: string) => void;
  /** Runs around each key's work (the worker's X-Ray subsegment per article). */
  readonly around?: <T>(key: string, work: () => Promise<T>) => Promise<T>;
}

/**
 * Reprocesses keys of the raw bucket with bounded concurrency, collecting outcomes; a key that
 * throws is recorded as a failure and does not stop the others. Shared by the Step Functions
 * worker and the local `reprocess` command so both do exactly the same per key.
 *
 * @example await reprocessKeys(deps, ['2017/05/seed.txt'], { concurrency: 4 }) // { outcomes: { processed: 1 }, failures: [] }
 */
export async function reprocessKeys(
  deps: IngestDependencies,
  keys: AsyncIterable<string> | Iterable<string>,
  options: ReprocessBatchOptions,
): Promise<ReprocessTally> {
  const outcomes: Partial<Record<IngestOutcomeKind, number>> = {};
  const failures: ReprocessFailure[] = [];
  const inFlight = new Set<Promise<void>>();
  const one = async (key: string): Promise<void> => {
    try {
      const work = (): Promise<IngestOutcome> => reprocessObject(deps, { bucket: deps.rawBucket, key });
      const result = await (options.around?.(key, work) ?? work());
      outcomes[result.kind] = (outcomes[result.kind] ?? 0) + 1;
    } catch (error: unknown) {
      failures.push({ key, message: error instanceof Error ? error.message : String(error) });
    } finally {
      options.onKeyDone?.(key);
    }
  };
  for await (const key of keys) {
    const task = one(key).finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= Math.max(1, options.concurrency)) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { outcomes, failures };
}
