import { decodeLeftoverEntities } from './text.js';

/** What an article's JSON-LD (schema.org) says about it. */
export interface JsonLdArticle {
  readonly headline: string | null;
  readonly authors: readonly string[];
  /** The authors typed as an organization (`Organization`, `NewsMediaOrganization`…): credits, not people. */
  readonly authorOrganizations: readonly string[];
  /** The authors typed `Person`: people, even where one is also the publisher (a blog's owner). */
  readonly authorPeople: readonly string[];
  readonly datePublished: string | null;
  readonly dateModified: string | null;
  readonly publisher: string | null;
  readonly description: string | null;
  readonly image: string | null;
  readonly url: string | null;
  readonly inLanguage: string | null;
}

const ARTICLE_TYPES = new Set([
  'article',
  'newsarticle',
  'blogposting',
  'reportagenewsarticle',
  'analysisnewsarticle',
  'opinionnewsarticle',
  'reviewnewsarticle',
  'backgroundnewsarticle',
  'scholarlyarticle',
  'techarticle',
  'socialmediaposting',
  'liveblogposting',
  'report',
  'posting',
  'discussionforumposting',
  'medicalscholarlyarticle',
  'satiricalarticle',
  'advertisercontentarticle',
  'creativework',
  'webpage',
  'itempage',
  'medicalwebpage',
  'videoobject',
  'recipe',
  'review',
  'blog',
]);

// Pages (WebPage) describe the page, not the story: only a fallback when no article object exists.
const WEAK_TYPES = new Set(['creativework', 'webpage', 'itempage', 'medicalwebpage', 'blog']);
// Objects that sit inside or beside a story (an embedded video, a recipe card, a review): their
// own dates (`uploadDate`…) are not the story's when the page also has an article object.
const EMBEDDED_TYPES = new Set(['videoobject', 'recipe', 'review']);

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
type JsonObject = { readonly [key: string]: Json };

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseLenient(source: string): Json | undefined {
  const trimmed = source
    .trim()
    .replace(/^<!\[CDATA\[|\]\]>$/g, '')
    .replace(/^\s*\/\/.*$/gm, '');
  try {
    return JSON.parse(trimmed) as Json;
  } catch {
    // Hand-written pages often carry raw newlines inside strings, trailing commas or a stray `;`.
    const repaired = trimmed
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what breaks JSON.parse here
      .replace(/[\u0000-\u001f]+/g, ' ')
      .replace(/,\s*([}\]])/g, '$1')
      .replace(/;\s*$/, '');
    try {
      return JSON.parse(repaired) as Json;
    } catch {
      return undefined;
    }
  }
}

function typesOf(object: JsonObject): string[] {
  const type = object['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());
}

function stringOf(value: Json | undefined): string | null {
  // JSON needs no entities, but CMSs write JSON-LD with HTML escaping ("Q&amp;A", "&#8211;",
  // "&bull;"): the text they mean is the decoded one, as in the page's meta tags.
  if (typeof value === 'string') return value.trim() === '' ? null : decodeLeftoverEntities(value.trim());
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = stringOf(item);
      if (text !== null) return text;
    }
    return null;
  }
  if (isObject(value)) return stringOf(value['@value'] ?? value.name ?? value.url ?? value['@id']);
  return null;
}

function namesOf(value: Json | undefined, byId: ReadonlyMap<string, JsonObject>): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') {
    const name = stringOf(value);
    return name === null ? [] : [name];
  }
  if (Array.isArray(value)) return value.flatMap((item) => namesOf(item, byId));
  if (isObject(value)) {
    const id = value['@id'];
    const target = value.name === undefined && typeof id === 'string' ? byId.get(id) : undefined;
    if (target !== undefined && target !== value) return namesOf(target, new Map());
    const name = stringOf(value.name);
    if (name !== null) return [name];
    const parts = [stringOf(value.givenName), stringOf(value.familyName)].filter((p) => p !== null);
    return parts.length > 0 ? [parts.join(' ')] : [];
  }
  return [];
}

const ORGANIZATION_TYPE = /organization|corporation|^ngo$|business|^website$|^brand$/;

/** The names among `value`'s items (or the items their `@id` points to) whose types pass `test`. */
function typedNamesOf(
  value: Json | undefined,
  byId: ReadonlyMap<string, JsonObject>,
  test: (types: readonly string[]) => boolean,
): string[] {
  const items = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of items) {
    if (!isObject(item)) continue;
    const id = item['@id'];
    const target = typeof id === 'string' ? (byId.get(id) ?? item) : item;
    if (test([...typesOf(item), ...typesOf(target)])) names.push(...namesOf(item, byId));
  }
  return names;
}

// Yoast types a blog's owner ["Person", "Organization"]: a person.
const isPerson = (types: readonly string[]): boolean => types.includes('person');
const isOrganization = (types: readonly string[]): boolean =>
  !isPerson(types) && types.some((t) => ORGANIZATION_TYPE.test(t));

function imageOf(value: Json | undefined): string | null {
  if (typeof value === 'string') return stringOf(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const url = imageOf(item);
      if (url !== null) return url;
    }
    return null;
  }
  if (isObject(value)) return stringOf(value.url ?? value.contentUrl ?? value['@id']);
  return null;
}

/** Every object of the documents, flattening arrays and `@graph`, without recursion. */
function collectObjects(roots: readonly Json[]): JsonObject[] {
  const found: JsonObject[] = [];
  const stack: Json[] = [...roots].reverse();
  let budget = 10_000;
  while (stack.length > 0 && budget > 0) {
    budget -= 1;
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i -= 1) {
        const child = item[i];
        if (child !== undefined) stack.push(child);
      }
    } else if (isObject(item)) {
      found.push(item);
      const graph = item['@graph'];
      if (graph !== undefined) stack.push(graph);
      const main = item.mainEntity ?? item.mainEntityOfPage;
      if (isObject(main) && typesOf(main).length > 0) stack.push(main);
    }
  }
  return found;
}

function publishedOf(object: JsonObject): string | null {
  return stringOf(object.datePublished ?? object.dateCreated ?? object.uploadDate);
}

/** The first story object (an article kind, not a page or an embedded video) that carries a date. */
function storyWithDate(objects: readonly JsonObject[]): JsonObject | null {
  for (const object of objects) {
    const types = typesOf(object).filter((t) => ARTICLE_TYPES.has(t));
    if (types.length === 0 || types.every((t) => WEAK_TYPES.has(t) || EMBEDDED_TYPES.has(t))) continue;
    if (publishedOf(object) !== null) return object;
  }
  return null;
}

/**
 * Reads the article object out of a page's `application/ld+json` scripts: `NewsArticle`,
 * `Article`, `BlogPosting` and kin, inside arrays or `@graph`; broken JSON is repaired when
 * it can be and ignored when it cannot.
 *
 * @example
 * ```ts
 * readJsonLd(['{"@type":"NewsArticle","headline":"Hi","author":{"name":"A. B."}}']).authors; // ["A. B."]
 * ```
 */
export function readJsonLd(scripts: readonly string[]): JsonLdArticle | null {
  const roots: Json[] = [];
  for (const script of scripts) {
    const parsed = parseLenient(script);
    if (parsed !== undefined) roots.push(parsed);
  }
  const objects = collectObjects(roots);
  const byId = new Map<string, JsonObject>();
  for (const object of objects) {
    const id = object['@id'];
    if (typeof id === 'string' && object.name !== undefined) byId.set(id, object);
  }
  let best: JsonObject | null = null;
  let bestWeak = true;
  let publisherFallback: string | null = null;
  for (const object of objects) {
    const types = typesOf(object);
    if (
      types.includes('organization') ||
      types.includes('newsmediaorganization') ||
      types.includes('website')
    ) {
      publisherFallback ??= stringOf(object.name);
    }
    const matching = types.filter((t) => ARTICLE_TYPES.has(t));
    if (matching.length === 0) continue;
    const weak = matching.every((t) => WEAK_TYPES.has(t));
    if (best === null || (bestWeak && !weak)) {
      best = object;
      bestWeak = weak;
    }
  }
  if (best === null) return null;
  const dated = storyWithDate(objects) ?? best;
  const publisher = best.publisher ?? best.sourceOrganization;
  return {
    headline: stringOf(best.headline ?? best.name ?? best.alternativeHeadline),
    authors: namesOf(best.author ?? best.creator, byId),
    authorOrganizations: typedNamesOf(best.author ?? best.creator, byId, isOrganization),
    authorPeople: typedNamesOf(best.author ?? best.creator, byId, isPerson),
    datePublished: publishedOf(dated),
    dateModified: stringOf(dated.dateModified),
    publisher: namesOf(publisher, byId)[0] ?? publisherFallback,
    description: stringOf(best.description),
    image: imageOf(best.image ?? best.thumbnailUrl),
    url: stringOf(best.url ?? best.mainEntityOfPage),
    inLanguage: stringOf(best.inLanguage),
  };
}
