import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { rewriteSchemaKeys, sdkSchemaKeysPlugin } from '../../infra/sdk-schema-keys.js';

const require = createRequire(import.meta.url);
/** The generated schema module of an SDK client, found from its package (not exported by it). */
const schemaModule = (client: string): string =>
  join(dirname(require.resolve(`${client}/package.json`)), 'dist-es/schemas/schemas_0.js');

async function bundle(contents: string, plugins: Plugin[]): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    plugins,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Every export of a module, functions (the schemas' `() => Shape$` thunks) by their source. */
async function exportsOf(code: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'article-pipeline-schemas-'));
  try {
    const file = join(dir, 'module.mjs');
    await writeFile(file, code);
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    return JSON.stringify(module, (_key, value: unknown) =>
      typeof value === 'function' ? String(value) : value,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('rewriteSchemaKeys', () => {
  it('turns computed keys naming a string constant into literal keys, and nothing else', () => {
    const source = 'const _hH = "httpHeader";\nvar A$ = [0, n0, _A, { [_hH]: _CM, [other]: 1 }, [_hH]];';
    expect(rewriteSchemaKeys(source)).toBe(
      'const _hH = "httpHeader";\nvar A$ = [0, n0, _A, { "httpHeader": _CM, [other]: 1 }, [_hH]];',
    );
  });

  for (const client of ['@aws-sdk/client-s3', '@aws-sdk/client-dynamodb']) {
    it(`leaves every schema of ${client} as it was`, async () => {
      const entry = `export * from ${JSON.stringify(schemaModule(client))};`;
      const original = await exportsOf(await bundle(entry, []));
      const rewritten = await exportsOf(await bundle(entry, [sdkSchemaKeysPlugin]));
      expect(original.length).toBeGreaterThan(10_000);
      expect(original).toContain('"httpHeader"');
      expect(rewritten).toBe(original);
    }, 60_000);
  }

  it('lets esbuild drop the schemas of commands a bundle never sends', async () => {
    const entry =
      "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3'; export const send = (key) => new S3Client({}).send(new GetObjectCommand({ Bucket: 'b', Key: key }));";
    const without = await bundle(entry, []);
    const withPlugin = await bundle(entry, [sdkSchemaKeysPlugin]);
    expect(without).toContain('PutBucketInventoryConfigurationRequest$');
    expect(withPlugin).not.toContain('PutBucketInventoryConfigurationRequest$');
    expect(withPlugin).toContain('GetObjectRequest$');
    expect(without.length - withPlugin.length).toBeGreaterThan(50_000);
  }, 60_000);
});
