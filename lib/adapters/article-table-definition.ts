import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { INDEXES, TABLE_KEYS } from './dynamodb-keys.js';

const indexNames = Object.values(INDEXES);

/**
 * The CreateTable input of the article table: the keys and five GSIs of `dynamodb-keys.ts`,
 * on-demand billing. Used by the tests and the local runtime; the CDK stack mirrors it.
 * TTL (`expiresAt`, tombstones only) is enabled separately in AWS; the local emulator has none.
 *
 * @example await dynamo.send(new CreateTableCommand(articleTableDefinition('articles')))
 */
export function articleTableDefinition(tableName: string): CreateTableCommandInput {
  const keyNames = [TABLE_KEYS.pk, TABLE_KEYS.sk, ...indexNames.flatMap((index) => [index.pk, index.sk])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: TABLE_KEYS.pk, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sk, KeyType: 'RANGE' },
    ],
    AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    GlobalSecondaryIndexes: indexNames.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.pk, KeyType: 'HASH' },
        { AttributeName: index.sk, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
