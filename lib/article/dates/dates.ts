/**
 * Publication dates in the forms news sites write them, in Arabic, Persian, English, French,
 * German and Spanish. Table-driven: month and weekday names live in `date-words.ts`, folded with the
 * same function that folds the input; `tokens.ts` reads the input, `patterns.ts` matches the
 * forms, `calendars.ts` converts and validates, `url-dates.ts` reads dates in URL paths. This
 * file is the public API. Hand-written rather than a date library because none of the
 * maintained ones reads Arabic/Levantine/Maghrebi month names, Arabic-Indic digits or Jalali dates,
 * and they guess where this module must refuse (phone numbers, month-year without a day).
 *
 * The scanner reads tokens (digit runs, letter runs, everything else) on demand from the input
 * and every pattern looks at a bounded number of tokens, so scanning is linear in the input:
 * no regular expression ever runs over the whole text.
 */

import { CORRESPONDING } from './date-words.js';
import { canStartDate, type DateMatch, matchDateAt, skipConnector } from './patterns.js';
import { BIDI_MARKS, kindOf, separatorAt } from './tokens.js';

/** A date expression found inside longer text. */
export interface FoundDate {
  /** ISO 8601, as `parseDate` returns it. */
  readonly iso: string;
  /** UTF-16 offset of the expression in the text. */
  readonly index: number;
  /** UTF-16 length of the expression (weekday, date and time, as matched). */
  readonly length: number;
}

/** Longer input cannot be only a date; bounding it keeps `parseDate` constant-time on huge input. */
const MAX_DATE_STRING = 200;

const LINE_EDGE = /^[\s.,،;:|\-–—\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]*$/u;

function matchWhole(input: string): DateMatch | null {
  if (input.length > MAX_DATE_STRING * 2) return null;
  let start = 0;
  while (start < input.length && LINE_EDGE.test(input.charAt(start))) start += 1;
  if (input.length - start > MAX_DATE_STRING) return null;
  const match = matchDateAt(input, start);
  if (match === null) return null;
  if (LINE_EDGE.test(input.slice(match.end))) return match;
  // Gulf and Saudi papers print both calendars: `26 شعبان 1438 هـ - الموافق 22 مايو 2017 م`.
  const gap = separatorAt(input, match.end);
  if (!/^[\s\-–—|/،,(]{1,8}$/u.test(gap.text)) return null;
  const second = matchDateAt(input, skipConnector(input, gap.end, CORRESPONDING));
  if (second === null || !/^[\s).,،;:|\-–—]*$/u.test(input.slice(second.end).replace(BIDI_MARKS, '')))
    return null;
  return { iso: match.iso ?? second.iso, end: second.end };
}

/**
 * Parses a string that is a date — optionally with weekday, time and time zone — into ISO 8601:
 * `YYYY-MM-DD` when no time is known, or when the time has no offset (the instant is unknown);
 * `YYYY-MM-DDTHH:mm:ss±HH:MM` when the input gives an offset or zone (`Z`, `GMT`, `UTC` → `+00:00`,
 * the offset kept as given, fractional seconds dropped). Numeric dates are day-first unless that
 * is impossible (`5/22/2017`); a two-digit year only in the dotted stamp `28.09.19`, read in
 * 1995 to this year; parts may be separated by a spaced pipe (`26 | 01 | 2022`); a day range in
 * one month (`14. - 20. Januar 2022`) is dated by its first day; Jalali dates are converted to Gregorian; lunar Hijri dates are
 * recognized but give null (when a Gregorian date follows, as in `26 شعبان 1438 هـ - 22 مايو 2017`,
 * that one is the value). Null for anything else, including month-year without a day, impossible
 * dates and years outside 1900–2100.
 *
 * @example
 * parseDate('22-مايو-2017');                     // '2017-05-22'
 * parseDate('Mon, 22 May 2017 10:30:00 GMT');   // '2017-05-22T10:30:00+00:00'
 * parseDate('۱۴۰۲/۰۵/۱۲');                       // '2023-08-03'
 * parseDate('31 February 2017');                // null
 */
export function parseDate(input: string): string | null {
  return matchWhole(input)?.iso ?? null;
}

/**
 * Whether a line is only a date (weekday, time and separators allowed), as the seed's first line
 * `22-مايو-2017`. Also true for a date-shaped line naming an impossible day (`31-فبراير-2017`):
 * such a line is still no title or paragraph.
 *
 * @example
 * isDateLine('الاثنين 22 مايو 2017 - 10:30'); // true
 * isDateLine('نيسان/أبريل 2015');              // false (no day)
 */
export function isDateLine(line: string): boolean {
  return matchWhole(line) !== null;
}

/**
 * A run of exactly four digits, or the two-digit year closing a `28.09.19` stamp: every accepted
 * form has its year written so.
 */
const YEAR_NUMBER =
  /(?<![0-9\u0660-\u0669\u06f0-\u06f9])(?:[0-9\u0660-\u0669\u06f0-\u06f9]{4}|(?<=[0-9\u0660-\u0669\u06f0-\u06f9]{2}\.[0-9\u0660-\u0669\u06f0-\u06f9]{2}\.)[0-9\u0660-\u0669\u06f0-\u06f9]{2})(?![0-9\u0660-\u0669\u06f0-\u06f9])/gu;
/** Every form starts within this many characters before its year (weekday, day, two month names). */
const YEAR_REACH = 64;

/**
 * The first valid date expression inside longer text, with its position.
 *
 * @example
 * findDate('نشر في ١٤ تشرين الأول ٢٠١٩ بواسطة'); // { iso: '2019-10-14', index: 7, length: 19 }
 */
export function findDate(text: string): FoundDate | null {
  let nextYear = -1;
  let pos = 0;
  while (pos < text.length) {
    if (nextYear < pos) {
      YEAR_NUMBER.lastIndex = pos;
      const found = YEAR_NUMBER.exec(text);
      if (found === null) return null;
      nextYear = found.index;
    }
    // The hot loop of a long text: token bounds as numbers, no token objects.
    const kind = kindOf(text.charCodeAt(pos));
    let end = pos + 1;
    while (end < text.length && kindOf(text.charCodeAt(end)) === kind) end += 1;
    const horizon = nextYear - YEAR_REACH;
    if (end <= horizon) {
      // Nothing this far before the next year can start a date: jump to the year's neighbourhood.
      pos = startOfTokenAt(text, horizon);
      continue;
    }
    if (canStartDate(text, kind, pos, end)) {
      const match = matchDateAt(text, pos);
      if (match?.iso) return { iso: match.iso, index: pos, length: match.end - pos };
    }
    pos = end;
  }
  return null;
}

/** The start of the token that contains `pos` (so that a jump never lands inside a word). */
function startOfTokenAt(text: string, pos: number): number {
  const kind = kindOf(text.charCodeAt(pos));
  let start = pos;
  while (start > 0 && kindOf(text.charCodeAt(start - 1)) === kind) start -= 1;
  return start;
}

export { dateFromUrl } from './url-dates.js';
