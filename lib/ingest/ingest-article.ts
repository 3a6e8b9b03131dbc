import { articleId } from '../article/index.js';
import type { AppliedState } from '../ports/article-repository.js';
import { compareSequencers } from './compare-sequencers.js';
import { extractAndSave, extractObject, readRawObject } from './extract-and-save.js';
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
 * the event says is too large gets a HeadObject only), extraction, one read of the applied state
 * together with the title registry entries of the article's URL-less references, and a write
 * conditional on the event being newer than the one applied. Without object versions, an ETag other than the
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

  // Read and extract first, so the ordering check and the lookup of the article's URL-less
  // references share one round trip (a redelivered event's read and extraction are wasted: rare).
  const object = await readRawObject(
    deps,
    event.key,
    { versionId: event.versionId, etag: event.etag },
    event.size,
  );
  if (object === null) {
    // Gone or overwritten since; an old event stays `stale` rather than `superseded`.
    const state = await deps.repository.getAppliedState(id);
    return settleOlderEvent(deps, event, state, precheck(state, event, id) ?? outcome('superseded', id));
  }
  const extracted = extractObject(deps, event.key, object);
  const state = await deps.repository.getAppliedState(id, [...new Set(extracted.referenceKeys.values())]);
  const early = precheck(state, event, id);
  if (early !== null) return settleOlderEvent(deps, event, state, early);

  const result = await extractAndSave(deps, {
    bucket: event.bucket,
    key: event.key,
    object,
    extracted,
    registeredTitles: state.registeredTitles,
    sequencer: event.sequencer,
    replaceSameSequencer: false,
    previous: state,
  });
  if (!result.saved && (result.reason === 'conflict' || result.reason === 'stale')) {
    // A newer event or delete landed while this one wrote content and links, which may now be
    // mixed with the newer version's: re-extract the current object to put them right.
    await reprocessObject(deps, event);
  }
  return result.outcome;
}

/** `stale` or `duplicate` when the applied state is as new as the event or newer, else null. */
function precheck(state: AppliedState, event: ObjectVersionEvent, id: string): IngestOutcome | null {
  if (state.tombstone !== null && compareSequencers(state.tombstone.sequencer, event.sequencer) >= 0) {
    return outcome('stale', id);
  }
  if (state.article !== null) {
    const order = compareSequencers(state.article.sequencer, event.sequencer);
    if (order === 0) return outcome('duplicate', id);
    if (order > 0) return outcome('stale', id);
  }
  return null;
}

/**
 * A stale or superseded event removes the link items an earlier attempt of its own wrote before
 * failing short of its commit: a newer event that found the key new did not look for them. If
 * there were any and a record is stored, they may have replaced some of its link items, so the
 * current object is re-extracted to put them right. A duplicate has nothing of its own to remove.
 */
async function settleOlderEvent(
  deps: IngestDependencies,
  event: ObjectVersionEvent,
  state: AppliedState,
  early: IngestOutcome,
): Promise<IngestOutcome> {
  if (early.kind !== 'stale' && early.kind !== 'superseded') return early;
  const removed = await deps.repository.deleteLinksOf(early.articleId, event.sequencer);
  if (removed > 0 && state.article !== null) await reprocessObject(deps, event);
  return early;
}
