import { createReadStream, existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { type ExtractJob, extractFileOutcome, type FileOutcome, isFsError } from './extract-file.js';
import { extractInPool } from './extract-pool.js';
import { kindOf, NotFileOrFolderError, walkFolder } from './walk-files.js';

/**
 * `article-pipeline extract`: runs the extraction core over local files, no AWS and no servers
 * (CONTRACT §2). One file → a pretty JSON record; several files, a folder or a manifest → JSON
 * Lines, in input order, written as files finish so memory stays bounded; large batches also run
 * on worker threads where cores are idle to spare.
 */

const usage = `usage: article-pipeline extract PATH... [--content-type TYPE] [--source-url URL] [--content]
       article-pipeline extract --manifest FILE [--content]

  PATH                 files or folders (folders are read recursively, in sorted order,
                       skipping names that start with "."; symbolic links are followed)
  --content-type TYPE  the declared content type of every file, e.g. "text/html; charset=windows-1256"
  --source-url URL     the original URL of every file (base for relative links, site of the article)
  --manifest FILE      JSON Lines of {"path", "sourceUrl"?, "contentType"?}; paths relative to the
                       current directory, as if given on the command line
  --content            add the content object ({ id, blocks, text }) to each record

environment: EXTRACT_WORKERS  worker threads for batches of 16 files or more, beside the main
                              one (default: by idle cores, none on 2 cores; 0: none)

exit status: 0 all processed, 1 some rejected (reasons on stderr), 2 usage or read errors
`;

type Job = ExtractJob;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

export async function run(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`article-pipeline extract: ${message}\n\n${usage}`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(usage);
    return 0;
  }
  const { values, positionals, workers } = parsed;
  const defaults = { contentType: values['content-type'], sourceUrl: values['source-url'] };
  try {
    const single =
      values.manifest === undefined && positionals.length === 1 && (await isFile(positionals[0]));
    const jobs =
      values.manifest === undefined
        ? jobsFromPaths(positionals, defaults)
        : jobsFromManifest(values.manifest);
    return await extractAll(jobs, { pretty: single, withContent: values.content === true }, workers);
  } catch (error: unknown) {
    if (!(error instanceof UsageError || error instanceof NotFileOrFolderError || isFsError(error)))
      throw error;
    process.stderr.write(`article-pipeline extract: ${error.message}\n`);
    return 2;
  }
}

function parseOptions(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'content-type': { type: 'string' },
      'source-url': { type: 'string' },
      manifest: { type: 'string' },
      content: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return { help: true, values, positionals, workers: 0 };
  if (values.manifest !== undefined && positionals.length > 0)
    throw new UsageError('give PATHs or --manifest, not both');
  if (values.manifest === undefined && positionals.length === 0) throw new UsageError('no PATH given');
  const sourceUrl = values['source-url'];
  if (sourceUrl !== undefined && !URL.canParse(sourceUrl))
    throw new UsageError(`--source-url is not a URL: ${sourceUrl}`);
  return { help: false, values, positionals, workers: workerCount(process.env.EXTRACT_WORKERS) };
}

interface Output {
  readonly pretty: boolean;
  readonly withContent: boolean;
}

/**
 * From this many files on, a batch also runs on worker threads: below it, starting a worker (it
 * loads the extractor and its language model) costs more than the second core saves.
 */
const POOL_MIN_FILES = 16;
/** Only the bundled CLI (dist/) has a JavaScript worker to start; under tsx the batch runs here. */
const workerUrl = new URL('./extract-worker.js', import.meta.url);

const MAX_WORKERS = 16;

/** Worker threads beside this one: as configured, else one per core that is idle now. */
function workerCount(configured: string | undefined): number {
  if (configured !== undefined && configured !== '') {
    const count = Number(configured);
    if (!Number.isInteger(count) || count < 0 || count > MAX_WORKERS)
      throw new UsageError(`EXTRACT_WORKERS must be a whole number from 0 to ${MAX_WORKERS}: ${configured}`);
    return count;
  }
  // Like make's --load-average, only cores left idle by other processes count. One extracting
  // thread already keeps about 1.4 cores busy (V8 compiles and collects garbage on background
  // threads: 2.06 CPU-s in 1.49 s for the 130 Readability pages), so a worker pays only from 4
  // cores on; on 2 cores it was measured slower than none.
  const cores = availableParallelism();
  const idle = cores - (loadavg()[0] ?? 0);
  return Math.max(0, Math.min(cores - 1, Math.floor(idle / CORES_PER_THREAD) - 1));
}

const CORES_PER_THREAD = 1.4;

async function extractAll(jobs: AsyncIterable<Job>, output: Output, workers: number): Promise<number> {
  let rejected = 0;
  let unreadable = 0;
  const emit = async (outcome: FileOutcome): Promise<void> => {
    if (outcome.kind === 'unreadable') unreadable += 1;
    if (outcome.kind === 'rejected') rejected += 1;
    // The reason line before the record, as when files were handled one by one.
    if (outcome.stderr !== '') process.stderr.write(outcome.stderr);
    if (outcome.stdout !== '') await write(outcome.stdout);
  };
  const iterator = jobs[Symbol.asyncIterator]();
  const head: Job[] = [];
  let more = true;
  while (head.length < POOL_MIN_FILES) {
    const next = await iterator.next();
    if (next.done === true) {
      more = false;
      break;
    }
    head.push(next.value);
  }
  if (more && workers > 0 && existsSync(workerUrl)) {
    await extractInPool(prepend(head, iterator), output, workerUrl, workers, emit);
  } else {
    for (const job of head) await emit(await extractFileOutcome(job, output));
    if (more)
      for await (const job of { [Symbol.asyncIterator]: () => iterator })
        await emit(await extractFileOutcome(job, output));
  }
  if (unreadable > 0) return 2;
  return rejected > 0 ? 1 : 0;
}

async function* prepend(head: readonly Job[], rest: AsyncIterator<Job>): AsyncGenerator<Job> {
  yield* head;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) yield next.value;
}

async function* jobsFromPaths(
  paths: readonly string[],
  defaults: { contentType: string | undefined; sourceUrl: string | undefined },
): AsyncGenerator<Job> {
  // Fail on a missing path, or one that is neither a file nor a folder, before printing anything.
  // Synchronous: one stat per path given, where awaiting each one through the thread pool showed
  // in profiles of large batches.
  const kinds = paths.map((path) => kindOf(path, statSync(path)));
  for (const [index, path] of paths.entries()) {
    if (kinds[index] === 'file') yield { path, ...defaults };
    else
      for await (const entry of walkFolder(path))
        yield entry.kind === 'file'
          ? { path: entry.path, ...defaults }
          : { path: entry.path, ...defaults, skipped: entry.reason };
  }
}

async function* jobsFromManifest(manifest: string): AsyncGenerator<Job> {
  // Loaded here so that plain `extract PATH` starts without zod.
  const z = await import('zod');
  const entrySchema = z.object({
    path: z.string().min(1),
    sourceUrl: z.url().optional(),
    contentType: z.string().optional(),
  });
  const lines = createInterface({ input: createReadStream(manifest), crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new UsageError(`${manifest}:${number}: not JSON`);
    }
    const entry = entrySchema.safeParse(json);
    if (!entry.success) throw new UsageError(`${manifest}:${number}: ${z.prettifyError(entry.error)}`);
    yield { path: entry.data.path, sourceUrl: entry.data.sourceUrl, contentType: entry.data.contentType };
  }
}

async function isFile(path: string | undefined): Promise<boolean> {
  if (path === undefined) return false;
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function write(chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
