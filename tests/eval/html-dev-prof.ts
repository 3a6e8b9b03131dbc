import { indexDom } from '../../lib/article/html-index.js';
import { readHtmlMetadata } from '../../lib/article/html-metadata.js';
import { parseHtmlDocument as parseDocument } from '../../lib/article/html-parser.js';
import { selectContent } from '../../lib/article/html-scoring.js';

const kind = process.argv[2] ?? 'deep';
const html =
  kind === 'deep'
    ? `<html><body>${'<div>'.repeat(200_000)}<p>deep text here that is long enough to count as a paragraph of content.</p>${'</div>'.repeat(200_000)}</body></html>`
    : `<html><body><article>${Array.from({ length: 100_000 }, (_, i) => `<p>Para ${i}, text text text text <a href="/p/${i}">link ${i}</a> more words here.</p>`).join('')}</article></body></html>`;
let t = performance.now();
const doc = parseDocument(html);
console.log('parse', performance.now() - t);
t = performance.now();
const index = indexDom(doc);
console.log('index', performance.now() - t);
t = performance.now();
readHtmlMetadata(index, null);
console.log('meta', performance.now() - t);
t = performance.now();
selectContent(index, false);
console.log('select', performance.now() - t);
t = performance.now();
