import type { ArticleRecord } from '../article/article-record.js';

/** The version of an object a record reflects: where the ordering of S3 events is decided. */
export interface AppliedVersion {
  readonly sequencer: string | null;
  readonly versionId: string | null;
  readonly etag: string | null;
  readonly normalizedTitle: string | null;
}

/** What the table holds for an id: the record's version, and the tombstone of a delete. */
export interface AppliedState {
  readonly article: AppliedVersion | null;
  readonly tombstone: { readonly sequencer: string | null } | null;
  /**
   * Title registry entries read in the same request, when titles were asked for: normalized
   * title → registered article id. Unconfirmed: pass them to `findArticlesByTitles`.
   */
  readonly registeredTitles: ReadonlyMap<string, string>;
}

export interface SaveArticleInput {
  readonly record: ArticleRecord;
  /** Where the parsed content (blocks and text) is stored, e.g. an S3 key. */
  readonly contentKey: string | null;
  /** Normalized title for reference resolution, or null. */
  readonly normalizedTitle: string | null;
  /** Normalized title each URL-less `related` link refers to, by link index. */
  readonly referenceKeys: ReadonlyMap<number, string>;
  /** Reprocessing: overwrite a record with the same sequencer (never a newer one). */
  readonly replaceSameSequencer: boolean;
  /**
   * The applied state the caller read just before (`getAppliedState`) and ordered this save
   * against: the commit condition alone decides from here. No article item at all (no record, no
   * tombstone) means no older version's link items can exist, so an event's save looks for none;
   * link items of an attempt that never committed are removed by that event's own retry
   * (`deleteLinksOf`), which then finds itself stale or superseded. Reprocessing
   * (`replaceSameSequencer`) always looks: it repairs keys whose events may never retry.
   */
  readonly previous: AppliedState;
  /**
   * Write the title registry entry (`normalizedTitle` → this article) with the link items, before
   * the commit: a committed titled article is always registered. Lookups confirm each hit.
   */
  readonly registerTitle?: boolean;
}

/**
 * `saved`; `duplicate` (this sequencer is applied); `stale` (a newer one is, or a newer delete);
 * `conflict`: a newer event was committed while this one wrote its link items, which may now be
 * mixed; the caller repairs them by re-extracting the current object.
 */
export type SaveOutcome = 'saved' | 'stale' | 'duplicate' | 'conflict';

export interface SaveArticleResult {
  readonly outcome: SaveOutcome;
  /**
   * `saved`: the content key of the record this save replaced (returned by the commit itself, so
   * exactly one writer learns it), or null. The caller removes that content once it differs from
   * its own.
   */
  readonly replacedContentKey: string | null;
}

export interface DeleteResult {
  /** `absent`: no record existed (the tombstone is written all the same). */
  readonly outcome: 'deleted' | 'absent' | 'stale' | 'duplicate';
  /** The removed record's normalized title, to withdraw references resolved to it. */
  readonly normalizedTitle: string | null;
  /** The removed record's content key (returned by the tombstone's write itself), or null. */
  readonly contentKey: string | null;
}

/** A URL-less reference (a link item) to a normalized title. */
export interface ReferenceLink {
  readonly articleId: string;
  readonly index: number;
  readonly targetArticleId: string | null;
}

/** The write side of the article table: used by ingest. */
export interface ArticleRepository {
  /** The applied state of `id`, and the registry entries of `titleKeys` in the same round trip. */
  getAppliedState(id: string, titleKeys?: readonly string[]): Promise<AppliedState>;
  /**
   * Replaces the record and its link items, unless an event with the same or a newer sequencer
   * (or a newer delete) was applied. Stale link items are gone before the new record is visible.
   */
  saveArticle(input: SaveArticleInput): Promise<SaveArticleResult>;
  /**
   * Deletes the link items of `id` written by the event with this sequencer: what an attempt of
   * it that failed before its commit left behind. Returns how many there were.
   */
  deleteLinksOf(id: string, sequencer: string | null): Promise<number>;
  /** Removes the record and its links, leaving a tombstone carrying the delete's sequencer. */
  deleteArticle(id: string, sequencer: string | null): Promise<DeleteResult>;
  /** The id of a stored article with that normalized title, or null. */
  findArticleByTitle(normalizedTitle: string): Promise<string | null>;
  /**
   * For many normalized titles at once: title → id of a stored article carrying it (misses left
   * out). `registered`: the registry entries already read (by `getAppliedState`), not read again.
   */
  findArticlesByTitles(
    normalizedTitles: readonly string[],
    registered?: ReadonlyMap<string, string>,
  ): Promise<ReadonlyMap<string, string>>;
  /** The article no longer carries `normalizedTitle`: another one that does takes its place, if any. */
  unregisterTitle(normalizedTitle: string, articleId: string): Promise<void>;
  /** URL-less references to that normalized title, from any article. */
  findReferences(normalizedTitle: string): Promise<readonly ReferenceLink[]>;
  /** Points a reference at an article (or at none); false when the link item changed meanwhile. */
  setReferenceTarget(
    reference: ReferenceLink,
    normalizedTitle: string,
    targetArticleId: string | null,
  ): Promise<boolean>;
}
