import { DynamoDBClient, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoDbArticleQueries } from '../../lib/adapters/dynamodb-article-queries.js';
import { DynamoDbRequests } from '../../lib/adapters/dynamodb-requests.js';
import { StoreError, TransientStoreError } from '../../lib/ports/store-errors.js';

/**
 * The request helper over a client that never reaches the network: each `send` is answered (or
 * failed) in the build step by `respond`, which also sees the command's input.
 */
function clientAnswering(
  respond: (input: Record<string, unknown>, call: number) => Record<string, unknown>,
): DynamoDBDocumentClient {
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
  );
  let calls = 0;
  documents.middlewareStack.add(
    () => async (args) => {
      calls += 1;
      const input: Record<string, unknown> = { ...args.input };
      return { output: { $metadata: {}, ...respond(input, calls) }, response: {} };
    },
    { step: 'build', name: 'answerLocally' },
  );
  return documents;
}

const serviceError = (name: string, httpStatusCode: number): Error =>
  new DynamoDBServiceException({
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode },
    message: name,
  });

describe('DynamoDB requests', () => {
  it('turns throttling into a TransientStoreError and a validation error into a StoreError', async () => {
    const throttled = new DynamoDbRequests(
      clientAnswering(() => {
        throw serviceError('ThrottlingException', 400);
      }),
      'articles',
    );
    await expect(throttled.query({ KeyConditionExpression: 'PK = :pk' })).rejects.toThrow(
      TransientStoreError,
    );
    const invalid = new DynamoDbRequests(
      clientAnswering(() => {
        throw serviceError('ValidationException', 400);
      }),
      'articles',
    );
    const failure = invalid.query({ KeyConditionExpression: 'PK = :pk' });
    await expect(failure).rejects.toThrow(StoreError);
    await expect(failure).rejects.not.toThrow(TransientStoreError);
  });

  it('maps the read side’s SDK errors too', async () => {
    const queries = new DynamoDbArticleQueries(
      clientAnswering(() => {
        throw serviceError('InternalServerError', 500);
      }),
      { tableName: 'articles' },
    );
    await expect(queries.getArticle('abc', 1_000)).rejects.toThrow(TransientStoreError);
  });

  it('answers null when a conditional write’s condition does not hold', async () => {
    const documents = clientAnswering(() => {
      throw serviceError('ConditionalCheckFailedException', 400);
    });
    const requests = new DynamoDbRequests(documents, 'articles');
    const written = await requests.conditional('PutItem', () =>
      documents.send(new PutCommand({ TableName: 'articles', Item: { PK: 'a', SK: 'A' } })),
    );
    expect(written).toBeNull();
  });

  it('retries unprocessed batch items, then gives up with a TransientStoreError', async () => {
    const attempts: number[] = [];
    const requests = new DynamoDbRequests(
      clientAnswering((input) => {
        const items = (input.RequestItems as Record<string, unknown[]>).articles ?? [];
        attempts.push(items.length);
        return { UnprocessedItems: { articles: items.slice(1) } };
      }),
      'articles',
      { maxBatchAttempts: 3, backoffBaseMs: 0 },
    );
    const puts = ['a', 'b', 'c', 'd', 'e'].map((pk) => ({ PutRequest: { Item: { PK: pk, SK: 'A' } } }));
    await expect(requests.batchWrite(puts)).rejects.toThrow(TransientStoreError);
    expect(attempts).toEqual([5, 4, 3]);
  });

  it('splits a batch write into requests of 25', async () => {
    const sizes: number[] = [];
    const requests = new DynamoDbRequests(
      clientAnswering((input) => {
        sizes.push(((input.RequestItems as Record<string, unknown[]>).articles ?? []).length);
        return {};
      }),
      'articles',
    );
    const puts = Array.from({ length: 60 }, (_, i) => ({ PutRequest: { Item: { PK: `a${i}`, SK: 'A' } } }));
    await requests.batchWrite(puts);
    expect(sizes.sort((a, b) => b - a)).toEqual([25, 25, 10]);
  });
});
