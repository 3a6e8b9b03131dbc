import { parseCorsOrigins } from '../../lib/api/cors-preflight.js';
import { ENV } from '../../lib/config/environment.js';
import * as z from '../../lib/validation/zod.js';
import { s3ForcePathStyleSchema } from './s3-path-style.js';

export type CursorKeySource =
  | { readonly kind: 'secret'; readonly secretArn: string }
  | { readonly kind: 'inline'; readonly key: string };

export interface ReadApiConfig {
  readonly tableName: string;
  readonly contentBucketName: string;
  readonly contentPrefix: string | null;
  /** In AWS a Secrets Manager secret; locally the key itself (kept in DATA_DIR). */
  readonly cursorKey: CursorKeySource;
  /** Origins allowed by CORS; `*` for any; none by default. */
  readonly corsOrigins: readonly string[];
  /** Path-style S3 addressing: set by the local runtime for s3rver, never in AWS. */
  readonly s3ForcePathStyle: boolean;
}

const nonEmpty = z.string().check(z.trim(), z.minLength(1));

const envSchema = z
  .object({
    [ENV.tableName]: nonEmpty,
    [ENV.contentBucketName]: nonEmpty,
    [ENV.contentPrefix]: z.optional(z.string()),
    [ENV.cursorSecretArn]: z.optional(nonEmpty),
    [ENV.cursorKey]: z.optional(z.string().check(z.minLength(16, 'must be at least 16 characters'))),
    [ENV.corsOrigins]: z.optional(z.string()),
    [ENV.s3ForcePathStyle]: s3ForcePathStyleSchema,
  })
  .check(
    z.refine((env) => env[ENV.cursorSecretArn] !== undefined || env[ENV.cursorKey] !== undefined, {
      message: `set ${ENV.cursorSecretArn} (AWS) or ${ENV.cursorKey} (local)`,
    }),
  );

/**
 * The read function's configuration, read once at cold start; throws naming every missing or
 * invalid variable, so a misconfigured function fails before serving anything.
 *
 * @example readReadApiConfig(process.env).tableName
 */
export function readReadApiConfig(env: Readonly<Record<string, string | undefined>>): ReadApiConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
    );
    throw new Error(`read API configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  const secretArn = values[ENV.cursorSecretArn];
  const inlineKey = values[ENV.cursorKey];
  return {
    tableName: values[ENV.tableName],
    contentBucketName: values[ENV.contentBucketName],
    contentPrefix: values[ENV.contentPrefix] ?? null,
    cursorKey:
      secretArn !== undefined ? { kind: 'secret', secretArn } : { kind: 'inline', key: inlineKey ?? '' },
    corsOrigins: parseCorsOrigins(values[ENV.corsOrigins]),
    s3ForcePathStyle: values[ENV.s3ForcePathStyle],
  };
}
