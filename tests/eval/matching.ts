import type { EvalPage, Expected } from './corpora.js';

/** What one tool extracted from one page, in a shape every tool can fill. */
export interface Extraction {
  readonly title: string | null;
  readonly authors: readonly string[];
  /** As the tool reports it; compared by its YYYY-MM-DD day. */
  readonly date: string | null;
  readonly language: string | null;
  readonly direction: string | null;
  readonly siteName: string | null;
  readonly description: string | null;
  /** Body text, or null for a tool that extracts no body. */
  readonly text: string | null;
}

export type Field =
  | 'title'
  | 'author'
  | 'date'
  | 'language'
  | 'direction'
  | 'siteName'
  | 'description'
  | 'body-with'
  | 'body-without';

export const CORPUS_FIELDS: Readonly<Record<EvalPage['corpus'], readonly Field[]>> = {
  readability: ['title', 'author', 'date', 'language', 'direction', 'siteName', 'description'],
  trafilatura: ['title', 'author', 'date', 'description', 'body-with', 'body-without'],
  htmldate: ['date'],
};

/** A field's outcome on one page: how many checks it had and how many passed. */
export interface FieldCheck {
  readonly total: number;
  readonly hits: number;
  /** For reports: what was expected and what the tool gave, when a check failed. */
  readonly miss?: { readonly expected: string; readonly got: string } | undefined;
}

/**
 * The one normalization applied to every tool's titles, authors, descriptions and snippets:
 * Unicode NFKC, typographic quotes and dashes to ASCII, white space folded, lower case.
 */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/gu, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/gu, '"')
    .replace(/[\u2010-\u2015\u2212]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

/** The calendar day of a date string as written (its own offset), or of a parsed date-time. */
export function dayOf(value: string | null): string | null {
  if (!value) return null;
  const written = /^\s*(\d{4}-\d{2}-\d{2})/u.exec(value);
  if (written?.[1]) return written[1];
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString().slice(0, 10);
}

const AUTHOR_SEPARATOR = /\s*(?:[,;&|/]|\band\b|\bund\b|\bet\b|\by\b|\s و\s)\s*/iu;

/** Author names folded, a leading "By" dropped, split on list separators, as a sorted set. */
function authorSet(text: string): string {
  const names = foldForMatch(text)
    .replace(/^(?:by|von|par|por|بقلم)\s*:?\s+/u, '')
    .split(AUTHOR_SEPARATOR)
    .map((name) => name.trim())
    .filter(Boolean);
  return [...new Set(names)].sort().join('|');
}

function primaryLanguage(tag: string | null): string | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/u)[0];
  return primary || null;
}

/** Checks one field of one page; null when the page has no expected value for it. */
export function checkField(field: Field, expected: Expected, got: Extraction): FieldCheck | null {
  switch (field) {
    case 'title':
      return compareTitles(expected.title, got.title);
    case 'description':
      return compare(expected.description, got.description, foldForMatch);
    case 'siteName':
      return compare(expected.siteName, got.siteName, foldForMatch);
    case 'author':
      return compare(expected.author, got.authors.length > 0 ? got.authors.join('; ') : null, authorSet);
    case 'date':
      return compare(expected.date, got.date, (value) => dayOf(value) ?? `unparsed:${value}`);
    case 'language':
      return compare(expected.language, got.language, (value) => primaryLanguage(value) ?? '');
    case 'direction':
      return compare(expected.direction, got.direction, (value) => value.trim().toLowerCase());
    case 'body-with':
      return checkSnippets(expected.with ?? [], got.text, true);
    case 'body-without':
      return checkSnippets(expected.without ?? [], got.text, false);
  }
}

function compare(
  expected: string | undefined,
  got: string | null,
  normalize: (value: string) => string,
): FieldCheck | null {
  if (expected === undefined) return null;
  const hit = got !== null && normalize(got) === normalize(expected);
  return hit ? { total: 1, hits: 1 } : { total: 1, hits: 0, miss: { expected, got: got ?? '(null)' } };
}

/** Separators between a headline and the site name in `<title>`: "Headline | Site", "Site - Headline". */
const TITLE_SEPARATOR_ALL = / (?:[|\-\u2013\u2014:\u00B7\u2022»]|::) | _/gu;

/**
 * A title and the same title without a leading or trailing site-name segment: Readability keeps
 * "Headline | Site", people annotating a page write "Headline", and both name the same headline.
 */
export function titleVariants(title: string): Set<string> {
  const folded = foldForMatch(title);
  const variants = new Set([folded]);
  for (const separator of folded.matchAll(TITLE_SEPARATOR_ALL)) {
    const head = folded.slice(0, separator.index).trim();
    const tail = folded.slice(separator.index + separator[0].length).trim();
    // The kept side must be the longer one: the shorter side is the site name, never the headline.
    variants.add(head.length >= tail.length ? head : tail);
  }
  return variants;
}

function compareTitles(expected: string | undefined, got: string | null): FieldCheck | null {
  if (expected === undefined) return null;
  const hit =
    got !== null &&
    (titleVariants(expected).has(foldForMatch(got)) || titleVariants(got).has(foldForMatch(expected)));
  return hit ? { total: 1, hits: 1 } : { total: 1, hits: 0, miss: { expected, got: got ?? '(null)' } };
}

function checkSnippets(snippets: readonly string[], text: string | null, wanted: boolean): FieldCheck | null {
  if (snippets.length === 0) return null;
  const body = foldForMatch(text ?? '');
  let hits = 0;
  let firstMiss: string | undefined;
  for (const snippet of snippets) {
    const found = body.includes(foldForMatch(snippet));
    if (found === wanted) hits += 1;
    else firstMiss ??= snippet;
  }
  const miss =
    firstMiss === undefined ? undefined : { expected: `${wanted ? '' : 'not '}${firstMiss}`, got: '' };
  return { total: snippets.length, hits, miss };
}
