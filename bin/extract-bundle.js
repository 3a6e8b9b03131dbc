// The `extract` command as an esbuild bundle in dist/cli: Node loads one file of plain JavaScript
// instead of transforming each TypeScript module through tsx, which was most of its start-up.
// The bundle records the size and mtime of every file it was built from; any difference and it
// is rebuilt before use, so an edited source never runs stale. Run directly to build ahead
// (npm's prepare and prebench do), never failing: without a bundle the CLI falls back to tsx.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as nodeModule from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outRoot = join(root, 'dist', 'cli');
const stampPath = join(outRoot, 'stamp.json');
const self = relative(root, fileURLToPath(import.meta.url));
/** Builds no longer current are removed once this old: a running CLI may still be reading one. */
const STALE_BUILD_MS = 10 * 60 * 1000;

/**
 * The bundled `run(argv)` of lib/cli/extract-command.ts, built first if missing or stale;
 * undefined when it cannot be built (no esbuild, read-only folder), for the caller to use tsx.
 */
export async function loadBundledExtract() {
  let stamp = readFreshStamp();
  if (stamp === undefined) {
    try {
      stamp = await build();
    } catch (error) {
      process.stderr.write(`article-pipeline: running without the bundle (${error.message})\n`);
      return undefined;
    }
  }
  // V8's code cache on disk: the bundle is parsed and compiled once, not on every run (Node ≥ 22.1).
  nodeModule.enableCompileCache?.(join(outRoot, 'compile-cache'));
  const module = await import(pathToFileURL(join(outRoot, stamp.dir, 'extract-command.js')).href);
  return module.run;
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return undefined;
  }
}

function readFreshStamp() {
  const stamp = readStamp();
  if (stamp === undefined) return undefined;
  for (const [path, mtimeMs, size] of stamp.inputs) {
    const stats = statSync(join(root, path), { throwIfNoEntry: false });
    if (stats === undefined || stats.mtimeMs !== mtimeMs || stats.size !== size) return undefined;
  }
  return stamp;
}

async function build() {
  const esbuild = await import('esbuild');
  mkdirSync(outRoot, { recursive: true });
  const started = Date.now();
  // Built aside and renamed into place, so that concurrent runs never see a half-written bundle.
  const tmp = mkdtempSync(join(outRoot, 'tmp-'));
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: {
        'extract-command': 'lib/cli/extract-command.ts',
        'extract-worker': 'lib/cli/extract-worker.ts',
      },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node24',
      outdir: tmp,
      // zod is only for --manifest, loaded when used; it stays a package in node_modules.
      external: ['zod'],
      // Some bundled CommonJS packages call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
      metafile: true,
      logLevel: 'silent',
    });
    const files = [
      ...Object.keys(result.metafile.inputs),
      self,
      'package.json',
      'node_modules/esbuild/package.json',
    ];
    const inputs = files.map((path) => {
      const stats = statSync(join(root, path));
      // A source saved while esbuild read it may not be in the bundle: recorded so that it never matches.
      return [path, stats.mtimeMs >= started ? -1 : stats.mtimeMs, stats.size];
    });
    const dir = `build-${createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16)}`;
    try {
      renameSync(tmp, join(outRoot, dir));
    } catch (error) {
      // Another run built the same sources first.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    }
    const previous = readStamp()?.dir;
    const stamp = { dir, inputs };
    const stampTmp = `${stampPath}.${process.pid}`;
    writeFileSync(stampTmp, JSON.stringify(stamp));
    renameSync(stampTmp, stampPath);
    removeOldBuilds([dir, previous]);
    // Code cached for earlier bundles would only accumulate (Node ignores a missing cache).
    if (previous !== dir) rmSync(join(outRoot, 'compile-cache'), { recursive: true, force: true });
    return stamp;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Removes builds but the current and the one before it (runs that started on it may still read it). */
function removeOldBuilds(kept) {
  for (const name of readdirSync(outRoot)) {
    if (kept.includes(name) || !(name.startsWith('build-') || name.startsWith('tmp-'))) continue;
    const path = join(outRoot, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats !== undefined && Date.now() - stats.mtimeMs > STALE_BUILD_MS)
      rmSync(path, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  try {
    if (readFreshStamp() === undefined) await build();
  } catch (error) {
    process.stderr.write(`article-pipeline: no bundle built (${error.message}); the CLI will use tsx\n`);
  }
}
