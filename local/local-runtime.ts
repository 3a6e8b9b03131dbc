import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseCorsOrigins } from '../lib/api/cors-preflight.js';
import { ENV } from '../lib/config/environment.js';
import { compareSequencers } from '../lib/ingest/compare-sequencers.js';
import { CONSOLE_PATH, createConsoleServer } from './console-server.js';
import { EventDispatcher, type SqsBatchHandler } from './event-dispatcher.js';
import { EventJournal, listDeadLetters, type QueuedEvent } from './event-journal.js';
import type { HttpApiHandler, RunningHttpApi } from './http-api-server.js';
import { ensureArticleTable } from './local-emulators.js';
import {
  LOCAL_DEFAULTS,
  type LocalSettings,
  localDynamoDbEndpoint,
  localS3Endpoint,
  SEQUENCER_FILE,
} from './local-settings.js';
import { startStorageWorker } from './storage-workers.js';

export interface LocalRuntimeOptions {
  readonly settings: LocalSettings;
  /** The ingest handler; by default `functions/ingest-article.ts`, loaded after the environment is set. */
  readonly ingestHandler?: SqsBatchHandler;
  /** The read API handler; by default `functions/read-api.ts`; null runs no API. */
  readonly readHandler?: HttpApiHandler | null;
  readonly delivery?: {
    readonly maxAttempts?: number;
    readonly retryDelayMs?: (attempt: number) => number;
    readonly concurrency?: number;
    readonly batchSize?: number;
  };
  /** Operational messages (dead letters, proxy errors); stderr by default. */
  readonly log?: (line: string) => void;
}

export interface LocalRuntime {
  readonly s3Endpoint: string;
  readonly dynamoDbEndpoint: string;
  /** Null when no read API runs. */
  readonly apiEndpoint: string | null;
  /** The local console's page on the read API's origin; null when no read API runs. */
  readonly consoleUrl: string | null;
  readonly dataDir: string;
  /** Events queued, in flight or waiting for a retry. */
  backlog(): number;
  /** Resolves when every event so far was delivered (or dead-lettered). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const TOMBSTONE_PURGE_INTERVAL_MS = 60 * 60 * 1_000;

/**
 * DynamoDB's TTL removes expired tombstones in AWS; dynalite has no TTL, so the runtime purges
 * them at start and then hourly, with a repository of its own built by the ingest composition root.
 */
async function scheduleTombstonePurge(
  dynamoDbEndpoint: string,
  region: string,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  const [{ buildTombstonePurge }, { readIngestConfig }] = await Promise.all([
    import('../functions/shared/ingest-composition.js'),
    import('../functions/shared/ingest-config.js'),
  ]);
  const dynamo = new DynamoDBClient({
    endpoint: dynamoDbEndpoint,
    region,
    credentials: { accessKeyId: LOCAL_DEFAULTS.accessKeyId, secretAccessKey: LOCAL_DEFAULTS.secretAccessKey },
  });
  const purgeExpired = buildTombstonePurge(readIngestConfig(process.env), dynamo);
  const purge = (): void => {
    purgeExpired().catch((error: unknown) => {
      log(`tombstone purge failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  };
  purge();
  const timer = setInterval(purge, TOMBSTONE_PURGE_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    dynamo.destroy();
  };
}

async function readOrCreateSecret(path: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    await writeFile(path, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}

/** The environment the unchanged handlers read, pointed at the local endpoints. */
async function configureEnvironment(settings: LocalSettings, s3Endpoint: string, dynamoDbEndpoint: string) {
  const env = process.env;
  env[ENV.tableName] = settings.tableName;
  env[ENV.rawBucketName] = settings.rawBucket;
  env[ENV.contentBucketName] = settings.contentBucket;
  env[ENV.s3Endpoint] = s3Endpoint;
  env[ENV.dynamoDbEndpoint] = dynamoDbEndpoint;
  env[ENV.s3ForcePathStyle] = 'true';
  env.AWS_REGION = settings.region;
  env.AWS_DEFAULT_REGION = settings.region;
  // The emulators accept any credentials; the SDK still wants some, and a profile with SSO would stall.
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
    env.AWS_ACCESS_KEY_ID = LOCAL_DEFAULTS.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = LOCAL_DEFAULTS.secretAccessKey;
    delete env.AWS_SESSION_TOKEN;
  }
  // The SDK's own settings: no CRC32 of every body and no trailing checksums (s3rver keeps no
  // checksums, and the proxy would only decode aws-chunked framing again).
  env.AWS_REQUEST_CHECKSUM_CALCULATION ??= 'WHEN_REQUIRED';
  env.AWS_RESPONSE_CHECKSUM_VALIDATION ??= 'WHEN_REQUIRED';
  env[ENV.cursorKey] ??= await readOrCreateSecret(join(settings.dataDir, 'cursor-key'));
  // Locally the handlers' logs and metrics would drown the terminal; warnings still show.
  env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  env.POWERTOOLS_METRICS_DISABLED ??= 'true';
}

/**
 * Starts the whole pipeline on this machine: s3rver behind the notifying S3 proxy, dynalite, the
 * durable event queue feeding the ingest handler, and the read API. Everything persists in
 * `settings.dataDir`; events journaled before a stop or crash are delivered on the next start.
 *
 * @example
 * const runtime = await startLocalRuntime({ settings: readLocalSettings(process.env) });
 * // … upload to runtime.s3Endpoint, query runtime.apiEndpoint …
 * await runtime.close();
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const { settings } = options;
  const log = options.log ?? ((line: string): void => void process.stderr.write(`${line}\n`));
  await mkdir(join(settings.dataDir, 's3'), { recursive: true });
  await mkdir(join(settings.dataDir, 'dynamodb'), { recursive: true });

  const journal = await EventJournal.open(settings.dataDir);
  const pending = await journal.loadPending((file) => log(`skipping unreadable queued event ${file}`));
  const dead = await listDeadLetters(settings.dataDir);
  const savedSequencer = await readFile(join(settings.dataDir, SEQUENCER_FILE), 'utf8').catch(() => '');
  const seen = [savedSequencer.trim(), ...pending, ...dead]
    .map((entry) => (typeof entry === 'string' ? entry : entry.record.s3.object.sequencer))
    .filter((value) => /^[0-9A-F]+$/i.test(value))
    .sort(compareSequencers);

  const closers: (() => Promise<void>)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => {});
  };

  try {
    // The dispatcher needs the handler, the handler needs the environment, the environment needs
    // the storage's ports: events journaled before the dispatcher exists wait here.
    let dispatcher: EventDispatcher | null = null;
    const early: QueuedEvent[] = [];
    const storage = await startStorageWorker(
      {
        host: settings.host,
        s3Port: settings.s3Port,
        dynamoDbPort: settings.dynamoDbPort,
        dataDir: settings.dataDir,
        region: settings.region,
        buckets: [settings.rawBucket, settings.contentBucket],
        notifyBuckets: [settings.rawBucket],
        // As the template: the raw bucket is versioned, the content bucket is not.
        versionedBuckets: [settings.rawBucket],
        sequencerSeed: seen.at(-1) ?? null,
      },
      (events) => (dispatcher === null ? early.push(...events) : dispatcher.enqueue(events)),
      log,
    );
    closers.push(storage.close);
    const dynamoDbEndpoint = localDynamoDbEndpoint({
      host: settings.host,
      dynamoDbPort: storage.dynamoDbPort,
    });
    const admin = new DynamoDBClient({
      endpoint: dynamoDbEndpoint,
      region: settings.region,
      credentials: {
        accessKeyId: LOCAL_DEFAULTS.accessKeyId,
        secretAccessKey: LOCAL_DEFAULTS.secretAccessKey,
      },
    });
    await ensureArticleTable(admin, settings.tableName).finally(() => admin.destroy());
    const s3Endpoint = localS3Endpoint({ host: settings.host, s3Port: storage.s3Port });

    await configureEnvironment(settings, s3Endpoint, dynamoDbEndpoint);
    const ingestHandler = options.ingestHandler ?? (await import('../functions/ingest-article.js')).handler;
    if (options.ingestHandler === undefined) {
      closers.push(await scheduleTombstonePurge(dynamoDbEndpoint, settings.region, log));
    }

    const activeDispatcher = new EventDispatcher({
      journal,
      handler: ingestHandler,
      region: settings.region,
      deliveryDelayMs: settings.deliveryDelayMs,
      log,
      ...options.delivery,
    });
    dispatcher = activeDispatcher;
    closers.push(() => activeDispatcher.close());
    activeDispatcher.enqueue([...pending, ...early.splice(0)]);

    let api: RunningHttpApi | null = null;
    const readHandler =
      options.readHandler === undefined
        ? (await import('../functions/read-api.js')).handler
        : options.readHandler;
    if (readHandler !== null) {
      const { startHttpApi } = await import('./http-api-server.js');
      const consoleServer = createConsoleServer({
        s3Endpoint,
        bucket: settings.rawBucket,
        region: settings.region,
        credentials: {
          accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? LOCAL_DEFAULTS.accessKeyId,
          secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? LOCAL_DEFAULTS.secretAccessKey,
        },
        log,
      });
      closers.push(async () => consoleServer.close());
      api = await startHttpApi({
        host: settings.host,
        port: settings.apiPort,
        handler: readHandler,
        // The same origins the read function applies, as the stack's corsPreflight would.
        corsOrigins: parseCorsOrigins(process.env[ENV.corsOrigins]),
        intercept: consoleServer.handle,
      });
      const running = api;
      closers.push(() => running.close());
    }

    return {
      s3Endpoint,
      dynamoDbEndpoint,
      apiEndpoint: api === null ? null : `http://${settings.host}:${api.port}`,
      consoleUrl: api === null ? null : `http://${settings.host}:${api.port}${CONSOLE_PATH}`,
      dataDir: settings.dataDir,
      backlog: () => activeDispatcher.backlog,
      idle: () => activeDispatcher.idle(),
      close: closeAll,
    };
  } catch (error: unknown) {
    await closeAll();
    throw error;
  }
}
