import type { Tracer } from '@aws-lambda-powertools/tracer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadTracer, traceArticle, tracingWanted } from '../../functions/shared/tracing.js';

const correlation = { articleId: 'a1b2c3', key: '2017/05/seed.txt', sequencer: '0062', versionId: null };
const LAMBDA = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' };

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A tracer as the function gets it in Lambda, and an invocation segment to trace under. */
async function inLambda(): Promise<{ tracer: Tracer; segment: import('aws-xray-sdk-core').Segment }> {
  vi.stubEnv('AWS_EXECUTION_ENV', LAMBDA.AWS_EXECUTION_ENV);
  const tracer = await loadTracer('test');
  if (tracer === null) throw new Error('expected a tracer inside Lambda');
  const { Segment } = await import('aws-xray-sdk-core');
  return { tracer, segment: new Segment('invocation') };
}

describe('tracing', () => {
  it('loads no tracer outside Lambda, so no X-Ray async hook slows the local runtime', async () => {
    expect(await loadTracer('test', {})).toBeNull();
    // The X-Ray SDK registers its cls-hooked namespace on import; it was never imported.
    expect(Reflect.get(process, 'namespaces')?.AWSXRay).toBeUndefined();
    await expect(traceArticle(null, '### article', correlation, async () => 'done')).resolves.toBe('done');
  });

  it('traces in Lambda unless POWERTOOLS_TRACE_ENABLED is false or under SAM local', () => {
    expect(tracingWanted(LAMBDA)).toBe(true);
    expect(tracingWanted({ ...LAMBDA, POWERTOOLS_TRACE_ENABLED: 'false' })).toBe(false);
    expect(tracingWanted({ ...LAMBDA, AWS_SAM_LOCAL: 'true' })).toBe(false);
    expect(tracingWanted({})).toBe(false);
  });

  it("annotates the article's subsegment with its correlation fields and closes it", async () => {
    const { tracer, segment } = await inLambda();
    expect(tracer.isTracingEnabled()).toBe(true);
    const result = await tracer.provider.getNamespace().runPromise(async () => {
      tracer.setSegment(segment);
      return traceArticle(tracer, '### article', correlation, async () => 42);
    });
    expect(result).toBe(42);
    const [subsegment] = segment.subsegments ?? [];
    expect(subsegment?.name).toBe('### article');
    expect(subsegment?.toJSON().annotations).toEqual({
      articleId: 'a1b2c3',
      key: '2017/05/seed.txt',
      sequencer: '0062',
    });
    expect(subsegment?.isClosed()).toBe(true);
  });

  it('records the error on the subsegment and rethrows it', async () => {
    const { tracer, segment } = await inLambda();
    const failing = tracer.provider.getNamespace().runPromise(async () => {
      tracer.setSegment(segment);
      return traceArticle(tracer, '### article', correlation, async () => {
        throw new Error('throttled');
      });
    });
    await expect(failing).rejects.toThrow('throttled');
    expect(segment.subsegments?.[0]?.toJSON()).toMatchObject({ fault: true });
  });
});
