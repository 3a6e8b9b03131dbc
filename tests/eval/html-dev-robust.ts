import { parseHtml } from '../../lib/article/parse-html.js';

const cases: Record<string, string> = {
  deep: `<html><body>${'<div>'.repeat(200_000)}<p>deep text here that is long enough to count as a paragraph of content.</p>${'</div>'.repeat(200_000)}</body></html>`,
  deepUnclosed: `<html><body>${'<div><span>'.repeat(100_000)}text`,
  attr: `<html><body><p title="${'x'.repeat(2_000_000)}">Hello world paragraph text, with commas, and more.</p></body></html>`,
  links: `<html><body><article>${Array.from({ length: 100_000 }, (_, i) => `<p>Para ${i}, text text text text <a href="/p/${i}">link ${i}</a> more words here.</p>`).join('')}</article></body></html>`,
  nav: `<html><body><nav><ul>${Array.from({ length: 50 }, (_, i) => `<li><a href="/s/${i}">Section ${i}</a></li>`).join('')}</ul></nav><footer><a href="/about">About</a></footer></body></html>`,
  malformed:
    '<html><body><p>Unclosed <b>bold <i>italic</p><div><p>Another < paragraph & stuff</div></span></table><p>Last',
};
for (const [name, html] of Object.entries(cases)) {
  const start = performance.now();
  const mem0 = process.memoryUsage().heapUsed;
  const doc = parseHtml(html, { sourceUrl: 'https://example.org/a' });
  const ms = performance.now() - start;
  console.log(
    name,
    `${ms.toFixed(0)} ms`,
    `heap+${((process.memoryUsage().heapUsed - mem0) / 1e6).toFixed(0)}MB`,
    doc.blocks.length,
    doc.links.length,
    JSON.stringify(doc.blocks.slice(0, 2)).slice(0, 200),
  );
}
