/**
 * DynamoDB's capacity arithmetic, as AWS documents it, for the capacity bench and the model in
 * docs/operations.md. Sizes: attribute names and values in UTF-8, numbers about one byte per two
 * significant digits plus one, lists and maps three bytes plus one per element, null and
 * booleans one byte. A write costs one unit per KB of the item (rounded up), written again on
 * every index that projects it; an eventually consistent read costs half a unit per 4 KB.
 */

/** Per partition, whatever the table's mode (on demand or provisioned). */
export const PARTITION_WRITE_UNITS_PER_SECOND = 1_000;
export const PARTITION_READ_UNITS_PER_SECOND = 3_000;
/** Default on-demand table throughput quota (writes and reads, per table, raisable). */
export const TABLE_WRITE_UNITS_PER_SECOND = 40_000;

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Size of one attribute value as DynamoDB counts it. */
export function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number') {
    const digits = String(Math.abs(value))
      .replace(/[-.+e]/g, '')
      .replace(/^0+/, '').length;
    return Math.ceil(Math.max(1, digits) / 2) + 1;
  }
  if (value instanceof Set) return [...value].reduce<number>((sum, entry) => sum + valueSize(entry), 0);
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, entry) => sum + 1 + valueSize(entry), 0);
  if (typeof value === 'object') {
    return (
      3 +
      Object.entries(value).reduce<number>((sum, [name, entry]) => sum + 1 + utf8(name) + valueSize(entry), 0)
    );
  }
  return utf8(String(value));
}

/** Size of an item (document-client shape): names plus values. */
export const itemSize = (item: Readonly<Record<string, unknown>>): number =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);

export const writeUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));
/** Eventually consistent read units of items read together (one Query page). */
export const readUnits = (bytes: number): number => Math.max(1, Math.ceil(bytes / 4096)) / 2;

/** A small deterministic generator, so every run simulates the same year. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shards needed so that the hottest index partition is not the limit below the table's own
 * quota: at `articlesPerSecond`, each of `hotUnitsPerArticle` write units lands on one of `n`
 * partitions, kept under `headroom` of the per-partition ceiling; rounded up to a power of two.
 *
 * @example requiredShards(1_500, 3, 0.8) // 8 (1,500 × 3 / 800 = 5.6)
 */
export function requiredShards(
  articlesPerSecond: number,
  hotUnitsPerArticle: number,
  headroom: number,
): number {
  const exact = (articlesPerSecond * hotUnitsPerArticle) / (PARTITION_WRITE_UNITS_PER_SECOND * headroom);
  return 2 ** Math.ceil(Math.log2(Math.max(1, exact)));
}
