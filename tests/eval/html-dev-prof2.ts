import { parseHtml } from '../../lib/article/parse-html.js';

const kind = process.argv[2] ?? 'deep';
const html =
  kind === 'deep'
    ? `<html><body>${'<div>'.repeat(200_000)}<p>deep text here that is long enough to count as a paragraph of content.</p>${'</div>'.repeat(200_000)}</body></html>`
    : `<html><body><article>${Array.from({ length: 100_000 }, (_, i) => `<p>Para ${i}, text text text text <a href="/p/${i}">link ${i}</a> more words here.</p>`).join('')}</article></body></html>`;
const t = performance.now();
parseHtml(html, { sourceUrl: null });
console.log(kind, performance.now() - t);
