import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ReferenceLink } from '../ports/article-repository.js';
import * as z from '../validation/zod.js';
import type { DynamoItem } from './dynamodb-items.js';
import {
  ARTICLE_SK,
  articleIdOfTitleSk,
  articlePk,
  INDEXES,
  linkSk,
  TABLE_KEYS,
  TITLE_ARTICLE_SK_PREFIX,
  TITLE_REFERENCE_SK_PREFIX,
  TITLE_REGISTRY_SK,
  titlePk,
} from './dynamodb-keys.js';
import type { DynamoDbRequests, WriteRequest } from './dynamodb-requests.js';

const registryItemSchema = z.object({ PK: z.string(), articleId: z.string() });
const titleOwnerSchema = z.object({ PK: z.string(), normalizedTitle: z.optional(z.nullable(z.string())) });
const referenceItemSchema = z.object({
  articleId: z.string(),
  index: z.number().check(z.int(), z.nonnegative()),
  targetArticleId: z.nullable(z.string()),
});

/** The key of the title registry entry of a normalized title. */
export const registryKey = (normalizedTitle: string): DynamoItem => ({
  [TABLE_KEYS.pk]: titlePk(normalizedTitle),
  [TABLE_KEYS.sk]: TITLE_REGISTRY_SK,
});

/** A title registry item read back: its partition key (`TITLE#<title>`) and the registered article. */
export const readRegistryEntry = (item: DynamoItem): { readonly PK: string; readonly articleId: string } =>
  registryItemSchema.parse(item);

/** The batch write request that registers `articleId` as carrying `normalizedTitle`. */
export const registrationRequest = (normalizedTitle: string, articleId: string): WriteRequest => ({
  PutRequest: { Item: { ...registryKey(normalizedTitle), articleId } },
});

/**
 * Titles and the URL-less references to them. GSI5 is the truth (the article carrying a title,
 * the link items referring to it); the registry item (`TITLE#<title>`, SK `TITLE`) names one
 * carrier so that many titles are looked up in one BatchGetItem. A registry entry can lag a
 * retitle or a delete, so every hit is confirmed against the article item.
 */
export class DynamoDbTitleRegistry {
  constructor(private readonly requests: DynamoDbRequests) {}

  async findArticleByTitle(normalizedTitle: string): Promise<string | null> {
    const response = await this.requests.query(
      {
        IndexName: INDEXES.titles.name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': INDEXES.titles.pk, '#sk': INDEXES.titles.sk },
        ExpressionAttributeValues: { ':pk': titlePk(normalizedTitle), ':prefix': TITLE_ARTICLE_SK_PREFIX },
        Limit: 1,
      },
      'Query titles',
    );
    return articleIdOfTitleSk(response.Items?.[0]?.[INDEXES.titles.sk]);
  }

  /**
   * One BatchGetItem of the title registry for all titles, one more to confirm the hits still
   * carry their title (a registry entry can lag a retitle or delete); an unconfirmed hit falls
   * back to the GSI5 query. Replaces one GSI5 query per title.
   */
  async findArticlesByTitles(
    normalizedTitles: readonly string[],
    alreadyRegistered?: ReadonlyMap<string, string>,
  ): Promise<ReadonlyMap<string, string>> {
    const titles = [...new Set(normalizedTitles)];
    const registered = new Map<string, string>();
    if (alreadyRegistered !== undefined) {
      for (const [title, id] of alreadyRegistered) registered.set(titlePk(title), id);
    } else {
      for (const item of await this.batchGet(titles.map(registryKey), false)) {
        const entry = readRegistryEntry(item);
        registered.set(entry.PK, entry.articleId);
      }
    }
    const found = new Map<string, string>();
    if (registered.size === 0) return found;
    const owners = await this.batchGet(
      [...new Set(registered.values())].map((id) => ({
        [TABLE_KEYS.pk]: articlePk(id),
        [TABLE_KEYS.sk]: ARTICLE_SK,
      })),
      true,
    );
    const titleOf = new Map(
      owners.map((item) => {
        const owner = titleOwnerSchema.parse(item);
        return [owner.PK, owner.normalizedTitle ?? null] as const;
      }),
    );
    for (const title of titles) {
      const id = registered.get(titlePk(title));
      if (id === undefined) continue;
      const confirmed = titleOf.get(articlePk(id)) === title ? id : await this.findArticleByTitle(title);
      if (confirmed !== null) found.set(title, confirmed);
    }
    return found;
  }

  async unregisterTitle(normalizedTitle: string, articleId: string): Promise<void> {
    const key = registryKey(normalizedTitle);
    const { documents, tableName } = this.requests;
    await this.requests.conditional('DeleteItem title', () =>
      documents.send(
        new DeleteCommand({
          TableName: tableName,
          Key: key,
          ConditionExpression: 'articleId = :id',
          ExpressionAttributeValues: { ':id': articleId },
        }),
      ),
    );
    // Whether this call or an earlier attempt removed it: another article with the title takes over.
    const replacement = await this.findArticleByTitle(normalizedTitle);
    if (replacement === null || replacement === articleId) return;
    await this.requests.conditional('PutItem title', () =>
      documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...key, articleId: replacement },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk },
        }),
      ),
    );
  }

  async findReferences(normalizedTitle: string): Promise<readonly ReferenceLink[]> {
    const items = await this.requests.queryAll({
      IndexName: INDEXES.titles.name,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': INDEXES.titles.pk, '#sk': INDEXES.titles.sk },
      ExpressionAttributeValues: { ':pk': titlePk(normalizedTitle), ':prefix': TITLE_REFERENCE_SK_PREFIX },
    });
    return items.map((item) => referenceItemSchema.parse(item));
  }

  async setReferenceTarget(
    reference: ReferenceLink,
    normalizedTitle: string,
    targetArticleId: string | null,
  ): Promise<boolean> {
    const { documents, tableName } = this.requests;
    const updated = await this.requests.conditional('UpdateItem reference', () =>
      documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { [TABLE_KEYS.pk]: articlePk(reference.articleId), [TABLE_KEYS.sk]: linkSk(reference.index) },
          UpdateExpression: 'SET targetArticleId = :target',
          ConditionExpression: 'attribute_exists(#pk) AND #titlePk = :titlePk',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#titlePk': INDEXES.titles.pk },
          ExpressionAttributeValues: { ':target': targetArticleId, ':titlePk': titlePk(normalizedTitle) },
        }),
      ),
    );
    return updated !== null;
  }

  /** Title-lookup attributes of any number of items: never a whole (up to 300 KB) article item. */
  private batchGet(keys: readonly DynamoItem[], consistent: boolean): Promise<DynamoItem[]> {
    return this.requests.batchGet(keys, {
      ConsistentRead: consistent,
      ProjectionExpression: '#pk, #sk, articleId, normalizedTitle',
      ExpressionAttributeNames: { '#pk': TABLE_KEYS.pk, '#sk': TABLE_KEYS.sk },
    });
  }
}
