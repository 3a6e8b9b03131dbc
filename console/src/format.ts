/** The console's own words are English with Western digits; article text keeps its own. */
const integer = new Intl.NumberFormat('en');

export const formatCount = (count: number, one: string, many: string): string =>
  `${integer.format(count)} ${count === 1 ? one : many}`;

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return 'unknown';
  if (bytes < 1024) return formatCount(bytes, 'byte', 'bytes');
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]} (${integer.format(bytes)} bytes)`;
}

/** A processing time as the reader's local date and time, to the minute. */
export function formatInstant(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const LANGUAGE_NAMES = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

/** `ar` → `Arabic (ar)`; unknown codes stay as they are. */
export function formatLanguage(code: string | null): string {
  if (code === null) return 'unknown';
  const name = LANGUAGE_NAMES?.of(code);
  return name === undefined || name === code ? code : `${name} (${code})`;
}

/**
 * A publication date as the record gives it, a date-time spaced so that it wraps between its
 * parts: `2017-05-24T09:30:00+00:00` → `2017-05-24 09:30:00 +00:00`; a date alone is unchanged.
 */
export function formatPublished(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (match === null) return value;
  return `${match[1]} ${match[2]} ${match[3] === 'Z' ? 'UTC' : match[3]}`;
}
