import { readFileSync } from 'node:fs';
import { parseHtml } from '../../lib/article/html/parse-html.js';

const file = process.argv[2] ?? '';
const url = process.argv[3] ?? null;
const doc = parseHtml(readFileSync(file, 'utf8'), { sourceUrl: url });
console.log(JSON.stringify({ ...doc, blocks: doc.blocks.slice(0, Number(process.argv[4] ?? 200)) }, null, 2));
