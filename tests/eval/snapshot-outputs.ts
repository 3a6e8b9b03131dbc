/**
 * Byte-identity check for speed work: extracts every page of the three evaluation corpora, the
 * golden fixtures and the seed, and prints one line per input with a hash of its record
 * (`processedAt` left out) and of its content. Run before and after a change and diff the two.
 *
 * Usage: node --import tsx tests/eval/snapshot-outputs.ts > before.txt
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExtractOptions, extractArticle } from '../../lib/article/index.js';
import { corporaRoot, loadAllPages } from './corpora.js';

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function line(name: string, bytes: Uint8Array, options: ExtractOptions): string {
  // The core's record has no `processedAt` (the ingest use case stamps it): all of it is stable.
  const { record, content } = extractArticle(bytes, options);
  return `${name}\t${hash(record)}\t${hash(content)}`;
}

const lines: string[] = [];
for (const page of loadAllPages()) {
  lines.push(
    line(`${page.corpus}/${page.id}`, page.bytes, {
      contentType: 'text/html',
      fileName: 'page.html',
      ...(page.url === null ? {} : { sourceUrl: page.url }),
    }),
  );
  // As the HTML bench calls it: declared HTML and the page URL, no file name.
  if (page.corpus === 'readability')
    lines.push(
      line(`bench/${page.id}`, page.bytes, {
        contentType: 'text/html',
        ...(page.url === null ? {} : { sourceUrl: page.url }),
      }),
    );
}

const fixtures = fileURLToPath(new URL('../fixtures/articles/', import.meta.url));
for (const name of readdirSync(fixtures).sort()) {
  const dir = join(fixtures, name);
  const source = readdirSync(dir).find((file) => file.startsWith('source.'));
  if (source === undefined) continue;
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
    options?: ExtractOptions;
  };
  lines.push(line(`golden/${name}`, readFileSync(join(dir, source)), expected.options ?? {}));
}

const seed = join(corporaRoot(), '..', 'seed', 'seed-article.txt');
lines.push(line('seed', readFileSync(seed), { fileName: '2017/05/seed.txt' }));

process.stdout.write(`${lines.join('\n')}\n`);
