import { DEFAULT_MAX_BYTES } from '../../lib/article/article-record.js';
import { ENV } from '../../lib/config/environment.js';
import * as z from '../../lib/validation/zod.js';
import { s3ForcePathStyleSchema } from './s3-path-style.js';

/** Typed configuration of the ingest function, read once at cold start. */
export interface IngestConfig {
  readonly tableName: string;
  readonly rawBucket: string;
  readonly contentBucket: string;
  /** Key prefix of parsed content in the content bucket, e.g. `content/`. */
  readonly contentPrefix: string;
  readonly maxBytes: number;
  readonly tombstoneTtlDays: number;
  /** Path-style S3 addressing: set by the local runtime for s3rver, never in AWS. */
  readonly s3ForcePathStyle: boolean;
}

const required = z.string().check(z.trim(), z.minLength(1));
const positiveInt = (fallback: number): z.ZodMiniType<number> =>
  // zod/mini's form of z.preprocess: a transform piped into the schema.
  z.pipe(
    z.transform((value: unknown): unknown => (value === undefined || value === '' ? fallback : value)),
    z.coerce.number().check(z.int(), z.positive()),
  );

const schema = z.object({
  [ENV.tableName]: required,
  [ENV.rawBucketName]: required,
  [ENV.contentBucketName]: required,
  [ENV.contentPrefix]: z.optional(z.string()),
  [ENV.maxArticleBytes]: positiveInt(DEFAULT_MAX_BYTES),
  [ENV.tombstoneTtlDays]: positiveInt(30),
  [ENV.s3ForcePathStyle]: s3ForcePathStyleSchema,
});

/**
 * Reads the ingest configuration from the environment; throws (failing the cold start) when a
 * required variable is missing or malformed, naming every offending variable.
 *
 * @example readIngestConfig(process.env).tableName
 */
export function readIngestConfig(env: Readonly<Record<string, string | undefined>>): IngestConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`ingest configuration is invalid or missing: ${names}`);
  }
  const values = parsed.data;
  return {
    tableName: values[ENV.tableName],
    rawBucket: values[ENV.rawBucketName],
    contentBucket: values[ENV.contentBucketName],
    contentPrefix: values[ENV.contentPrefix] ?? 'content/',
    maxBytes: values[ENV.maxArticleBytes],
    tombstoneTtlDays: values[ENV.tombstoneTtlDays],
    s3ForcePathStyle: values[ENV.s3ForcePathStyle],
  };
}
