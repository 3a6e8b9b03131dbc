import type { ArticleLink, ArticleRecord, LinkKind } from '../article/article-record.js';
import { articleLinkSchema, articleRecordSchema } from '../article/article-schema.js';
import { capArticleFields, capLinkFields } from '../article/record-limits.js';
import type { ArticleSummary, Backlink } from '../ports/article-queries.js';
import * as z from '../validation/zod.js';
import {
  ARTICLE_SK,
  articlePk,
  backlinkPk,
  backlinkSk,
  INDEXES,
  languagePk,
  linkSk,
  shardOf,
  statusPk,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
  timelineInstant,
  timelinePk,
  timelineSortKey,
  titleArticleSk,
  titlePk,
  titleReferenceSk,
  yearOf,
} from './dynamodb-keys.js';

/**
 * Mapping between article records and DynamoDB items (document-client shape: plain JS values).
 * Items are validated with the record's zod schemas when read back, never cast.
 *
 * Article item: the record without `links`, plus `linkCount`, `contentKey`, `normalizedTitle`,
 * `seq` (the applied sequencer, zero-padded so that string order is S3's order) and the GSI keys.
 * Link item: one per link, `L#<index>`, plus `articleId`, `index`, `seq` and, when they apply,
 * the backlink (GSI4) and URL-less reference (GSI5) keys.
 */
export type DynamoItem = Record<string, unknown>;

/** Attribute holding the padded sequencer every conditional write compares. */
export const SEQ_ATTRIBUTE = 'seq';

/** Sequencers are hex strings (S3 documents ~16–20 characters); padding to 64 keeps order for all. */
export const SEQUENCER_WIDTH = 64;

/** DynamoDB caps a GSI partition key at 2048 bytes and a sort key at 1024. */
const MAX_GSI_PK_BYTES = 2048;

/** Article items stay well under DynamoDB's 400 KB item limit whatever the input (bounds shared with `extract`). */
export { MAX_ARTICLE_ITEM_BYTES } from '../article/record-limits.js';

/**
 * Pads a sequencer so that plain string comparison orders events as S3 documents:
 * right-pad the shorter with zeros, then compare as strings.
 *
 * @example paddedSequencer('0A1') // '0A1000…0' (64 characters)
 */
export function paddedSequencer(sequencer: string | null): string {
  return (sequencer ?? '').toUpperCase().padEnd(SEQUENCER_WIDTH, '0');
}

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

const keyFits = (key: string, maxBytes: number): boolean => utf8Length(key) <= maxBytes;

export interface ArticleItemInput {
  readonly record: ArticleRecord;
  readonly contentKey: string | null;
  readonly normalizedTitle: string | null;
}

/** The article item for a record (links are stored as link items, never on this item). */
export function recordToItem({ record, contentKey, normalizedTitle }: ArticleItemInput): DynamoItem {
  const { links, ...fields } = record;
  const instant = timelineInstant(record.publishedAt, record.processedAt);
  const year = yearOf(instant);
  const sortKey = timelineSortKey(instant, record.id);
  const shard = shardOf(record.id);
  const item: DynamoItem = {
    [TABLE_KEYS.pk]: articlePk(record.id),
    [TABLE_KEYS.sk]: ARTICLE_SK,
    ...capArticleFields(fields),
    linkCount: links.length,
    contentKey,
    normalizedTitle,
    [SEQ_ATTRIBUTE]: paddedSequencer(record.source.sequencer),
    [INDEXES.timeline.pk]: timelinePk(year, shard),
    [INDEXES.timeline.sk]: sortKey,
    [INDEXES.status.pk]: statusPk(record.status, year, shard),
    [INDEXES.status.sk]: sortKey,
  };
  if (record.language !== null) {
    item[INDEXES.language.pk] = languagePk(record.language, year, shard);
    item[INDEXES.language.sk] = sortKey;
  }
  if (normalizedTitle !== null && keyFits(titlePk(normalizedTitle), MAX_GSI_PK_BYTES)) {
    item[INDEXES.titles.pk] = titlePk(normalizedTitle);
    item[INDEXES.titles.sk] = titleArticleSk(record.id);
  }
  return item;
}

export interface LinkItemInput {
  readonly articleId: string;
  readonly index: number;
  readonly link: ArticleLink;
  readonly sequencer: string | null;
  /** Normalized title this URL-less reference points to, or null. */
  readonly referenceKey: string | null;
}

/** One link item. Backlink and reference index keys are set only when they apply and fit. */
export function linkToItem({ articleId, index, link, sequencer, referenceKey }: LinkItemInput): DynamoItem {
  const stored = capLinkFields(link);
  const item: DynamoItem = {
    [TABLE_KEYS.pk]: articlePk(articleId),
    [TABLE_KEYS.sk]: linkSk(index),
    articleId,
    index,
    ...stored,
    [SEQ_ATTRIBUTE]: paddedSequencer(sequencer),
  };
  // A URL over the key limit cannot be indexed; it stays on the article's link list only.
  if (link.normalizedUrl !== null && keyFits(backlinkPk(link.normalizedUrl), MAX_GSI_PK_BYTES)) {
    item[INDEXES.backlinks.pk] = backlinkPk(link.normalizedUrl);
    item[INDEXES.backlinks.sk] = backlinkSk(articleId, index);
  }
  if (referenceKey !== null && keyFits(titlePk(referenceKey), MAX_GSI_PK_BYTES)) {
    item[INDEXES.titles.pk] = titlePk(referenceKey);
    item[INDEXES.titles.sk] = titleReferenceSk(articleId, index);
  }
  return item;
}

export interface TombstoneInput {
  readonly articleId: string;
  readonly sequencer: string | null;
  readonly deletedAt: string;
  /** Epoch seconds when DynamoDB's TTL may remove it. */
  readonly expiresAt: number;
  /** The deleted record's title key, so a redelivered delete can still release references to it. */
  readonly normalizedTitle: string | null;
}

/** The attribute only a tombstone has: it marks the article item as a deleted key. */
export const DELETED_AT_ATTRIBUTE = 'deletedAt';

/** Whether an article item (SK `A`) is the tombstone of a deleted key rather than a record. */
export const isTombstoneItem = (item: DynamoItem): boolean => typeof item[DELETED_AT_ATTRIBUTE] === 'string';

/**
 * A tombstone: it takes the article item's own key (SK `A`), so one conditional write replaces
 * the record, and a create's commit condition on that item sees the delete. No GSI keys, so no
 * list sees it; readers of the item check `isTombstoneItem`. The title is kept as
 * `deletedTitle`, never `normalizedTitle`, so no title lookup confirms a deleted article.
 */
export function tombstoneToItem({
  articleId,
  sequencer,
  deletedAt,
  expiresAt,
  normalizedTitle,
}: TombstoneInput): DynamoItem {
  return {
    [TABLE_KEYS.pk]: articlePk(articleId),
    [TABLE_KEYS.sk]: ARTICLE_SK,
    articleId,
    sequencer,
    [DELETED_AT_ATTRIBUTE]: deletedAt,
    deletedTitle: normalizedTitle,
    [SEQ_ATTRIBUTE]: paddedSequencer(sequencer),
    [TTL_ATTRIBUTE]: expiresAt,
  };
}

/**
 * The record of an article item, with its links (read separately from the link items).
 * Throws a zod error when the stored item is not a valid record.
 *
 * @example itemToRecord(articleItem, linkItems.map(itemToLink))
 */
export function itemToRecord(item: DynamoItem, links: readonly ArticleLink[]): ArticleRecord {
  return articleRecordSchema.parse({ ...item, links });
}

const summaryExtrasSchema = z.object({ linkCount: z.number().check(z.int(), z.nonnegative()) });

/** The summary of an article item (`GET /articles`): the record without links, plus `linkCount`. */
export function itemToSummary(item: DynamoItem): ArticleSummary {
  const { links: _links, ...record } = itemToRecord(item, []);
  const { linkCount } = summaryExtrasSchema.parse(item);
  return { ...record, linkCount };
}

const contentKeySchema = z.object({ contentKey: z.optional(z.nullable(z.string())) });

/** Where the article's parsed content is stored, or null. */
export function itemContentKey(item: DynamoItem): string | null {
  return contentKeySchema.parse(item).contentKey ?? null;
}

/** A link of a link item. */
export function itemToLink(item: DynamoItem): ArticleLink {
  return articleLinkSchema.parse(item);
}

const backlinkSchema = z.object({
  articleId: z.string(),
  text: z.string(),
  kind: z.enum(['inline', 'related', 'image', 'email', 'mention']),
});

/** A backlink of a link item found through the backlinks index (GSI4). */
export function itemToBacklink(item: DynamoItem): Backlink {
  const parsed = backlinkSchema.parse(item);
  const kind: LinkKind = parsed.kind;
  return { articleId: parsed.articleId, text: parsed.text, kind };
}
