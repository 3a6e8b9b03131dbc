import { describe, expect, it } from 'vitest';
import { readIngestConfig } from '../../functions/shared/ingest-config.js';

const base = {
  ARTICLES_TABLE_NAME: 'articles',
  RAW_BUCKET_NAME: 'articles-raw',
  CONTENT_BUCKET_NAME: 'articles-content',
};

describe('readIngestConfig', () => {
  it('reads the required names and applies documented defaults', () => {
    expect(readIngestConfig(base)).toEqual({
      tableName: 'articles',
      rawBucket: 'articles-raw',
      contentBucket: 'articles-content',
      contentPrefix: 'content/',
      maxBytes: 10 * 1024 * 1024,
      tombstoneTtlDays: 30,
      s3ForcePathStyle: false,
    });
  });

  it('reads overrides, including path-style S3 for the local runtime', () => {
    const config = readIngestConfig({
      ...base,
      MAX_ARTICLE_BYTES: '2048',
      TOMBSTONE_TTL_DAYS: '7',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(config).toMatchObject({ maxBytes: 2048, tombstoneTtlDays: 7, s3ForcePathStyle: true });
  });

  it('fails naming every missing or malformed variable', () => {
    expect(() => readIngestConfig({ MAX_ARTICLE_BYTES: 'lots' })).toThrow(
      /ARTICLES_TABLE_NAME.*RAW_BUCKET_NAME.*CONTENT_BUCKET_NAME.*MAX_ARTICLE_BYTES/,
    );
  });
});
