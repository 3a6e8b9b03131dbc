import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './bench-kit.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);

const files = (await readdir(here))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const module = (await import(pathToFileURL(join(here, file)).href)) as { bench(): Promise<BenchRow[]> };
  rows.push(...(await module.bench()));
}

/** How many times better than the baseline: for rates (per second) higher is better, else lower. */
const speedup = (row: BenchRow, baseline: number): number =>
  row.unit.includes('/s') ? row.value / baseline : baseline / row.value;

const format = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toPrecision(3));
const table = rows.map((row) => ({
  suite: row.suite,
  metric: row.metric,
  value: `${format(row.value)} ${row.unit}`,
  baseline: row.baseline ? `${row.baseline.name}: ${format(row.baseline.value)} ${row.unit}` : '',
  ratio:
    row.baseline && row.value > 0 && row.baseline.value > 0
      ? `${format(speedup(row, row.baseline.value))}×`
      : '',
  target: row.target ?? '',
  met: row.met === undefined ? '' : row.met ? 'yes' : 'NO',
}));
console.table(table);

const out = join(here, '..', '..', 'bench-results');
await mkdir(out, { recursive: true });
await writeFile(
  join(out, 'latest.json'),
  `${JSON.stringify({ node: process.version, at: new Date().toISOString(), rows }, null, 2)}\n`,
);
console.log(`results written to bench-results/latest.json`);
