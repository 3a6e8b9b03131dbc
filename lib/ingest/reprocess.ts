import { articleId } from '../article/index.js';
import { extractAndSave, readRawObject } from './extract-and-save.js';
import type { IngestDependencies } from './ingest-dependencies.js';
import { type IngestOutcome, outcome } from './ingest-outcome.js';

export interface ObjectLocation {
  readonly bucket: string;
  readonly key: string;
}

/**
 * Re-runs extraction on the current object of a key (after a parser upgrade, or to repair a
 * record after a lost race). The record keeps the sequencer already applied, so a newer event
 * still wins; a deleted key stays deleted.
 *
 * @example await reprocessObject(deps, { bucket: 'articles-raw', key: '2017/05/seed.txt' })
 */
export async function reprocessObject(
  deps: IngestDependencies,
  location: ObjectLocation,
): Promise<IngestOutcome> {
  const id = articleId(location.bucket, location.key);
  if (location.bucket !== deps.rawBucket) return outcome('ignored', id);
  const state = await deps.repository.getAppliedState(id);
  // Deleted: stays deleted (a losing create removes its own content itself).
  if (state.article === null && state.tombstone !== null) return outcome('stale', id);
  const object = await readRawObject(deps, location.key, { versionId: null, etag: null }, null);
  if (object === null) return outcome('superseded', id);
  const result = await extractAndSave(deps, {
    bucket: location.bucket,
    key: location.key,
    object,
    sequencer: state.article?.sequencer ?? null,
    replaceSameSequencer: true,
    previous: state,
  });
  return result.outcome;
}
