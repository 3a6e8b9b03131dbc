import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';

/**
 * What ties one article's logs and trace together: the same names (`articleId`, `key`,
 * `sequencer`, `versionId`) on the log lines (Powertools logger keys) and on the X-Ray subsegment
 * (annotations, which X-Ray indexes for search: `annotation.articleId = "5f0c…"`).
 */
export type Correlation = Readonly<Record<string, string | null>>;

/**
 * Whether Powertools would trace here: inside Lambda (`AWS_EXECUTION_ENV`), not under SAM local,
 * and not switched off with `POWERTOOLS_TRACE_ENABLED=false` (the rules of its Tracer).
 */
export function tracingWanted(env: Readonly<Record<string, string | undefined>>): boolean {
  return (
    (env.AWS_EXECUTION_ENV ?? '') !== '' &&
    (env.AWS_SAM_LOCAL ?? '') === '' &&
    env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() !== 'false'
  );
}

/**
 * The function's Powertools tracer, or null where tracing is off (the local runtime, tests, the
 * CLI). Loaded only when wanted: importing the X-Ray SDK switches on a process-wide async hook
 * (cls-hooked, its automatic mode) that makes every `await` several times slower, a cost a
 * process without a daemon to send traces to must not pay.
 *
 * @example export const tracer = await loadTracer('article-pipeline-ingest');
 */
export async function loadTracer(
  serviceName: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<Tracer | null> {
  if (!tracingWanted(env)) return null;
  const { Tracer } = await import('@aws-lambda-powertools/tracer');
  return new Tracer({ serviceName });
}

/** The SDK clients a function uses, captured so each request is a subsegment of the current trace. */
export function captureClients<C extends { readonly s3: S3Client; readonly dynamo: DynamoDBClient }>(
  tracer: Tracer | null,
  clients: C,
): C {
  tracer?.captureAWSv3Client(clients.s3);
  tracer?.captureAWSv3Client(clients.dynamo);
  return clients;
}

/**
 * Runs `work` in its own X-Ray subsegment annotated with the article's correlation fields, so the
 * S3 reads and DynamoDB writes of one article nest under it. Without a tracer (see `loadTracer`)
 * or with a disabled one, this only runs `work`: the local runtime has no X-Ray daemon.
 *
 * @example await traceArticle(tracer, '### article', correlation, () => applyS3Event(deps, event))
 */
export async function traceArticle<T>(
  tracer: Tracer | null | undefined,
  name: string,
  correlation: Correlation,
  work: () => Promise<T>,
): Promise<T> {
  if (tracer === undefined || tracer === null || !tracer.isTracingEnabled()) return work();
  // The X-Ray SDK's own helper runs `work` in a context of its own, so concurrent articles (the
  // reprocess worker runs several at once) each get their subsegment as the current one.
  return new Promise<T>((resolve, reject) => {
    tracer.provider.captureAsyncFunc(name, async (subsegment) => {
      for (const [field, value] of Object.entries(correlation)) {
        if (value !== null) subsegment?.addAnnotation(field, value);
      }
      try {
        resolve(await work());
      } catch (error: unknown) {
        if (error instanceof Error) subsegment?.addError(error);
        reject(error);
      } finally {
        subsegment?.close();
      }
    });
  });
}
