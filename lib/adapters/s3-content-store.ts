import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ArticleContent } from '../article/article-record.js';
import { articleContentSchema } from '../article/article-schema.js';
import type { ContentRead, ContentStore } from '../ports/content-store.js';
import { errorName, httpStatusOf, toStoreError } from './aws-store-errors.js';

/**
 * Parsed content as JSON objects `<prefix><id>/<uuid>.json` in the content bucket, which never
 * triggers ingest (a separate bucket, or a prefix outside the raw bucket's notification filter).
 * One object per write attempt: an older event removing its own or its replaced record's content
 * cannot touch a newer record's. Records written before this layout point at `<prefix><id>.json`,
 * which is read and removed the same way (the record carries its key).
 */
export class S3ContentStore implements ContentStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix = 'content/',
  ) {}

  /** A fresh object key for one write of an article's content. */
  newContentKey(articleId: string): string {
    return `${this.prefix}${articleId}/${randomUUID()}.json`;
  }

  async put(articleId: string, content: ArticleContent): Promise<string> {
    const key = this.newContentKey(articleId);
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          // With its id, the object is exactly the body of `GET /articles/{id}/content`, so a
          // presigned URL to it serves what the route would have.
          Body: JSON.stringify({ id: articleId, blocks: content.blocks, text: content.text }),
          ContentType: 'application/json; charset=utf-8',
        }),
      );
      return key;
    } catch (error: unknown) {
      throw toStoreError(error, `PutObject ${this.bucket}/${key}`);
    }
  }

  async read(contentKey: string, maxBytes: number): Promise<ContentRead | null> {
    try {
      const response = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: contentKey }));
      const bytes = response.ContentLength ?? 0;
      if (bytes > maxBytes) {
        // Decided from the headers: the body is abandoned unread.
        response.Body?.transformToWebStream()
          .cancel()
          .catch(() => undefined);
        return { kind: 'tooLarge', bytes };
      }
      const text = (await response.Body?.transformToString('utf-8')) ?? '';
      return { kind: 'content', content: articleContentSchema.parse(JSON.parse(text)) };
    } catch (error: unknown) {
      if (errorName(error) === 'NoSuchKey' || httpStatusOf(error) === 404) return null;
      throw toStoreError(error, `GetObject ${this.bucket}/${contentKey}`);
    }
  }

  presignedUrl(contentKey: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.bucket, Key: contentKey }), {
      expiresIn: expiresInSeconds,
    });
  }

  async delete(key: string): Promise<void> {
    try {
      await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error: unknown) {
      if (httpStatusOf(error) === 404) return;
      throw toStoreError(error, `DeleteObject ${this.bucket}/${key}`);
    }
  }
}
