import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { extractArticle } from '../../lib/article/index.js';
import { type BenchRow, medianMs } from './bench-kit.js';

const run = promisify(execFile);
const suite = 'core-text';

/**
 * The extraction core on plain text: the seed article in process (median of many runs), and a
 * ~10 MiB article in a child process for its time and peak memory.
 */
export async function bench(): Promise<BenchRow[]> {
  const seed = await readFile(new URL('../../../shared/seed/seed-article.txt', import.meta.url));
  const seedMs = await medianMs(() => extractArticle(seed), 500, 50);

  const child = new URL('./core-text-memory.child.ts', import.meta.url).pathname;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child], { maxBuffer: 1024 * 1024 });
  const big = JSON.parse(stdout) as {
    bytes: number;
    status: string;
    ms: number;
    maxRssMb: number;
    rssBeforeMb: number;
  };
  if (big.status !== 'processed') throw new Error(`the 10 MiB article was ${big.status}`);

  return [
    {
      suite,
      metric: 'seed extraction (median of 500)',
      value: seedMs,
      unit: 'ms',
      target: '< 1 ms',
      met: seedMs < 1,
    },
    { suite, metric: `10 MiB text extraction (${big.bytes} bytes)`, value: big.ms, unit: 'ms' },
    {
      suite,
      metric: '10 MiB text peak RSS (whole process)',
      value: big.maxRssMb,
      unit: 'MB',
      target: '< 300 MB',
      met: big.maxRssMb < 300,
    },
    { suite, metric: '10 MiB text RSS growth over start', value: big.maxRssMb - big.rssBeforeMb, unit: 'MB' },
  ];
}
