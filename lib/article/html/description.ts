import { foldWhitespace } from '../text.js';
import type { JsonLdArticle } from './json-ld.js';
import type { PageSignals } from './page-signals.js';
import { parseHtmlDocument } from './parser.js';
import { decodeLeftoverEntities, elementText } from './text.js';

const DESCRIPTION_KEYS = ['og:description', 'description', 'twitter:description', 'dc.description'];

/**
 * Markup escaped into a description (`&lt;p&gt;Text…`, or an excerpt cut inside its "read more"
 * link, `…and&lt;a class="more" href="…`): a tag that HTML text would not otherwise hold.
 */
const ESCAPED_MARKUP =
  /<(?:\/?(?:p|a|br|span|em|strong|b|i|u|div|img|h[1-6]|ul|ol|li|blockquote|figure)\b[^<>]*>|a\s+(?:class|href|title)=)/i;

/**
 * The text of a description that holds markup, as a browser would show it; an unfinished tag at
 * the end (the excerpt was cut inside it) is dropped with its tail.
 *
 * @example
 * ```ts
 * withoutMarkup('<p>Storm hits the coast</p>'); // "Storm hits the coast"
 * ```
 */
export function withoutMarkup(text: string): string {
  if (!ESCAPED_MARKUP.test(text)) return text;
  const unfinished = text.search(/<[a-z][^<>]*$/i);
  return elementText(parseHtmlDocument(unfinished >= 0 ? text.slice(0, unfinished) : text));
}

/** Every description the page declares, in order of trust, decoded and white space folded. */
export function readDescriptions(found: PageSignals, jsonLd: JsonLdArticle | null): string[] {
  const values = [...DESCRIPTION_KEYS.flatMap((key) => found.meta.get(key) ?? []), jsonLd?.description ?? ''];
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    const text = foldWhitespace(withoutMarkup(decodeLeftoverEntities(value)));
    if (text === '' || seen.has(text)) continue;
    seen.add(text);
    result.push(text);
  }
  return result;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}\u200c]*/gu;

function wordsOf(text: string): Set<string> {
  return new Set((text.toLowerCase().match(WORD) ?? []).filter((word) => word.length >= 3));
}

/** Below this many distinct words the article is too short to judge a description by. */
const MIN_ARTICLE_WORDS = 12;
/** Words of the article a description is compared with: its title and opening. */
const ARTICLE_REACH = 3000;

/**
 * The article's description: the first declared one that shares words with the article (its
 * title or opening text). A description sharing none — the site's slogan, the same on every
 * page ("Your daily source of news") — loses to another declared one that does; when none
 * does, the first declared stays (a page known by one sentence keeps it).
 *
 * @example
 * ```ts
 * chooseDescription(['News you can trust', 'Storm hits the coast tonight'], 'Storm hits', 'The storm…');
 * // "Storm hits the coast tonight"
 * ```
 */
export function chooseDescription(
  descriptions: readonly string[],
  title: string | null,
  bodyText: string,
): string | null {
  const first = descriptions[0];
  if (first === undefined) return null;
  const article = wordsOf(`${title ?? ''} ${bodyText.slice(0, ARTICLE_REACH)}`);
  // Too little text to judge by: keep what the page declares.
  if (article.size < MIN_ARTICLE_WORDS) return first;
  for (const description of descriptions) {
    const words = [...wordsOf(description)];
    // Two shared words, so that "the" or "for" alone does not make a slogan the article's.
    const needed = Math.min(2, words.length);
    if (needed > 0 && words.filter((word) => article.has(word)).length >= needed) return description;
  }
  // None is about the article: what the page declares first is still its own summary of itself.
  return first;
}
