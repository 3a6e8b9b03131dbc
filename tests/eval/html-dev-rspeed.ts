import { readFileSync, readdirSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { Readability } from '@mozilla/readability';
const dir = '/work/shared/corpora/readability/';
const pages = readdirSync(dir).map((d) => readFileSync(`${dir}${d}/source.html`, 'utf8')).slice(0, 60);
let t = performance.now();
for (const p of pages) { const dom = new JSDOM(p, { url: 'http://fakehost/test/page.html' }); new Readability(dom.window.document).parse(); }
console.log(`readability ${((performance.now() - t) / pages.length).toFixed(2)} ms/page`);
