/**
 * Names of the environment variables the functions read. Shared by the CDK constructs that set
 * them and the functions that read them, so the two cannot drift.
 */
export const ENV = {
  tableName: 'ARTICLES_TABLE_NAME',
  rawBucketName: 'RAW_BUCKET_NAME',
  contentBucketName: 'CONTENT_BUCKET_NAME',
  contentPrefix: 'CONTENT_PREFIX',
  maxArticleBytes: 'MAX_ARTICLE_BYTES',
  cursorSecretArn: 'CURSOR_SECRET_ARN',
  /** Local only: the cursor key itself (locally kept in DATA_DIR). */
  cursorKey: 'CURSOR_KEY',
  corsOrigins: 'CORS_ORIGINS',
  tombstoneTtlDays: 'TOMBSTONE_TTL_DAYS',
  /** Set only by the local runtime: endpoints of the emulators. */
  s3Endpoint: 'AWS_ENDPOINT_URL_S3',
  dynamoDbEndpoint: 'AWS_ENDPOINT_URL_DYNAMODB',
  /** Set only by the local runtime: `true` for path-style S3 addressing (s3rver needs it). */
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
} as const;
