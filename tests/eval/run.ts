/**
 * `npm run eval [-- --ours-only] [-- --update-floor] [-- --limit N]`: extraction quality over
 * the public corpora in ../shared/corpora, ours beside Readability (jsdom), metascraper, Defuddle
 * (linkedom) and @extractus/article-extractor, run on the same pages in the same process. Prints one table, writes bench-results/eval.json;
 * `--update-floor` stores our rates as the floor the ratchet test in `npm test` enforces.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASELINES } from './baseline-extractors.js';
import { BaselinePool } from './baseline-pool.js';
import { type CorpusName, type EvalPage, loadAllPages } from './corpora.js';
import type { Extraction } from './matching.js';
import { extractWithOurs } from './our-extractor.js';
import { loweredFields, readFloor, writeFloor } from './quality-floor.js';
import { type CorpusRates, Scoreboard, type ToolName } from './score.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const oursOnly = args.includes('--ours-only');
const updateFloor = args.includes('--update-floor');
const limitIndex = args.indexOf('--limit');
const limit = limitIndex >= 0 ? Number(args[limitIndex + 1]) : Number.POSITIVE_INFINITY;

const CORPORA: readonly CorpusName[] = ['readability', 'trafilatura', 'htmldate'];
const tools: readonly ToolName[] = oursOnly ? ['ours'] : ['ours', ...BASELINES];

const pages = pickPages(loadAllPages(), limit);
const board = new Scoreboard();
const timeMs: Record<'ours' | 'baselines', number> = { ours: 0, baselines: 0 };
const started = performance.now();

const pool = oursOnly ? null : new BaselinePool();
let baselinesDone = 0;
const baselineRuns = (pool ? pages : []).map(async (page) => {
  if (pool === null) return;
  const result = await pool.run(page);
  for (const tool of BASELINES) board.add(tool, page, result[tool]);
  baselinesDone += 1;
  if (baselinesDone % 100 === 0) {
    process.stderr.write(`eval: baselines ${baselinesDone}/${pages.length} pages, ${elapsedSeconds()} s\n`);
  }
});

for (const page of pages) {
  const start = performance.now();
  board.add(
    'ours',
    page,
    safely(() => extractWithOurs(page)),
  );
  timeMs.ours += performance.now() - start;
  // Lets the pool hand pages to idle workers while ours runs on the main thread.
  await new Promise((resolve) => setImmediate(resolve));
}
const oursSeconds = elapsedSeconds();
process.stderr.write(`eval: ours done (${pages.length} pages, ${oursSeconds} s)\n`);
await Promise.all(baselineRuns);
await pool?.close();
timeMs.baselines = performance.now() - started;

const rates = Object.fromEntries(tools.map((tool) => [tool, board.rates(tool, CORPORA)])) as Partial<
  Record<ToolName, CorpusRates>
>;
const rows = tableRows(rates);
printTable(rows);

const out = join(here, '..', '..', 'bench-results');
await mkdir(out, { recursive: true });
await writeFile(
  join(out, 'eval.json'),
  `${JSON.stringify(
    {
      node: process.version,
      at: new Date().toISOString(),
      pages: pages.length,
      seconds: Number(elapsedSeconds()),
      // The baselines share one jsdom parse, so their time is reported together,
      // as wall time across the worker pool; ours is single-threaded extraction time.
      msPerPage: { ours: timeMs.ours / pages.length, baselines: timeMs.baselines / pages.length },
      baselineWorkers: pool?.size ?? 0,
      rows,
      rates,
      ourMisses: Object.fromEntries(
        CORPORA.map((corpus) => [
          corpus,
          Object.fromEntries(
            Object.keys(rates.ours?.[corpus] ?? {}).map((field) => [
              field,
              board.tally('ours', corpus, field as never).misses.slice(0, 40),
            ]),
          ),
        ]),
      ),
    },
    null,
    2,
  )}\n`,
);
console.log(`results written to bench-results/eval.json (${pages.length} pages, ${elapsedSeconds()} s)`);

if (updateFloor) {
  if (Number.isFinite(limit)) throw new Error('--update-floor needs the whole corpora: drop --limit');
  const lowered = loweredFields(readFloor(), rates.ours ?? {});
  if (lowered.length > 0 && !args.includes('--allow-lower')) {
    console.error(
      `not updating the floor: it would go down for ${lowered.join(', ')} (add --allow-lower to accept)`,
    );
    process.exitCode = 1;
  } else {
    const path = await writeFloor(rates.ours ?? {});
    console.log(`quality floor written to ${path}`);
  }
}

function safely(run: () => Extraction): Extraction | null {
  try {
    return run();
  } catch (error: unknown) {
    process.stderr.write(`eval: ours threw: ${error instanceof Error ? error.message : String(error)}\n`);
    return null;
  }
}

function pickPages(all: readonly EvalPage[], max: number): EvalPage[] {
  if (!Number.isFinite(max)) return [...all];
  return CORPORA.flatMap((corpus) => all.filter((page) => page.corpus === corpus).slice(0, max));
}

function elapsedSeconds(): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}

interface Row {
  readonly corpus: string;
  readonly field: string;
  readonly n: number;
  readonly ours: number | null;
  /** Each baseline's rate, null where it has no value for the field. */
  readonly peers: Readonly<Record<(typeof BASELINES)[number], number | null>>;
  /** The best rate among the other tools that the target compares against. */
  readonly best: number | null;
  readonly met: boolean | null;
}

function tableRows(all: Partial<Record<ToolName, CorpusRates>>): Row[] {
  const rows: Row[] = [];
  for (const corpus of CORPORA) {
    for (const [field, ours] of Object.entries(all.ours?.[corpus] ?? {})) {
      const peers = Object.fromEntries(
        BASELINES.map((tool) => [tool, all[tool]?.[corpus]?.[field]?.rate ?? null]),
      ) as Row['peers'];
      // On Readability's own pages the expected values are its output: a reference, not a rival.
      const rivals = BASELINES.filter((tool) => !(corpus === 'readability' && tool === 'readability')).map(
        (tool) => peers[tool],
      );
      const known = rivals.filter((rate): rate is number => rate !== null);
      const best = known.length > 0 ? Math.max(...known) : null;
      rows.push({
        corpus,
        field,
        n: ours.n,
        ours: ours.rate,
        peers,
        best,
        met: best === null ? null : ours.rate >= best - 1e-9,
      });
    }
  }
  return rows;
}

function printTable(rows: readonly Row[]): void {
  const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);
  const header = ['corpus', 'field', 'n', 'ours', ...BASELINES.map(peerTitle), 'best other', 'met'];
  const body = rows.map((row) => [
    row.corpus,
    row.field,
    String(row.n),
    percent(row.ours),
    ...BASELINES.map(
      (tool) =>
        `${percent(row.peers[tool])}${tool === 'readability' && row.corpus === 'readability' && row.peers[tool] !== null ? ' (ref)' : ''}`,
    ),
    percent(row.best),
    row.met === null ? '' : row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((line) => line[column]?.length ?? 0)),
  );
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  let previous = '';
  for (const [index, line] of body.entries()) {
    const corpus = rows[index]?.corpus ?? '';
    if (previous !== '' && corpus !== previous) console.log('');
    previous = corpus;
    console.log(format(line));
  }
  console.log(
    `\nours: our extractor; readability: @mozilla/readability on jsdom; metascraper: title/author/date/description/publisher rules;\ndefuddle: Defuddle on linkedom; extractus: @extractus/article-extractor (Readability on linkedom plus its metadata rules).`,
  );
  console.log(
    `(ref): Readability's test pages expect Readability's own output, so it is the reference there, not a rival.`,
  );
  console.log(
    `Matching: NFKC, typographic quotes/dashes to ASCII, white space folded, case folded; dates by day.`,
  );
  if (tools.length === 1) console.log('(--ours-only: baselines not run)');
}

function peerTitle(tool: (typeof BASELINES)[number]): string {
  return tool === 'articleExtractor' ? 'extractus' : tool;
}
