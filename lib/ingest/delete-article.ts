import { articleId } from '../article/index.js';
import { sameVersion } from '../ports/raw-article-store.js';
import { ingestObject } from './ingest-article.js';
import type { IngestDependencies } from './ingest-dependencies.js';
import { type IngestOutcome, outcome } from './ingest-outcome.js';
import type { S3ObjectEvent } from './parse-s3-event.js';
import { withdrawTitle } from './resolve-references.js';

export type DeleteEvent = Pick<S3ObjectEvent, 'eventName' | 'bucket' | 'key' | 'versionId' | 'sequencer'>;

/**
 * Applies a delete event: the record, its link items and its content go, and a tombstone keeps
 * the delete's sequencer so a late, older create cannot bring them back. Permanently deleting a
 * noncurrent version changes nothing; deleting the current version makes the previous one
 * current again, which is then ingested. The null version (`versionId` "null", an object from
 * before versioning) is a version like the others: a record read without a version id is it.
 *
 * @example await deleteObject(deps, { eventName: 'ObjectRemoved:Delete', bucket: 'articles-raw', key: 'a.txt', versionId: null, sequencer: '…' })
 */
export async function deleteObject(deps: IngestDependencies, event: DeleteEvent): Promise<IngestOutcome> {
  const id = articleId(event.bucket, event.key);
  if (event.bucket !== deps.rawBucket) return outcome('ignored', id);

  // `ObjectRemoved:Delete` with a version id removed that version only (S3 sends none in an
  // unversioned bucket, where the key is gone); `DeleteMarkerCreated` always hides the key.
  if (event.eventName.endsWith(':Delete') && event.versionId !== null) {
    const state = await deps.repository.getAppliedState(id);
    if (state.article === null || !sameVersion(state.article.versionId, event.versionId)) {
      return outcome('ignored', id);
    }
    const current = await deps.rawStore.head(event.key, null);
    if (current !== null) {
      return ingestObject(deps, {
        bucket: event.bucket,
        key: event.key,
        etag: current.etag,
        versionId: current.versionId,
        size: current.size,
        sequencer: event.sequencer,
      });
    }
  }

  const result = await deps.repository.deleteArticle(id, event.sequencer);
  if (result.outcome === 'stale') return outcome('stale', id);
  // The record is gone before its content, so a reader never sees a record without content; the
  // key is the removed record's own (returned by the tombstone's write), never a newer upload's.
  if (result.contentKey !== null) await deps.contentStore.delete(result.contentKey);
  if (result.normalizedTitle !== null) await withdrawTitle(deps.repository, id, result.normalizedTitle);
  return outcome(result.outcome === 'duplicate' ? 'duplicate' : 'deleted', id);
}
