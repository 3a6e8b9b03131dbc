/**
 * Shared shape of benchmark results. Each `tests/bench/<name>.bench.ts` exports
 * `bench(): Promise<BenchRow[]>`; `npm run bench` runs them all in one process, prints one table
 * and writes `bench-results/latest.json`. Speed is reported as ratios against a baseline run in
 * the same process (these machines are shared and noisy), never asserted in tests.
 */
export interface BenchRow {
  readonly suite: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** The same measurement of the baseline, in the same run, when there is one. */
  readonly baseline?: { readonly name: string; readonly value: number } | undefined;
  /** The target, stated as text ("≥ 20× Readability", "< 1 ms"). */
  readonly target?: string | undefined;
  /** Whether the target is met, when it can be decided from the numbers. */
  readonly met?: boolean | undefined;
}

/** Median of the durations (ms) of `runs` calls of `fn`, after `warmup` untimed calls. */
export async function medianMs(
  fn: () => unknown,
  runs: number,
  warmup = Math.min(20, runs),
): Promise<number> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}
