// Rebuilds every function's deployed code with its source map into dist/source-maps/<function>/
// (never deployed: see BUNDLE_SETTINGS). Run it on the commit that was deployed, then resolve a
// stack trace from CloudWatch against index.mjs.map, e.g. with `node --enable-source-maps` on the
// rebuilt index.mjs or any source-map tool.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFunction, FUNCTION_NAMES } from '../infra/function-bundles.js';

const out = fileURLToPath(new URL('../dist/source-maps/', import.meta.url));
for (const name of FUNCTION_NAMES) {
  const { code, map } = await bundleFunction(name, { sourceMap: true });
  const dir = join(out, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.mjs'), code);
  if (map !== null) await writeFile(join(dir, 'index.mjs.map'), map);
  console.log(
    `${join('dist/source-maps', name)}: index.mjs ${(code.byteLength / 1024).toFixed(0)} KiB + map`,
  );
}
