import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { articleTableDefinition } from '../lib/adapters/article-table-definition.js';
import type { QueuedEvent } from './event-journal.js';
import { installObjectStore, type S3rverInternals } from './s3-object-api.js';
import type {
  StorageService,
  StorageWorkerCommand,
  StorageWorkerData,
  StorageWorkerMessage,
} from './storage-worker.js';

interface S3rverInstance extends S3rverInternals {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  readonly address: string;
  readonly port: number;
  readonly silent: boolean;
  readonly directory: string;
  readonly allowMismatchedSignatures: boolean;
  readonly configureBuckets: readonly { readonly name: string }[];
}) => S3rverInstance;
type DynaliteFactory = (options: {
  readonly path: string;
  readonly createTableMs: number;
  readonly deleteTableMs: number;
  readonly updateTableMs: number;
}) => Server;

// Neither package ships types; these are the few members used, as their READMEs document them.
const require = createRequire(import.meta.url);
const S3rver = require('s3rver') as S3rverConstructor;
const dynalite = require('dynalite') as DynaliteFactory;

export interface RunningEmulator {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * s3rver on an internal port (only the notifying proxy talks to it), objects under `directory`,
 * the buckets created if missing, `versionedBuckets` versioned. Silent: its log lines are not the
 * runtime's output. Its store is `LocalObjectStore` (opaque keys, versions; see
 * s3rver-sync-store.ts and s3-object-api.ts).
 */
export async function startS3Emulator(
  host: string,
  directory: string,
  buckets: readonly string[],
  options: { readonly versionedBuckets?: readonly string[]; readonly log?: (line: string) => void } = {},
): Promise<RunningEmulator> {
  const server = new S3rver({
    address: host,
    port: 0,
    silent: true,
    directory,
    // Keys are rewritten to one path segment before s3rver's router (s3-object-api.ts), after the
    // client signed the path it sent; the notifying proxy in front strips signatures anyway.
    allowMismatchedSignatures: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  installObjectStore(server, directory, {
    silent: true,
    versionedBuckets: new Set(options.versionedBuckets ?? []),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const address = await server.run();
  return { port: address.port, close: () => server.close() };
}

/** dynalite, persisted in LevelDB under `directory`; tables become ACTIVE at once. */
export async function startDynamoDbEmulator(
  host: string,
  port: number,
  directory: string,
): Promise<RunningEmulator> {
  const server = dynalite({ path: directory, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // dynalite's close also closes LevelDB, so the folder can be reopened in this process.
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Creates the article table unless it exists (a restart keeps every record). */
export async function ensureArticleTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<'created' | 'existing'> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existing';
  } catch (error: unknown) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(articleTableDefinition(tableName)));
  return 'created';
}

export interface RunningStorage {
  /** The notifying S3 proxy's port: the S3 endpoint. */
  readonly s3Port: number;
  readonly dynamoDbPort: number;
  close(): Promise<void>;
}

interface RunningServiceWorker {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts the storage side (see `storage-worker.ts`): dynalite and the S3 emulator with its
 * notifying proxy, each on a worker thread of its own; `onEvents` receives the events the S3 side
 * journaled. The workers load TypeScript through tsx, as the CLI does, so the repository still
 * needs no build step.
 */
export async function startStorageWorker(
  data: Omit<StorageWorkerData, 'service'>,
  onEvents: (events: readonly QueuedEvent[]) => void,
  log: (line: string) => void,
): Promise<RunningStorage> {
  const started = await Promise.allSettled(
    (['dynamodb', 's3'] as const).map((service) => startServiceWorker({ ...data, service }, onEvents, log)),
  );
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const [dynamo, s3] = started;
  if (dynamo?.status !== 'fulfilled' || s3?.status !== 'fulfilled') {
    await Promise.all(running.map((worker) => worker.close()));
    const failure = started.find((result) => result.status === 'rejected');
    throw failure?.reason ?? new Error('local emulators failed to start');
  }
  return {
    s3Port: s3.value.port,
    dynamoDbPort: dynamo.value.port,
    // S3 first: its proxy may still be journaling a write; DynamoDB outlives it.
    close: async (): Promise<void> => {
      await s3.value.close();
      await dynamo.value.close();
    },
  };
}

async function startServiceWorker(
  data: StorageWorkerData,
  onEvents: (events: readonly QueuedEvent[]) => void,
  log: (line: string) => void,
): Promise<RunningServiceWorker> {
  const service: StorageService = data.service;
  const tsxApi = pathToFileURL(require.resolve('tsx/esm/api')).href;
  const script = new URL('./storage-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: data });
  let closed: () => void = () => {};
  const closing = new Promise<void>((resolve) => {
    closed = resolve;
  });

  const started = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${service} storage worker exited (${code})`)));
    worker.on('message', (message: StorageWorkerMessage) => {
      switch (message.kind) {
        case 'started':
          resolve(message.port);
          break;
        case 'failed':
          reject(new Error(`local emulators failed to start: ${message.message}`));
          break;
        case 'events':
          onEvents(message.events);
          worker.postMessage({ kind: 'received', batch: message.batch } satisfies StorageWorkerCommand);
          break;
        case 'log':
          log(message.line);
          break;
        case 'closed':
          closed();
          break;
      }
    });
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  worker.removeAllListeners('exit');
  worker.removeAllListeners('error');
  worker.on('error', (error) => log(`${service} storage worker: ${error.message}`));

  return {
    port: started,
    close: async (): Promise<void> => {
      worker.postMessage({ kind: 'close' } satisfies StorageWorkerCommand);
      // The guard timer is cleared once the worker answers: left pending, it kept the process
      // alive for 10 s after Ctrl-C.
      let guard: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        guard = setTimeout(resolve, 10_000);
      });
      await Promise.race([closing, timeout]).finally(() => clearTimeout(guard));
      await worker.terminate();
    },
  };
}
