import { readdirSync, readFileSync } from 'node:fs';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { foldForMatch, titleVariants } from './matching.js';

const dir = new URL('../../../shared/corpora/readability/', import.meta.url);
let ok = 0,
  n = 0;
for (const id of readdirSync(dir)) {
  const meta = JSON.parse(readFileSync(new URL(`${id}/expected-metadata.json`, dir), 'utf8')) as {
    title?: string;
  };
  if (!meta.title) continue;
  n += 1;
  const doc = parseHtml(readFileSync(new URL(`${id}/source.html`, dir), 'utf8'), {
    sourceUrl: 'http://fakehost/test/page.html',
  });
  const got = doc.title;
  const hit =
    got !== null &&
    (titleVariants(meta.title).has(foldForMatch(got)) || titleVariants(got).has(foldForMatch(meta.title)));
  if (hit) ok += 1;
  else if (process.argv.includes('-v'))
    console.log(`${id}: ${JSON.stringify(got)} ≠ ${JSON.stringify(meta.title)}`);
}
console.log(`readability titles ${ok}/${n} = ${((100 * ok) / n).toFixed(1)}%`);
