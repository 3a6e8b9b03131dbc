import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AppliedState } from '../ports/article-repository.js';
import * as z from '../validation/zod.js';
import { type DynamoItem, SEQ_ATTRIBUTE } from './dynamodb-items.js';
import { ARTICLE_SK, articlePk, TABLE_KEYS, titlePk } from './dynamodb-keys.js';
import type { DynamoDbRequests } from './dynamodb-requests.js';
import { readRegistryEntry, registryKey } from './dynamodb-title-registry.js';

const versionItemSchema = z.object({
  seq: z.string(),
  normalizedTitle: z.optional(z.nullable(z.string())),
  deletedAt: z.optional(z.string()),
  deletedTitle: z.optional(z.nullable(z.string())),
  source: z.optional(
    z.object({
      sequencer: z.nullable(z.string()),
      versionId: z.nullable(z.string()),
      etag: z.nullable(z.string()),
    }),
  ),
  sequencer: z.optional(z.nullable(z.string())),
});

/** The ordering attributes of an article item (`A`): a record's, or a tombstone's. */
export type VersionItem = z.infer<typeof versionItemSchema>;

/** What the article item of an id is: a record, a tombstone, or neither (never both). */
export interface StoredVersions {
  readonly article: VersionItem | null;
  readonly tombstone: VersionItem | null;
}

/** Attributes the ordering decisions read; never the whole (up to 300 KB) article item. */
const VERSION_ATTRIBUTES = '#seq, #source, normalizedTitle, sequencer, deletedAt, deletedTitle';
const VERSION_NAMES = { '#seq': SEQ_ATTRIBUTE, '#source': 'source' } as const;

/** Reads an article item (for instance the old one a write returned) as a record, a tombstone or neither. */
export function versionsOf(item: DynamoItem | undefined): StoredVersions {
  if (item === undefined) return { article: null, tombstone: null };
  const version = versionItemSchema.parse(item);
  return version.deletedAt === undefined
    ? { article: version, tombstone: null }
    : { article: null, tombstone: version };
}

/** The article item of `id`, read consistently: one GetItem on every event. */
export async function readVersions(requests: DynamoDbRequests, id: string): Promise<StoredVersions> {
  const response = await requests.call('GetItem article', () =>
    requests.documents.send(
      new GetCommand({
        TableName: requests.tableName,
        Key: { [TABLE_KEYS.pk]: articlePk(id), [TABLE_KEYS.sk]: ARTICLE_SK },
        ConsistentRead: true,
        ProjectionExpression: VERSION_ATTRIBUTES,
        ExpressionAttributeNames: VERSION_NAMES,
      }),
    ),
  );
  return versionsOf(response.Item);
}

/**
 * The applied state of `id`. With `titleKeys`, the article item and the title registry entries
 * of those titles in one consistent BatchGetItem: an ingest resolves its URL-less references
 * without a round trip of their own.
 */
export async function readAppliedState(
  requests: DynamoDbRequests,
  id: string,
  titleKeys: readonly string[],
): Promise<AppliedState> {
  if (titleKeys.length === 0) return toAppliedState(await readVersions(requests, id), new Map());
  const titles = [...new Set(titleKeys)];
  const items = await requests.batchGet(
    [{ [TABLE_KEYS.pk]: articlePk(id), [TABLE_KEYS.sk]: ARTICLE_SK }, ...titles.map(registryKey)],
    {
      ConsistentRead: true,
      ProjectionExpression: `#pk, #sk, ${VERSION_ATTRIBUTES}, articleId`,
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#sk': TABLE_KEYS.sk, ...VERSION_NAMES },
    },
  );
  let articleItem: DynamoItem | undefined;
  const registeredTitles = new Map<string, string>();
  const titleOfPk = new Map(titles.map((title) => [titlePk(title), title]));
  for (const item of items) {
    if (item[TABLE_KEYS.sk] === ARTICLE_SK) {
      articleItem = item;
      continue;
    }
    const entry = readRegistryEntry(item);
    const title = titleOfPk.get(entry.PK);
    if (title !== undefined) registeredTitles.set(title, entry.articleId);
  }
  return toAppliedState(versionsOf(articleItem), registeredTitles);
}

function toAppliedState(
  { article, tombstone }: StoredVersions,
  registeredTitles: ReadonlyMap<string, string>,
): AppliedState {
  return {
    article:
      article === null
        ? null
        : {
            sequencer: article.source?.sequencer ?? null,
            versionId: article.source?.versionId ?? null,
            etag: article.source?.etag ?? null,
            normalizedTitle: article.normalizedTitle ?? null,
          },
    tombstone: tombstone === null ? null : { sequencer: tombstone.sequencer ?? null },
    registeredTitles,
  };
}
