import { createHash } from 'node:crypto';
import type { ArticleRecord, ExtractionResult } from '../article/article-record.js';
import { toRecordError } from '../article/errors.js';
import { articleId, checkSize, rejectedFields } from '../article/index.js';
import type { SaveOutcome } from '../ports/article-repository.js';
import type { RawObjectHead } from '../ports/raw-article-store.js';
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
  /** The object as read (version, ETag, size, metadata). */
  readonly head: RawObjectHead;
  /** The sequencer the record will carry. */
  readonly sequencer: string | null;
  /** Reprocessing: replace a record with this same sequencer. */
  readonly replaceSameSequencer: boolean;
  /** The title key the stored record had, to withdraw references when it changes. */
  readonly previousTitleKey: string | null;
}

export type SaveResult =
  | { readonly saved: true; readonly outcome: IngestOutcome }
  | {
      readonly saved: false;
      readonly outcome: IngestOutcome;
      readonly reason: Exclude<SaveOutcome, 'saved'> | 'superseded';
    };

/**
 * Reads exactly the object version `head` describes, extracts it and saves record, links and
 * content. Shared by event ingest and reprocessing, which differ only in the sequencer rule.
 * The size limit is decided from the HEAD, before any download.
 */
export async function extractAndSave(
  deps: IngestDependencies,
  input: ExtractAndSaveInput,
): Promise<SaveResult> {
  const id = articleId(input.bucket, input.key);
  const { head } = input;
  let extraction: ExtractionResult;
  let bytes = 0;
  const tooLarge = checkSize(head.size, deps.maxBytes);
  if (tooLarge !== null) {
    extraction = {
      record: rejectedFields(tooLarge, {
        contentHash: `etag:${head.etag ?? ''}`,
        format: null,
        encoding: null,
      }),
      content: { blocks: [], text: '' },
    };
  } else {
    const body = await deps.rawStore.get(input.key, { versionId: head.versionId, etag: head.etag });
    if (body === null) return { saved: false, reason: 'superseded', outcome: outcome('superseded', id) };
    bytes = body.bytes.length;
    extraction = safeExtract(deps, body.bytes, input);
  }

  const referenceKeys = referenceKeysOf(extraction.record.links);
  const links = await resolveOwnReferences(deps.repository, id, extraction.record.links, referenceKeys);
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
  // Content first: a record that is visible always has its content.
  const contentKey = await deps.contentStore.put(id, extraction.content);
  const saved = await deps.repository.saveArticle({
    record,
    contentKey,
    normalizedTitle: titleKey,
    referenceKeys,
    replaceSameSequencer: input.replaceSameSequencer,
    // Both callers read the applied state just before: one round trip fewer per article.
    prechecked: true,
    // An unchanged title is registered already (or by another article with it: equally valid);
    // reprocessing registers anyway, which backfills tables written before the registry existed.
    registerTitle: titleKey !== null && (titleKey !== input.previousTitleKey || input.replaceSameSequencer),
  });
  if (saved !== 'saved') {
    const kind = saved === 'duplicate' ? 'duplicate' : 'stale';
    return { saved: false, reason: saved, outcome: outcome(kind, id, { bytes }) };
  }

  if (input.previousTitleKey !== null && input.previousTitleKey !== titleKey) {
    await withdrawTitle(deps.repository, id, input.previousTitleKey);
  }
  if (titleKey !== null) await announceTitle(deps.repository, id, titleKey);
  const errorCode = record.error?.code ?? null;
  return { saved: true, outcome: outcome(record.status, id, { errorCode, bytes }) };
}

/** The extractor never throws by contract; if it does anyway, that is `EXTRACTION_FAILED`, not a retry. */
function safeExtract(
  deps: IngestDependencies,
  bytes: Uint8Array,
  input: ExtractAndSaveInput,
): ExtractionResult {
  const contentType = input.head.contentType;
  try {
    return deps.extract(bytes, {
      contentType: contentType === null || UNINFORMATIVE_TYPES.has(contentType) ? undefined : contentType,
      fileName: input.key,
      sourceUrl: input.head.sourceUrl ?? undefined,
      maxBytes: deps.maxBytes,
    });
  } catch (error: unknown) {
    const contentHash = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    return {
      record: rejectedFields(toRecordError(error), { contentHash, format: null, encoding: null }),
      content: { blocks: [], text: '' },
    };
  }
}
