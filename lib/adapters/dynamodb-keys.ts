/**
 * Single-table design of the article table. Every access pattern is a GetItem or a Query:
 *
 * | pattern                               | key / index                                                |
 * | ------------------------------------- | ---------------------------------------------------------- |
 * | article by id                         | PK `ART#<id>`, SK `A`                                      |
 * | links of an article, in order         | PK `ART#<id>`, SK begins_with `L#` (`L#<5-digit index>`)   |
 * | tombstone of a deleted key            | PK `ART#<id>`, SK `A` (replaces the record; `deletedAt`)   |
 * | timeline, newest first                | GSI1 `TL#<yyyy>#<shard>` / `<sortKey>`                     |
 * | timeline of one language              | GSI2 `LANG#<lang>#<yyyy>#<shard>` / `<sortKey>`            |
 * | timeline of one status                | GSI3 `ST#<status>#<yyyy>#<shard>` / `<sortKey>`            |
 * | backlinks of a normalized URL         | GSI4 `URL#<normalizedUrl>` / `<articleId>#<index>`         |
 * | article by normalized title           | GSI5 `TITLE#<normalizedTitle>` / `A#<id>`                  |
 * | URL-less references to a title        | GSI5 `TITLE#<normalizedTitle>` / `R#<articleId>#<index>`   |
 * | years that have records               | PK `META`, SK `YEARS`, string set `years`                  |
 *
 * `sortKey` is `<instant>#<id>`: the publication instant in UTC (`publishedAt`, a date alone
 * counting as its midnight UTC), else `processedAt`, so undated records sit on the same timeline.
 * A year's timeline is write-sharded over `INDEX_KEY_SHARDS` partitions by article id, so one
 * busy year's writes are not capped by one partition; a read queries a year's shards in parallel
 * and merges them (`dynamodb-sharded-query.ts`). The YEARS item says which years exist, so paging
 * walks only years that have records.
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

/**
 * Write shards of the timeline, language and status index keys. DynamoDB caps one partition at
 * 1,000 write units per second; an article item (1.5 KB measured, 2 units) is written to all
 * three keys, so one unsharded year takes at most 500 articles/s. Eight shards lift that to
 * 4,000/s, above the 2,470 articles/s the table's default 40,000-unit quota allows at the
 * measured 16 units per article, with 20% headroom (`npm run bench -- capacity`,
 * docs/operations.md). Changing it moves records between partitions: reprocess everything after.
 */
export const INDEX_KEY_SHARDS = 8;

/**
 * While true, reads also query the unsharded keys (`TL#<yyyy>`) that records written before
 * sharding carry, so the API is complete during the migration reprocess. Set to false once a
 * full reprocess has rewritten every record (docs/operations.md, "Migrating to sharded keys").
 */
export const READ_UNSHARDED_INDEX_KEYS = true;

/** A shard of an index key, or null for the unsharded key of a record written before sharding. */
export type IndexShard = number | null;

/**
 * The shard of an article's timeline, language and status keys: FNV-1a of its id, so stable for
 * the id and evenly spread (ids are hashes themselves).
 *
 * @example shardOf('5f0c2a…') // 0 … INDEX_KEY_SHARDS - 1
 */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % INDEX_KEY_SHARDS;
}

/** The partitions a read of one year queries: every shard, and the unsharded key while migrating. */
export const indexShardsToRead = (): readonly IndexShard[] => [
  ...Array.from({ length: INDEX_KEY_SHARDS }, (_, shard) => shard),
  ...(READ_UNSHARDED_INDEX_KEYS ? [null] : []),
];

const shardedKey = (key: string, shard: IndexShard): string => (shard === null ? key : `${key}#${shard}`);

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
export const timelinePk = (year: string, shard: IndexShard): string => shardedKey(`TL#${year}`, shard);
export const languagePk = (language: string, year: string, shard: IndexShard): string =>
  shardedKey(`LANG#${language}#${year}`, shard);
export const statusPk = (status: string, year: string, shard: IndexShard): string =>
  shardedKey(`ST#${status}#${year}`, shard);
export const backlinkPk = (normalizedUrl: string): string => `URL#${normalizedUrl}`;
export const backlinkSk = (articleId: string, index: number): string =>
  `${articleId}#${String(index).padStart(5, '0')}`;
export const titlePk = (normalizedTitle: string): string => `TITLE#${normalizedTitle}`;
/** GSI5 sort keys of a title's partition: the article carrying it, and references to it. */
export const TITLE_ARTICLE_SK_PREFIX = 'A#';
export const TITLE_REFERENCE_SK_PREFIX = 'R#';
export const titleArticleSk = (id: string): string => `${TITLE_ARTICLE_SK_PREFIX}${id}`;
export const titleReferenceSk = (articleId: string, index: number): string =>
  `${TITLE_REFERENCE_SK_PREFIX}${articleId}#${String(index).padStart(5, '0')}`;

/**
 * The article id of a GSI5 article sort key, or null for any other value.
 *
 * @example articleIdOfTitleSk('A#3f2a…') // '3f2a…'
 */
export function articleIdOfTitleSk(sk: unknown): string | null {
  return typeof sk === 'string' && sk.startsWith(TITLE_ARTICLE_SK_PREFIX)
    ? sk.slice(TITLE_ARTICLE_SK_PREFIX.length)
    : null;
}

const LINK_SK = /^L#[0-9]{5,}$/;
const BACKLINK_SK = /^([^#]+)#([0-9]{5,})$/;
const TIMELINE_SORT_KEY = /^([0-9]{4})[^#]*#([^#]+)$/;

/** Whether a value is a link sort key (`L#00042`): a page position of an article's links. */
export const isLinkSk = (value: string): boolean => LINK_SK.test(value);

/**
 * The link item a backlink sort key (`<articleId>#<index>`) stands for, or null.
 *
 * @example parseBacklinkSk('3f2a#00004') // { articleId: '3f2a', linkSk: 'L#00004' }
 */
export function parseBacklinkSk(
  value: string,
): { readonly articleId: string; readonly linkSk: string } | null {
  const match = BACKLINK_SK.exec(value);
  if (match === null) return null;
  return { articleId: match[1] ?? '', linkSk: `${LINK_SK_PREFIX}${match[2] ?? ''}` };
}

/**
 * The year and article id of a timeline sort key (`<instant>#<id>`), or null.
 *
 * @example parseTimelineSortKey('2017-05-22T00:00:00.000Z#3f2a') // { year: '2017', articleId: '3f2a' }
 */
export function parseTimelineSortKey(
  value: string,
): { readonly year: string; readonly articleId: string } | null {
  const match = TIMELINE_SORT_KEY.exec(value);
  if (match === null) return null;
  return { year: match[1] ?? '', articleId: match[2] ?? '' };
}

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
