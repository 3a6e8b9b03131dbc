import { readdirSync, readFileSync } from 'node:fs';
import { parseDocument } from 'htmlparser2';
import { parseHtml } from '/work/main/lib/article/parse-html.js';

const dir = '/work/shared/corpora/readability/';
const pages = readdirSync(dir).map((d) => readFileSync(`${dir}${d}/source.html`, 'utf8'));
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  for (const p of pages)
    parseDocument(p, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const a = performance.now() - t;
  t = performance.now();
  for (const p of pages) parseHtml(p, { sourceUrl: 'http://fakehost/test/page.html' });
  const b = performance.now() - t;
  console.log(
    `parse only ${(a / pages.length).toFixed(2)} ms/page, parseHtml ${(b / pages.length).toFixed(2)} ms/page`,
  );
}
