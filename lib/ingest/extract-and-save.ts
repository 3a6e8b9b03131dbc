import type { ArticleRecord, ExtractionResult } from '../article/article-record.js';
import { articleId, rejectedExtraction, tooLargeError } from '../article/index.js';
import type { AppliedState, SaveOutcome } from '../ports/article-repository.js';
import {
  pinsContent,
  type RawObjectHead,
  type RawObjectRead,
  type RawObjectVersion,
} from '../ports/raw-article-store.js';
import type { IngestDependencies } from './ingest-dependencies.js';
import { type IngestOutcome, outcome } from './ingest-outcome.js';
import {
  announceTitle,
  referenceKeysOf,
  resolveOwnReferences,
  titleKeyOf,
  withdrawTitle,
} from './resolve-references.js';

/** A generic binary type says nothing about the article: let the extractor sniff the bytes. */
const UNINFORMATIVE_TYPES: ReadonlySet<string> = new Set(['application/octet-stream', 'binary/octet-stream']);

export interface ExtractAndSaveInput {
  readonly bucket: string;
  readonly key: string;
  /** The object as read: its head (version, ETag, size, metadata) and bytes (null: too large). */
  readonly object: RawObjectRead;
  /** The sequencer the record will carry. */
  readonly sequencer: string | null;
  /** Reprocessing: replace a record with this same sequencer. */
  readonly replaceSameSequencer: boolean;
  /** The applied state the caller read, and ordered this save against (`SaveArticleInput.previous`). */
  readonly previous: AppliedState;
  /** The object already extracted (`extractObject`), so the caller could read state and titles together. */
  readonly extracted?: ExtractedObject;
  /** Title registry entries read with the applied state (`AppliedState.registeredTitles`). */
  readonly registeredTitles?: ReadonlyMap<string, string>;
}

/** An object's extraction, with what ingest needs to know before saving it. */
export interface ExtractedObject {
  readonly extraction: ExtractionResult;
  /** Bytes downloaded (0 when the object was over the limit). */
  readonly bytes: number;
  /** The matching key of each URL-less reference, by link index. */
  readonly referenceKeys: ReadonlyMap<number, string>;
}

export type SaveResult =
  | { readonly saved: true; readonly outcome: IngestOutcome }
  | {
      readonly saved: false;
      readonly outcome: IngestOutcome;
      readonly reason: Exclude<SaveOutcome, 'saved'> | 'superseded';
    };

/**
 * Reads one exact object version for extraction, in one request: GetObject, the size limit
 * decided from its headers before the body is read. When the event already says the object is
 * over the limit, HeadObject alone: a too-large body is never requested at all.
 * Null: the object (or that version) is gone, or was overwritten since.
 */
export async function readRawObject(
  deps: IngestDependencies,
  key: string,
  version: RawObjectVersion,
  knownSize: number | null,
): Promise<RawObjectRead | null> {
  if (knownSize !== null && knownSize > deps.maxBytes) {
    const head = await deps.rawStore.head(key, version.versionId);
    if (head === null) return null;
    if (!pinsContent(version.versionId) && version.etag !== null && head.etag !== version.etag) return null;
    if (head.size > deps.maxBytes) return { head, bytes: null };
  }
  return deps.rawStore.read(key, version, deps.maxBytes);
}

/**
 * Extracts an object as read (see `readRawObject`). An object over the size limit, whose bytes
 * were left unread, is rejected from its size, its ETag standing in for the content hash.
 */
export function extractObject(deps: IngestDependencies, key: string, object: RawObjectRead): ExtractedObject {
  const { head, bytes: body } = object;
  const extraction =
    body === null
      ? rejectedExtraction(tooLargeError(head.size, deps.maxBytes), {
          contentHash: `etag:${head.etag ?? ''}`,
          format: null,
          encoding: null,
        })
      : extract(deps, body, key, head);
  return {
    extraction,
    bytes: body?.length ?? 0,
    referenceKeys: referenceKeysOf(extraction.record.links),
  };
}

/**
 * Extracts an object as read (unless the caller did) and saves record, links and content.
 * Shared by event ingest and reprocessing, which differ only in the sequencer rule.
 */
export async function extractAndSave(
  deps: IngestDependencies,
  input: ExtractAndSaveInput,
): Promise<SaveResult> {
  const id = articleId(input.bucket, input.key);
  const { head } = input.object;
  const { extraction, bytes, referenceKeys } =
    input.extracted ?? extractObject(deps, input.key, input.object);
  const links = await resolveOwnReferences(
    deps.repository,
    id,
    extraction.record.links,
    referenceKeys,
    input.registeredTitles,
  );
  const record: ArticleRecord = {
    id,
    ...extraction.record,
    links,
    source: {
      bucket: input.bucket,
      key: input.key,
      size: head.size,
      contentType: head.contentType,
      etag: head.etag,
      versionId: head.versionId,
      sequencer: input.sequencer,
    },
    processedAt: deps.now().toISOString(),
  };
  const titleKey = titleKeyOf(record);
  const previousTitleKey = input.previous.article?.normalizedTitle ?? null;
  // Content first, under a key of this write's own: a record that is visible always has its
  // content, and no other event's removal can reach it.
  const contentKey = await deps.contentStore.put(id, extraction.content);
  const { outcome: saved, replacedContentKey } = await deps.repository.saveArticle({
    record,
    contentKey,
    normalizedTitle: titleKey,
    referenceKeys,
    replaceSameSequencer: input.replaceSameSequencer,
    previous: input.previous,
    // An unchanged title is registered already (or by another article with it: equally valid);
    // reprocessing registers anyway, which backfills tables written before the registry existed.
    registerTitle: titleKey !== null && (titleKey !== previousTitleKey || input.replaceSameSequencer),
  });
  if (saved !== 'saved') {
    // No record points at this write's content: it is ours alone to remove.
    await deps.contentStore.delete(contentKey);
    const kind = saved === 'duplicate' ? 'duplicate' : 'stale';
    return { saved: false, reason: saved, outcome: outcome(kind, id, { bytes }) };
  }

  // The commit returned the record it replaced: no record points at that content any more.
  if (replacedContentKey !== null && replacedContentKey !== contentKey) {
    await deps.contentStore.delete(replacedContentKey);
  }
  if (previousTitleKey !== null && previousTitleKey !== titleKey) {
    await withdrawTitle(deps.repository, id, previousTitleKey);
  }
  if (titleKey !== null) await announceTitle(deps.repository, id, titleKey);
  const errorCode = record.error?.code ?? null;
  return { saved: true, outcome: outcome(record.status, id, { errorCode, bytes }) };
}

/** The extractor never throws (it rejects with `EXTRACTION_FAILED` instead): no catch here. */
function extract(
  deps: IngestDependencies,
  bytes: Uint8Array,
  key: string,
  head: RawObjectHead,
): ExtractionResult {
  const { contentType, sourceUrl } = head;
  return deps.extract(bytes, {
    contentType: contentType === null || UNINFORMATIVE_TYPES.has(contentType) ? undefined : contentType,
    fileName: key,
    sourceUrl: sourceUrl ?? undefined,
    maxBytes: deps.maxBytes,
  });
}
