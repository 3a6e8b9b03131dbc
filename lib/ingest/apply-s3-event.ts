import { articleId } from '../article/index.js';
import { deleteObject } from './delete-article.js';
import { ingestObject } from './ingest-article.js';
import type { IngestDependencies } from './ingest-dependencies.js';
import { type IngestOutcome, outcome } from './ingest-outcome.js';
import type { S3ObjectEvent } from './parse-s3-event.js';

/**
 * Routes one S3 object event to its use case.
 *
 * @example await applyS3Event(deps, parsedEvent) // { kind: 'processed', articleId: '…', … }
 */
export function applyS3Event(deps: IngestDependencies, event: S3ObjectEvent): Promise<IngestOutcome> {
  switch (event.action) {
    case 'create':
      return ingestObject(deps, event);
    case 'delete':
      return deleteObject(deps, event);
    case 'ignore':
      return Promise.resolve(outcome('ignored', articleId(event.bucket, event.key)));
  }
}
