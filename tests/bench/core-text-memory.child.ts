/**
 * Child process of `core-text.bench.ts`: extracts one ~10 MiB plain-text article and reports peak
 * memory. A separate process so that `maxRSS` measures this extraction alone.
 */
import { extractArticle } from '../../lib/article/index.js';

const paragraph = `${'يتعرض مقاتلو التنظيم في ريف الرقة لهزائم متتالية، إذ إن الهجوم العنيف يتواصل بدعم جوي. '.repeat(12)}\n\n`;
const highlight = 'سطر قصير بارز بين الفقرات\n\n';
const reference = 'اقرأ/ي أيضًا: عنوان مقال آخر https://example.org/a\n\n';
const unit = paragraph + highlight + paragraph + reference;
const limit = 10 * 1024 * 1024;
const unitBytes = Buffer.byteLength(unit);
const bytes = Buffer.from(`22-مايو-2017\n\n${unit.repeat(Math.floor((limit - 64) / unitBytes))}`);

const before = process.memoryUsage().rss;
const start = performance.now();
const { record } = extractArticle(bytes);
const ms = performance.now() - start;
process.stdout.write(
  `${JSON.stringify({
    bytes: bytes.length,
    status: record.status,
    words: record.wordCount,
    ms,
    rssBeforeMb: before / 1024 / 1024,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
