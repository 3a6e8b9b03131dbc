#!/usr/bin/env node
// `extract` runs from an esbuild bundle (bin/extract-bundle.js), rebuilt whenever its sources
// change, so that a batch of files is not mostly start-up. The other commands run the
// TypeScript through tsx's loader: they start servers or call AWS, where start-up does not count.
const [command, ...rest] = process.argv.slice(2);
const run =
  command === 'extract' ? await (await import('./extract-bundle.js')).loadBundledExtract() : undefined;
if (run === undefined) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../lib/cli/main.ts');
} else {
  process.exitCode = await run(rest);
}
