import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BUNDLE_SETTINGS, functionEntry } from '../../infra/constructs/node-function.js';

const LIMIT_BYTES = 2 * 1024 * 1024;
const FUNCTIONS = ['ingest-article', 'read-api', 'reprocess-object'] as const;

/** Bundles an entry exactly as the stack does (see NodeFunction) and returns the code's size. */
async function bundledBytes(name: string): Promise<{ bytes: number; largest: string[] }> {
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
  return { bytes: code?.contents.byteLength ?? 0, largest };
}

describe('function bundles', () => {
  for (const name of FUNCTIONS) {
    it(`keeps ${name} under 2 MB`, async () => {
      const { bytes, largest } = await bundledBytes(name);
      process.stdout.write(`bundle ${name}: ${(bytes / 1024).toFixed(0)} KiB (${largest.join(', ')})\n`);
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(LIMIT_BYTES);
    }, 60_000);
  }
});
