import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { BUNDLE_LIMIT_BYTES, bundleSizeCheck, NodeFunction } from '../../infra/constructs/node-function.js';
import { bundleFunction, FUNCTION_NAMES, PLACEHOLDER_FUNCTION_ENV } from '../../infra/function-bundles.js';

/**
 * Loads a bundle in a fresh Node.js process, as Lambda does, and reports its handler's type and
 * the async-context namespaces registered (the X-Ray SDK's `AWSXRay` when tracing is on).
 */
async function load(code: Uint8Array, env: Readonly<Record<string, string>> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'article-pipeline-bundle-'));
  try {
    const file = join(dir, 'index.mjs');
    await writeFile(file, code);
    const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write([typeof m.handler, ...Object.keys(process.namespaces ?? {})].join(' '));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH, ...PLACEHOLDER_FUNCTION_ENV, ...env },
      timeout: 30_000,
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('function bundles', () => {
  for (const name of FUNCTION_NAMES) {
    it(`keeps ${name} under the synth limit, loadable as an ES module`, async () => {
      const { code, parts } = await bundleFunction(name);
      const largest = parts.slice(0, 6).map(([owner, bytes]) => `${owner} ${(bytes / 1024).toFixed(0)} KiB`);
      const bytes = code.byteLength;
      process.stdout.write(`bundle ${name}: ${(bytes / 1024).toFixed(0)} KiB (${largest.join(', ')})\n`);
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(BUNDLE_LIMIT_BYTES);
      expect(await load(code)).toBe('function');
      // semver is replaced by a few lines (its `gte`, all the X-Ray SDK calls).
      expect(parts.map(([owner]) => owner)).not.toContain('semver');
      // The read API normalizes URLs but never asks for a registrable domain (lib/article/site.ts).
      if (name === 'read-api') expect(parts.map(([owner]) => owner)).not.toContain('tldts');
      // As in Lambda: the tracer loads the X-Ray SDK, with the bundle's stand-ins (semver-gte.ts).
      expect(await load(code, { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' })).toBe('function AWSXRay');
    }, 60_000);
  }

  it('builds the same code with or without its offline source map (npm run source-maps)', async () => {
    const deployed = await bundleFunction('read-api');
    const withMap = await bundleFunction('read-api', { sourceMap: true });
    expect(deployed.map).toBeNull();
    expect(withMap.map?.byteLength).toBeGreaterThan(0);
    expect(Buffer.from(withMap.code).equals(Buffer.from(deployed.code))).toBe(true);
    const map = JSON.parse(Buffer.from(withMap.map ?? new Uint8Array()).toString('utf8')) as {
      sources: string[];
    };
    expect(map.sources.some((source) => source.endsWith('functions/read-api.ts'))).toBe(true);
  }, 60_000);

  it('measures exactly the code CDK deploys: the synthesized asset equals the bundle built here', async () => {
    const outdir = await mkdtemp(join(tmpdir(), 'article-pipeline-synth-'));
    try {
      const app = new App({ outdir });
      new NodeFunction(new Stack(app, 'Bundle'), 'ReadApi', {
        entry: 'read-api',
        description: 'bundle check',
        environment: {},
        timeout: Duration.seconds(10),
        logRetention: RetentionDays.ONE_DAY,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      app.synth();
      const assets = (await readdir(outdir)).filter((name) => name.startsWith('asset.'));
      expect(assets).toHaveLength(1);
      const deployed = await readFile(join(outdir, assets[0] ?? '', 'index.mjs'));
      expect((await readdir(join(outdir, assets[0] ?? ''))).sort()).toEqual(['index.mjs']);
      const { code } = await bundleFunction('read-api');
      expect(deployed.byteLength).toBe(code.byteLength);
      expect(deployed.equals(Buffer.from(code))).toBe(true);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  }, 120_000);

  it("fails synth on a bundle over the limit (NodeFunction's afterBundling check)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "article-pipeline-size-'check-"));
    try {
      const file = join(dir, 'index.mjs');
      const sh = (command: string) => promisify(execFile)('bash', ['-c', command]);
      await writeFile(file, Buffer.alloc(BUNDLE_LIMIT_BYTES - 1));
      await expect(sh(bundleSizeCheck(file, 'small'))).resolves.toBeDefined();
      await writeFile(file, Buffer.alloc(BUNDLE_LIMIT_BYTES));
      await expect(sh(bundleSizeCheck(file, 'heavy'))).rejects.toThrow(
        new RegExp(`bundle of heavy is ${BUNDLE_LIMIT_BYTES} bytes, over`),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
