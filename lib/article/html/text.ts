import { type AnyNode, isTag, isText } from 'domhandler';
import { decodeHTML } from 'entities';
import { foldWhitespace } from '../text.js';
import { BLOCK_TAGS } from './dom-index.js';

const NO_TAGS: ReadonlySet<string> = new Set();
const SILENT_TAGS = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'select', 'textarea']);

/**
 * The visible text of a node with white space folded; block boundaries and `<br>` become spaces,
 * so "<p>a</p><p>b</p>" reads "a b" rather than "ab". Iterative, so any depth is safe.
 * Descendants named in `skip` are left out (a link's text stops at a nested link, which has its
 * own text), so reading every link of 100,000 nested ones stays linear. With a finite `limit`, at
 * most `2 × limit + 64` nodes are visited.
 *
 * @example
 * ```ts
 * elementText(parseDocument('<p>Hello <b>world</b></p>')); // "Hello world"
 * ```
 */
export function elementText(
  node: AnyNode,
  limit = Number.POSITIVE_INFINITY,
  skip: ReadonlySet<string> = NO_TAGS,
): string {
  const parts: string[] = [];
  let length = 0;
  // Empty markup costs nothing in `limit`: without a bound on visited nodes, reading each of
  // 20,000 nested empty headings or captions walked the rest of the page (minutes).
  let visits = Number.isFinite(limit) ? limit * 2 + 64 : Number.POSITIVE_INFINITY;
  // A string on the stack is a separator to emit once the element's children are done.
  const stack: (AnyNode | string)[] = [node];
  while (stack.length > 0 && length < limit) {
    const current = stack.pop();
    if (current === undefined || visits <= 0) break;
    visits -= 1;
    if (typeof current === 'string') {
      parts.push(current);
      continue;
    }
    if (isText(current)) {
      parts.push(current.data);
      length += current.data.length;
      continue;
    }
    if (isTag(current)) {
      if (SILENT_TAGS.has(current.name) || (current !== node && skip.has(current.name))) continue;
      if (current.name === 'br') parts.push(' ');
      else if (BLOCK_TAGS.has(current.name) || current.name === 'td' || current.name === 'li') {
        parts.push(' ');
        stack.push(' ');
      }
    }
    if ('children' in current) {
      const children = current.children;
      for (let i = children.length - 1; i >= 0; i -= 1) {
        const child = children[i];
        if (child !== undefined) stack.push(child);
      }
    }
  }
  return foldWhitespace(parts.join(''));
}

/**
 * A comparison key for short texts (titles, names, site names): lower case, letters and digits
 * only, so that "Daily News" and "daily-news" are one key.
 *
 * @example
 * ```ts
 * squash('Daily News | Home'); // "dailynewshome"
 * ```
 */
export function squash(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Entities left after the parser decoded once: `&amp;nbsp;` arrives as `&nbsp;`. Only the
 * complete forms (`&name;`, `&#123;`, `&#x1F;`) count, so that prose about "&" is left alone.
 */
const LEFTOVER_ENTITY = /&(?:[a-z][a-z\d]{1,9}|#\d{2,6}|#x[0-9a-f]{2,5});/i;

/**
 * Decodes a text once more when it still holds entities, as pages that escape their meta
 * content twice leave it, or JSON-LD written with HTML escaping (`&amp;zwnj;` in Persian, `&amp;nbsp;`). ZWNJ stays: it is part of
 * Persian words.
 *
 * @example
 * ```ts
 * decodeLeftoverEntities('می&zwnj;شود&nbsp;است'); // "می\u200cشود\u00a0است"
 * ```
 */
export function decodeLeftoverEntities(text: string): string {
  return LEFTOVER_ENTITY.test(text) ? decodeHTML(text) : text;
}
