import { validIsoDate } from '../dates/calendars.js';
import { findDate, parseDate } from '../dates/dates.js';
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
 * Generic keys that many CMSs fill with the page's last save (TYPO3's `date`, Dublin Core's bare
 * `dc.date`): a declared date read from one of them is only a hint, and a date the page shows
 * near its headline overrides it.
 */
const WEAK_KEYS: ReadonlySet<string> = new Set(['date', 'created', 'dc.created', 'dc.date', 'dcterms.date']);

/** What the page declares in machine-readable form about its publication. */
export interface DeclaredDates {
  /** The most trusted declared date. */
  readonly best: string | null;
  /** Whether `best` comes from a generic key (`date`, `dc.date`) rather than a publication key. */
  readonly weak: boolean;
  /** Every declared publication date (JSON-LD, each `<meta>` key, microdata), most trusted first. */
  readonly all: readonly string[];
  /** Every declared modification date (JSON-LD `dateModified`, `article:modified_time`…). */
  readonly modified: readonly string[];
}

const MODIFIED_KEYS = [
  'article:modified_time',
  'og:updated_time',
  'article:modified',
  'datemodified',
  'last-modified',
];

const PUBLISHED_SUFFIX =
  /[:._](?:published(?:_?(?:time|at|date|on))?|publish_?(?:date|time)|pub_?date|date_?published|first_?published(?:_?(?:at|date))?|uploaded(?:_?at)?|upload_?date)$/;
const RAW_DATE_PUBLISHED = /"datePublished"\s*:\s*"([^"]{8,40})"/;

/**
 * `datePublished` read as text from JSON-LD that does not parse (a stray brace, a comment), as
 * htmldate reads it: the page still says when it was published.
 */
function rawJsonLdDate(scripts: readonly string[]): string | null {
  for (const script of scripts) {
    const match = RAW_DATE_PUBLISHED.exec(script.length > 200_000 ? script.slice(0, 200_000) : script);
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}

/** Publication keys in a page's own script data (a CMS's page state, a shop's product JSON). */
const SCRIPT_DATE_PUBLISHED =
  /"(?:datePublished|date_published|publishDate|publish_date|published_at|publishedAt|firstPublished|first_published_at)"\s*:\s*"([^"]{8,40})"/;
/** Script text read per page at most: page-state blobs run to megabytes. */
const MAX_SCRIPT_CHARS = 500_000;

/**
 * A publication date written into the page's scripts (`"published_at":"2019-03-02T06:22:28+01:00"`
 * in a page-state or product object), as htmldate's JSON search: for pages that declare nothing
 * in `<meta>` or JSON-LD.
 *
 * @example
 * ```ts
 * findScriptDate(index); // "2019-03-02T06:22:28+01:00"
 * ```
 */
export function findScriptDate(index: DomIndex): string | null {
  let budget = MAX_SCRIPT_CHARS;
  for (const element of index.elements) {
    if (element.name !== 'script' || budget <= 0) continue;
    for (const child of element.children) {
      if (child.type !== 'text' || !('data' in child) || typeof child.data !== 'string') continue;
      const text = child.data.length > budget ? child.data.slice(0, budget) : child.data;
      budget -= text.length;
      const match = SCRIPT_DATE_PUBLISHED.exec(text);
      const iso = match?.[1] === undefined ? null : normalizeMachineDate(match[1]);
      if (iso !== null) return iso;
    }
  }
  return null;
}

/**
 * The publication dates the page declares in machine-readable form: JSON-LD `datePublished`,
 * then `<meta>` keys (Open Graph, Dublin Core, Parse.ly…), then microdata `datePublished`.
 *
 * @example
 * ```ts
 * readDeclaredDates(index, collectPageSignals(index), readJsonLd(scripts)).best; // "2017-05-22T08:30:00Z"
 * ```
 */
export function readDeclaredDates(
  index: DomIndex,
  found: PageSignals,
  jsonLd: JsonLdArticle | null,
): DeclaredDates {
  const all: string[] = [];
  let best: string | null = null;
  let weak = false;
  const add = (iso: string | null, fromWeakKey: boolean): void => {
    if (iso === null) return;
    all.push(iso);
    if (best === null) {
      best = iso;
      weak = fromWeakKey;
    }
  };
  const jsonLdDate = jsonLd?.datePublished ?? rawJsonLdDate(found.jsonLd);
  if (jsonLdDate !== null) add(normalizeMachineDate(jsonLdDate), false);
  for (const key of PUBLISHED_KEYS) {
    for (const value of found.meta.get(key) ?? []) add(normalizeMachineDate(value), WEAK_KEYS.has(key));
  }
  if (best === null) {
    // Site-specific namespaces with a publication key at the end (`five_hundred_pixels:uploaded`,
    // `parsely:published_at`): the last segment says what the value is.
    for (const [key, values] of found.meta) {
      if (!PUBLISHED_SUFFIX.test(key)) continue;
      for (const value of values) add(normalizeMachineDate(value), false);
    }
  }
  for (const i of found.itemprops.get('datepublished') ?? found.itemprops.get('datecreated') ?? []) {
    const element = index.elements[i];
    if (element === undefined) continue;
    add(
      normalizeMachineDate(element.attribs.content ?? element.attribs.datetime ?? elementText(element, 200)),
      false,
    );
  }
  const modified: string[] = [];
  for (const value of [
    jsonLd?.dateModified ?? null,
    ...MODIFIED_KEYS.flatMap((key) => found.meta.get(key) ?? []),
  ]) {
    const iso = value === null ? null : normalizeMachineDate(value);
    if (iso !== null) modified.push(iso);
  }
  for (const i of found.itemprops.get('datemodified') ?? []) {
    const element = index.elements[i];
    const value = element?.attribs.content ?? element?.attribs.datetime;
    const iso = value === undefined ? null : normalizeMachineDate(value);
    if (iso !== null) modified.push(iso);
  }
  return { best, weak, all, modified };
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
    const machine = element.attribs.datetime;
    // A `<time>` without `datetime` holds the date as written, often with a time ("29.04.2020, 12:01 Uhr").
    const iso =
      machine === undefined
        ? (findDate(elementText(element, 200))?.iso ?? null)
        : normalizeMachineDate(machine);
    if (iso !== null) times.push({ index: i, iso });
  }
  return times;
}

/** Where a page's publication date may be read, each already a valid ISO date or date-time. */
export interface DateEvidence {
  /** JSON-LD `datePublished`, `<meta>` published keys, microdata. */
  readonly declared: string | null;
  /** Whether `declared` comes from a generic key (`date`, `dc.date`) that often holds the last save. */
  readonly declaredWeak?: boolean;
  /** Every declared publication date, `declared` among them: a visible date equal to one is confirmed. */
  readonly declaredAll?: readonly string[];
  /** Every declared modification date: a shown date on one of their days is the change, not the publication. */
  readonly declaredModified?: readonly string[];
  /** The date the page shows near its headline (`<time>`, date-classed lines, bylines). */
  readonly visible: string | null;
  /** Whether `visible` is labelled as a later change ("Updated …"), the only date the page shows. */
  readonly visibleUpdated?: boolean;
  /** A date written into the `<title>` or `og:title`. */
  readonly inTitle: string | null;
  /** A full date in the page's URL path (`/2017/05/22/`). */
  readonly url: string | null;
}

/** No news site published on the web before this (the first ones went online in 1994–1995). */
export const EARLIEST_WEB_YEAR = 1995;
/**
 * Offsets where news is written, in minutes: Hawaii (−10:00) to Kiribati (+14:00). The −11:00
 * and −12:00 zones are uninhabited or nearly so; counting them would move ordinary US morning
 * stamps to the day before.
 */
const NEWS_OFFSETS = { min: -10 * 60, max: 14 * 60 };

const dayOf = (iso: string): string => iso.slice(0, 10);
/** A declared date this long after the URL's date is a later re-publication, not the first one. */
const REPUBLISHED_AFTER_MS = 30 * 86_400_000;

function plausible(iso: string | null): iso is string {
  return iso !== null && Number(iso.slice(0, 4)) >= EARLIEST_WEB_YEAR;
}

/**
 * Whether `day` is the local day of a UTC-written instant somewhere news is written: sites store
 * `2023-11-09T01:09:55Z` for an article their readers (and their URL) date 8 November.
 */
function isLocalDayOf(instant: string, day: string): boolean {
  if (!/T\d{2}:\d{2}:\d{2}(?:Z|[+-]00:00)$/.test(instant)) return false;
  const time = Date.parse(instant);
  if (Number.isNaN(time)) return false;
  const earliest = new Date(time + NEWS_OFFSETS.min * 60_000).toISOString().slice(0, 10);
  const latest = new Date(time + NEWS_OFFSETS.max * 60_000).toISOString().slice(0, 10);
  return day !== dayOf(instant) && day >= earliest && day <= latest;
}

/**
 * Whether `witness` shows the local day of the `declared` instant: a bare day that is the instant's
 * day in a real time zone, or the same instant written with a local offset. A stamp of another
 * instant (a modification time) witnesses nothing.
 */
function witnessesDayOf(declared: string, witness: string): boolean {
  if (witness.length > 10 && Date.parse(witness) !== Date.parse(declared)) return false;
  return isLocalDayOf(declared, dayOf(witness));
}

/**
 * Decides the publication date from every place it can live. The page's declared date wins
 * (JSON-LD, `<meta>`, microdata: the original date, never the modified one), then the date in its
 * URL path, then the date it shows near its headline, then one in its title. The candidates check
 * each other: a declared instant written in UTC gives way to the day the page shows or its URL
 * carries when that is the same instant's day in a real time zone (the site's local day); a
 * declared date from a generic key (`date`), or one another declared key contradicts, gives way to
 * the day the page shows, unless that day is a declared modification or labelled as an update; a
 * declared date weeks after the URL's is a re-publication; dates before 1995 are not publication
 * dates of a web page.
 *
 * @example
 * ```ts
 * choosePublished({ declared: '2023-11-09T01:09:55Z', visible: null, inTitle: null, url: '2023-11-08' });
 * // "2023-11-08"
 * ```
 */
export function choosePublished(evidence: DateEvidence): string | null {
  const declared = plausible(evidence.declared) ? evidence.declared : null;
  const visible = plausible(evidence.visible) ? evidence.visible : null;
  const inTitle = plausible(evidence.inTitle) ? evidence.inTitle : null;
  const url = plausible(evidence.url) ? evidence.url : null;
  if (declared !== null) {
    for (const witness of [visible, url]) {
      if (witness !== null && witnessesDayOf(declared, witness)) return dayOf(witness);
    }
    if (
      visible !== null &&
      evidence.visibleUpdated !== true &&
      dayOf(visible) !== dayOf(declared) &&
      !witnessesDayOf(declared, visible)
    ) {
      // The day the page shows wins over a generic key's date, or where another declared key agrees.
      const sameDay = (iso: string): boolean => dayOf(iso) === dayOf(visible);
      const confirmed = (evidence.declaredAll ?? []).some(sameDay);
      const change = (evidence.declaredModified ?? []).some(sameDay);
      if (!change && (evidence.declaredWeak === true || confirmed)) return visible;
    }
    // A URL's date is fixed when the story first goes out; a declared date weeks later is a re-save
    // or a site migration stamping every page.
    if (url !== null && Date.parse(dayOf(declared)) - Date.parse(dayOf(url)) > REPUBLISHED_AFTER_MS)
      return url;
    return declared;
  }
  // Nothing declared: the URL's date is the post's (htmldate's first check); a date near the
  // headline may be the event's ("Results, 19.5.2007").
  return url ?? visible ?? inTitle;
}
