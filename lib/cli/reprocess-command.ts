import { parseArgs } from 'node:util';
import {
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { SingleBar } from 'cli-progress';
import { buildIngestDependencies } from '../../functions/shared/ingest-composition.js';
import { readIngestConfig } from '../../functions/shared/ingest-config.js';
import { type ReprocessTally, reprocessKeys } from '../../functions/shared/reprocess-batch.js';
import { listObjectKeys } from '../adapters/s3-raw-article-store.js';
import { ENV } from '../config/environment.js';
import { printableKey } from './printable-key.js';
import { cloudTarget, localTarget, type PipelineTarget } from './stage-target.js';

const usage = `usage: article-pipeline reprocess [--prefix P] [--concurrency N]
       article-pipeline reprocess --stage STAGE [--prefix P] [--no-wait]
       article-pipeline reprocess --state-machine-arn ARN [--prefix P] [--no-wait]

Re-runs extraction over the stored raw objects (all, or those under --prefix), e.g. after a parser
upgrade. Idempotent, and a newer upload or delete always wins over a reprocessed version.
By default the local pipeline (npm start), in this process, with a progress bar.
--stage / --state-machine-arn start the deployed Step Functions Distributed Map instead and follow
its progress (standard AWS credentials and region of the environment).
Exit 0 when every object was reprocessed, 1 if any failed, 2 on bad usage.
`;

export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

const consolePrinter: Printer = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/** Reprocesses in this process against a target's bucket and table. */
export async function reprocessLocally(
  target: PipelineTarget,
  prefix: string,
  concurrency: number,
  printer: Printer = consolePrinter,
  showProgress = process.stderr.isTTY === true,
): Promise<ReprocessTally> {
  const keys: string[] = [];
  for await (const key of listObjectKeys(target.s3, target.rawBucket, prefix)) keys.push(key);
  const config = readIngestConfig({
    [ENV.tableName]: target.tableName,
    [ENV.rawBucketName]: target.rawBucket,
    [ENV.contentBucketName]: target.contentBucket,
    [ENV.s3ForcePathStyle]: String(target.s3ForcePathStyle),
  });
  const deps = buildIngestDependencies(config, { s3: target.s3, dynamo: target.dynamo });
  const bar = new SingleBar({
    format: 'reprocess [{bar}] {value}/{total} objects | {eta_formatted} left',
    stream: process.stderr,
    noTTYOutput: false,
  });
  if (showProgress) bar.start(keys.length, 0);
  const tally = await reprocessKeys(deps, keys, {
    concurrency,
    onKeyDone: () => {
      if (showProgress) bar.increment();
    },
  });
  if (showProgress) bar.stop();
  for (const failure of tally.failures)
    printer.err(`failed: ${printableKey(failure.key)}: ${failure.message}`);
  const counts = Object.entries(tally.outcomes).map(([kind, count]) => `${kind} ${count}`);
  printer.out(
    `reprocessed ${keys.length} object(s) of ${target.description}: ${counts.join(', ') || 'nothing to do'}` +
      (tally.failures.length > 0 ? `; ${tally.failures.length} failed` : ''),
  );
  return tally;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The one SFN client method used, so a run can be followed with any client (tests: a fake). */
export type StepFunctionsSender = Pick<SFNClient, 'send'>;

export interface CloudRunOptions {
  readonly stateMachineArn: string;
  readonly prefix: string;
  readonly wait: boolean;
  readonly pollMs: number;
  readonly showProgress: boolean;
}

/**
 * Starts the Distributed Map with `{ "prefix": … }` and, unless told not to, follows its map run
 * until the execution ends: 0 when it succeeded, 1 otherwise.
 */
export async function reprocessInCloud(
  sfn: StepFunctionsSender,
  options: CloudRunOptions,
  printer: Printer = consolePrinter,
): Promise<number> {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: options.stateMachineArn,
      input: JSON.stringify({ prefix: options.prefix }),
    }),
  );
  printer.out(`started ${executionArn}`);
  if (!options.wait || executionArn === undefined) return 0;
  const bar = new SingleBar({
    format: 'reprocess [{bar}] {value}/{total} objects | failed {failed}',
    stream: process.stderr,
  });
  let started = false;
  let counts = { total: 0, succeeded: 0, failed: 0 };
  for (;;) {
    await sleep(options.pollMs);
    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    const mapRunArn = mapRuns?.[0]?.mapRunArn;
    if (mapRunArn !== undefined) {
      const { itemCounts } = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
      counts = {
        total: itemCounts?.total ?? 0,
        succeeded: itemCounts?.succeeded ?? 0,
        failed: (itemCounts?.failed ?? 0) + (itemCounts?.aborted ?? 0) + (itemCounts?.timedOut ?? 0),
      };
      if (options.showProgress) {
        if (!started) bar.start(counts.total, 0, { failed: 0 });
        started = true;
        bar.setTotal(counts.total);
        bar.update(counts.succeeded + counts.failed, { failed: counts.failed });
      }
    }
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== 'RUNNING' && status !== 'PENDING_REDRIVE') {
      if (started) bar.stop();
      printer.out(
        `execution ${status?.toLowerCase() ?? 'ended'}: ${counts.succeeded} of ${counts.total} objects reprocessed, ${counts.failed} failed`,
      );
      return status === 'SUCCEEDED' ? 0 : 1;
    }
  }
}

export async function run(argv: readonly string[], printer: Printer = consolePrinter): Promise<number> {
  let values: {
    prefix?: string;
    concurrency?: string;
    stage?: string;
    'state-machine-arn'?: string;
    'no-wait'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        prefix: { type: 'string' },
        concurrency: { type: 'string' },
        stage: { type: 'string' },
        'state-machine-arn': { type: 'string' },
        'no-wait': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error: unknown) {
    printer.err(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (values.help === true) {
    printer.out(usage.trimEnd());
    return 0;
  }
  const prefix = values.prefix ?? '';
  const concurrency = Number(values.concurrency ?? '4');
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    printer.err(`--concurrency must be a positive integer\n${usage}`);
    return 2;
  }

  const arn = values['state-machine-arn'];
  if (arn !== undefined || values.stage !== undefined) {
    try {
      let stateMachineArn = arn ?? null;
      if (stateMachineArn === null && values.stage !== undefined) {
        const target = await cloudTarget(values.stage);
        target.close();
        stateMachineArn = target.stateMachineArn;
      }
      if (stateMachineArn === null) throw new Error('no reprocessing state machine found');
      const sfn = new SFNClient({});
      try {
        return await reprocessInCloud(
          sfn,
          {
            stateMachineArn,
            prefix,
            wait: values['no-wait'] !== true,
            pollMs: 5_000,
            showProgress: process.stderr.isTTY === true,
          },
          printer,
        );
      } finally {
        sfn.destroy();
      }
    } catch (error: unknown) {
      printer.err(`reprocess: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
  }

  const target = localTarget();
  try {
    const tally = await reprocessLocally(target, prefix, concurrency, printer);
    return tally.failures.length > 0 ? 1 : 0;
  } catch (error: unknown) {
    printer.err(
      `reprocess: ${error instanceof Error ? error.message : String(error)} (is the local pipeline running? npm start)`,
    );
    return 1;
  } finally {
    target.close();
  }
}
