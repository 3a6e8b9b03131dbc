import { articleId } from '../article/index.js';
import { compareSequencers } from './compare-sequencers.js';
import { extractAndSave } from './extract-and-save.js';
import type { IngestDependencies } from './ingest-dependencies.js';
import { type IngestOutcome, outcome } from './ingest-outcome.js';
import type { S3ObjectEvent } from './parse-s3-event.js';
import { reprocessObject } from './reprocess.js';

export type ObjectVersionEvent = Pick<S3ObjectEvent, 'bucket' | 'key' | 'etag' | 'versionId' | 'sequencer'>;

/**
 * Applies a create or overwrite event: HEAD first (size limit before download), then GET of that
 * exact version, extraction, and a write conditional on the event being newer than the one
 * applied. Without object versions, an ETag other than the event's means the object was
 * overwritten since: `superseded`, the newer object's event follows.
 *
 * @example await ingestObject(deps, { bucket: 'articles-raw', key: 'a.txt', etag: '…', versionId: null, sequencer: '…' })
 */
export async function ingestObject(
  deps: IngestDependencies,
  event: ObjectVersionEvent,
): Promise<IngestOutcome> {
  const id = articleId(event.bucket, event.key);
  if (event.bucket !== deps.rawBucket) return outcome('ignored', id);

  // The HEAD runs alongside the ordering check; the body is downloaded only if the event is new.
  const [state, head] = await Promise.all([
    deps.repository.getAppliedState(id),
    deps.rawStore.head(event.key, event.versionId),
  ]);
  if (state.tombstone !== null && compareSequencers(state.tombstone.sequencer, event.sequencer) >= 0) {
    return outcome('stale', id);
  }
  if (state.article !== null) {
    const order = compareSequencers(state.article.sequencer, event.sequencer);
    if (order === 0) return outcome('duplicate', id);
    if (order > 0) return outcome('stale', id);
  }

  if (head === null) return outcome('superseded', id);
  if (event.versionId === null && event.etag !== null && head.etag !== event.etag) {
    return outcome('superseded', id);
  }

  const result = await extractAndSave(deps, {
    bucket: event.bucket,
    key: event.key,
    head,
    sequencer: event.sequencer,
    replaceSameSequencer: false,
    previousTitleKey: state.article?.normalizedTitle ?? null,
  });
  if (!result.saved && (result.reason === 'conflict' || result.reason === 'stale')) {
    // A newer event or delete landed while this one wrote content and links, which may now be
    // mixed with the newer version's: re-extract the current object to put them right.
    await reprocessObject(deps, event);
  }
  return result.outcome;
}
