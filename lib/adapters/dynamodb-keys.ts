/**
 * Single-table design of the article table. Every access pattern is a GetItem or a Query:
 *
 * | pattern                               | key / index                                                |
 * | ------------------------------------- | ---------------------------------------------------------- |
 * | article by id                         | PK `ART#<id>`, SK `A`                                      |
 * | links of an article, in order         | PK `ART#<id>`, SK begins_with `L#` (`L#<5-digit index>`)   |
 * | tombstone of a deleted key            | PK `ART#<id>`, SK `A` (replaces the record; `deletedAt`)   |
 * | timeline, newest first                | GSI1 `TL#<yyyy>` / `<sortKey>` (one partition per year)    |
 * | timeline of one language              | GSI2 `LANG#<lang>#<yyyy>` / `<sortKey>`                    |
 * | timeline of one status                | GSI3 `ST#<status>#<yyyy>` / `<sortKey>`                    |
 * | backlinks of a normalized URL         | GSI4 `URL#<normalizedUrl>` / `<articleId>#<index>`         |
 * | article by normalized title           | GSI5 `TITLE#<normalizedTitle>` / `A#<id>`                  |
 * | URL-less references to a title        | GSI5 `TITLE#<normalizedTitle>` / `R#<articleId>#<index>`   |
 * | years that have records               | PK `META`, SK `YEARS`, string set `years`                  |
 *
 * `sortKey` is `<instant>#<id>`: the publication instant in UTC (`publishedAt`, a date alone
 * counting as its midnight UTC), else `processedAt`, so undated records sit on the same timeline.
 * Year partitions keep the timeline off a single hot partition; the YEARS item says which
 * partitions exist, so paging walks only years that have records.
 */

export const TABLE_KEYS = {
  pk: 'PK',
  sk: 'SK',
} as const;

export const INDEXES = {
  timeline: { name: 'GSI1', pk: 'GSI1PK', sk: 'GSI1SK' },
  language: { name: 'GSI2', pk: 'GSI2PK', sk: 'GSI2SK' },
  status: { name: 'GSI3', pk: 'GSI3PK', sk: 'GSI3SK' },
  backlinks: { name: 'GSI4', pk: 'GSI4PK', sk: 'GSI4SK' },
  titles: { name: 'GSI5', pk: 'GSI5PK', sk: 'GSI5SK' },
} as const;

/** TTL attribute (epoch seconds), set on tombstones only. */
export const TTL_ATTRIBUTE = 'expiresAt';

export const ARTICLE_SK = 'A';
export const LINK_SK_PREFIX = 'L#';
export const META_PK = 'META';
export const YEARS_SK = 'YEARS';
/** Title registry item (PK `TITLE#<key>`): one article carrying that title, for batched lookups. */
export const TITLE_REGISTRY_SK = 'TITLE';

export const articlePk = (id: string): string => `ART#${id}`;
export const linkSk = (index: number): string => `${LINK_SK_PREFIX}${String(index).padStart(5, '0')}`;
export const timelinePk = (year: string): string => `TL#${year}`;
export const languagePk = (language: string, year: string): string => `LANG#${language}#${year}`;
export const statusPk = (status: string, year: string): string => `ST#${status}#${year}`;
export const backlinkPk = (normalizedUrl: string): string => `URL#${normalizedUrl}`;
export const backlinkSk = (articleId: string, index: number): string =>
  `${articleId}#${String(index).padStart(5, '0')}`;
export const titlePk = (normalizedTitle: string): string => `TITLE#${normalizedTitle}`;
export const titleArticleSk = (id: string): string => `A#${id}`;
export const titleReferenceSk = (articleId: string, index: number): string =>
  `R#${articleId}#${String(index).padStart(5, '0')}`;

/**
 * The instant a record sits at on the timeline, as a sortable UTC string.
 *
 * @example timelineInstant('2017-05-22', '2026-01-01T00:00:00.000Z') // '2017-05-22T00:00:00.000Z'
 */
export function timelineInstant(publishedAt: string | null, processedAt: string): string {
  if (publishedAt !== null) {
    const parsed = Date.parse(publishedAt.length === 10 ? `${publishedAt}T00:00:00Z` : publishedAt);
    if (Number.isFinite(parsed)) return new Date(parsed).toISOString();
  }
  return processedAt;
}

export const timelineSortKey = (instant: string, id: string): string => `${instant}#${id}`;
export const yearOf = (instant: string): string => instant.slice(0, 4);
