/**
 * One storage service of the local runtime on its own thread: either dynalite, or s3rver with the
 * notifying S3 proxy (which journals every event before acknowledging the write). The handlers
 * stay on the main thread, so Lambda, S3 and DynamoDB each get a thread and the operating system
 * spreads the three over the cores (on one thread, the two emulators were the bottleneck).
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { EventJournal, type QueuedEvent } from './event-journal.js';
import { createEventSequencer } from './event-sequencer.js';
import { type RunningEmulator, startDynamoDbEmulator, startS3Emulator } from './local-emulators.js';
import { SEQUENCER_FILE } from './local-settings.js';
import { s3TestEventRecord, toS3NotificationRecord } from './s3-notification.js';
import { startS3Proxy } from './s3-notifying-proxy.js';
import type {
  StorageWorkerCommand,
  StorageWorkerData,
  StorageWorkerMessage,
} from './storage-worker-protocol.js';

const post = (message: StorageWorkerMessage): void => parentPort?.postMessage(message);

/** Resolvers of event batches posted to the main thread and not yet acknowledged. */
const unacknowledged = new Map<number, () => void>();
let nextBatch = 0;

/**
 * Hands journaled events to the main thread and resolves once it has them: the S3 client's 2xx
 * follows, so whoever saw the upload succeed (a test awaiting `idle()`) finds its event queued.
 */
function handOver(events: readonly QueuedEvent[]): Promise<void> {
  const batch = nextBatch++;
  return new Promise((resolve) => {
    unacknowledged.set(batch, resolve);
    post({ kind: 'events', batch, events });
  });
}

/** Runs `onClose` on the main thread's close command; acknowledges event batches meanwhile. */
function listen(onClose: () => void): void {
  const listener = (command: StorageWorkerCommand): void => {
    if (command.kind === 'received') {
      unacknowledged.get(command.batch)?.();
      unacknowledged.delete(command.batch);
      return;
    }
    parentPort?.off('message', listener);
    // Nothing is waiting any more for batches that will not be acknowledged.
    for (const resolve of unacknowledged.values()) resolve();
    unacknowledged.clear();
    onClose();
  };
  parentPort?.on('message', listener);
}

async function main(data: StorageWorkerData): Promise<void> {
  const running: RunningEmulator[] = [];
  const closeAll = async (): Promise<void> => {
    for (const service of running.splice(0).reverse()) await service.close().catch(() => {});
  };
  const sequencer = createEventSequencer(Date.now, data.sequencerSeed);
  try {
    if (data.service === 'dynamodb') {
      const dynamo = await startDynamoDbEmulator(
        data.host,
        data.dynamoDbPort,
        join(data.dataDir, 'dynamodb'),
      );
      running.push(dynamo);
      post({ kind: 'started', port: dynamo.port });
      listen(() => void closeAll().finally(() => post({ kind: 'closed' })));
      return;
    }
    const journal = await EventJournal.open(data.dataDir);
    // As S3 sends s3:TestEvent when a bucket's notifications are configured: on the first start.
    const newlyNotified = data.notifyBuckets.filter(
      (bucket) => !existsSync(join(data.dataDir, 's3', bucket)),
    );
    const s3 = await startS3Emulator(data.host, join(data.dataDir, 's3'), data.buckets, {
      versionedBuckets: data.versionedBuckets,
      log: (line) => post({ kind: 'log', line }),
    });
    running.push(s3);
    const proxy = await startS3Proxy({
      host: data.host,
      port: data.s3Port,
      upstream: { host: data.host, port: s3.port },
      notifyBuckets: new Set(data.notifyBuckets),
      sequencer,
      log: (line) => post({ kind: 'log', line }),
      onChanges: async (changes) => {
        const events = await journal.append(
          changes.map((change) => toS3NotificationRecord(change, data.region)),
        );
        await handOver(events);
      },
    });
    running.push(proxy);
    if (newlyNotified.length > 0) {
      const time = new Date();
      const records = newlyNotified.map((bucket) =>
        s3TestEventRecord(bucket, data.region, sequencer.next(), time),
      );
      // Posted before `started`, so the main thread holds the event before the runtime is ready;
      // its acknowledgement reaches the listener registered below.
      void handOver(await journal.append(records));
    }
    post({ kind: 'started', port: proxy.port });
  } catch (error: unknown) {
    await closeAll();
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  listen(() => {
    void closeAll()
      .then(() => writeFile(join(data.dataDir, SEQUENCER_FILE), `${sequencer.last()}\n`))
      .finally(() => post({ kind: 'closed' }));
  });
}

// Importing this module for its types must not start anything.
if (!isMainThread) await main(workerData as StorageWorkerData);
