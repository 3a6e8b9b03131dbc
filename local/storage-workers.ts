/**
 * The main thread's side of the storage workers: spawns `storage-worker.ts` twice (dynalite, and
 * s3rver with the notifying proxy), relays their events and logs, and closes them.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { QueuedEvent } from './event-journal.js';
import type {
  StorageService,
  StorageWorkerCommand,
  StorageWorkerData,
  StorageWorkerMessage,
} from './storage-worker-protocol.js';

const require = createRequire(import.meta.url);

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
