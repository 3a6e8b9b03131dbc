import { articleId } from '../article/article-id.js';

/** A record as reconcile sees it: its id and the key it says it came from. */
export interface RecordSource {
  readonly id: string;
  readonly key: string;
}

/** The two sides to compare, as streams so that neither side is loaded at once. */
export interface ReconcileSources {
  /** Name of the raw bucket: record ids are derived from it. */
  readonly bucket: string;
  /** Keys of the current objects of the raw bucket. */
  readonly objectKeys: AsyncIterable<string>;
  /** Every article record of the table (tombstones excluded). */
  readonly records: AsyncIterable<RecordSource>;
}

export interface ReconcileReport {
  readonly objectCount: number;
  readonly recordCount: number;
  /** Objects that were never ingested, or whose record was lost: reprocess them. */
  readonly objectsWithoutRecord: readonly RecordSource[];
  /** Records whose object is gone: their delete event was lost. */
  readonly recordsWithoutObject: readonly RecordSource[];
}

/**
 * Compares the raw bucket and the article table by record id (`articleId(bucket, key)`), the same
 * id ingest writes, so a key and its record always meet. Ids are kept in a map (about 100 bytes an
 * object): a million objects fit in memory comfortably, which a full table comparison needs anyway.
 *
 * @example
 * const report = await reconcile({ bucket: 'articles-raw', objectKeys: keys(), records: records() });
 * report.objectsWithoutRecord.length === 0 && report.recordsWithoutObject.length === 0; // in sync
 */
export async function reconcile(sources: ReconcileSources): Promise<ReconcileReport> {
  const objects = new Map<string, string>();
  for await (const key of sources.objectKeys) objects.set(articleId(sources.bucket, key), key);

  const seen = new Set<string>();
  const recordsWithoutObject: RecordSource[] = [];
  for await (const record of sources.records) {
    seen.add(record.id);
    if (!objects.has(record.id)) recordsWithoutObject.push(record);
  }
  const objectsWithoutRecord: RecordSource[] = [];
  for (const [id, key] of objects) {
    if (!seen.has(id)) objectsWithoutRecord.push({ id, key });
  }
  const byKey = (a: RecordSource, b: RecordSource): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  return {
    objectCount: objects.size,
    recordCount: seen.size,
    objectsWithoutRecord: objectsWithoutRecord.sort(byKey),
    recordsWithoutObject: recordsWithoutObject.sort(byKey),
  };
}

/** True when bucket and table agree. */
export const isReconciled = (report: ReconcileReport): boolean =>
  report.objectsWithoutRecord.length === 0 && report.recordsWithoutObject.length === 0;
