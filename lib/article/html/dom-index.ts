import { type AnyNode, type Element, isTag, isText } from 'domhandler';

/**
 * A flat, pre-order index of a parsed HTML tree. Every later step (metadata, scoring, emission)
 * reads these typed arrays instead of re-querying the tree, so the whole page is walked once and
 * nothing recurses: a 200,000-deep tree costs the same as a wide one.
 */
export interface DomIndex {
  /** Elements in document (pre-order) order. */
  readonly elements: readonly Element[];
  /** The element's position in `elements`, or undefined for a node of another tree. */
  indexOf(element: Element): number | undefined;
  /** Index of the parent element, -1 for top-level elements. */
  readonly parent: Int32Array;
  /** One past the index of the last descendant: the subtree of `i` is `[i, end[i])`. */
  readonly end: Int32Array;
  /** Folded length of the element's own text nodes (not its descendants'). */
  readonly ownText: Float64Array;
  /** Commas (Latin, Arabic, CJK) in the element's own text nodes. */
  readonly ownCommas: Int32Array;
  /** 1 when the element or an ancestor is never content (scripts, styles, forms controls, hidden). */
  readonly excluded: Uint8Array;
  /** 1 when the element or an ancestor looks like page chrome by its tag, class, id or role. */
  readonly unlikely: Uint8Array;
  /** 1 when the element has a block-level element child. */
  readonly hasBlockChild: Uint8Array;
}

const EXCLUDED_TAGS = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'select',
  'option',
  'textarea',
  'input',
  'button',
  'nav',
  'dialog',
  'link',
  'meta',
  'title',
  'base',
]);

/** Tags that start a new block of text. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

const UNLIKELY_TAGS = new Set(['header', 'footer', 'aside', 'menu']);
const UNLIKELY_ROLES = new Set([
  'menu',
  'menubar',
  'complementary',
  'navigation',
  'alert',
  'alertdialog',
  'dialog',
]);
// Readability's lists of chrome-looking class/id fragments and their "maybe content" exceptions.
const UNLIKELY_PATTERN =
  /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|cookie|consent|newsletter|subscribe/;
const MAYBE_CONTENT_PATTERN = /and|article|body|column|content|main|mathjax|shadow/;
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** The lower-cased `class` and `id` of an element, separated by a space. */
export function classAndId(element: Element): string {
  const cls = element.attribs.class;
  const id = element.attribs.id;
  if (cls === undefined && id === undefined) return '';
  return `${cls ?? ''} ${id ?? ''}`.toLowerCase();
}

function isHidden(element: Element): boolean {
  const attribs = element.attribs;
  if (attribs.hidden !== undefined) return true;
  if (attribs['aria-hidden'] === 'true' && element.name !== 'img' && element.name !== 'figure') return true;
  const style = attribs.style;
  return style !== undefined && style.length < 500 && HIDDEN_STYLE.test(style);
}

function isUnlikely(element: Element): boolean {
  const name = element.name;
  if (name === 'body' || name === 'html' || name === 'a' || name === 'article' || name === 'main')
    return false;
  if (UNLIKELY_TAGS.has(name)) return true;
  const role = element.attribs.role;
  if (role !== undefined && UNLIKELY_ROLES.has(role)) return true;
  const hints = classAndId(element);
  if (hints === '' || hints.length > 300) return false;
  return UNLIKELY_PATTERN.test(hints) && !MAYBE_CONTENT_PATTERN.test(hints);
}

let lastCommas = 0;

/** Length of the text with white-space runs counted as one character; commas land in `lastCommas`. */
function measure(data: string): number {
  let length = 0;
  let commas = 0;
  let inSpace = true;
  for (let i = 0; i < data.length; i += 1) {
    const code = data.charCodeAt(i);
    if (code === 32 || code === 10 || code === 9 || code === 13 || code === 12 || code === 160) {
      if (!inSpace) {
        length += 1;
        inSpace = true;
      }
      continue;
    }
    inSpace = false;
    length += 1;
    if (code === 44 || code === 0x60c || code === 0xff0c) commas += 1;
  }
  lastCommas = commas;
  return length;
}

/**
 * Indexes a parsed document in one iterative pre-order walk.
 *
 * @example
 * ```ts
 * const index = indexDom(parseDocument('<p>Hello, world</p>'));
 * index.elements[0]?.name; // "p"
 * ```
 */
export function indexDom(root: AnyNode): DomIndex {
  const elements: Element[] = [];
  const parents: number[] = [];
  const ownTextList: number[] = [];
  const ownCommasList: number[] = [];
  const excludedList: number[] = [];
  const unlikelyList: number[] = [];
  const stackNodes: AnyNode[] = [root];
  const stackParents: number[] = [-1];
  while (stackNodes.length > 0) {
    const node = stackNodes.pop();
    const parentIndex = stackParents.pop() ?? -1;
    if (node === undefined) break;
    if (isText(node)) {
      // Script and style text is never content: not measuring it halves the work on many pages.
      if (parentIndex >= 0 && excludedList[parentIndex] === 0) {
        ownTextList[parentIndex] = (ownTextList[parentIndex] ?? 0) + measure(node.data);
        ownCommasList[parentIndex] = (ownCommasList[parentIndex] ?? 0) + lastCommas;
      }
      continue;
    }
    let childParent = parentIndex;
    if (isTag(node)) {
      const index = elements.length;
      elements.push(node);
      // The tree is parsed without source positions, so `startIndex` is free to hold the index:
      // a property read instead of a 100,000-entry Map on large pages.
      node.startIndex = index;
      parents.push(parentIndex);
      ownTextList.push(0);
      ownCommasList.push(0);
      const parentExcluded = parentIndex >= 0 ? (excludedList[parentIndex] ?? 0) : 0;
      const parentUnlikely = parentIndex >= 0 ? (unlikelyList[parentIndex] ?? 0) : 0;
      excludedList.push(parentExcluded === 1 || EXCLUDED_TAGS.has(node.name) || isHidden(node) ? 1 : 0);
      unlikelyList.push(parentUnlikely === 1 || isUnlikely(node) ? 1 : 0);
      childParent = index;
    }
    if ('children' in node) {
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i -= 1) {
        const child = children[i];
        if (child === undefined) continue;
        stackNodes.push(child);
        stackParents.push(childParent);
      }
    }
  }
  const count = elements.length;
  const parent = Int32Array.from(parents);
  const end = new Int32Array(count);
  const hasBlockChild = new Uint8Array(count);
  for (let i = count - 1; i >= 0; i -= 1) {
    if (end[i] === 0) end[i] = i + 1;
    const p = parent[i] ?? -1;
    if (p < 0) continue;
    const subtreeEnd = end[i] ?? i + 1;
    if ((end[p] ?? 0) < subtreeEnd) end[p] = subtreeEnd;
    const element = elements[i];
    if (element !== undefined && BLOCK_TAGS.has(element.name)) hasBlockChild[p] = 1;
  }
  return {
    elements,
    indexOf: (element) => {
      const i = element.startIndex;
      return i !== null && elements[i] === element ? i : undefined;
    },
    parent,
    end,
    ownText: Float64Array.from(ownTextList),
    ownCommas: Int32Array.from(ownCommasList),
    excluded: Uint8Array.from(excludedList),
    unlikely: Uint8Array.from(unlikelyList),
    hasBlockChild,
  };
}
