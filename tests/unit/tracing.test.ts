import { Tracer } from '@aws-lambda-powertools/tracer';
import { Segment } from 'aws-xray-sdk-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { traceArticle } from '../../functions/shared/tracing.js';

const correlation = { articleId: 'a1b2c3', key: '2017/05/seed.txt', sequencer: '0062', versionId: null };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('tracing', () => {
  it('is disabled outside Lambda, so the local runtime needs no X-Ray daemon', async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', '');
    const tracer = new Tracer({ serviceName: 'test' });
    expect(tracer.isTracingEnabled()).toBe(false);
    await expect(traceArticle(tracer, '### article', correlation, async () => 'done')).resolves.toBe('done');
  });

  it('is disabled in Lambda when POWERTOOLS_TRACE_ENABLED is false', () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
    expect(new Tracer({ serviceName: 'test' }).isTracingEnabled()).toBe(false);
  });

  it("annotates the article's subsegment with its correlation fields and closes it", async () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'true');
    const tracer = new Tracer({ serviceName: 'test' });
    const segment = new Segment('invocation');
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
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'true');
    const tracer = new Tracer({ serviceName: 'test' });
    const segment = new Segment('invocation');
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
