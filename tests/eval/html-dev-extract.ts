import { readFileSync } from 'node:fs';
import { extractArticle } from '../../lib/article/index.js';

const file = process.argv[2] ?? '';
const sourceUrl = process.argv[3];
const { record, content } = extractArticle(readFileSync(file), {
  fileName: file,
  ...(sourceUrl ? { sourceUrl } : {}),
});
console.log(JSON.stringify({ record, content }, null, 2));
