/**
 * In-process DynamoDB (dynalite) and S3 (s3rver) for integration tests: ephemeral ports, a
 * temporary directory, the article table and buckets created, real SDK v3 clients returned.
 * Never the contract's fixed ports, so parallel test files and a running `npm start` coexist.
 *
 *   const emulators = await startEmulators();
 *   await emulators.s3.send(new PutObjectCommand({ Bucket: emulators.rawBucket, Key: 'a.txt', Body: 'x' }));
 *   await emulators.stop();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { articleTableDefinition } from '../../lib/adapters/article-table-definition.js';

interface ListeningServer {
  listen(port: number, host: string, callback: (error?: Error) => void): unknown;
  address(): AddressInfo | string | null;
  close(callback: (error?: Error) => void): unknown;
}
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type DynaliteFactory = (options: {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}) => ListeningServer;
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: readonly { name: string }[];
}) => S3rverInstance;

// Neither package ships types; these are the few members used, as their READMEs document them.
const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as DynaliteFactory;
const S3rver = require('s3rver') as S3rverConstructor;

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
/** s3rver's built-in account: it rejects any other access key. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const LOCAL_REGION = 'us-east-1';

export interface Emulators {
  readonly dynamoDbEndpoint: string;
  readonly s3Endpoint: string;
  readonly tableName: string;
  readonly rawBucket: string;
  readonly contentBucket: string;
  readonly dynamo: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly s3: S3Client;
  /** A fresh DynamoDB client on the emulator (e.g. to add a counting or failing middleware). */
  makeDynamoClient(config?: DynamoDBClientConfig): DynamoDBClient;
  /** A fresh S3 client on the emulator, path-style and without aws-chunked bodies (s3rver needs both). */
  makeS3Client(config?: S3ClientConfig): S3Client;
  stop(): Promise<void>;
}

export interface EmulatorOptions {
  readonly tableName?: string;
  readonly rawBucket?: string;
  readonly contentBucket?: string;
}

function listen(server: ListeningServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.listen(0, '127.0.0.1', (error) => {
      const address = server.address();
      if (error) reject(error);
      else if (address === null || typeof address === 'string') reject(new Error('no TCP address'));
      else resolve(address.port);
    });
  });
}

function close(server: ListeningServer): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
}

/** Starts both emulators and creates the article table and the raw and content buckets. */
export async function startEmulators(options: EmulatorOptions = {}): Promise<Emulators> {
  const tableName = options.tableName ?? 'articles';
  const rawBucket = options.rawBucket ?? 'articles-raw';
  const contentBucket = options.contentBucket ?? 'articles-content';
  const directory = await mkdtemp(join(tmpdir(), 'article-pipeline-s3-'));

  const dynamoServer = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const dynamoPort = await listen(dynamoServer);
  const s3Server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: rawBucket }, { name: contentBucket }],
  });
  const s3Address = await s3Server.run();

  const dynamoDbEndpoint = `http://127.0.0.1:${dynamoPort}`;
  const s3Endpoint = `http://127.0.0.1:${s3Address.port}`;
  const makeDynamoClient = (config: DynamoDBClientConfig = {}): DynamoDBClient =>
    new DynamoDBClient({
      endpoint: dynamoDbEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      ...config,
    });
  const makeS3Client = (config: S3ClientConfig = {}): S3Client =>
    new S3Client({
      endpoint: s3Endpoint,
      region: LOCAL_REGION,
      credentials: S3RVER_CREDENTIALS,
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...config,
    });

  const dynamo = makeDynamoClient();
  const documents = DynamoDBDocumentClient.from(dynamo);
  const s3 = makeS3Client();
  await dynamo.send(new CreateTableCommand(articleTableDefinition(tableName)));

  return {
    dynamoDbEndpoint,
    s3Endpoint,
    tableName,
    rawBucket,
    contentBucket,
    dynamo,
    documents,
    s3,
    makeDynamoClient,
    makeS3Client,
    async stop(): Promise<void> {
      dynamo.destroy();
      s3.destroy();
      await Promise.all([close(dynamoServer), s3Server.close()]);
      await rm(directory, { recursive: true, force: true });
    },
  };
}
