/** Private dev measurement of parseHtml against the shared corpora (not the official `npm run eval`). */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHtml } from '../../lib/article/html/parse-html.js';

const corpora = new URL('../../../shared/corpora/', import.meta.url);
const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();
const verbose = process.argv.includes('-v');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

interface Truth {
  file: string;
  title?: string;
  author?: string | string[];
  date?: string;
  with?: string[];
  without?: string[];
}
function read(path: URL): string {
  const bytes = readFileSync(path);
  const raw = path.pathname.endsWith('.gz') ? gunzipSync(bytes) : bytes;
  return new TextDecoder('utf-8').decode(raw);
}

const which = process.argv[2] ?? 'trafilatura';
const truth = JSON.parse(readFileSync(new URL(`${which}/truth.json`, corpora), 'utf8')) as Record<
  string,
  Truth
>;
let n = 0;
let titleOk = 0,
  titleN = 0,
  dateOk = 0,
  dateN = 0,
  authorOk = 0,
  authorN = 0;
let withFound = 0,
  withN = 0,
  withoutAbsent = 0,
  withoutN = 0;
const start = performance.now();
for (const [url, t] of Object.entries(truth)) {
  if (only !== undefined && !url.includes(only)) continue;
  let html: string;
  try {
    html = read(new URL(`${which}/pages/${t.file}`, corpora));
  } catch {
    continue;
  }
  n += 1;
  const doc = parseHtml(html, { sourceUrl: url });
  const body = fold(
    doc.blocks
      .filter((b) => b.type === 'paragraph' || b.type === 'heading')
      .map((b) => b.text)
      .join('\n'),
  );
  const problems: string[] = [];
  if (t.title) {
    titleN += 1;
    if (doc.title !== null && fold(doc.title) === fold(t.title)) titleOk += 1;
    else problems.push(`title: ${JSON.stringify(doc.title)} ≠ ${JSON.stringify(t.title)}`);
  }
  if (t.date) {
    dateN += 1;
    if (doc.publishedAt?.slice(0, 10) === t.date) dateOk += 1;
    else problems.push(`date: ${doc.publishedAt} ≠ ${t.date}`);
  }
  if (t.author) {
    authorN += 1;
    const got = doc.authors.map(fold).join('; ');
    const want = (Array.isArray(t.author) ? t.author : t.author.split(/;\s*/)).map(fold).join('; ');
    if (got.toLowerCase() === want.toLowerCase()) authorOk += 1;
    else problems.push(`author: ${JSON.stringify(doc.authors)} ≠ ${JSON.stringify(t.author)}`);
  }
  for (const s of t.with ?? []) {
    withN += 1;
    if (body.includes(fold(s))) withFound += 1;
    else problems.push(`missing: ${fold(s).slice(0, 80)}`);
  }
  for (const s of t.without ?? []) {
    withoutN += 1;
    if (!body.includes(fold(s))) withoutAbsent += 1;
    else problems.push(`extra: ${fold(s).slice(0, 80)}`);
  }
  if (verbose && problems.length > 0) console.log(`${url}\n  ${problems.join('\n  ')}`);
}
const ms = performance.now() - start;
const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
console.log(
  `${which}: ${n} pages, ${(ms / n).toFixed(1)} ms/page | title ${pct(titleOk, titleN)} date ${pct(dateOk, dateN)} author ${pct(authorOk, authorN)} | with ${pct(withFound, withN)} without ${pct(withoutAbsent, withoutN)}`,
);
