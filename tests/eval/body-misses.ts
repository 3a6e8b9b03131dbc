/**
 * Private dev script: sorts every trafilatura body miss by where it happens, to pick the biggest
 * class of miss to work on (not the official `npm run eval`; the matching is the eval's own).
 *
 * - `W:outside`: a snippet that belongs to the body lies outside the chosen content roots
 *   (the container is wrong or too narrow);
 * - `W:lost-inside`: it lies inside the roots and the emitter dropped it;
 * - `W:excluded` / `W:notfound`: only in scripts, hidden elements or the `<title>`, or split
 *   across elements;
 * - `WO:kept-inside` / `WO:outside`: a snippet that must not be in the body is, from inside
 *   the roots (furniture the emitter kept) or from outside them (lead figure, related lists).
 *
 * The roots are chosen as `parseHtml` chooses them (strict, lenient, whole body), approximately:
 * the standfirst and the relaxed pass are not repeated here.
 *
 * Usage: npx tsx tests/eval/body-misses.ts [--only=<part of a page id>]
 */
import { textContent } from 'domutils';
import { extractArticle } from '../../lib/article/article.js';
import { decodeBytes } from '../../lib/article/decode.js';
import { type DomIndex, indexDom } from '../../lib/article/html/dom-index.js';
import { readHtmlMetadata } from '../../lib/article/html/metadata.js';
import { chooseExtraction } from '../../lib/article/html/parse-html.js';
import { parseHtmlDocument } from '../../lib/article/html/parser.js';
import { type EvalPage, loadTrafilaturaPages } from './corpora.js';
import { foldForMatch } from './matching.js';

function bodyText(page: EvalPage): string {
  try {
    return extractArticle(page.bytes, {
      contentType: 'text/html',
      fileName: 'page.html',
      sourceUrl: page.url ?? undefined,
    }).content.text;
  } catch {
    return '';
  }
}

function describe(index: DomIndex, i: number): string {
  const element = index.elements[i];
  if (element === undefined) return '?';
  const cls = element.attribs.class?.trim().split(/\s+/).join('.').slice(0, 40);
  const id = element.attribs.id?.slice(0, 30);
  const flags = `${index.excluded[i] === 1 ? '[X]' : ''}${index.unlikely[i] === 1 ? '[U]' : ''}`;
  return `${element.name}${cls ? `.${cls}` : ''}${id ? `#${id}` : ''}${flags}`;
}

function path(index: DomIndex, i: number): string {
  const steps: string[] = [];
  for (let a = i; a >= 0 && steps.length < 6; a = index.parent[a] ?? -1) steps.push(describe(index, a));
  return steps.join(' < ');
}

/**
 * How many siblings repeat the nearest ancestor (up to 5 levels) that shares its tag and class
 * with two or more siblings and holds a link: a teaser grid's cards, a list of stories. 0: none.
 */
function repeats(index: DomIndex, i: number): number {
  for (let a = i, level = 0; a >= 0 && level < 5; a = index.parent[a] ?? -1, level += 1) {
    const p = index.parent[a] ?? -1;
    const element = index.elements[a];
    if (p < 0 || element === undefined) break;
    let hasLink = false;
    for (let j = a; j < (index.end[a] ?? a) && !hasLink; j += 1) hasLink = index.elements[j]?.name === 'a';
    if (!hasLink) continue;
    let same = 0;
    for (let j = p + 1; j < (index.end[p] ?? p); j = index.end[j] ?? j + 1) {
      const sibling = index.elements[j];
      if (sibling?.name === element.name && (sibling.attribs.class ?? '') === (element.attribs.class ?? ''))
        same += 1;
    }
    if (same >= 3) return same;
  }
  return 0;
}

/** The deepest elements whose text holds the snippet. */
function locate(index: DomIndex, texts: Map<number, string>, snippet: string): number[] {
  const folded = foldForMatch(snippet);
  const text = (i: number): string => {
    let value = texts.get(i);
    if (value === undefined) {
      const element = index.elements[i];
      value = element === undefined ? '' : foldForMatch(textContent(element));
      texts.set(i, value);
    }
    return value;
  };
  const hits: number[] = [];
  for (let i = 0; i < index.elements.length; i += 1) {
    if (!text(i).includes(folded)) continue;
    let deeper = false;
    for (let j = i + 1; j < (index.end[i] ?? i) && !deeper; j += 1)
      deeper = index.parent[j] === i && text(j).includes(folded);
    if (!deeper) hits.push(i);
  }
  return hits;
}

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const counts = new Map<string, number>();
const lines: string[] = [];
for (const page of loadTrafilaturaPages()) {
  if (only !== undefined && !page.id.includes(only)) continue;
  const body = foldForMatch(bodyText(page));
  const missing = (page.expected.with ?? []).filter((s) => !body.includes(foldForMatch(s)));
  const kept = (page.expected.without ?? []).filter((s) => body.includes(foldForMatch(s)));
  if (missing.length === 0 && kept.length === 0) continue;
  const index = indexDom(parseHtmlDocument(decodeBytes(page.bytes, { contentType: 'text/html' }).text));
  const extraction = chooseExtraction(index, readHtmlMetadata(index, page.url), page.url);
  const mode = extraction?.mode ?? 'none';
  const roots = extraction?.roots ?? [];
  const inRoots = (i: number): boolean => roots.some((r) => i >= r && i < (index.end[r] ?? r));
  const texts = new Map<number, string>();
  const report = (category: string, snippet: string, at: number | undefined): void => {
    counts.set(category, (counts.get(category) ?? 0) + 1);
    const where =
      at === undefined
        ? '-'
        : `${path(index, at)}${repeats(index, at) > 0 ? ` [R:${repeats(index, at)}]` : ''}`;
    const rootList = roots.map((r) => describe(index, r)).join(',');
    lines.push(
      `${category}\t${page.id}\t[${mode} ${rootList}]\t${foldForMatch(snippet).slice(0, 70)}\t@ ${where}`,
    );
  };
  for (const snippet of missing) {
    const hits = locate(index, texts, snippet);
    const category =
      hits.length === 0
        ? 'W:notfound'
        : hits.every((h) => index.excluded[h] === 1)
          ? 'W:excluded'
          : hits.some(inRoots)
            ? 'W:lost-inside'
            : 'W:outside';
    report(category, snippet, hits[0]);
  }
  for (const snippet of kept) {
    const hits = locate(index, texts, snippet);
    const inside = hits.find(inRoots);
    report(
      hits.length === 0 ? 'WO:notfound' : inside !== undefined ? 'WO:kept-inside' : 'WO:outside',
      snippet,
      inside ?? hits[0],
    );
  }
}
console.log(lines.sort().join('\n'));
console.log(Object.fromEntries([...counts].sort()));
