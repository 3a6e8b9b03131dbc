import type { ArticleRecord } from '../article/article-record.js';

/** Where the ordering of S3 events is decided: the version of an object a record reflects. */
export interface AppliedVersion {
  readonly sequencer: string | null;
  readonly versionId: string | null;
  readonly etag: string | null;
}

export interface SaveArticleInput {
  readonly record: ArticleRecord;
  /** Where the parsed content (blocks and text) is stored, e.g. an S3 key. */
  readonly contentKey: string | null;
  /** Normalized title for reference resolution (Arabic-normalized), or null. */
  readonly normalizedTitle: string | null;
  /** Normalized text of each `related` link with no URL, by link index. */
  readonly referenceKeys: ReadonlyMap<number, string>;
}

export type SaveOutcome = 'saved' | 'stale' | 'duplicate';
export type DeleteOutcome = 'deleted' | 'stale' | 'absent';

/** The write side of the article table: used by ingest. */
export interface ArticleRepository {
  /**
   * Writes the record and replaces its link items, unless an event with the same or a
   * newer sequencer was already applied (then `duplicate` or `stale`, nothing written).
   */
  saveArticle(input: SaveArticleInput): Promise<SaveOutcome>;
  /** Removes the record and its links; leaves a tombstone carrying the delete's sequencer. */
  deleteArticle(id: string, sequencer: string): Promise<DeleteOutcome>;
  /** The version currently applied for an id (record or tombstone), or null. */
  getAppliedVersion(id: string): Promise<AppliedVersion | null>;
}
