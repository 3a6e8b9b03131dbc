import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export type StageName = 'dev' | 'prod';
export type ApiAuthorization =
  | { readonly mode: 'none' }
  | { readonly mode: 'iam' }
  | { readonly mode: 'jwt'; readonly issuer: string; readonly audience: readonly string[] };

/** Everything that differs between stages, decided once from CDK context. */
export interface StageConfig {
  readonly stage: StageName;
  /** Production keeps data when the stack or a resource is deleted; dev stages clean up. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  readonly logRetention: RetentionDays;
  /** How long superseded raw versions are kept before the lifecycle rule expires them. */
  readonly noncurrentVersionExpiration: Duration;
  readonly authorization: ApiAuthorization;
  readonly corsOrigins: readonly string[];
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Upper bound on concurrent ingest invocations, so a burst of uploads cannot throttle the table. */
  readonly ingestMaxConcurrency: number;
  /** Upper bound on concurrent reprocessing batches. */
  readonly reprocessMaxConcurrency: number;
  /** Mailbox subscribed to the alarm topic, if any. */
  readonly alarmEmail: string | null;
}

/** Reads context values (`-c key=value` or cdk.json) without knowing where they came from. */
export type ContextReader = (key: string) => unknown;

export class StageConfigError extends Error {
  override readonly name = 'StageConfigError';
}

/**
 * Resolves the stage configuration from CDK context. Context arrives as strings from the CLI
 * (`-c stage=prod`) and as JSON values from cdk.json, so both are accepted.
 *
 * @example readStageConfig((key) => ({ stage: 'prod' })[key]).removalPolicy // RemovalPolicy.RETAIN
 */
export function readStageConfig(read: ContextReader): StageConfig {
  const stage = readStage(read('stage'));
  const production = stage === 'prod';
  return {
    stage,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    deletionProtection: production,
    logRetention: production ? RetentionDays.THREE_MONTHS : RetentionDays.ONE_WEEK,
    noncurrentVersionExpiration: Duration.days(production ? 30 : 7),
    authorization: readAuthorization(read),
    corsOrigins: readList(read('corsOrigins')),
    throttle: {
      rateLimit: readPositiveInteger(read('throttleRate'), 'throttleRate', 50),
      burstLimit: readPositiveInteger(read('throttleBurst'), 'throttleBurst', 100),
    },
    ingestMaxConcurrency: readPositiveInteger(read('ingestMaxConcurrency'), 'ingestMaxConcurrency', 5),
    alarmEmail: readEmail(read('alarmEmail')),
    reprocessMaxConcurrency: readPositiveInteger(
      read('reprocessMaxConcurrency'),
      'reprocessMaxConcurrency',
      10,
    ),
  };
}

function readStage(value: unknown): StageName {
  if (value === undefined || value === null || value === '') return 'dev';
  if (value === 'dev' || value === 'prod') return value;
  throw new StageConfigError(`context "stage" must be dev or prod, got ${JSON.stringify(value)}`);
}

function readAuthorization(read: ContextReader): ApiAuthorization {
  const mode = read('auth') ?? 'none';
  if (mode === 'none' || mode === 'iam') return { mode };
  if (mode !== 'jwt') {
    throw new StageConfigError(`context "auth" must be none, iam or jwt, got ${JSON.stringify(mode)}`);
  }
  const issuer = read('jwtIssuer');
  const audience = readList(read('jwtAudience'));
  if (typeof issuer !== 'string' || !issuer.startsWith('https://') || audience.length === 0) {
    throw new StageConfigError(
      'auth=jwt needs context "jwtIssuer" (https URL) and "jwtAudience" (comma-separated)',
    );
  }
  return { mode, issuer, audience };
}

function readEmail(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    throw new StageConfigError(
      `context "alarmEmail" must be an e-mail address, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function readList(value: unknown): readonly string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : String(value).split(',');
  return items.map((item) => String(item).trim()).filter((item) => item.length > 0);
}

function readPositiveInteger(value: unknown, key: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new StageConfigError(`context "${key}" must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return parsed;
}
