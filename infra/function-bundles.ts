/**
 * The Lambda bundles, built outside CDK exactly as `NodeFunction` has CDK build them (same entry
 * points, same `BUNDLE_SETTINGS`): for the bundle-size test, the cold-start bench and the offline
 * source maps (`npm run source-maps`). esbuild is deterministic, so the code built here is byte
 * for byte the deployed code.
 */
import { build } from 'esbuild';
import { BUNDLE_SETTINGS, functionEntry } from './constructs/node-function.js';
import { sdkSchemaKeysPlugin } from './sdk-schema-keys.js';

/** The functions the stack deploys, by their file name in `functions/`. */
export const FUNCTION_NAMES = ['ingest-article', 'read-api', 'reprocess-object'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** The environment the stack gives the functions, with placeholder values: enough to load a bundle. */
export const PLACEHOLDER_FUNCTION_ENV: Readonly<Record<string, string>> = {
  ARTICLES_TABLE_NAME: 'table',
  RAW_BUCKET_NAME: 'raw',
  CONTENT_BUCKET_NAME: 'content',
  CONTENT_PREFIX: 'content/',
  CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:cursor',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'none',
  AWS_SECRET_ACCESS_KEY: 'none',
  POWERTOOLS_SERVICE_NAME: 'article-pipeline',
  POWERTOOLS_METRICS_NAMESPACE: 'ArticlePipeline',
};

export interface FunctionBundle {
  /** The code, as deployed. */
  readonly code: Uint8Array;
  /** The source map of `code` (only when asked for): never deployed. */
  readonly map: Uint8Array | null;
  /** Bytes of the code by npm package ('(project)' for this repository's files), largest first. */
  readonly parts: readonly (readonly [string, number])[];
}

/**
 * Bundles one function as the stack does. With `sourceMap`, the map is produced without adding a
 * `sourceMappingURL` comment (esbuild's `external` mode), so `code` stays identical.
 */
export async function bundleFunction(
  entry: FunctionName | { readonly contents: string; readonly resolveDir: string },
  options: { readonly sourceMap?: boolean } = {},
): Promise<FunctionBundle> {
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [functionEntry(entry)] }
      : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: 'ts' } }),
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    outfile: 'index.mjs',
    target: BUNDLE_SETTINGS.target,
    minify: BUNDLE_SETTINGS.minify,
    sourcemap: options.sourceMap === true ? 'external' : false,
    charset: BUNDLE_SETTINGS.charset,
    mainFields: [...BUNDLE_SETTINGS.mainFields],
    alias: { ...BUNDLE_SETTINGS.alias },
    banner: { js: BUNDLE_SETTINGS.banner },
    plugins: [sdkSchemaKeysPlugin],
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.mjs'))?.contents;
  if (code === undefined) throw new Error('esbuild produced no code');
  const map = result.outputFiles.find((file) => file.path.endsWith('.map'))?.contents ?? null;
  const inputs =
    Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.mjs'))?.[1].inputs ?? {};
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(inputs)) {
    const owner = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(project)';
    byPackage.set(owner, (byPackage.get(owner) ?? 0) + input.bytesInOutput);
  }
  return { code, map, parts: [...byPackage].sort((a, b) => b[1] - a[1]) };
}
