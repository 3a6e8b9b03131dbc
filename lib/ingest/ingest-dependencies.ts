import type { ExtractionResult, ExtractOptions } from '../article/article-record.js';
import type { ArticleRepository } from '../ports/article-repository.js';
import type { ContentStore } from '../ports/content-store.js';
import type { RawArticleStore } from '../ports/raw-article-store.js';

/**
 * The pure extraction core, injected so the use cases stay testable with any extractor. It never
 * throws: a failure is a rejected record (tests inject `extractWith` with parsers that throw).
 */
export type Extractor = (bytes: Uint8Array, options: ExtractOptions) => ExtractionResult;

/** What the ingest use cases need; built once per container by the composition root. */
export interface IngestDependencies {
  readonly repository: ArticleRepository;
  readonly rawStore: RawArticleStore;
  readonly contentStore: ContentStore;
  readonly extract: Extractor;
  /** The bucket `rawStore` reads; events of any other bucket are ignored. */
  readonly rawBucket: string;
  readonly maxBytes: number;
  readonly now: () => Date;
}
