import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLE_SETTINGS, functionEntry } from '../../infra/constructs/node-function.js';

const LIMIT_BYTES = 2 * 1024 * 1024;
const FUNCTIONS = ['ingest-article', 'read-api', 'reprocess-object'] as const;

/** Bundles an entry exactly as the stack does (see NodeFunction) and returns the code's size. */
async function bundle(name: string): Promise<{ code: Uint8Array; largest: string[] }> {
  const result = await build({
    entryPoints: [functionEntry(name)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    outfile: 'index.mjs',
    target: BUNDLE_SETTINGS.target,
    minify: BUNDLE_SETTINGS.minify,
    charset: BUNDLE_SETTINGS.charset,
    mainFields: [...BUNDLE_SETTINGS.mainFields],
    banner: { js: BUNDLE_SETTINGS.banner },
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'));
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const owner = match?.[1] ?? '(project)';
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + input.bytesInOutput);
  }
  const largest = [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([owner, bytes]) => `${owner} ${(bytes / 1024).toFixed(0)} KiB`);
  return { code: code?.contents ?? new Uint8Array(), largest };
}

/** The environment the stack gives the functions, with placeholder values. */
const FUNCTION_ENV = {
  ARTICLES_TABLE_NAME: 'table',
  RAW_BUCKET_NAME: 'raw',
  CONTENT_BUCKET_NAME: 'content',
  CONTENT_PREFIX: 'content/',
  CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:cursor',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'none',
  AWS_SECRET_ACCESS_KEY: 'none',
};

/** Loads a bundle in a fresh Node.js process, as Lambda does, and reports its handler's type. */
async function handlerTypeOf(code: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'article-pipeline-bundle-'));
  try {
    const file = join(dir, 'index.mjs');
    await writeFile(file, code);
    const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(typeof m.handler);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, ...FUNCTION_ENV },
      timeout: 30_000,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('function bundles', () => {
  for (const name of FUNCTIONS) {
    it(`keeps ${name} under 2 MB, loadable as an ES module`, async () => {
      const { code, largest } = await bundle(name);
      const bytes = code.byteLength;
      process.stdout.write(`bundle ${name}: ${(bytes / 1024).toFixed(0)} KiB (${largest.join(', ')})\n`);
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(LIMIT_BYTES);
      expect(await handlerTypeOf(code)).toBe('function');
    }, 60_000);
  }
});
