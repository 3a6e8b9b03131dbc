/**
 * The emulators themselves, as a storage worker runs them (`storage-worker.ts`): s3rver on our
 * object store, and dynalite; plus the article table the runtime creates in dynalite.
 */
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { articleTableDefinition } from '../lib/adapters/article-table-definition.js';
import { installObjectStore, type S3rverInternals } from './s3-object-api.js';

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
