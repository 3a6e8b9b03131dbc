import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import {
  type ArticleContent,
  type ArticleRecord,
  articleId,
  checkSize,
  DEFAULT_MAX_BYTES,
  type ExtractedFields,
  extractArticle,
  rejectedFields,
} from '../article/index.js';
import { capRecord } from '../article/record-limits.js';
import { printableKey } from './printable-key.js';
import { NotFileOrFolderError, specialKind } from './walk-files.js';

/** One file to extract, with the declared type and URL that apply to it. */
export interface ExtractJob {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly sourceUrl: string | undefined;
  /** Why a path found in a folder is not read (a broken link, a loop, a FIFO), if it is not. */
  readonly skipped?: string | undefined;
}

export interface PrintOptions {
  readonly pretty: boolean;
  readonly withContent: boolean;
}

export type OutcomeKind = 'processed' | 'rejected' | 'unreadable';

/**
 * What `extract` prints for one file, already serialized so that a worker thread hands back one
 * string: `stdout` is the record (empty when the file could not be read), `stderr` its reason line.
 */
export interface FileOutcome {
  readonly kind: OutcomeKind;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Extracts one local file into the text `extract` prints for it (CONTRACT §2).
 *
 * @example
 * const outcome = await extractFileOutcome(
 *   { path: 'a.txt', contentType: undefined, sourceUrl: undefined },
 *   { pretty: false, withContent: false },
 * );
 * process.stdout.write(outcome.stdout);
 */
export async function extractFileOutcome(job: ExtractJob, print: PrintOptions): Promise<FileOutcome> {
  if (job.skipped !== undefined)
    return { kind: 'unreadable', stdout: '', stderr: `${printableKey(job.path)}: skipped: ${job.skipped}\n` };
  let result: { record: ArticleRecord; content: ArticleContent };
  try {
    result = await extractFile(job);
  } catch (error: unknown) {
    if (error instanceof NotFileOrFolderError)
      return { kind: 'unreadable', stdout: '', stderr: `${error.message}\n` };
    if (!isFsError(error)) throw error;
    return {
      kind: 'unreadable',
      stdout: '',
      stderr: `${printableKey(job.path)}: cannot read: ${error.message}\n`,
    };
  }
  const { record, content } = result;
  const printed = print.withContent ? { ...record, content: { id: record.id, ...content } } : record;
  const stdout = print.pretty ? `${JSON.stringify(printed, null, 2)}\n` : `${JSON.stringify(printed)}\n`;
  if (record.error === null) return { kind: 'processed', stdout, stderr: '' };
  return {
    kind: 'rejected',
    stdout,
    stderr: `${printableKey(job.path)}: rejected ${record.error.code}: ${record.error.message}\n`,
  };
}

async function extractFile(job: ExtractJob): Promise<{ record: ArticleRecord; content: ArticleContent }> {
  // Synchronous reads: files are at most 10 MiB and mostly in the page cache, where a promise
  // round trip per call costs more than the read itself.
  const info = statSync(job.path);
  // A manifest may name anything: reading a FIFO would block forever, /dev/zero never end.
  if (!info.isFile())
    throw new NotFileOrFolderError(`${printableKey(job.path)}: not a regular file (${specialKind(info)})`);
  const { size } = info;
  // Like ingest: an oversized file is rejected from its size, without reading it into memory.
  const tooLarge = checkSize(size, DEFAULT_MAX_BYTES);
  let fields: ExtractedFields;
  let content: ArticleContent = { blocks: [], text: '' };
  if (tooLarge === null) {
    const result = extractArticle(readFileSync(job.path), {
      contentType: job.contentType,
      fileName: job.path,
      sourceUrl: job.sourceUrl,
    });
    fields = result.record;
    content = result.content;
  } else {
    fields = rejectedFields(tooLarge, {
      contentHash: await hashFile(job.path),
      format: null,
      encoding: null,
    });
  }
  // Capped as the store caps it, so extract prints what the table and the API would hold.
  const record: ArticleRecord = capRecord({
    id: articleId(null, job.path),
    status: fields.status,
    error: fields.error,
    source: {
      bucket: null,
      key: job.path,
      size,
      contentType: job.contentType ?? null,
      etag: null,
      versionId: null,
      sequencer: null,
    },
    ...withoutStatusAndError(fields),
    processedAt: new Date().toISOString(),
  });
  return { record, content };
}

/** The record's fields in contract order: id, status, error, source, then the rest. */
function withoutStatusAndError(fields: ExtractedFields): Omit<ExtractedFields, 'status' | 'error'> {
  const { status: _status, error: _error, ...rest } = fields;
  return rest;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
