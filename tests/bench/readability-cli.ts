/**
 * The baseline for the CLI benchmark: Readability on jsdom over files, one JSON line per file,
 * as `article-pipeline extract` does with our extractor. Run as a child process:
 * `node --import tsx tests/bench/readability-cli.ts [--source-url URL] [--max-rss] FILE...`;
 * `--max-rss` prints `{"maxRssKiB":…}` on stderr at the end (peak memory of this process).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'source-url': { type: 'string' }, 'max-rss': { type: 'boolean' } },
});
const url = values['source-url'] ?? 'http://localhost/page.html';

for (const path of positionals) {
  const dom = new JSDOM(await readFile(path), {
    url,
    contentType: 'text/html',
    virtualConsole: new VirtualConsole(),
  });
  try {
    const article = new Readability(dom.window.document).parse();
    process.stdout.write(
      `${JSON.stringify({
        path,
        title: article?.title ?? null,
        byline: article?.byline ?? null,
        excerpt: article?.excerpt ?? null,
        siteName: article?.siteName ?? null,
        publishedTime: article?.publishedTime ?? null,
        lang: article?.lang ?? null,
        dir: article?.dir ?? null,
        length: article?.length ?? 0,
      })}\n`,
    );
  } finally {
    dom.window.close();
  }
}
if (values['max-rss'])
  process.stderr.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
