import { findDate, parseDate } from '../dates/dates.js';
import { classAndId, type DomIndex } from './dom-index.js';

// Class/id fragments of the line that carries the date (`itemPostDate`, `entry-meta`, `dateline`…).
const DATE_HINT = /date|time|publish|posted|dateline|byline|meta|datum|fecha|tarih|zeit|info/;
const NOT_PUBLISHED = /updated|modified|comment|reply|edit/;

function ownText(index: DomIndex, i: number): string {
  const element = index.elements[i];
  if (element === undefined) return '';
  let text = '';
  for (const child of element.children) {
    if ('data' in child && typeof child.data === 'string' && child.type === 'text') text += child.data;
  }
  return text.length > 400 ? text.slice(0, 400) : text;
}

function isDatable(index: DomIndex, i: number): boolean {
  if (index.excluded[i] === 1) return false;
  const element = index.elements[i];
  if (element === undefined) return false;
  const hints = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.toLowerCase();
  return !NOT_PUBLISHED.test(hints);
}

/**
 * Finds the publication date the page shows near its headline: a `<time datetime>` of the
 * article, an element classed as a date, or a date written in the lines around the `<h1>`.
 *
 * @example
 * ```ts
 * findVisibleDate(index, titleIndex, roots, times); // "2017-05-22" or null
 * ```
 */
export function findVisibleDate(
  index: DomIndex,
  titleElement: number,
  roots: readonly number[],
  times: readonly { readonly index: number; readonly iso: string }[],
): string | null {
  const anchor = titleElement >= 0 ? titleElement : (roots[0] ?? -1);
  const firstRoot = roots[0] ?? anchor;
  const lastRoot = roots[roots.length - 1] ?? anchor;
  const regionStart = Math.max(0, Math.min(anchor, firstRoot) - 40);
  const regionEnd = Math.max(index.end[lastRoot] ?? 0, anchor + 200);

  for (const time of times) {
    if (time.index < regionStart || time.index >= regionEnd || !isDatable(index, time.index)) continue;
    return time.iso;
  }
  if (anchor < 0) return null;
  const scanStart = Math.max(0, anchor - 30);
  const scanEnd = Math.min(index.elements.length, anchor + 120);
  for (let i = scanStart; i < scanEnd; i += 1) {
    if (!isDatable(index, i)) continue;
    const element = index.elements[i];
    if (element === undefined || !DATE_HINT.test(classAndId(element))) continue;
    const end = Math.min(index.end[i] ?? i + 1, i + 20);
    let text = '';
    for (let j = i; j < end; j += 1) text += ` ${ownText(index, j)}`;
    const machine = element?.attribs.content ?? element?.attribs.datetime;
    const direct = machine === undefined ? null : parseDate(machine);
    if (direct !== null) return direct;
    const found = findDate(text);
    if (found !== null) return found.iso;
  }
  // Written dates in the lines right after (or just before) the headline.
  const order: number[] = [];
  for (let i = anchor + 1; i < scanEnd; i += 1) order.push(i);
  for (let i = anchor - 1; i >= scanStart; i -= 1) order.push(i);
  let budget = 3000;
  for (const i of order) {
    if (!isDatable(index, i)) continue;
    const text = ownText(index, i).trim();
    if (text === '') continue;
    if (text.length > 250) {
      if (i > anchor) break;
      continue;
    }
    budget -= text.length;
    if (budget < 0) break;
    const found = findDate(text);
    if (found !== null) return found.iso;
  }
  return null;
}
