/**
 * The local pipeline as the `reprocess` and `reconcile` commands find it from a user's shell: the
 * runtime of `npm start` in-process (no read API) on ephemeral ports and a temporary data folder,
 * `S3_PORT` and `DYNAMODB_PORT` exported, and SDK clients on its endpoints.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { readLocalSettings } from '../../local/local-settings.js';

export interface CliPipeline {
  readonly dataDir: string;
  readonly runtime: LocalRuntime;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  close(): Promise<void>;
}

export async function startCliPipeline(dataDirPrefix: string): Promise<CliPipeline> {
  const dataDir = await mkdtemp(join(tmpdir(), dataDirPrefix));
  const runtime = await startLocalRuntime({
    settings: readLocalSettings({ S3_PORT: '0', DYNAMODB_PORT: '0', API_PORT: '0', DATA_DIR: dataDir }),
    readHandler: null,
    log: () => {},
  });
  process.env.S3_PORT = new URL(runtime.s3Endpoint).port;
  process.env.DYNAMODB_PORT = new URL(runtime.dynamoDbEndpoint).port;
  const credentials = { accessKeyId: 'any', secretAccessKey: 'any' };
  const s3 = new S3Client({
    endpoint: runtime.s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
  });
  const dynamo = new DynamoDBClient({ endpoint: runtime.dynamoDbEndpoint, region: 'us-east-1', credentials });
  return {
    dataDir,
    runtime,
    s3,
    dynamo,
    async close() {
      s3.destroy();
      dynamo.destroy();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CapturedRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

type CliCommand = (
  argv: readonly string[],
  printer: { out(line: string): void; err(line: string): void },
) => Promise<number>;

/** Runs a CLI command's `run` with a printer that keeps its output lines. */
export async function captureRun(command: CliCommand, argv: readonly string[]): Promise<CapturedRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
