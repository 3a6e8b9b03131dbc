import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The console's sources: `console/src/main.ts` and what it imports, plus the static files beside it. */
export const CONSOLE_DIR = fileURLToPath(new URL('../console/', import.meta.url));
export const CONSOLE_ENTRY = join(CONSOLE_DIR, 'src', 'main.ts');
/** The budget for the one script the page loads (minified, not compressed). */
export const CONSOLE_BUNDLE_LIMIT_BYTES = 150 * 1024;

export interface ConsoleBundle {
  readonly code: Uint8Array;
  /** Files read to build it, with the mtime each had: any change and the bundle is stale. */
  readonly inputs: ReadonlyMap<string, number>;
}

/**
 * Builds the console's script with esbuild, in memory: one minified ES module for current
 * browsers, no source maps, nothing fetched at run time (the page works offline).
 *
 * @example const { code } = await buildConsoleBundle(); // code.byteLength < CONSOLE_BUNDLE_LIMIT_BYTES
 */
export async function buildConsoleBundle(): Promise<ConsoleBundle> {
  const esbuild = await import('esbuild');
  const started = Date.now();
  const result = await esbuild.build({
    entryPoints: [CONSOLE_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox120', 'safari17'],
    minify: true,
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error('esbuild produced no console bundle');
  const inputs = new Map<string, number>();
  for (const path of Object.keys(result.metafile.inputs)) {
    const stats = await stat(path);
    // A source saved while esbuild read it may not be in the bundle: recorded so that it never matches.
    inputs.set(path, stats.mtimeMs >= started ? -1 : stats.mtimeMs);
  }
  return { code: file.contents, inputs };
}

async function isFresh(bundle: ConsoleBundle): Promise<boolean> {
  for (const [path, mtimeMs] of bundle.inputs) {
    const stats = await stat(path).catch(() => undefined);
    if (stats === undefined || stats.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

/**
 * The bundle, built on first use and rebuilt when a source changed since (a console edited while
 * `npm start` runs shows on reload). A failed build is retried on the next request.
 */
export function consoleBundleCache(): () => Promise<ConsoleBundle> {
  let current: Promise<ConsoleBundle> | null = null;
  return async () => {
    if (current !== null) {
      const bundle = await current.catch(() => null);
      if (bundle !== null && (await isFresh(bundle))) return bundle;
    }
    current = buildConsoleBundle();
    return current;
  };
}
