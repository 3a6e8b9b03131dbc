/**
 * Test data for the read API: deterministic article records spread over years, languages,
 * statuses, dated and undated, with links sharing targets (for backlinks), written through the
 * real ingest repository and content store so the read side sees exactly what ingest writes.
 */
import { createHash } from 'node:crypto';
import { DynamoDbArticleRepository } from '../../lib/adapters/dynamodb-article-repository.js';
import { timelineInstant, timelineSortKey } from '../../lib/adapters/dynamodb-keys.js';
import { S3ContentStore } from '../../lib/adapters/s3-content-store.js';
import type { ArticleContent, ArticleLink, ArticleRecord } from '../../lib/article/article-record.js';
import { normalizeUrl } from '../../lib/article/normalize-url.js';
import { ENV } from '../../lib/config/environment.js';
import { type Emulators, S3RVER_CREDENTIALS } from './emulators.js';

export interface SeedArticle {
  readonly record: ArticleRecord;
  readonly content: ArticleContent | null;
}

const LANGUAGES = ['ar', 'en', 'ar', null, 'fr'] as const;

/** A shared link target: several articles link to each of these. */
export const sharedTarget = (n: number): string => `https://example.org/topic/${n}`;

export const seedId = (name: string): string =>
  createHash('sha256').update(`seed/${name}`).digest('hex').slice(0, 24);

function links(i: number): ArticleLink[] {
  return Array.from({ length: i % 5 }, (_, k) => {
    const url = k === 0 ? sharedTarget(i % 6) : `https://news.example.com/${i}/${k}?utm_source=x`;
    return {
      kind: k === 0 ? 'related' : 'inline',
      text: k === 0 ? `اقرأ أيضًا ${i}` : `link ${i}.${k}`,
      url,
      normalizedUrl: normalizeUrl(url),
      domain: new URL(url).hostname,
      external: true,
      rel: k === 2 ? ['nofollow'] : [],
      targetArticleId: null,
    };
  });
}

export function makeRecord(
  i: number,
  overrides: Partial<Pick<ArticleRecord, 'publishedAt' | 'language' | 'status' | 'id'>> = {},
): ArticleRecord {
  const year = 2015 + (i % 12);
  const month = String(((i * 7) % 12) + 1).padStart(2, '0');
  const day = String(((i * 13) % 28) + 1).padStart(2, '0');
  const publishedAt =
    i % 9 === 0 ? null : i % 5 === 1 ? `${year}-${month}-${day}T01:30:00+03:00` : `${year}-${month}-${day}`;
  const rejected = i % 11 === 0;
  const record: ArticleRecord = {
    id: seedId(String(i)),
    status: rejected ? 'rejected' : 'processed',
    error: rejected ? { code: 'NO_CONTENT', message: 'no article text' } : null,
    source: {
      bucket: 'articles-raw',
      key: `seed/${i}.txt`,
      size: 1000 + i,
      contentType: 'text/plain',
      etag: `"etag-${i}"`,
      versionId: null,
      sequencer: (1000 + i).toString(16).toUpperCase(),
    },
    format: 'text',
    encoding: 'utf-8',
    language: LANGUAGES[i % LANGUAGES.length] ?? null,
    direction: i % 2 === 0 ? 'rtl' : 'ltr',
    title: `مقال رقم ${i}`,
    siteName: null,
    canonicalUrl: null,
    publishedAt,
    authors: i % 3 === 0 ? ['كاتب'] : [],
    description: `وصف ${i}`,
    wordCount: 100 + i,
    readingTimeMinutes: 1 + (i % 7),
    images: [],
    highlights: [],
    links: rejected ? [] : links(i),
    contentHash: `sha256:${createHash('sha256').update(String(i)).digest('hex')}`,
    parserVersion: 'test',
    processedAt: `2026-11-${String((i % 20) + 1).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00.000Z`,
  };
  return { ...record, ...overrides };
}

export function makeContent(record: ArticleRecord): ArticleContent | null {
  if (record.status === 'rejected') return null;
  const paragraph = `نص المقال ${record.id}`;
  return {
    blocks: [
      { type: 'heading', text: record.title ?? '' },
      { type: 'paragraph', text: paragraph },
    ],
    text: `${record.title ?? ''}\n\n${paragraph}`,
  };
}

export function makeArticles(count: number): SeedArticle[] {
  return Array.from({ length: count }, (_, i) => {
    const record = makeRecord(i);
    return { record, content: makeContent(record) };
  });
}

/** Writes the articles as ingest does: content to S3, then the record and its links. */
export async function seedArticles(emulators: Emulators, articles: readonly SeedArticle[]): Promise<void> {
  const repository = new DynamoDbArticleRepository(emulators.documents, emulators.tableName, {
    tombstoneTtlDays: 1,
  });
  const contents = new S3ContentStore(emulators.s3, emulators.contentBucket);
  const queue = [...articles];
  const worker = async (): Promise<void> => {
    for (let article = queue.shift(); article !== undefined; article = queue.shift()) {
      const contentKey =
        article.content === null ? null : await contents.put(article.record.id, article.content);
      const { outcome } = await repository.saveArticle({
        record: article.record,
        contentKey,
        normalizedTitle: null,
        referenceKeys: new Map(),
        replaceSameSequencer: false,
        previous: await repository.getAppliedState(article.record.id),
      });
      if (outcome !== 'saved') throw new Error(`seeding ${article.record.id}: ${outcome}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Where a record sits on the timeline: the order the API promises (newest first). */
export const timelineKey = (record: ArticleRecord): string =>
  timelineSortKey(timelineInstant(record.publishedAt, record.processedAt), record.id);

export const newestFirst = (records: readonly ArticleRecord[]): ArticleRecord[] =>
  [...records].sort((a, b) => (timelineKey(a) < timelineKey(b) ? 1 : -1));

/** The UTC day a record is filed under for `from`/`to`. */
export const timelineDay = (record: ArticleRecord): string =>
  timelineInstant(record.publishedAt, record.processedAt).slice(0, 10);

/**
 * Points the read function's configuration at the emulators (set before `functions/read-api.js`
 * is imported: it reads its environment once, at cold start).
 */
export function useEmulatorsForReadApi(emulators: Emulators, cursorKey: string, logLevel = 'SILENT'): void {
  Object.assign(process.env, {
    [ENV.tableName]: emulators.tableName,
    [ENV.contentBucketName]: emulators.contentBucket,
    [ENV.cursorKey]: cursorKey,
    [ENV.dynamoDbEndpoint]: emulators.dynamoDbEndpoint,
    [ENV.s3Endpoint]: emulators.s3Endpoint,
    [ENV.s3ForcePathStyle]: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    POWERTOOLS_LOG_LEVEL: logLevel,
  });
}
