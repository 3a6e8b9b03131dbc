import { resolve } from 'node:path';

/**
 * Where the local runtime listens and keeps its data (shared/CONTRACT.md §2). One module so the
 * `start`, `upload`, `dead-letters`, `reprocess` and `reconcile` commands cannot disagree.
 */
export const LOCAL_DEFAULTS = {
  host: '127.0.0.1',
  s3Port: 4569,
  dynamoDbPort: 4567,
  apiPort: 3000,
  dataDir: '.data',
  region: 'us-east-1',
  rawBucket: 'articles-raw',
  contentBucket: 'articles-content',
  tableName: 'articles',
  /** Emulators accept any key; these are used only when the environment has none. */
  accessKeyId: 'local',
  secretAccessKey: 'local',
} as const;

/** Environment variables the local runtime reads (the contract's names). */
export const LOCAL_ENV = {
  s3Port: 'S3_PORT',
  dynamoDbPort: 'DYNAMODB_PORT',
  apiPort: 'API_PORT',
  dataDir: 'DATA_DIR',
  /** Development knob: hold each delivery this long (simulates a slow queue; default 0). */
  deliveryDelayMs: 'PIPELINE_DELIVERY_DELAY_MS',
} as const;

export interface LocalSettings {
  readonly host: string;
  /** 0 asks the OS for a free port (tests). */
  readonly s3Port: number;
  readonly dynamoDbPort: number;
  readonly apiPort: number;
  /** Absolute path. */
  readonly dataDir: string;
  readonly region: string;
  readonly rawBucket: string;
  readonly contentBucket: string;
  readonly tableName: string;
  readonly deliveryDelayMs: number;
}

export class LocalSettingsError extends Error {
  override readonly name = 'LocalSettingsError';
}

function readPort(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new LocalSettingsError(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

/**
 * Reads the local runtime's settings from the environment, falling back to the contract's defaults.
 *
 * @example readLocalSettings({ S3_PORT: '0', DATA_DIR: '/tmp/x' }).s3Port // 0
 */
export function readLocalSettings(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): LocalSettings {
  const delay = env[LOCAL_ENV.deliveryDelayMs];
  const deliveryDelayMs = delay === undefined || delay === '' ? 0 : Number(delay);
  if (!Number.isFinite(deliveryDelayMs) || deliveryDelayMs < 0) {
    throw new LocalSettingsError(`${LOCAL_ENV.deliveryDelayMs} must be a number of milliseconds`);
  }
  return {
    host: LOCAL_DEFAULTS.host,
    s3Port: readPort(env, LOCAL_ENV.s3Port, LOCAL_DEFAULTS.s3Port),
    dynamoDbPort: readPort(env, LOCAL_ENV.dynamoDbPort, LOCAL_DEFAULTS.dynamoDbPort),
    apiPort: readPort(env, LOCAL_ENV.apiPort, LOCAL_DEFAULTS.apiPort),
    dataDir: resolve(cwd, env[LOCAL_ENV.dataDir] || LOCAL_DEFAULTS.dataDir),
    region: LOCAL_DEFAULTS.region,
    rawBucket: LOCAL_DEFAULTS.rawBucket,
    contentBucket: LOCAL_DEFAULTS.contentBucket,
    tableName: LOCAL_DEFAULTS.tableName,
    deliveryDelayMs,
  };
}

/** The local S3 endpoint for clients (the notifying proxy, not the emulator behind it). */
export const localS3Endpoint = (settings: Pick<LocalSettings, 'host' | 's3Port'>): string =>
  `http://${settings.host}:${settings.s3Port}`;

export const localDynamoDbEndpoint = (settings: Pick<LocalSettings, 'host' | 'dynamoDbPort'>): string =>
  `http://${settings.host}:${settings.dynamoDbPort}`;

/** Folders of the durable event queue under DATA_DIR. */
export const queueDirs = (dataDir: string): { readonly pending: string; readonly dead: string } => ({
  pending: resolve(dataDir, 'queue', 'pending'),
  dead: resolve(dataDir, 'queue', 'dead'),
});

/** File under DATA_DIR holding the last sequencer issued, so a restart continues above it. */
export const SEQUENCER_FILE = 'sequencer';
