/**
 * Date and time patterns over the tokens: each looks at a bounded number of tokens from a start
 * position, so that scanning a text for dates stays linear.
 */
import {
  type Calendar,
  type CalendarDate,
  formatOffset,
  isoDate,
  isValidOffset,
  MAX_JALALI_YEAR,
  MIN_JALALI_YEAR,
  MIN_NUMERIC_HIJRI_YEAR,
  pad,
} from './calendars.js';
import {
  AM_WORDS,
  CONNECTORS,
  cachedFold,
  DATE_PREFIXES,
  DATE_STARTERS,
  HIJRI_SUFFIX,
  MONTH_BY_NAME,
  type MonthEntry,
  ORDINAL_SUFFIXES,
  PM_WORDS,
  TIME_CONNECTORS,
  TWO_WORD_MONTH_STARTS,
  WEEKDAY_NAMES,
  YEAR_SUFFIXES,
  ZONES,
} from './date-words.js';
import {
  kindOf,
  MAX_NAME_LENGTH,
  type NumberToken,
  numberAt,
  separatorAt,
  type TokenKind,
  wordAt,
} from './tokens.js';

/** Between day, month and year: spaces and at most one of - / . , ، – — (and a closing paren). */
const PART_SEPARATOR = /^\)?\s{0,3}[-/.,،–—]?\s{0,3}$/u;
const PAIRED_MONTH_SEPARATOR = /^\s{0,2}[/(]\s{0,2}$/u;
const WEEKDAY_SEPARATOR = /^\s{0,3}[,،.\-–—]?\s{0,3}$/u;
const TIME_SEPARATOR = /^[\s.,،\-–—|@]{1,6}$/u;
/** Between the parts of a numeric date: `-`, `/`, `.`, or a spaced pipe (`26 | 01 | 2022`). */
const NUMERIC_SEPARATOR = /^\s?([-/.])\s?$|^\s(\|)\s$/u;
const OFFSET_SIGN = /^\s{0,2}[+\-−]$/u;

interface DateParts extends CalendarDate {
  readonly end: number;
}

interface MonthMatch extends MonthEntry {
  readonly end: number;
}

function matchMonthName(text: string, pos: number): MonthMatch | null {
  const word = wordAt(text, pos);
  if (word === null) return null;
  if (TWO_WORD_MONTH_STARTS.has(word.folded)) {
    const gap = separatorAt(text, word.end);
    if (!/^\s{1,3}$/u.test(gap.text)) return null;
    const second = wordAt(text, gap.end);
    const entry = second === null ? undefined : MONTH_BY_NAME.get(`${word.folded} ${second.folded}`);
    return entry === undefined || second === null ? null : { ...entry, end: second.end };
  }
  const entry = MONTH_BY_NAME.get(word.folded);
  return entry === undefined ? null : { ...entry, end: word.end };
}

/** A month name, or two names of the same month: `نيسان/أبريل`, `آب (أغسطس)`. */
function matchMonth(text: string, pos: number): MonthMatch | null {
  const first = matchMonthName(text, pos);
  if (first === null) return null;
  const gap = separatorAt(text, first.end);
  if (!PAIRED_MONTH_SEPARATOR.test(gap.text)) return first;
  const second = matchMonthName(text, gap.end);
  if (second === null || second.month !== first.month || second.calendar !== first.calendar) return first;
  return { ...first, end: second.end };
}

function skipPartSeparator(text: string, pos: number): number | null {
  const gap = separatorAt(text, pos);
  return PART_SEPARATOR.test(gap.text) ? gap.end : null;
}

export function skipConnector(text: string, pos: number, words: ReadonlySet<string>): number {
  const word = wordAt(text, pos);
  if (word === null || !words.has(word.folded)) return pos;
  const gap = separatorAt(text, word.end);
  return /^\s{1,3}$/u.test(gap.text) ? gap.end : pos;
}

function skipOrdinal(text: string, pos: number): number {
  const word = wordAt(text, pos);
  return word !== null && ORDINAL_SUFFIXES.has(word.folded) ? word.end : pos;
}

function skipYearSuffix(text: string, pos: number): number {
  const gap = separatorAt(text, pos);
  if (!/^\s?$/u.test(gap.text)) return pos;
  const word = wordAt(text, gap.end);
  return word !== null && YEAR_SUFFIXES.has(word.folded) ? word.end : pos;
}

function calendarOfYear(year: number): Calendar {
  if (year >= MIN_NUMERIC_HIJRI_YEAR && year <= MAX_JALALI_YEAR) return 'hijri';
  return year >= MIN_JALALI_YEAR && year <= MAX_JALALI_YEAR ? 'jalali' : 'gregorian';
}

/** A numeric date followed by `هـ` is lunar Hijri whatever its year: returns where the mark ends. */
function hijriMarkEnd(text: string, pos: number): number | null {
  const gap = separatorAt(text, pos);
  if (!/^\s?$/u.test(gap.text)) return null;
  const word = wordAt(text, gap.end);
  return word?.folded === HIJRI_SUFFIX ? word.end : null;
}

/** Numeric forms must not be a slice of a longer number chain (phone numbers, versions, IDs). */
function isInsideNumberChain(text: string, start: number, end: number): boolean {
  const before =
    start >= 2 && /[-/.:]/u.test(text.charAt(start - 1)) && kindOf(text.charCodeAt(start - 2)) === 'number';
  const after =
    end + 1 < text.length &&
    /[-/.:]/u.test(text.charAt(end)) &&
    kindOf(text.charCodeAt(end + 1)) === 'number';
  return before || after;
}

/** `2017-05-22`, `2017/5/22`, `2017.05.22`, `۱۴۰۲/۰۵/۱۲` (Jalali). */
function matchYearFirst(text: string, pos: number): DateParts | null {
  const year = numberAt(text, pos, 4, 4);
  if (year === null) return null;
  const gap1 = separatorAt(text, year.end);
  // `2020. 08. 18.` is how Hungarian writes it; other separators take no space.
  if (!/^(?:[-/.]|\. )$/u.test(gap1.text)) return null;
  const month = numberAt(text, gap1.end, 1, 2);
  if (month === null) return null;
  const gap2 = separatorAt(text, month.end);
  if (gap2.text !== gap1.text) return null;
  const day = numberAt(text, gap2.end, 1, 2);
  if (day === null || isInsideNumberChain(text, pos, day.end)) return null;
  const hijriEnd = hijriMarkEnd(text, day.end);
  return {
    year: year.value,
    month: month.value,
    day: day.value,
    calendar: hijriEnd === null ? calendarOfYear(year.value) : 'hijri',
    end: hijriEnd ?? day.end,
  };
}

/** Chinese/Japanese `2017年5月22日` and Korean `2017년 5월 22일`: a unit mark after each number. */
function matchMarkedYearFirst(text: string, pos: number): DateParts | null {
  const marks = ['年년', '月월', '日일'];
  const values: number[] = [];
  let end = pos;
  for (const [index, mark] of marks.entries()) {
    const gap = index === 0 ? { text: '', end } : separatorAt(text, end);
    if (!/^\s?$/u.test(gap.text)) return null;
    const number = numberAt(text, gap.end, index === 0 ? 4 : 1, index === 0 ? 4 : 2);
    if (number === null || !mark.includes(text.charAt(number.end))) return null;
    values.push(number.value);
    end = number.end + 1;
  }
  const [year = 0, month = 0, day = 0] = values;
  return { year, month, day, calendar: 'gregorian', end };
}

/** The numeric-date separator in a gap, or undefined: `-`, `/`, `.` or a spaced `|`. */
function numericSeparator(gap: string): string | undefined {
  const match = NUMERIC_SEPARATOR.exec(gap);
  return match?.[1] ?? match?.[2];
}

/** Two-digit years are read in the web's years only: `95`–`99` are 1995–1999, `00` up to this year's are 20xx. */
const FIRST_WEB_TWO_DIGIT_YEAR = 95;

/**
 * The year of a German-style stamp `28.09.19`: unambiguous only with dots and every part written
 * with two digits (day, month, year, as forum and comment stamps print them). The century is
 * the one that puts the year in the web's window (1995 to this year); any other year is no date.
 */
function twoDigitYear(value: number): number | null {
  if (value >= FIRST_WEB_TWO_DIGIT_YEAR) return 1900 + value;
  return value <= new Date().getUTCFullYear() % 100 ? 2000 + value : null;
}

/**
 * `22/5/2017`, `22.05.2017`, `22-05-2017`, `26 | 01 | 2022`, `28.09.19`. Day first (the order used
 * everywhere this project reads news from) unless that is impossible and month first, with
 * slashes, is not (`5/22/2017`).
 */
function matchNumericDayFirst(text: string, pos: number): DateParts | null {
  const first = numberAt(text, pos, 1, 2);
  if (first === null) return null;
  const gap1 = separatorAt(text, first.end);
  const separator = numericSeparator(gap1.text);
  if (separator === undefined) return null;
  const second = numberAt(text, gap1.end, 1, 2);
  if (second === null) return null;
  const gap2 = separatorAt(text, second.end);
  if (numericSeparator(gap2.text) !== separator) return null;
  const year = numberAt(text, gap2.end, 4, 4) ?? shortYear(text, pos, first.end, second.end, gap2);
  if (year === null || isInsideNumberChain(text, pos, year.end)) return null;
  // Month-first is the US habit, which writes slashes; `3.14.2017` is a version, not 14 March.
  const monthFirst = separator === '/' && second.value > 12 && first.value <= 12;
  const hijriEnd = hijriMarkEnd(text, year.end);
  return {
    year: year.value,
    month: monthFirst ? first.value : second.value,
    day: monthFirst ? second.value : first.value,
    calendar: hijriEnd === null ? calendarOfYear(year.value) : 'hijri',
    end: hijriEnd ?? year.end,
  };
}

/** `Version 10.12.06`, `v10.12.06`, `iOS 13.01.01`: a version number, not a stamp. */
const VERSION_LABEL = /(?:^|[^\p{L}])(?:version|ver\.?|v|build|release|ios|os)\s?$/iu;

/** The year of `28.09.19` (see `twoDigitYear`), as a four-digit value; null for any other form. */
function shortYear(
  text: string,
  start: number,
  firstEnd: number,
  secondEnd: number,
  gap2: { readonly text: string; readonly end: number },
): NumberToken | null {
  if (firstEnd - start !== 2 || text.charAt(firstEnd) !== '.' || gap2.text !== '.') return null;
  if (VERSION_LABEL.test(text.slice(Math.max(0, start - 12), start))) return null;
  if (gap2.end - secondEnd !== 1 || secondEnd - firstEnd !== 3) return null;
  const year = numberAt(text, gap2.end, 2, 2);
  if (year === null) return null;
  const value = twoDigitYear(year.value);
  return value === null ? null : { value, end: year.end };
}

function yearAfterMonth(text: string, pos: number): NumberToken | null {
  const afterSeparator = skipPartSeparator(text, pos);
  if (afterSeparator === null) return null;
  return numberAt(text, skipConnector(text, afterSeparator, CONNECTORS), 4, 4);
}

/** Between the two days of a range: `14. - 20.`, `14–20`, `14 - 20`. */
const DAY_RANGE_SEPARATOR = /^\.?\s{0,2}[-–—]\s{0,2}$/u;

/**
 * Where the second day of a day range in one month ends (`14. - 20. Januar 2022`, `14–20 يناير
 * 2022`): the range is dated by its first day, as a weekly report or a trip is. `day.end` when
 * no later day follows.
 */
function rangeEnd(text: string, day: NumberToken): number {
  const gap = separatorAt(text, day.end);
  if (!DAY_RANGE_SEPARATOR.test(gap.text)) return day.end;
  const last = numberAt(text, gap.end, 1, 2);
  return last !== null && last.value > day.value && last.value <= 31 ? last.end : day.end;
}

/** `22 May 2017`, `22-مايو-2017`, `22nd of May, 2017`, `14 تشرين الأول/أكتوبر 2019`, `22 de mayo de 2017`. */
function matchDayMonthYear(text: string, pos: number): DateParts | null {
  const day = numberAt(text, pos, 1, 2);
  if (day === null) return null;
  const afterDay = skipPartSeparator(text, skipOrdinal(text, rangeEnd(text, day)));
  if (afterDay === null) return null;
  const month = matchMonth(text, skipConnector(text, afterDay, CONNECTORS));
  if (month === null) return null;
  const year = yearAfterMonth(text, month.end);
  if (year === null) return null;
  return namedMonthDate(text, day.value, month, year);
}

/** A date written with a month's name, ending after the year and its era mark (م, AD, هـ) if any. */
function namedMonthDate(
  text: string,
  day: number,
  month: MonthMatch,
  year: { readonly value: number; readonly end: number },
): DateParts {
  return {
    year: year.value,
    month: month.month,
    day,
    calendar: month.calendar,
    end: skipYearSuffix(text, year.end),
  };
}

/** `May 22, 2017`, `May 22nd 2017`. */
function matchMonthDayYear(text: string, pos: number): DateParts | null {
  const month = matchMonth(text, pos);
  if (month === null) return null;
  const afterMonth = skipPartSeparator(text, month.end);
  if (afterMonth === null || afterMonth === month.end) return null;
  const day = numberAt(text, afterMonth, 1, 2);
  if (day === null) return null;
  const afterDay = skipPartSeparator(text, skipOrdinal(text, day.end));
  if (afterDay === null || afterDay === day.end) return null;
  const year = numberAt(text, afterDay, 4, 4);
  if (year === null) return null;
  return namedMonthDate(text, day.value, month, year);
}

/** Skips an optional prefix word (`يوم`, `le`, `am`, `el`) and an optional weekday. */
function skipWeekday(text: string, pos: number): number {
  const start = skipConnector(text, pos, DATE_PREFIXES);
  const word = wordAt(text, start);
  if (word === null || !WEEKDAY_NAMES.has(word.folded)) return start;
  const gap = separatorAt(text, word.end);
  return WEEKDAY_SEPARATOR.test(gap.text) ? gap.end : start;
}

export function canStartDate(text: string, kind: TokenKind, start: number, end: number): boolean {
  const length = end - start;
  // Four digits can only open a year-first date, whose separator follows at once.
  if (kind === 'number') return length <= 2 || (length === 4 && /[-/.年년]/u.test(text.charAt(end)));
  if (kind !== 'word' || length > MAX_NAME_LENGTH) return false;
  return DATE_STARTERS.has(cachedFold(text.slice(start, end)));
}

interface TimeParts {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Minutes east of UTC, when the input states it. */
  readonly offset: number | null;
  readonly valid: boolean;
  readonly end: number;
}

function timeStart(text: string, pos: number): number | null {
  const glued = wordAt(text, pos);
  if (glued?.folded === 't') return glued.end;
  const gap = separatorAt(text, pos);
  if (!TIME_SEPARATOR.test(gap.text)) return null;
  let start = gap.end;
  for (let i = 0; i < 2; i += 1) start = skipConnector(text, start, TIME_CONNECTORS);
  return start;
}

/** Returns [end, hour adjustment] for am/pm markers: `10:30 PM`, `10:30 p.m.`, `10:30 م`. */
function meridiem(text: string, pos: number): readonly [number, 'am' | 'pm' | null] {
  const gap = separatorAt(text, pos);
  if (!/^\s{0,2}$/u.test(gap.text)) return [pos, null];
  const word = wordAt(text, gap.end);
  if (word === null) return [pos, null];
  if (AM_WORDS.has(word.folded)) return [word.end, 'am'];
  if (PM_WORDS.has(word.folded)) return [word.end, 'pm'];
  if (word.folded === 'a' || word.folded === 'p') {
    const dot = separatorAt(text, word.end);
    const m = dot.text === '.' ? wordAt(text, dot.end) : null;
    if (m?.folded === 'm') {
      const end = text.charAt(m.end) === '.' ? m.end + 1 : m.end;
      return [end, word.folded === 'a' ? 'am' : 'pm'];
    }
  }
  return [pos, null];
}

/** `+03:00`, `+0300`, `-05`, and after GMT/UTC also `+3`. Returns [end, minutes] or null. */
function numericOffset(text: string, pos: number, allowShort: boolean): readonly [number, number] | null {
  const sign = separatorAt(text, pos);
  if (!OFFSET_SIGN.test(sign.text)) return null;
  const negative = !sign.text.trim().startsWith('+');
  const compact = numberAt(text, sign.end, 4, 4);
  let hours: number;
  let minutes = 0;
  let end: number;
  if (compact !== null) {
    hours = Math.floor(compact.value / 100);
    minutes = compact.value % 100;
    end = compact.end;
  } else {
    const hourToken = numberAt(text, sign.end, allowShort ? 1 : 2, 2);
    if (hourToken === null) return null;
    hours = hourToken.value;
    end = hourToken.end;
    if (text.charAt(end) === ':') {
      const minuteToken = numberAt(text, end + 1, 2, 2);
      if (minuteToken !== null) {
        minutes = minuteToken.value;
        end = minuteToken.end;
      }
    }
  }
  const total = (negative ? -1 : 1) * (hours * 60 + minutes);
  return [end, minutes > 59 || !isValidOffset(total) ? Number.NaN : total];
}

function zone(text: string, pos: number): readonly [number, number | null] {
  const numeric = numericOffset(text, pos, false);
  if (numeric !== null) return numeric;
  const gap = separatorAt(text, pos);
  if (!/^\s{0,2}$/u.test(gap.text)) return [pos, null];
  const word = wordAt(text, gap.end);
  const base = word === null ? undefined : ZONES.get(word.folded);
  if (word === null || base === undefined) return [pos, null];
  if (base === 0 && word.folded !== 'z') {
    const shifted = numericOffset(text, word.end, true);
    if (shifted !== null) return shifted;
  }
  return [word.end, base];
}

/** `10:30`, `10:30:15.123`, `T10:30:00Z`, `10:30 PM EDT`, `10:30:00 +0300`, `الساعة 10:30 مساءً`. */
function matchTime(text: string, pos: number): TimeParts | null {
  const start = timeStart(text, pos);
  if (start === null) return null;
  const hour = numberAt(text, start, 1, 2);
  if (hour === null || text.charAt(hour.end) !== ':') return null;
  const minute = numberAt(text, hour.end + 1, 2, 2);
  if (minute === null) return null;
  let end = minute.end;
  let second = 0;
  if (text.charAt(end) === ':') {
    const secondToken = numberAt(text, end + 1, 2, 2);
    if (secondToken !== null) {
      second = secondToken.value;
      end = secondToken.end;
      if (/[.,]/u.test(text.charAt(end))) {
        const fraction = numberAt(text, end + 1, 1, 9);
        if (fraction !== null) end = fraction.end;
      }
    }
  }
  const [afterMeridiem, half] = meridiem(text, end);
  const [afterZone, offset] = zone(text, afterMeridiem);
  let hours = hour.value;
  let valid = hours <= 23 && minute.value <= 59 && second <= 59;
  if (half !== null) {
    valid = valid && hours >= 1 && hours <= 12;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  }
  valid = valid && (offset === null || Number.isFinite(offset));
  return { hour: hours, minute: minute.value, second, offset, valid, end: afterZone };
}

export interface DateMatch {
  /** Null when the expression has the shape of a date but names no real day or time. */
  readonly iso: string | null;
  readonly end: number;
}

export function matchDateAt(text: string, pos: number): DateMatch | null {
  const start = skipWeekday(text, pos);
  const parts =
    matchYearFirst(text, start) ??
    matchMarkedYearFirst(text, start) ??
    matchNumericDayFirst(text, start) ??
    matchDayMonthYear(text, start) ??
    matchMonthDayYear(text, start);
  if (parts === null) return null;
  const date = isoDate(parts);
  const time = matchTime(text, parts.end);
  // An impossible time (`20:26 PM`) is a page's typo, not a reason to lose its date; as a whole
  // string it still fails, because the time is then left unconsumed.
  if (time === null || !time.valid) return { iso: date, end: parts.end };
  if (date === null) return { iso: null, end: time.end };
  // A time without an offset names no instant, so only the date is known.
  if (time.offset === null) return { iso: date, end: time.end };
  return {
    iso: `${date}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}${formatOffset(time.offset)}`,
    end: time.end,
  };
}
