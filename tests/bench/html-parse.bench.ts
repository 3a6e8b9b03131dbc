import { parseDocument } from 'htmlparser2';
import { parse as parse5 } from 'parse5';
import { parseHtml } from '../../lib/article/html/parse-html.js';
import { parseHtmlDocument } from '../../lib/article/html/parser.js';
import { loadReadabilityPages, READABILITY_PAGE_URL } from '../eval/corpora.js';
import type { BenchRow } from './bench-kit.js';

const SUITE = 'html-parse';

/**
 * Why htmlparser2: parse time per page over Readability's 130 test pages, htmlparser2 (as
 * `parseHtml` uses it, with the linear-time stack) against parse5 (the spec parser jsdom uses),
 * plus the share of `parseHtml` spent parsing; and a 20,000-deep page, where stock htmlparser2
 * is quadratic.
 */
export async function bench(): Promise<BenchRow[]> {
  const pages = loadReadabilityPages().map((page) => new TextDecoder().decode(page.bytes));
  const perPage = (fn: (html: string) => unknown): number => {
    for (const page of pages.slice(0, 10)) fn(page);
    const runs: number[] = [];
    for (let r = 0; r < 3; r += 1) {
      const start = performance.now();
      for (const page of pages) fn(page);
      runs.push((performance.now() - start) / pages.length);
    }
    runs.sort((a, b) => a - b);
    return runs[1] ?? Number.NaN;
  };
  const ours = perPage(parseHtmlDocument);
  const spec = perPage((html) => parse5(html));
  const whole = perPage((html) => parseHtml(html, { sourceUrl: READABILITY_PAGE_URL }));
  const deep = `<html><body>${'<div>'.repeat(20_000)}<p>x</p>${'</div>'.repeat(20_000)}</body></html>`;
  const time = (fn: () => unknown): number => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  const deepOurs = time(() => parseHtmlDocument(deep));
  const deepStock = time(() => parseDocument(deep));
  return [
    {
      suite: SUITE,
      metric: 'htmlparser2 parse, per page (130 Readability pages)',
      value: ours,
      unit: 'ms',
      baseline: { name: 'parse5', value: spec },
    },
    { suite: SUITE, metric: 'parseHtml (parse + index + extract), per page', value: whole, unit: 'ms' },
    {
      suite: SUITE,
      metric: 'parse a 20,000-deep page (linear stack)',
      value: deepOurs,
      unit: 'ms',
      baseline: { name: 'stock htmlparser2', value: deepStock },
    },
  ];
}
