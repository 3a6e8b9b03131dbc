import { isoDate } from './calendars.js';

const URL_DATE_PATTERNS: readonly RegExp[] = [
  // A one-digit day must end the segment: `/2023/10/3-fragen-an` is a slug, not 3 October.
  /(?:^|\/)((?:19|20)\d{2})\/(\d{1,2})\/(\d{2}(?!\d)|\d(?=[/._]|$))/gu,
  /(?:^|[/_-])((?:19|20)\d{2})([-_])(\d{2})\2(\d{2})(?!\d)/gu,
  /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/gu,
  // Day first only as a whole path segment (`/meldungen/29-10-2021`): inside a slug, `top-10-12-2021`
  // could be a count.
  /\/(?<day>\d{2})(?<sep>[-.])(?<month>\d{2})\k<sep>(?<year>(?:19|20)\d{2})(?=\/|\.html?$|$)/gu,
];

/**
 * A publication-date hint from a URL path: `/2017/05/22/`, `/2017-05-22-slug`, `/20170522/`, and a
 * segment that is only a day-first date (`/meldungen/29-10-2021`).
 * The earliest valid one in the path wins; year-month paths (`/2017/05/`) give null.
 *
 * @example
 * dateFromUrl('https://example.org/news/2017/05/22/slug.html'); // '2017-05-22'
 */
export function dateFromUrl(url: string): string | null {
  let path = url.slice(0, 4096);
  try {
    path = new URL(path).pathname;
  } catch {
    // Not an absolute URL: read it as a path.
  }
  let best: { readonly index: number; readonly iso: string } | null = null;
  for (const pattern of URL_DATE_PATTERNS) {
    for (const match of path.matchAll(pattern)) {
      const named = match.groups;
      const groups =
        named !== undefined
          ? [named.year, named.month, named.day]
          : match.length === 5
            ? [match[1], match[3], match[4]]
            : [match[1], match[2], match[3]];
      const [year, month, day] = groups.map((group) => Number(group));
      if (year === undefined || month === undefined || day === undefined) continue;
      const iso = isoDate({ year, month, day, calendar: 'gregorian' });
      if (iso !== null) {
        if (best === null || match.index < best.index) best = { index: match.index, iso };
        break;
      }
    }
  }
  return best?.iso ?? null;
}
