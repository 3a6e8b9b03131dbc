import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ARTICLE_SK, TABLE_KEYS } from '../adapters/dynamodb-keys.js';
import { listObjectKeys } from '../adapters/s3-raw-article-store.js';
import {
  isReconciled,
  type ReconcileReport,
  reconcile,
  type StoredRecordSource,
} from '../ingest/reconcile.js';
import { printableKey } from './printable-key.js';
import { cloudTarget, localTarget, type PipelineTarget } from './stage-target.js';

const usage = `usage: article-pipeline reconcile [--stage STAGE] [--json]

Compares the raw bucket and the article table: lists objects without a record (never ingested:
run "article-pipeline reprocess"), records without an object (a lost delete) and records whose
content is gone (run "article-pipeline reprocess").
By default the local pipeline (npm start); --stage STAGE a deployed stage (standard AWS credentials).
Exit 0 when they agree, 1 if anything is listed, 2 on bad usage.
`;

export interface Printer {
  out(line: string): void;
  err(line: string): void;
}

const consolePrinter: Printer = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

const recordItemSchema = z.object({
  id: z.string().min(1),
  source: z.object({ key: z.string() }),
  contentKey: z.string().nullable().optional(),
});

/** Every article record of the table (tombstones and link items excluded), read by a paged scan. */
export async function* scanRecordSources(target: PipelineTarget): AsyncGenerator<StoredRecordSource> {
  const documents = DynamoDBDocumentClient.from(target.dynamo);
  const pages = paginateScan(
    { client: documents },
    {
      TableName: target.tableName,
      // A deleted key's article item is its tombstone (it alone has `deletedAt`).
      FilterExpression: '#sk = :article AND attribute_not_exists(deletedAt)',
      ProjectionExpression: '#id, #source.#key, contentKey',
      ExpressionAttributeNames: { '#sk': TABLE_KEYS.sk, '#id': 'id', '#source': 'source', '#key': 'key' },
      ExpressionAttributeValues: { ':article': ARTICLE_SK },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const parsed = recordItemSchema.safeParse(item);
      if (parsed.success) {
        yield { id: parsed.data.id, key: parsed.data.source.key, contentKey: parsed.data.contentKey ?? null };
      }
    }
  }
}

/** Reconciles a target's bucket and table. */
export function reconcileTarget(target: PipelineTarget): Promise<ReconcileReport> {
  return reconcile({
    bucket: target.rawBucket,
    objectKeys: listObjectKeys(target.s3, target.rawBucket, ''),
    records: scanRecordSources(target),
    contentKeys: listObjectKeys(target.s3, target.contentBucket, ''),
  });
}

/** The report as text: one line per listed key, `key<TAB>id`, keys escaped by `printableKey`. */
export function printReport(
  report: ReconcileReport,
  target: Pick<PipelineTarget, 'description'>,
  printer: Printer,
): void {
  printer.out(`${target.description}: ${report.objectCount} object(s), ${report.recordCount} record(s)`);
  if (report.objectsWithoutRecord.length > 0) {
    printer.out(`objects without a record (${report.objectsWithoutRecord.length}):`);
    for (const { key, id } of report.objectsWithoutRecord) printer.out(`  ${printableKey(key)}\t${id}`);
  }
  if (report.recordsWithoutObject.length > 0) {
    printer.out(`records without an object (${report.recordsWithoutObject.length}):`);
    for (const { key, id } of report.recordsWithoutObject) printer.out(`  ${printableKey(key)}\t${id}`);
  }
  if (report.recordsWithoutContent.length > 0) {
    printer.out(`records without content (${report.recordsWithoutContent.length}):`);
    for (const { key, id } of report.recordsWithoutContent) printer.out(`  ${printableKey(key)}\t${id}`);
  }
  if (isReconciled(report)) printer.out('in sync');
}

export async function run(argv: readonly string[], printer: Printer = consolePrinter): Promise<number> {
  let values: { stage?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        stage: { type: 'string' },
        json: { type: 'boolean' },
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
  let target: PipelineTarget | null = null;
  try {
    target = values.stage === undefined ? localTarget() : await cloudTarget(values.stage);
    const report = await reconcileTarget(target);
    if (values.json === true) printer.out(JSON.stringify(report));
    else printReport(report, target, printer);
    return isReconciled(report) ? 0 : 1;
  } catch (error: unknown) {
    const hint = values.stage === undefined ? ' (is the local pipeline running? npm start)' : '';
    printer.err(`reconcile: ${error instanceof Error ? error.message : String(error)}${hint}`);
    return 1;
  } finally {
    target?.close();
  }
}
