/**
 * `npm start` as a child process for end-to-end tests: started on ephemeral ports with a
 * temporary DATA_DIR, stopped, and read through real SDK v3 clients.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { isTombstoneItem } from '../../lib/adapters/dynamodb-items.js';
import { ARTICLE_SK, articlePk } from '../../lib/adapters/dynamodb-keys.js';
import { articleId } from '../../lib/article/article-id.js';

export const RAW = 'articles-raw';
/** The seed article, from `../shared` beside the repository (as CI lays it out). */
export const SEED = fileURLToPath(new URL('../../../shared/seed/seed-article.txt', import.meta.url));
const READY = /^article-pipeline ready s3=(\S+) bucket=\S+ dynamodb=(\S+) api=(\S+)/;

export interface RunningPipeline {
  readonly child: ChildProcess;
  readonly s3Endpoint: string;
  readonly dynamoDbEndpoint: string;
  readonly apiEndpoint: string;
  readonly lines: string[];
  readonly exited: Promise<number | null>;
}

/** Starts `article-pipeline start` and resolves on its ready line. */
export async function startPipeline(
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningPipeline> {
  const child = spawn(process.execPath, ['bin/article-pipeline.js', 'start'], {
    env: { ...process.env, S3_PORT: '0', DYNAMODB_PORT: '0', API_PORT: '0', DATA_DIR: dataDir, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const collect = (stream: NodeJS.ReadableStream | null): void => {
    let buffer = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const match = lines.map((line) => READY.exec(line)).find((m) => m !== null);
    if (match?.[1] !== undefined && match[2] !== undefined && match[3] !== undefined) {
      return {
        child,
        s3Endpoint: match[1],
        dynamoDbEndpoint: match[2],
        apiEndpoint: match[3],
        lines,
        exited,
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the pipeline did not become ready:\n${lines.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function stopPipeline(pipeline: RunningPipeline): Promise<number | null> {
  if (pipeline.child.exitCode === null) pipeline.child.kill('SIGTERM');
  return pipeline.exited;
}

export const clientsFor = (pipeline: RunningPipeline, accessKeyId = 'AKIAANYTHINGGOES000') => {
  const credentials = { accessKeyId, secretAccessKey: 'whatever-the-user-has' };
  const s3 = new S3Client({
    endpoint: pipeline.s3Endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
  });
  const dynamo = new DynamoDBClient({
    endpoint: pipeline.dynamoDbEndpoint,
    region: 'us-east-1',
    credentials,
  });
  return { s3, documents: DynamoDBDocumentClient.from(dynamo), dynamo };
};

export type PipelineClients = ReturnType<typeof clientsFor>;

/** A running pipeline with clients on its endpoints. */
export interface PipelineSession {
  readonly pipeline: RunningPipeline;
  readonly clients: PipelineClients;
}

/** Starts the pipeline on `dataDir` (see `startPipeline`) and makes clients for it. */
export async function openPipeline(
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<PipelineSession> {
  const pipeline = await startPipeline(dataDir, extraEnv);
  return { pipeline, clients: clientsFor(pipeline) };
}

/** Destroys the session's clients and stops its pipeline; resolves the exit code. */
export async function closePipeline(session: PipelineSession): Promise<number | null> {
  session.clients.s3.destroy();
  session.clients.dynamo.destroy();
  return stopPipeline(session.pipeline);
}

export type Item = Record<string, unknown> & {
  readonly source?: { readonly key: string; readonly etag: string | null };
};

export async function getRecordItem(
  documents: DynamoDBDocumentClient,
  key: string,
): Promise<Item | undefined> {
  const { Item: item } = await documents.send(
    new GetCommand({ TableName: 'articles', Key: { PK: articlePk(articleId(RAW, key)), SK: ARTICLE_SK } }),
  );
  // A deleted key's article item is its tombstone: no record.
  return item === undefined || isTombstoneItem(item) ? undefined : (item as Item);
}

/** Polls until `check` returns a value, or fails after the deadline. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const md5 = (text: string | Buffer): string => createHash('md5').update(text).digest('hex');
