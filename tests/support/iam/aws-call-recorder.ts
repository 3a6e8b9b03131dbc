/**
 * Records the AWS calls a handler's SDK clients make, for the IAM evaluation
 * (tests/infra/iam/iam-evaluation.test.ts): a middleware on the client's own `middlewareStack`
 * appends one JSON line per call to a file in the run's calls folder (`IAM_CALLS_DIR`, created by
 * tests/support/iam/calls-dir-setup.ts). Without that variable (a benchmark, a script) it records
 * nothing. Only what the IAM action depends on is kept: the command name and the names in its input.
 *
 *   recordAwsCalls(ingestClients.s3, { principal: 'ingest', source: 'ingest' });
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MiddlewareStack } from '@smithy/types';

/** Who makes the call in the cloud (mapped to a role of the template by the evaluation). */
export type CallPrincipal =
  | 'ingest'
  | 'read'
  | 'reprocess-worker'
  /** The reprocessing run as the CLI does it locally: listing is the Distributed Map's, the rest the worker's. */
  | 'reprocess-run';

/** Which integration suite recorded the call: the evaluation checks each one contributed. */
export type CallSource = 'ingest' | 'read' | 'reprocess';

export const CALL_SOURCES: readonly CallSource[] = ['ingest', 'read', 'reprocess'];

export const CALLS_DIR_ENV = 'IAM_CALLS_DIR';

/** The parts of a command's input that decide its IAM action, resource and condition keys. */
export interface RecordedInput {
  readonly Bucket?: string;
  readonly Key?: string;
  readonly VersionId?: string;
  readonly Prefix?: string;
  readonly TableName?: string;
  readonly IndexName?: string;
  /** BatchGetItem / BatchWriteItem: the tables of `RequestItems`. */
  readonly RequestTables?: readonly string[];
  /** TransactWriteItems / TransactGetItems: each item's operation and table. */
  readonly TransactItems?: readonly { readonly operation: string; readonly TableName: string }[];
  /** DeleteObjects: the keys (and versions) deleted. */
  readonly Objects?: readonly { readonly Key: string; readonly VersionId?: string }[];
  readonly SecretId?: string;
  readonly QueueUrl?: string;
  readonly stateMachineArn?: string;
}

export interface RecordedCall {
  readonly principal: CallPrincipal;
  readonly source: CallSource;
  /** The SDK's service id, e.g. `S3`, `DynamoDB`. */
  readonly service: string;
  /** The SDK command, e.g. `GetObjectCommand`. */
  readonly command: string;
  readonly input: RecordedInput;
  /** Why no role makes this call in AWS (a local stand-in for a managed feature), when so. */
  readonly localOnly?: string;
}

export interface RecordingOptions {
  readonly principal: CallPrincipal;
  readonly source: CallSource;
  /** Decides per call whether to record (e.g. only while a command under test runs). */
  readonly when?: () => boolean;
}

/** What a client exposes that the recorder needs: its stack and its service id. */
export interface RecordableClient<I extends object, O extends object> {
  readonly middlewareStack: MiddlewareStack<I, O>;
  readonly config: { readonly serviceId?: string };
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const entries = (value: unknown): [string, unknown][] =>
  typeof value === 'object' && value !== null ? Object.entries(value) : [];

/** Keeps the names an IAM request is built from, and drops the data (items, bodies). */
export function summarizeInput(input: object): RecordedInput {
  const fields = Object.fromEntries(entries(input));
  const summary: Record<string, unknown> = {};
  for (const name of [
    'Bucket',
    'Key',
    'VersionId',
    'Prefix',
    'TableName',
    'IndexName',
    'SecretId',
    'QueueUrl',
    'stateMachineArn',
  ]) {
    const value = asString(fields[name]);
    if (value !== undefined) summary[name] = value;
  }
  if (fields.RequestItems !== undefined) summary.RequestTables = entries(fields.RequestItems).map(([t]) => t);
  if (Array.isArray(fields.TransactItems)) {
    summary.TransactItems = fields.TransactItems.flatMap((item: unknown) =>
      entries(item).map(([operation, body]) => ({
        operation,
        TableName: asString(Object.fromEntries(entries(body)).TableName) ?? '',
      })),
    );
  }
  const del = Object.fromEntries(entries(fields.Delete));
  if (Array.isArray(del.Objects)) {
    summary.Objects = del.Objects.map((object: unknown) => {
      const o = Object.fromEntries(entries(object));
      const versionId = asString(o.VersionId);
      return { Key: asString(o.Key) ?? '', ...(versionId === undefined ? {} : { VersionId: versionId }) };
    });
  }
  return summary as RecordedInput;
}

let sequence = 0;
const localOnlyScope = new AsyncLocalStorage<string>();

/**
 * Runs `action` as something only the local runtime does, standing in for a managed AWS feature
 * (e.g. purging expired tombstones, which DynamoDB's TTL does in AWS): its calls are recorded with
 * the reason and reported, not evaluated against a role.
 */
export function asLocalOnly<T>(reason: string, action: () => Promise<T>): Promise<T> {
  return localOnlyScope.run(reason, action);
}

/**
 * Adds the recording middleware to a client. It runs first (initialize, high priority), before
 * the test probes that fail or answer requests, so every call the code makes is seen once,
 * however the SDK retries it.
 */
export function recordAwsCalls<I extends object, O extends object>(
  client: RecordableClient<I, O>,
  options: RecordingOptions,
): void {
  const directory = process.env[CALLS_DIR_ENV];
  if (directory === undefined || directory === '') return;
  sequence += 1;
  const file = join(directory, `${options.source}-${process.pid}-${sequence}.jsonl`);
  const service = client.config.serviceId ?? 'unknown';
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (options.when === undefined || options.when()) {
        const call: RecordedCall = {
          principal: options.principal,
          source: options.source,
          service,
          command: context.commandName ?? 'unknown',
          input: summarizeInput(args.input),
        };
        const localOnly = localOnlyScope.getStore();
        // Synchronous and small (names only): a few thousand lines per suite.
        appendFileSync(file, `${JSON.stringify(localOnly === undefined ? call : { ...call, localOnly })}\n`);
      }
      return next(args);
    },
    { step: 'initialize', name: `iamCallRecorder${sequence}`, priority: 'high' },
  );
}
