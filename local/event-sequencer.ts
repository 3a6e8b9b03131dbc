/**
 * S3's `sequencer`: upper-case hex, compared as strings of equal length, strictly increasing for
 * the events of one key. s3rver sends a millisecond timestamp (ties under load), so the local
 * runtime issues its own: milliseconds shifted left by 20 bits plus a counter, never below the
 * last one issued (also across restarts, when seeded with the highest one seen in DATA_DIR).
 */
export const SEQUENCER_LENGTH = 18;
const COUNTER_BITS = 20n;

export interface EventSequencer {
  /** A sequencer greater than every one issued (or seeded) before. */
  next(): string;
  /** The highest sequencer issued so far. */
  last(): string;
}

/**
 * @example
 * const sequencer = createEventSequencer(() => Date.now());
 * sequencer.next() < sequencer.next(); // true
 */
export function createEventSequencer(
  now: () => number = Date.now,
  seed: string | null = null,
): EventSequencer {
  let last = seed === null ? -1n : BigInt(`0x${seed}`);
  const format = (value: bigint): string => value.toString(16).toUpperCase().padStart(SEQUENCER_LENGTH, '0');
  return {
    next(): string {
      const candidate = BigInt(Math.floor(now())) << COUNTER_BITS;
      last = candidate > last ? candidate : last + 1n;
      return format(last);
    },
    last(): string {
      return format(last < 0n ? 0n : last);
    },
  };
}
