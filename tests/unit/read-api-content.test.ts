import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../lib/api/api-errors.js';
import { createCursorCodec } from '../../lib/api/cursor-codec.js';
import { createReadApiService } from '../../lib/api/read-api-service.js';
import type { ArticleContent } from '../../lib/article/article-record.js';
import type { ArticleQueries, StoredArticle } from '../../lib/ports/article-queries.js';
import type { ContentRead, ContentStore } from '../../lib/ports/content-store.js';
import { makeRecord } from '../integration/read-api-seed.js';

// The content route's use case over in-memory ports (the S3 and DynamoDB adapters are covered
// against the emulators): what it does when the record it read is replaced meanwhile.
const record = makeRecord(1, { status: 'processed' });
const content: ArticleContent = { blocks: [{ type: 'paragraph', text: 'new body' }], text: 'new body' };

function serviceOver(contentKeys: readonly string[], objects: ReadonlyMap<string, ContentRead>) {
  const reads: string[] = [];
  let call = 0;
  const queries: ArticleQueries = {
    getArticle: async (): Promise<StoredArticle> => {
      const contentKey = contentKeys[Math.min(call, contentKeys.length - 1)] ?? null;
      call += 1;
      return { record, linkCount: 0, contentKey };
    },
    listArticles: async () => ({ items: [], next: null }),
    listLinks: async () => ({ items: [], next: null }),
    listBacklinks: async () => ({ items: [], next: null }),
  };
  const contents: ContentStore = {
    put: async () => 'unused',
    delete: async () => undefined,
    read: async (key) => {
      reads.push(key);
      return objects.get(key) ?? null;
    },
    presignedUrl: async (key, seconds) => `https://s3.example/${key}?expires=${seconds}`,
  };
  const service = createReadApiService({
    queries,
    contents,
    cursors: async () => createCursorCodec('read-api-content-test-key-0123456789'),
  });
  return { service, reads };
}

describe('GET /articles/{id}/content use case', () => {
  it('reads the record again when its content was removed by an overwrite that replaced it', async () => {
    const { service, reads } = serviceOver(
      ['content/a/old.json', 'content/a/new.json'],
      new Map([['content/a/new.json', { kind: 'content', content }]]),
    );
    expect(await service.getContent(record.id)).toEqual({
      kind: 'inline',
      body: { id: record.id, ...content },
    });
    expect(reads).toEqual(['content/a/old.json', 'content/a/new.json']);
  });

  it('is a 404 when the content is still missing on the second read', async () => {
    const { service } = serviceOver(['content/a/lost.json'], new Map());
    await expect(service.getContent(record.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('hands over a presigned URL, valid 5 minutes, for content over one response', async () => {
    const { service } = serviceOver(
      ['content/a/big.json'],
      new Map([['content/a/big.json', { kind: 'tooLarge', bytes: 20_000_000 }]]),
    );
    expect(await service.getContent(record.id)).toEqual({
      kind: 'elsewhere',
      body: {
        id: record.id,
        url: 'https://s3.example/content/a/big.json?expires=300',
        expiresInSeconds: 300,
      },
    });
  });
});
