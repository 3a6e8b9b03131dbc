import { validIsoDate } from '../dates/calendars.js';
import { parseDate } from '../dates/dates.js';
import type { DomIndex } from './dom-index.js';
import type { JsonLdArticle } from './json-ld.js';
import type { PageSignals } from './page-signals.js';
import { elementText } from './text.js';

const PUBLISHED_KEYS = [
  'article:published_time',
  'article:published',
  'og:published_time',
  'og:article:published_time',
  'published_time',
  'article.published',
  'datepublished',
  'date_published',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'pubdate',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date.created',
  'dcterms.created',
  'dc.date',
  'dcterms.date',
  'citation_publication_date',
  'citation_date',
  'sailthru.date',
  'parsely-pub-date',
  'rnews:datepublished',
  'article_date_original',
  'originalpublicationdate',
  'cxenseparse:recs:publishtime',
  'date',
  'created',
  'dc.created',
];
const ISO_DATE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;

/**
 * Normalizes a machine-written date (`2017-05-22T08:30:00+03:00`, `20170522`, `2017-05-22`)
 * to the record's form: a date, or a date-time with its offset when the offset is known.
 * Anything else goes to the core date parser.
 *
 * @example
 * ```ts
 * normalizeMachineDate('2017-05-22T08:30:00Z'); // "2017-05-22T08:30:00Z"
 * normalizeMachineDate('2017-05-22T08:30:00');  // "2017-05-22"
 * ```
 */
export function normalizeMachineDate(value: string): string | null {
  const text = value.trim();
  if (text === '') return null;
  const match = ISO_DATE.exec(text);
  if (match !== null) {
    const [, y, m, d, hh, mm, ss, zone] = match;
    const date = validIsoDate(`${y}-${m}-${d}`);
    if (date === null || hh === undefined || mm === undefined || zone === undefined) return date;
    const offset =
      zone.toUpperCase() === 'Z'
        ? 'Z'
        : zone.length === 3
          ? `${zone}:00`
          : zone.includes(':')
            ? zone
            : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    // An impossible time or offset (`T25:00`, `+23:59`) means a broken generator: the value is
    // not evidence at all, and the next source decides.
    return validIsoDate(`${date}T${hh.padStart(2, '0')}:${mm}:${ss ?? '00'}${offset}`);
  }
  if (text.length > 80) return null;
  return parseDate(text);
}

/**
 * The publication date the page declares in machine-readable form: JSON-LD `datePublished`,
 * then `<meta>` keys (Open Graph, Dublin Core, Parse.ly…), then microdata `datePublished`.
 *
 * @example
 * ```ts
 * readDeclaredDate(index, collectPageSignals(index), readJsonLd(scripts)); // "2017-05-22T08:30:00Z"
 * ```
 */
export function readDeclaredDate(
  index: DomIndex,
  found: PageSignals,
  jsonLd: JsonLdArticle | null,
): string | null {
  const jsonLdDate = jsonLd?.datePublished ?? null;
  if (jsonLdDate !== null) {
    const iso = normalizeMachineDate(jsonLdDate);
    if (iso !== null) return iso;
  }
  for (const key of PUBLISHED_KEYS) {
    for (const value of found.meta.get(key) ?? []) {
      const iso = normalizeMachineDate(value);
      if (iso !== null) return iso;
    }
  }
  for (const i of found.itemprops.get('datepublished') ?? found.itemprops.get('datecreated') ?? []) {
    const element = index.elements[i];
    if (element === undefined) continue;
    const value = element.attribs.content ?? element.attribs.datetime ?? elementText(element, 200);
    const iso = normalizeMachineDate(value);
    if (iso !== null) return iso;
  }
  return null;
}

/** `<time>` elements with a machine-readable date, by element index. */
export function readTimes(
  index: DomIndex,
  found: PageSignals,
): { readonly index: number; readonly iso: string }[] {
  const times: { index: number; iso: string }[] = [];
  for (const i of found.times) {
    const element = index.elements[i];
    if (element === undefined) continue;
    const iso = normalizeMachineDate(element.attribs.datetime ?? elementText(element, 200));
    if (iso !== null) times.push({ index: i, iso });
  }
  return times;
}
