import { BLOCK_TAGS, type DomIndex } from './dom-index.js';

/** Per-element text measures of one scoring pass (chrome excluded or not). */
export interface TextStats {
  /** Whether the element's text counts in this pass. */
  readonly counted: Uint8Array;
  /** Folded text length of the subtree (counted parts only). */
  readonly text: Float64Array;
  /** The part of `text` inside links. */
  readonly linkText: Float64Array;
  /** Paragraph elements (`p`, `pre`) in the subtree. */
  readonly paragraphs: Int32Array;
  readonly commas: Int32Array;
}

/** The chosen main content: the top container and the siblings that join it, in document order. */
export interface ContentSelection {
  readonly roots: readonly number[];
  readonly stats: TextStats;
}

// Readability's class/id weights: proven across its 130 test pages and in every browser reader mode.
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|taboola|newsletter|cookie/;

const PARAGRAPH_TAGS = new Set(['p', 'pre', 'h2', 'h3', 'h4', 'h5', 'h6']);
const CONTAINER_TAGS = new Set([
  'div',
  'section',
  'article',
  'main',
  'td',
  'li',
  'dd',
  'blockquote',
  'span',
  'font',
  'center',
  'body',
]);

/** Readability's class weight: +25 per content-looking class or id, -25 per chrome-looking one. */
export function classWeight(index: DomIndex, i: number): number {
  const element = index.elements[i];
  if (element === undefined) return 0;
  let weight = 0;
  const cls = (element.attribs.class ?? '').toLowerCase();
  const id = (element.attribs.id ?? '').toLowerCase();
  for (const value of [cls, id]) {
    if (value === '' || value.length > 300) continue;
    if (NEGATIVE.test(value)) weight -= 25;
    if (POSITIVE.test(value)) weight += 25;
  }
  const itemprop = element.attribs.itemprop;
  if (itemprop !== undefined && /articlebody|text/i.test(itemprop)) weight += 25;
  return weight;
}

function tagWeight(name: string): number {
  switch (name) {
    case 'div':
    case 'article':
    case 'main':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

/**
 * Measures every subtree in one reverse pass over the pre-order index (children come after
 * their parent, so walking backwards sees every child before its parent).
 */
export function measureText(index: DomIndex, lenient: boolean): TextStats {
  const n = index.elements.length;
  const counted = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    counted[i] = index.excluded[i] === 0 && (lenient || index.unlikely[i] === 0) ? 1 : 0;
  }
  const text = new Float64Array(n);
  const linkText = new Float64Array(n);
  const paragraphs = new Int32Array(n);
  const commas = new Int32Array(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    if (counted[i] === 0) continue;
    const element = index.elements[i];
    text[i] = (text[i] ?? 0) + (index.ownText[i] ?? 0);
    commas[i] = (commas[i] ?? 0) + (index.ownCommas[i] ?? 0);
    if (element?.name === 'a') linkText[i] = text[i] ?? 0;
    if (element?.name === 'p' || element?.name === 'pre') paragraphs[i] = (paragraphs[i] ?? 0) + 1;
    const p = index.parent[i] ?? -1;
    if (p < 0) continue;
    text[p] = (text[p] ?? 0) + (text[i] ?? 0);
    linkText[p] = (linkText[p] ?? 0) + (linkText[i] ?? 0);
    paragraphs[p] = (paragraphs[p] ?? 0) + (paragraphs[i] ?? 0);
    commas[p] = (commas[p] ?? 0) + (commas[i] ?? 0);
  }
  return { counted, text, linkText, paragraphs, commas };
}

export function linkDensity(stats: TextStats, i: number): number {
  const text = stats.text[i] ?? 0;
  return text === 0 ? 0 : Math.min(1, (stats.linkText[i] ?? 0) / text);
}

/**
 * 1 inside an entry of a reference list marked up as cited works (schema.org `citation`, as
 * journal platforms mark every reference): each entry is a comma-rich paragraph, and a long
 * bibliography would otherwise outscore the article, or the abstract, that cites it.
 */
function citedWorks(index: DomIndex): Uint8Array {
  const n = index.elements.length;
  const cited = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const p = index.parent[i] ?? -1;
    if (p >= 0 && cited[p] === 1) cited[i] = 1;
    else if (/(?:^|\s)citation(?:\s|$)/i.test(index.elements[i]?.attribs.itemprop ?? '')) cited[i] = 1;
  }
  return cited;
}

function isBody(index: DomIndex, i: number): boolean {
  const name = index.elements[i]?.name;
  return name === 'body' || name === 'html';
}

/**
 * Picks the main content the way Readability does (paragraph scores flow to their ancestors,
 * damped by link density; the best container wins; its good siblings join it), computed on flat
 * arrays so the cost is linear in the page size.
 *
 * @example
 * ```ts
 * const selection = selectContent(indexDom(parseDocument(html)), false);
 * selection?.roots; // element indexes of the article body
 * ```
 */
export function selectContent(index: DomIndex, lenient: boolean): ContentSelection | null {
  const stats = measureText(index, lenient);
  const n = index.elements.length;
  const scores = new Float64Array(n);
  const initialized = new Uint8Array(n);
  const candidates: number[] = [];
  // Paragraph text that is not link text, summed over each subtree: "how much article is in here".
  const mass = new Float64Array(n);
  const cited = citedWorks(index);
  for (let i = 0; i < n; i += 1) {
    if (stats.counted[i] === 0 || cited[i] === 1) continue;
    const element = index.elements[i];
    if (element === undefined) continue;
    const name = element.name;
    let length: number;
    let commas: number;
    let density: number;
    if (PARAGRAPH_TAGS.has(name) || (CONTAINER_TAGS.has(name) && index.hasBlockChild[i] === 0)) {
      length = stats.text[i] ?? 0;
      commas = stats.commas[i] ?? 0;
      density = linkDensity(stats, i);
    } else if (CONTAINER_TAGS.has(name)) {
      length = index.ownText[i] ?? 0;
      commas = index.ownCommas[i] ?? 0;
      density = 0;
    } else continue;
    if (length < 25) continue;
    if (density < 0.5) mass[i] = (mass[i] ?? 0) + length * (1 - density);
    const score = (1 + commas + Math.min(Math.floor(length / 100), 3)) * (1 - density);
    if (score <= 0) continue;
    let ancestor = PARAGRAPH_TAGS.has(name) || index.hasBlockChild[i] === 0 ? (index.parent[i] ?? -1) : i;
    for (let level = 0; level < 5 && ancestor >= 0; level += 1) {
      if (initialized[ancestor] === 0) {
        initialized[ancestor] = 1;
        scores[ancestor] = tagWeight(index.elements[ancestor]?.name ?? '') + classWeight(index, ancestor);
        candidates.push(ancestor);
      }
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores[ancestor] = (scores[ancestor] ?? 0) + score / divider;
      ancestor = index.parent[ancestor] ?? -1;
    }
  }
  if (candidates.length === 0) return null;
  for (let i = n - 1; i > 0; i -= 1) {
    const p = index.parent[i] ?? -1;
    if (p >= 0) mass[p] = (mass[p] ?? 0) + (mass[i] ?? 0);
  }
  const final = (i: number): number => (scores[i] ?? 0) * (1 - linkDensity(stats, i));
  const ranked = candidates
    .filter((i) => stats.counted[i] === 1)
    .sort((a, b) => final(b) - final(a))
    .slice(0, 5);
  const leader = ranked[0];
  if (leader === undefined) return null;
  let top: number = leader;
  const topScore = final(top);

  // Several near-equal candidates under one ancestor: the article is that ancestor.
  const alternatives = ranked.slice(1).filter((i) => final(i) / topScore >= 0.75);
  if (alternatives.length >= 3) {
    let parent = index.parent[top] ?? -1;
    while (parent >= 0 && !isBody(index, parent)) {
      const end = index.end[parent] ?? parent;
      const contained = alternatives.filter((a) => a > parent && a < end).length;
      if (contained >= 3) {
        top = parent;
        break;
      }
      parent = index.parent[parent] ?? -1;
    }
  }
  // Climb while the parent scores better: the best node is sometimes one paragraph group of many.
  let lastScore = final(top);
  let parent = index.parent[top] ?? -1;
  const threshold = lastScore / 3;
  while (parent >= 0 && !isBody(index, parent)) {
    if (initialized[parent] === 0) {
      parent = index.parent[parent] ?? -1;
      continue;
    }
    const parentScore = final(parent);
    if (parentScore < threshold) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
    parent = index.parent[parent] ?? -1;
  }
  // Comma-rich lists or one long section can outscore the article around them: widen to the
  // ancestor that holds clearly more paragraph text, as long as it is not mostly links.
  for (;;) {
    const up: number = index.parent[top] ?? -1;
    if (up < 0 || isBody(index, up) || stats.counted[up] === 0) break;
    if ((mass[up] ?? 0) >= (mass[top] ?? 0) * 1.3 && linkDensity(stats, up) <= 0.35) {
      top = up;
      continue;
    }
    // Climb through wrappers that add no article text, but only to find a widening further up.
    let probe: number = up;
    let widened = -1;
    for (let hops = 0; hops < 3 && probe >= 0 && !isBody(index, probe); hops += 1) {
      if ((mass[probe] ?? 0) >= (mass[top] ?? 0) * 1.3) {
        if (linkDensity(stats, probe) <= 0.35) widened = probe;
        break;
      }
      probe = index.parent[probe] ?? -1;
    }
    if (widened < 0) break;
    top = widened;
  }
  // A wrapper with a single child is the same content.
  for (;;) {
    const wrapper: number = index.parent[top] ?? -1;
    if (wrapper < 0 || isBody(index, wrapper)) break;
    let children = 0;
    for (let j = wrapper + 1; j < (index.end[wrapper] ?? wrapper); j = index.end[j] ?? j + 1) children += 1;
    if (children !== 1) break;
    top = wrapper;
  }

  const roots: number[] = [];
  const p = index.parent[top] ?? -1;
  if (p < 0) return { roots: [top], stats };
  const best = final(top);
  const siblingThreshold = Math.max(10, best * 0.2);
  const topClass = index.elements[top]?.attribs.class ?? '';
  for (let j = p + 1; j < (index.end[p] ?? p); j = index.end[j] ?? j + 1) {
    if (j === top) {
      roots.push(j);
      continue;
    }
    if (stats.counted[j] === 0) continue;
    const sibling = index.elements[j];
    if (sibling === undefined) continue;
    let append = false;
    const bonus = topClass !== '' && sibling.attribs.class === topClass ? best * 0.2 : 0;
    if (initialized[j] === 1 && final(j) + bonus >= siblingThreshold) append = true;
    else if (sibling.name === 'p') {
      const length = stats.text[j] ?? 0;
      const density = linkDensity(stats, j);
      if (length > 80 && density < 0.25) append = true;
      else if (
        length > 0 &&
        length < 80 &&
        density === 0 &&
        /[.!?؟。]\s*$/.test(sibling.children.length > 0 ? elementTail(index, j) : '')
      ) {
        append = true;
      }
    }
    if (append) roots.push(j);
  }
  return { roots: [...findStandfirst(index, roots[0] ?? top), ...roots], stats };
}

// Where a standfirst is looked for: the body's ancestors this far up, for the headline above it.
const STANDFIRST_HOPS = 4;
// A standfirst is a sentence or two: shorter lines are kickers, bylines and dates; a longer run of
// text between headline and body is a list of other stories, not the article's lead.
const MIN_STANDFIRST = 50;
const MAX_STANDFIRST = 1500;
const MAX_STANDFIRST_BLOCKS = 3;
// Boxes between headline and body that never hold the standfirst.
const NOT_STANDFIRST_TAGS: ReadonlySet<string> = new Set([
  'nav',
  'aside',
  'footer',
  'form',
  'menu',
  'figure',
  'figcaption',
  'ul',
  'ol',
  'dl',
  'table',
  'button',
  'address',
  'time',
  'blockquote',
]);
// Class words of picture boxes, captions, credits and bylines.
const PICTURE_TOKENS =
  /^(?:caption|legend|credits?|photo|image|img|picture|media|gallery|slider|carousel|author|byline|meta)|caption$/;
const STANDFIRST_BLOCKS: ReadonlySet<string> = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'div',
  'span',
  'section',
]);

/**
 * The standfirst (lead, "intro", "perex", "Vorspann"): prose between the article's `<h1>` and the
 * body's first block. Templates set it in the header or a wrapper of its own, beside rather than
 * inside the body's container, so scoring alone leaves it out; the text between a headline and its
 * body belongs to the article. Each block must read as prose (long enough, few links, no chrome
 * class), and a long run of text there is something else (a list of stories) and is not taken.
 */
function isTitleHeading(index: DomIndex, j: number): boolean {
  return hintTokens(index, j).some((t) => t === 'title' || t === 'headline');
}

/** The last heading that passes `test` above `first`, within its nearest ancestors (body included). */
function findHeadline(index: DomIndex, first: number, test: (name: string, j: number) => boolean): number {
  for (let a = index.parent[first] ?? -1, hops = 0; a >= 0 && hops < STANDFIRST_HOPS; hops += 1) {
    if (index.elements[a]?.name === 'html') break;
    let headline = -1;
    for (let j = a + 1; j < first; j += 1) {
      if ((index.end[j] ?? j) <= first && index.excluded[j] === 0 && test(index.elements[j]?.name ?? '', j))
        headline = j;
    }
    if (headline >= 0) return headline;
    if (isBody(index, a)) break;
    a = index.parent[a] ?? -1;
  }
  return -1;
}

function findStandfirst(index: DomIndex, first: number): number[] {
  // The nearest `<h1>` above the body; with none, an `<h2>` the template names the title.
  let headline = findHeadline(index, first, (name) => name === 'h1');
  if (headline < 0)
    headline = findHeadline(index, first, (name, j) => name === 'h2' && isTitleHeading(index, j));
  if (headline < 0) return [];
  const found: number[] = [];
  let total = 0;
  for (let j = index.end[headline] ?? first; j < first; ) {
    const element = index.elements[j];
    const end = index.end[j] ?? j + 1;
    if (element === undefined) break;
    // An ancestor of the body: look inside it, up to the body.
    if (end > first) {
      j += 1;
      continue;
    }
    if (
      index.excluded[j] === 1 ||
      NOT_STANDFIRST_TAGS.has(element.name) ||
      classWeight(index, j) < 0 ||
      hintTokens(index, j).some((t) => PICTURE_TOKENS.test(t))
    ) {
      j = end;
      continue;
    }
    const leaf = element.name === 'p' || /^h[2-6]$/.test(element.name) || index.hasBlockChild[j] === 0;
    if (!leaf || !STANDFIRST_BLOCKS.has(element.name)) {
      j += 1;
      continue;
    }
    let text = 0;
    let links = 0;
    let picture = false;
    for (let k = j, linkEnd = j; k < end; k += 1) {
      const name = index.elements[k]?.name;
      if (name === 'a' && k >= linkEnd) linkEnd = index.end[k] ?? k;
      else if (name === 'img' || name === 'picture' || name === 'video') picture = true;
      const own = index.ownText[k] ?? 0;
      text += own;
      if (k < linkEnd) links += own;
    }
    // A box with a picture in it is a figure: its text is a caption or a credit.
    if (!picture && text >= MIN_STANDFIRST && links < text * 0.25) {
      found.push(j);
      total += text;
    }
    j = end;
  }
  if (found.length > MAX_STANDFIRST_BLOCKS || total > MAX_STANDFIRST) return [];
  return found;
}

function elementTail(index: DomIndex, i: number): string {
  const element = index.elements[i];
  if (element === undefined) return '';
  let text = '';
  for (const child of element.children)
    if ('data' in child && typeof child.data === 'string') text += child.data;
  return text;
}

/** Whether an element starts a block of text (used by the emitter and the date scan). */
export function isBlock(name: string): boolean {
  return BLOCK_TAGS.has(name);
}

const NO_TOKENS: readonly string[] = [];
const STATE_CLASS =
  /^(?:non|no|not|has|with|without|is|show|hide|js)[-_]|[-_](?:enabled|disabled|loaded|ready)$/;

/**
 * The part of a BEM class that names the element's role: "story__section--ads" is a story's
 * section in the variant with ad slots, not an ad; the modifier after "--" is dropped when a
 * BEM element name (block__element) stands before it. A block's own modifier ("share--top")
 * keeps its words.
 */
function roleOf(name: string): string {
  const modifier = name.indexOf('--');
  return modifier > 0 && name.includes('__') && name.indexOf('__') < modifier
    ? name.slice(0, modifier)
    : name;
}

/** The class/id tokens of an element, split on separators, for exact word matches. */
export function hintTokens(index: DomIndex, i: number): readonly string[] {
  const element = index.elements[i];
  if (element === undefined) return NO_TOKENS;
  // Each attribute is bounded on its own: a long generated id (a portlet's hex hash) must not
  // hide the plain words of the class beside it.
  const cls = element.attribs.class ?? '';
  const id = element.attribs.id ?? '';
  const hints = `${cls.length > 300 ? '' : cls} ${id.length > 300 ? '' : id}`.toLowerCase().trim();
  if (hints === '') return NO_TOKENS;
  // "non-paywall", "has-sidebar", "no-comments" describe the page, not this element's role.
  const names = hints.split(/\s+/).filter((t) => t !== '' && !STATE_CLASS.test(t));
  const parts = names.flatMap((name) => roleOf(name).split(/[_-]+/)).filter((t) => t !== '');
  return names.length === parts.length ? parts : [...names, ...parts];
}

/**
 * The whole `<body>` as the content: the last resort for short pages where no container stands
 * out (the emitter still drops navigation, footers and link lists).
 */
export function selectBody(index: DomIndex): ContentSelection | null {
  const body = index.elements.findIndex((element) => element.name === 'body');
  if (body >= 0) return { roots: [body], stats: measureText(index, true) };
  // A fragment ("<p>…</p><p>…</p>", as CMS exports often are): every top-level element.
  const roots: number[] = [];
  for (let i = 0; i < index.elements.length; i = index.end[i] ?? i + 1) roots.push(i);
  return roots.length === 0 ? null : { roots, stats: measureText(index, true) };
}

/** Whether any element was set aside as chrome by the strict pass (else a lenient pass is identical). */
export function hasUnlikely(index: DomIndex): boolean {
  for (let i = 0; i < index.elements.length; i += 1) {
    if (index.unlikely[i] === 1 && index.excluded[i] === 0) return true;
  }
  return false;
}
