import { createHash } from 'node:crypto';
import {
  type ArticleContent,
  type ArticleFormat,
  type ArticleLink,
  type ContentBlock,
  DEFAULT_MAX_BYTES,
  type ExtractedFields,
  type ExtractionResult,
  type ExtractOptions,
  MAX_LINKS,
  type RecordError,
} from './article-record.js';
import { validIsoDate } from './dates/calendars.js';
import { dateFromUrl } from './dates/dates.js';
import { decodeBytes } from './decode.js';
import { detectFormat } from './detect-format.js';
import {
  EmptyInputError,
  NoContentError,
  TooLargeError,
  toRecordError,
  UnsupportedFormatError,
} from './errors.js';
import { buildLinks } from './extract-links.js';
import { parseHtml } from './html/parse-html.js';
import { detectLanguage, directionOf } from './language.js';
import { resolveUrl } from './normalize-url.js';
import { parseMarkdown } from './parse-markdown.js';
import { parseText } from './parse-text.js';
import type { ParsedDocument, ParseOptions } from './parsed-document.js';
import { PARSER_VERSION } from './parser-version.js';
import { readingTimeMinutes } from './reading-time.js';
import { sniffBinary } from './sniff-binary.js';
import { isWhiteSpace, shortenWhiteSpaceRuns } from './white-space.js';

/** One parser per format; `extractWith` takes them so tests can exercise the failure path. */
export type Parsers = Readonly<
  Record<ArticleFormat, (text: string, options: ParseOptions) => ParsedDocument>
>;

const DEFAULT_PARSERS: Parsers = { text: parseText, html: parseHtml, markdown: parseMarkdown };

/** Longest description made from the first paragraph (code points). */
const DESCRIPTION_LENGTH = 200;
/** More than this share of control characters (other than tab, LF, CR, FF) is binary (CONTRACT §5). */
const MAX_CONTROL_SHARE = 0.01;

/**
 * Bytes → the extracted fields of an article record and its content. One pipeline for every
 * format: decode → reject or detect format → parse into blocks → metadata and links. Never throws:
 * bad input and extractor bugs alike become a rejected record with a contract code.
 *
 * @example
 * ```ts
 * const { record, content } = extractArticle(readFileSync('seed-article.txt'), { fileName: 'seed-article.txt' });
 * record.status;      // "processed"
 * record.publishedAt; // "2017-05-22"
 * content.text;       // the body paragraphs, separated by blank lines
 * ```
 */
export function extractArticle(bytes: Uint8Array, options: ExtractOptions = {}): ExtractionResult {
  return extractWith(DEFAULT_PARSERS, bytes, options);
}

/**
 * `extractArticle` with the format parsers given explicitly.
 *
 * @example
 * ```ts
 * const failing = (): never => { throw new Error('bug'); };
 * extractWith({ text: failing, html: failing, markdown: failing }, bytes).record.error?.code; // "EXTRACTION_FAILED"
 * ```
 */
export function extractWith(
  parsers: Parsers,
  bytes: Uint8Array,
  options: ExtractOptions = {},
): ExtractionResult {
  const contentHash = hashBytes(bytes);
  const known: MutableKnown = { contentHash, format: null, encoding: null };
  try {
    return extract(parsers, bytes, options, known);
  } catch (error: unknown) {
    return rejectedExtraction(toRecordError(error), known);
  }
}

/**
 * The rejection for an object of known size, so ingest can decide before downloading the body.
 *
 * @example
 * ```ts
 * checkSize(11 * 1024 * 1024); // { code: 'TOO_LARGE', message: 'the article is 11534336 bytes; the limit is 10485760' }
 * checkSize(9316);             // null
 * ```
 */
export function checkSize(size: number, maxBytes: number = DEFAULT_MAX_BYTES): RecordError | null {
  return size <= maxBytes ? null : tooLargeError(size, maxBytes);
}

/**
 * The rejection of an input of `size` bytes, over `maxBytes`: for a caller that already knows the
 * size is over the limit (ingest, whose store leaves such a body unread).
 *
 * @example
 * ```ts
 * tooLargeError(11 * 1024 * 1024, 10 * 1024 * 1024).code; // 'TOO_LARGE'
 * ```
 */
export function tooLargeError(size: number, maxBytes: number): RecordError {
  return toRecordError(new TooLargeError(`the article is ${size} bytes; the limit is ${maxBytes}`));
}

/** What is known about a rejected input: its hash always, its format and encoding once decided. */
export interface Known {
  readonly contentHash: string;
  readonly format: ArticleFormat | null;
  readonly encoding: string | null;
}

/**
 * The fields of a rejected record. Exported for ingest, which rejects an oversized object without
 * its bytes (`contentHash` then comes from what it knows, e.g. the ETag).
 *
 * @example
 * ```ts
 * const error = checkSize(size);
 * if (error !== null) rejectedFields(error, { contentHash: `etag:${etag}`, format: null, encoding: null });
 * ```
 */
export function rejectedFields(error: RecordError, known: Known): ExtractedFields {
  return {
    status: 'rejected',
    error,
    format: known.format,
    encoding: known.encoding,
    language: null,
    direction: 'ltr',
    title: null,
    siteName: null,
    canonicalUrl: null,
    publishedAt: null,
    authors: [],
    description: null,
    wordCount: 0,
    readingTimeMinutes: 0,
    images: [],
    highlights: [],
    links: [],
    contentHash: known.contentHash,
    parserVersion: PARSER_VERSION,
  };
}

/**
 * A rejected extraction: the fields of a rejected record and no content. The one shape every
 * rejection takes, whether the pipeline decided it or a caller did without the bytes.
 *
 * @example
 * ```ts
 * rejectedExtraction(tooLargeError(size, limit), { contentHash: `etag:${etag}`, format: null, encoding: null });
 * ```
 */
export function rejectedExtraction(error: RecordError, known: Known): ExtractionResult {
  return { record: rejectedFields(error, known), content: EMPTY_CONTENT };
}

const EMPTY_CONTENT: ArticleContent = { blocks: [], text: '' };

interface MutableKnown {
  contentHash: string;
  format: ArticleFormat | null;
  encoding: string | null;
}

function extract(
  parsers: Parsers,
  bytes: Uint8Array,
  options: ExtractOptions,
  known: MutableKnown,
): ExtractionResult {
  const tooLarge = checkSize(bytes.length, options.maxBytes);
  if (tooLarge !== null) throw new TooLargeError(tooLarge.message);
  if (bytes.length === 0) throw new EmptyInputError('the article has no bytes');
  const binary = sniffBinary(bytes);
  if (binary !== null) throw new UnsupportedFormatError(`binary data: ${binary}`);

  const decoded = decodeBytes(bytes, { contentType: options.contentType });
  known.encoding = decoded.encoding;
  if (decoded.text.trim() === '') throw new EmptyInputError('the article is only white space');
  rejectControlCharacters(decoded.text);
  const text = shortenWhiteSpaceRuns(decoded.text);

  const format = detectFormat(text, { contentType: options.contentType, fileName: options.fileName });
  known.format = format;
  const sourceUrl = options.sourceUrl ?? null;
  const doc = parsers[format](text, { sourceUrl });
  return assemble(doc, { format, encoding: decoded.encoding, contentHash: known.contentHash, sourceUrl });
}

function rejectControlCharacters(text: string): void {
  if (text.includes('\u0000'))
    throw new UnsupportedFormatError('binary data: the text contains NUL characters');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  if (!/[\u0001-\u0008\u000b\u000e-\u001f\u007f-\u009f]/u.test(text)) return;
  let controls = 0;
  for (let i = 0; i < text.length; i += 1) if (isControl(text.charCodeAt(i))) controls += 1;
  if (controls > text.length * MAX_CONTROL_SHARE) {
    throw new UnsupportedFormatError(`binary data: ${controls} control characters in ${text.length}`);
  }
}

/** C0 and C1 controls other than tab, line feed, carriage return and form feed (CONTRACT §5). */
function isControl(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c;
  return code >= 0x7f && code <= 0x9f;
}

interface Assembly {
  readonly format: ArticleFormat;
  readonly encoding: string;
  readonly contentHash: string;
  readonly sourceUrl: string | null;
}

function assemble(doc: ParsedDocument, at: Assembly): ExtractionResult {
  const blocks: readonly ContentBlock[] = doc.blocks;
  const bodyText = blocks
    .filter((block) => block.type === 'heading' || block.type === 'paragraph')
    .map((block) => block.text)
    .join('\n\n');
  if (!/[\p{L}\p{N}]/u.test(bodyText)) throw new NoContentError('no article text was found');

  const language = detectLanguage(bodyText, doc.declaredLanguage);
  const words = countWords(bodyText);
  const siteUrl = doc.canonicalUrl ?? at.sourceUrl;
  const baseUrl = (doc.baseUrl === null ? null : resolveUrl(doc.baseUrl, at.sourceUrl)) ?? at.sourceUrl;
  const firstParagraph = blocks.find((block) => block.type === 'paragraph')?.text ?? null;
  const record: ExtractedFields = {
    status: 'processed',
    error: null,
    format: at.format,
    encoding: at.encoding,
    language,
    direction: directionOf(language, bodyText, doc.declaredDirection),
    title: doc.title,
    siteName: doc.siteName,
    canonicalUrl: doc.canonicalUrl,
    // Every parser's date passes the one calendar check here: no path can emit an impossible one.
    publishedAt:
      (doc.publishedAt === null ? null : validIsoDate(doc.publishedAt)) ??
      dateFromUrls(at.sourceUrl, doc.canonicalUrl),
    authors: doc.authors,
    description: nonEmpty(doc.description) ?? (firstParagraph === null ? null : openingOf(firstParagraph)),
    wordCount: words,
    readingTimeMinutes: readingTimeMinutes(words, language),
    images: doc.images,
    highlights: blocks.filter((block) => block.type === 'highlight').map((block) => block.text),
    ...cappedLinks(buildLinks(doc.links, { baseUrl, siteUrl })),
    contentHash: at.contentHash,
    parserVersion: PARSER_VERSION,
  };
  return { record, content: { blocks, text: bodyText } };
}

/** The first `MAX_LINKS` links, and `linksTruncated` when there were more (see `MAX_LINKS`). */
function cappedLinks(links: readonly ArticleLink[]): Pick<ExtractedFields, 'links' | 'linksTruncated'> {
  return links.length > MAX_LINKS ? { links: links.slice(0, MAX_LINKS), linksTruncated: true } : { links };
}

function nonEmpty(text: string | null): string | null {
  return text === null || text.trim() === '' ? null : text;
}

function dateFromUrls(...urls: readonly (string | null)[]): string | null {
  for (const url of urls) {
    const date = url === null ? null : dateFromUrl(url);
    if (date !== null) return date;
  }
  return null;
}

/**
 * Words as `wc -w` and word processors count them: white-space separated tokens with a visible
 * character (a standalone dash counts; the seed's 745 words include one "–").
 *
 * @example
 * ```ts
 * countWords('خناصر – أثرية\u00a0اليوم'); // 4
 * ```
 */
export function countWords(text: string): number {
  // A char-code loop: regex tokenizing is several times slower on multi-megabyte Arabic text.
  let count = 0;
  let visibleInToken = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (isWhiteSpace(code)) {
      visibleInToken = false;
    } else if (!visibleInToken && !isInvisible(code)) {
      visibleInToken = true;
      count += 1;
    }
  }
  return count;
}

/** Format characters (zero-width joiners, direction marks, soft hyphen) that alone make no word. */
function isInvisible(code: number): boolean {
  return (
    code === 0xad ||
    code === 0x61c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f)
  );
}

/** The opening of a paragraph, cut at a word boundary, with "…" when cut. */
function openingOf(paragraph: string): string {
  // Code points, not UTF-16 units, and only the first ones: a paragraph can be megabytes long.
  const chars: string[] = [];
  for (const char of paragraph) {
    chars.push(char);
    if (chars.length > DESCRIPTION_LENGTH) break;
  }
  if (chars.length <= DESCRIPTION_LENGTH) return paragraph;
  const head = chars.join('');
  const cut = head.search(/\s\S*$/u);
  const opening = (
    cut > DESCRIPTION_LENGTH / 2 ? head.slice(0, cut) : chars.slice(0, DESCRIPTION_LENGTH).join('')
  ).replace(/[\s,،;؛:–—-]+$/u, '');
  return `${opening}…`;
}

function hashBytes(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
