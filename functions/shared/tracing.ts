import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';

/**
 * What ties one article's logs and trace together: the same names (`articleId`, `key`,
 * `sequencer`, `versionId`) on the log lines (Powertools logger keys) and on the X-Ray subsegment
 * (annotations, which X-Ray indexes for search: `annotation.articleId = "5f0c…"`).
 */
export type Correlation = Readonly<Record<string, string | null>>;

/** The SDK clients a function uses, captured so each request is a subsegment of the current trace. */
export function captureClients<C extends { readonly s3: S3Client; readonly dynamo: DynamoDBClient }>(
  tracer: Tracer,
  clients: C,
): C {
  // A no-op returning the client itself when tracing is disabled (locally, in tests).
  tracer.captureAWSv3Client(clients.s3);
  tracer.captureAWSv3Client(clients.dynamo);
  return clients;
}

/**
 * Runs `work` in its own X-Ray subsegment annotated with the article's correlation fields, so the
 * S3 reads and DynamoDB writes of one article nest under it. Outside Lambda, or with
 * `POWERTOOLS_TRACE_ENABLED=false`, Powertools disables the tracer and this only runs `work`:
 * the local runtime has no X-Ray daemon and needs none.
 *
 * @example await traceArticle(tracer, '### article', correlation, () => applyS3Event(deps, event))
 */
export async function traceArticle<T>(
  tracer: Tracer | undefined,
  name: string,
  correlation: Correlation,
  work: () => Promise<T>,
): Promise<T> {
  if (tracer === undefined || !tracer.isTracingEnabled()) return work();
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
