/**
 * The public API of the extraction core: bytes in, record fields and content out. Pure: no AWS,
 * no environment, no I/O; it can be lifted into any other program unchanged.
 */
export {
  checkSize,
  countWords,
  extractArticle,
  extractWith,
  type Known,
  type Parsers,
  rejectedExtraction,
  rejectedFields,
  tooLargeError,
} from './article.js';
export { articleId } from './article-id.js';
export type {
  ArticleContent,
  ArticleFormat,
  ArticleImage,
  ArticleLink,
  ArticleRecord,
  ArticleSource,
  ArticleStatus,
  BlockType,
  ContentBlock,
  ExtractedFields,
  ExtractionResult,
  ExtractOptions,
  LinkKind,
  RecordError,
  RejectionCode,
  TextDirection,
} from './article-record.js';
export { DEFAULT_MAX_BYTES } from './article-record.js';
export { PARSER_VERSION } from './parser-version.js';
