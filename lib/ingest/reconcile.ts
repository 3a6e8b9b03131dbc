import { articleId } from '../article/article-id.js';

/** A record as reconcile sees it: its id and the key it says it came from. */
export interface RecordSource {
  readonly id: string;
  readonly key: string;
}

/** A record as the table holds it: where its parsed content is (null: it has none, e.g. rejected). */
export interface StoredRecordSource extends RecordSource {
  readonly contentKey?: string | null;
}

/** The two sides to compare, as streams so that neither side is loaded at once. */
export interface ReconcileSources {
  /** Name of the raw bucket: record ids are derived from it. */
  readonly bucket: string;
  /** Keys of the current objects of the raw bucket. */
  readonly objectKeys: AsyncIterable<string>;
  /** Every article record of the table (tombstones excluded). */
  readonly records: AsyncIterable<StoredRecordSource>;
  /** Keys of the objects of the content store; when given, records whose content is gone are listed. */
  readonly contentKeys?: AsyncIterable<string>;
}

export interface ReconcileReport {
  readonly objectCount: number;
  readonly recordCount: number;
  /** Objects that were never ingested, or whose record was lost: reprocess them. */
  readonly objectsWithoutRecord: readonly RecordSource[];
  /** Records whose object is gone: their delete event was lost. */
  readonly recordsWithoutObject: readonly RecordSource[];
  /** Records whose content object is gone (`GET /articles/{id}/content` is a 404): reprocess them. */
  readonly recordsWithoutContent: readonly RecordSource[];
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

  let contents: Set<string> | null = null;
  if (sources.contentKeys !== undefined) {
    contents = new Set<string>();
    for await (const key of sources.contentKeys) contents.add(key);
  }

  const seen = new Set<string>();
  const recordsWithoutObject: RecordSource[] = [];
  const recordsWithoutContent: RecordSource[] = [];
  for await (const record of sources.records) {
    seen.add(record.id);
    const source = { id: record.id, key: record.key };
    if (!objects.has(record.id)) recordsWithoutObject.push(source);
    const contentKey = record.contentKey ?? null;
    if (contents !== null && contentKey !== null && !contents.has(contentKey))
      recordsWithoutContent.push(source);
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
    recordsWithoutContent: recordsWithoutContent.sort(byKey),
  };
}

/** True when bucket, table and content store agree. */
export const isReconciled = (report: ReconcileReport): boolean =>
  report.objectsWithoutRecord.length === 0 &&
  report.recordsWithoutObject.length === 0 &&
  report.recordsWithoutContent.length === 0;
