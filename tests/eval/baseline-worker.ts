import { parentPort } from 'node:worker_threads';
import { extractWithBaselines } from './baseline-extractors.js';
import type { EvalPage } from './corpora.js';

/** Worker side of `baseline-pool.ts`: one page in, every baseline's extraction out. */
const port = parentPort;
if (port) {
  port.on('message', async (page: EvalPage) => {
    try {
      port.postMessage(await extractWithBaselines(page));
    } catch {
      // jsdom itself failing to load a page: every baseline misses it.
      port.postMessage({ readability: null, metascraper: null, defuddle: null, articleExtractor: null });
    }
  });
}
