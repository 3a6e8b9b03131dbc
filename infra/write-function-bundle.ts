// Writes one function's deployed code: `node --import tsx infra/write-function-bundle.ts <function> <file>`.
// NodeFunction runs it after CDK's own esbuild step (see its afterBundling hook): CDK runs the
// esbuild command line, which takes no plugins, and the deployed code needs one
// (infra/sdk-schema-keys.ts). The code is bundleFunction's, byte for byte.
import { writeFile } from 'node:fs/promises';
import { bundleFunction, FUNCTION_NAMES, type FunctionName } from './function-bundles.js';

const [name, file] = process.argv.slice(2);
if (!FUNCTION_NAMES.includes(name as FunctionName) || file === undefined) {
  console.error(`usage: write-function-bundle.ts <${FUNCTION_NAMES.join('|')}> <file>`);
  process.exit(2);
}
await writeFile(file, (await bundleFunction(name as FunctionName)).code);
