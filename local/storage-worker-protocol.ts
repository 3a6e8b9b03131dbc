/**
 * The messages between the main thread and a storage worker (`storage-worker.ts`), which the
 * spawning side (`storage-workers.ts`) and the worker both import: neither imports the other.
 */
import type { QueuedEvent } from './event-journal.js';

export type StorageService = 's3' | 'dynamodb';

export interface StorageWorkerData {
  readonly service: StorageService;
  readonly host: string;
  readonly s3Port: number;
  readonly dynamoDbPort: number;
  readonly dataDir: string;
  readonly region: string;
  readonly buckets: readonly string[];
  readonly notifyBuckets: readonly string[];
  /** Versioned as the template versions them (the raw bucket). */
  readonly versionedBuckets: readonly string[];
  /** The highest sequencer issued by an earlier run, or null. */
  readonly sequencerSeed: string | null;
}

export type StorageWorkerMessage =
  | { readonly kind: 'started'; readonly port: number }
  | { readonly kind: 'failed'; readonly message: string }
  /** Journaled events; the main thread answers `{ kind: 'received', batch }` once it has them. */
  | { readonly kind: 'events'; readonly batch: number; readonly events: readonly QueuedEvent[] }
  | { readonly kind: 'log'; readonly line: string }
  | { readonly kind: 'closed' };

/** What the main thread sends a storage worker. */
export type StorageWorkerCommand =
  | { readonly kind: 'close' }
  | { readonly kind: 'received'; readonly batch: number };
