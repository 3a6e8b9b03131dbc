/**
 * Calendars: Gregorian validity, the Jalali (Solar Hijri) conversion, and the one check every
 * emitted ISO date or date-time goes through (`validIsoDate`).
 */

/** Hijri (lunar) dates are recognized, so that a date line stays a date line, but never converted. */
export type Calendar = 'gregorian' | 'jalali' | 'hijri';

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Solar Hijri years 1300–1499 cover Gregorian 1921–2121; any other 13xx/14xx is out of range anyway. */
export const MIN_JALALI_YEAR = 1300;
export const MAX_JALALI_YEAR = 1499;
/**
 * A numeric date with a year from here to 1499 is lunar Hijri (today 1446–1447), below it Jalali
 * (today 1403–1404): the two calendars only share years for dates before 1980 or after 2041.
 */
export const MIN_NUMERIC_HIJRI_YEAR = 1420;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const div = (a: number, b: number): number => Math.trunc(a / b);
const mod = (a: number, b: number): number => a - Math.trunc(a / b) * b;

/**
 * The Jalali (Solar Hijri) calendar by the break-year algorithm of Borkowski, as in jalaali-js:
 * returns whether `jy` is leap and the March day of Farvardin 1st.
 */
function jalaliYear(jy: number): { readonly leap: boolean; readonly gy: number; readonly march: number } {
  const breaks = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262];
  const gy = jy + 621;
  let leapJ = -14;
  let jp = breaks[0] ?? 0;
  let jump = 0;
  for (let i = 1; i < breaks.length; i += 1) {
    const jm = breaks[i] ?? 0;
    jump = jm - jp;
    if (jy < jm) break;
    leapJ += div(jump, 33) * 8 + div(mod(jump, 33), 4);
    jp = jm;
  }
  let n = jy - jp;
  leapJ += div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
  if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
  const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
  const march = 20 + leapJ - leapG;
  if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
  let leap = mod(mod(n + 1, 33) - 1, 4);
  if (leap === -1) leap = 4;
  return { leap: leap === 0, gy, march };
}

function gregorianToDayNumber(gy: number, gm: number, gd: number): number {
  const d = div((gy + div(gm - 8, 6) + 100100) * 1461, 4) + div(153 * mod(gm + 9, 12) + 2, 5) + gd - 34840408;
  return d - div(div(gy + 100100 + div(gm - 8, 6), 100) * 3, 4) + 752;
}

function dayNumberToGregorian(jdn: number): readonly [number, number, number] {
  let j = 4 * jdn + 139361631;
  j += div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908;
  const i = div(mod(j, 1461), 4) * 5 + 308;
  const gd = div(mod(i, 153), 5) + 1;
  const gm = mod(div(i, 153), 12) + 1;
  const gy = div(j, 1461) - 100100 + div(8 - gm, 6);
  return [gy, gm, gd];
}

export function jalaliToGregorian(
  jy: number,
  jm: number,
  jd: number,
): readonly [number, number, number] | null {
  if (jy < MIN_JALALI_YEAR || jy > MAX_JALALI_YEAR || jm < 1 || jm > 12 || jd < 1) return null;
  const year = jalaliYear(jy);
  const length = jm <= 6 ? 31 : jm <= 11 ? 30 : year.leap ? 30 : 29;
  if (jd > length) return null;
  const dayNumber =
    gregorianToDayNumber(year.gy, 3, year.march) + (jm - 1) * 31 - div(jm, 7) * (jm - 7) + jd - 1;
  return dayNumberToGregorian(dayNumber);
}

export const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** A day in one of the calendars the scanner reads. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly calendar: Calendar;
}

/** The Gregorian `YYYY-MM-DD` of a day, or null when it names no real day in 1900–2100 (or is lunar Hijri). */
export function isoDate(parts: CalendarDate): string | null {
  if (parts.calendar === 'hijri') return null;
  const gregorian =
    parts.calendar === 'jalali'
      ? jalaliToGregorian(parts.year, parts.month, parts.day)
      : ([parts.year, parts.month, parts.day] as const);
  if (gregorian === null) return null;
  const [year, month, day] = gregorian;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/** Offsets in use on Earth: UTC−12:00 (Baker Island) to UTC+14:00 (Line Islands). */
const MIN_OFFSET_MINUTES = -12 * 60;
const MAX_OFFSET_MINUTES = 14 * 60;

/** The offset in minutes east of UTC, when it is a real one. */
export function isValidOffset(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= MIN_OFFSET_MINUTES && minutes <= MAX_OFFSET_MINUTES;
}

const ISO_FORM =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|([+-])(\d{2}):(\d{2})))?$/;

/**
 * The record's date check, the one every emitted date goes through: `value` when it is a real
 * `YYYY-MM-DD` in 1900–2100, or such a day with a real time (`00:00:00`–`23:59:59`) and a real
 * offset (`Z`, −12:00 to +14:00); null for anything else (`2024-02-30`, `T25:00:00Z`, `+23:59`).
 *
 * @example
 * validIsoDate('2024-02-29');                // '2024-02-29'
 * validIsoDate('2024-05-01T25:00:00Z');      // null
 * validIsoDate('2024-05-01T10:00:00+23:59'); // null
 */
export function validIsoDate(value: string): string | null {
  const match = ISO_FORM.exec(value);
  if (match === null) return null;
  const [, y, m, d, hh, mm, ss, zone, sign, oh, om] = match;
  if (isoDate({ year: Number(y), month: Number(m), day: Number(d), calendar: 'gregorian' }) === null)
    return null;
  if (hh === undefined) return value;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  if (zone === 'Z') return value;
  const minutes = Number(oh) * 60 + Number(om);
  if (Number(om) > 59 || !isValidOffset(sign === '-' ? -minutes : minutes)) return null;
  return value;
}
