import { articleId } from '../article/index.js';
import { compareSequencers } from './compare-sequencers.js';
import { extractAndSave, readRawObject } from './extract-and-save.js';
import type { IngestDependencies } from './ingest-dependencies.js';
import { type IngestOutcome, outcome } from './ingest-outcome.js';
import type { S3ObjectEvent } from './parse-s3-event.js';
import { reprocessObject } from './reprocess.js';

export type ObjectVersionEvent = Pick<
  S3ObjectEvent,
  'bucket' | 'key' | 'etag' | 'versionId' | 'size' | 'sequencer'
>;

/**
 * Applies a create or overwrite event: one GetObject of that exact version (the size limit
 * decided from the event's size, or the response headers, before any body is read; an object
 * the event says is too large gets a HeadObject only), extraction, and a write conditional on
 * the event being newer than the one applied. Without object versions, an ETag other than the
 * event's means the object was overwritten since: `superseded`, the newer object's event follows.
 *
 * @example await ingestObject(deps, { bucket: 'articles-raw', key: 'a.txt', etag: '…', versionId: null, sequencer: '…' })
 */
export async function ingestObject(
  deps: IngestDependencies,
  event: ObjectVersionEvent,
): Promise<IngestOutcome> {
  const id = articleId(event.bucket, event.key);
  if (event.bucket !== deps.rawBucket) return outcome('ignored', id);

  // The read runs alongside the ordering check (a redelivered event's read is wasted; they are rare).
  const [state, object] = await Promise.all([
    deps.repository.getAppliedState(id),
    readRawObject(deps, event.key, { versionId: event.versionId, etag: event.etag }, event.size),
  ]);
  if (state.tombstone !== null && compareSequencers(state.tombstone.sequencer, event.sequencer) >= 0) {
    return outcome('stale', id);
  }
  if (state.article !== null) {
    const order = compareSequencers(state.article.sequencer, event.sequencer);
    if (order === 0) return outcome('duplicate', id);
    if (order > 0) return outcome('stale', id);
  }

  if (object === null) return outcome('superseded', id);

  const result = await extractAndSave(deps, {
    bucket: event.bucket,
    key: event.key,
    object,
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
