/**
 * Lambda bundles: size, and cold start as a ratio to the SDK floor.
 *
 * Each function is bundled exactly as the stack bundles it (`BUNDLE_SETTINGS`), and so is its
 * floor: a bundle that only imports and constructs the AWS SDK clients that function uses, at
 * module scope, as the composition roots do. Both are imported in fresh Node.js processes (the
 * pinned Node 24, the Lambda runtime's major) with the function's environment; the time from
 * `import()` to the handler being ready is taken inside the child, the median of `RUNS`,
 * alternating function and floor so that the machine's drift hits both alike. Reported with and
 * without `--enable-source-maps`, which the functions used to set in `NODE_OPTIONS`. The children
 * run with `AWS_EXECUTION_ENV` set, as in Lambda, so the tracer and the X-Ray SDK load as they do
 * there.
 *
 * Work deferred from import to the first call is no cold-start win, so the extraction functions
 * are also timed from `import()` to the end of their first extraction (a Readability test page of
 * median size), against the floor's import plus one warm extraction of the same page.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { BUNDLE_TARGET_BYTES, functionEntry } from '../../infra/constructs/node-function.js';
import {
  bundleFunction,
  FUNCTION_NAMES,
  type FunctionName,
  PLACEHOLDER_FUNCTION_ENV,
} from '../../infra/function-bundles.js';
import { loadReadabilityPages } from '../eval/corpora.js';
import type { BenchRow } from './bench-kit.js';

const SUITE = 'lambda';
const RUNS = 15;
const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
/** What Lambda sets in every function's environment; with it the functions load their tracer. */
const LAMBDA_ENV = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' };
/** The functions whose first invocation extracts an article. */
const EXTRACTING: readonly FunctionName[] = ['ingest-article', 'reprocess-object'];

/** The SDK clients each function constructs at module scope (see functions/shared/*-dependencies.ts). */
const FLOORS: Readonly<Record<FunctionName, string>> = {
  'ingest-article': `
    import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
    import { S3Client } from '@aws-sdk/client-s3';
    import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
    const dynamo = new DynamoDBClient({});
    export const clients = [DynamoDBDocumentClient.from(dynamo), new S3Client({})];
    export const handler = async () => clients.length;`,
  'read-api': `
    import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
    import { S3Client } from '@aws-sdk/client-s3';
    import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
    import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
    const dynamo = new DynamoDBClient({});
    export const clients = [DynamoDBDocumentClient.from(dynamo), new S3Client({}), new SecretsManagerClient({}), GetSecretValueCommand];
    export const handler = async () => clients.length;`,
  'reprocess-object': `
    import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
    import { S3Client } from '@aws-sdk/client-s3';
    import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
    const dynamo = new DynamoDBClient({});
    export const clients = [DynamoDBDocumentClient.from(dynamo), new S3Client({})];
    export const handler = async () => clients.length;`,
};

async function writeBundle(
  dir: string,
  file: string,
  entry: FunctionName | { readonly contents: string; readonly resolveDir: string },
): Promise<{ readonly file: string; readonly bytes: number }> {
  const { code } = await bundleFunction(entry);
  const path = join(dir, file);
  await writeFile(path, code);
  return { file: path, bytes: code.byteLength };
}

interface ImportTime {
  /** Wall-clock milliseconds. */
  readonly wall: number;
  /** CPU milliseconds of the process (all its threads: V8 compiles and collects on helpers). */
  readonly cpu: number;
}

/**
 * From `import()` to a handler being exported, in a fresh process: wall and CPU time. The CPU
 * time varies far less on a shared machine, and a 512 MB function has about a third of a vCPU,
 * so its cold start follows the CPU the import needs more than a many-core wall clock does.
 */
async function importTime(file: string, sourceMaps: boolean): Promise<ImportTime> {
  const script = `const c = process.cpuUsage(); const t = performance.now();
const m = await import(${JSON.stringify(pathToFileURL(file).href)});
if (typeof m.handler !== 'function') throw new Error('no handler');
const wall = performance.now() - t; const used = process.cpuUsage(c);
process.stdout.write(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH,
      ...PLACEHOLDER_FUNCTION_ENV,
      ...LAMBDA_ENV,
      ...(sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
    },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as ImportTime;
}

/**
 * In a fresh process: milliseconds from `import()` of the bundle to the end of its first
 * `extractArticle` of `page`, and the median of five more (warm) extractions of it.
 */
async function firstExtraction(file: string, page: string): Promise<{ first: number; warm: number }> {
  const script = `import { readFileSync } from 'node:fs';
const bytes = readFileSync(${JSON.stringify(page)});
const options = { contentType: 'text/html' };
const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)});
if (typeof m.handler !== 'function') throw new Error('no handler');
m.extractArticle(bytes, options);
const first = performance.now() - t;
const warm = [];
for (let i = 0; i < 5; i += 1) { const s = performance.now(); m.extractArticle(bytes, options); warm.push(performance.now() - s); }
warm.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ first, warm: warm[2] }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, ...PLACEHOLDER_FUNCTION_ENV, ...LAMBDA_ENV },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as { first: number; warm: number };
}

/** A Readability test page of median size: what a first invocation typically extracts. */
async function medianPage(dir: string): Promise<string> {
  const pages = loadReadabilityPages().sort((a, b) => a.bytes.byteLength - b.bytes.byteLength);
  const page = pages[Math.floor(pages.length / 2)];
  if (page === undefined) throw new Error('no Readability pages');
  const path = join(dir, 'page.html');
  await writeFile(path, page.bytes);
  return path;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function bench(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'article-pipeline-cold-start-'));
  const rows: BenchRow[] = [];
  try {
    const page = await medianPage(dir);
    for (const name of FUNCTION_NAMES) {
      const fn = await writeBundle(dir, `${name}.mjs`, name);
      const floor = await writeBundle(dir, `${name}-floor.mjs`, {
        contents: FLOORS[name],
        resolveDir: repositoryRoot,
      });
      rows.push({
        suite: SUITE,
        metric: `${name} bundle`,
        value: fn.bytes / 1024,
        unit: 'KiB',
        baseline: { name: 'SDK clients only', value: floor.bytes / 1024 },
        target: `< ${BUNDLE_TARGET_BYTES / 1024} KiB`,
        met: fn.bytes < BUNDLE_TARGET_BYTES,
      });
      for (const sourceMaps of [false, true]) {
        const fnTimes: ImportTime[] = [];
        const floorTimes: ImportTime[] = [];
        for (let i = 0; i < RUNS; i += 1) {
          fnTimes.push(await importTime(fn.file, sourceMaps));
          floorTimes.push(await importTime(floor.file, sourceMaps));
        }
        const value = median(fnTimes.map((time) => time.wall));
        const base = median(floorTimes.map((time) => time.wall));
        const cpu = median(fnTimes.map((time) => time.cpu)) / median(floorTimes.map((time) => time.cpu));
        rows.push({
          suite: SUITE,
          metric: `${name} cold import${sourceMaps ? ' (--enable-source-maps)' : ''}: ${(value / base).toFixed(2)}× the floor (CPU ${cpu.toFixed(2)}×)`,
          value,
          unit: 'ms',
          baseline: { name: 'SDK clients only', value: base },
          target: sourceMaps ? '' : '≤ 1.25× the SDK floor',
          met: sourceMaps ? undefined : value <= 1.25 * base,
        });
      }
      if (EXTRACTING.includes(name)) rows.push(await firstInvocation(dir, name, floor.file, page));
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Import plus the first extraction, as the function's first invocation pays it, against the
 * floor's import plus one warm extraction (the work no start-up can avoid). The bundle is the
 * function's own with `extractArticle` exported beside its handler: the same modules, so the same
 * work at import and on first use.
 */
async function firstInvocation(
  dir: string,
  name: FunctionName,
  floorFile: string,
  page: string,
): Promise<BenchRow> {
  const withExtract = await writeBundle(dir, `${name}-extract.mjs`, {
    contents: `export * from ${JSON.stringify(functionEntry(name))};
export { extractArticle } from ${JSON.stringify(join(repositoryRoot, 'lib/article/index.ts'))};`,
    resolveDir: repositoryRoot,
  });
  const firsts: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const { first, warm } = await firstExtraction(withExtract.file, page);
    firsts.push(first);
    floors.push((await importTime(floorFile, false)).wall + warm);
  }
  const value = median(firsts);
  const base = median(floors);
  return {
    suite: SUITE,
    metric: `${name} import + first extraction: ${(value / base).toFixed(2)}× the floor + one warm extraction`,
    value,
    unit: 'ms',
    baseline: { name: 'SDK floor import + warm extraction', value: base },
  };
}
