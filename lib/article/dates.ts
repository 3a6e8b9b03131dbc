/** A date expression found inside longer text. */
export interface FoundDate {
  readonly iso: string;
  readonly index: number;
  readonly length: number;
}

/** Parses a string that is a date into ISO 8601, or null. (Implementation in progress.) */
export function parseDate(input: string): string | null {
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(input);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** The first date expression inside longer text. (Implementation in progress.) */
export function findDate(text: string): FoundDate | null {
  const match = /\d{4}-\d{2}-\d{2}/.exec(text);
  return match ? { iso: match[0], index: match.index, length: match[0].length } : null;
}

/** Whether the line is only a date. (Implementation in progress.) */
export function isDateLine(line: string): boolean {
  return parseDate(line) !== null;
}

/** A date hinted by a URL path. (Implementation in progress.) */
export function dateFromUrl(url: string): string | null {
  const match = /\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(url);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}
