import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ArticleContent } from '../article/article-record.js';
import { articleContentSchema } from '../article/article-schema.js';
import type { ContentStore } from '../ports/content-store.js';
import { errorName, httpStatusOf, toStoreError } from './aws-store-errors.js';

/**
 * Parsed content as JSON objects `<prefix><id>.json` in the content bucket, which never triggers
 * ingest (a separate bucket, or a prefix outside the raw bucket's notification filter).
 */
export class S3ContentStore implements ContentStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix = 'content/',
  ) {}

  /** The object key of an article's content. */
  contentKey(articleId: string): string {
    return `${this.prefix}${articleId}.json`;
  }

  async put(articleId: string, content: ArticleContent): Promise<string> {
    const key = this.contentKey(articleId);
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: JSON.stringify(content),
          ContentType: 'application/json; charset=utf-8',
        }),
      );
      return key;
    } catch (error: unknown) {
      throw toStoreError(error, `PutObject ${this.bucket}/${key}`);
    }
  }

  async get(contentKey: string): Promise<ArticleContent | null> {
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: contentKey }));
      const text = (await response.Body?.transformToString('utf-8')) ?? '';
      return articleContentSchema.parse(JSON.parse(text));
    } catch (error: unknown) {
      if (errorName(error) === 'NoSuchKey' || httpStatusOf(error) === 404) return null;
      throw toStoreError(error, `GetObject ${this.bucket}/${contentKey}`);
    }
  }

  async delete(articleId: string): Promise<void> {
    const key = this.contentKey(articleId);
    try {
      await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error: unknown) {
      if (httpStatusOf(error) === 404) return;
      throw toStoreError(error, `DeleteObject ${this.bucket}/${key}`);
    }
  }
}
