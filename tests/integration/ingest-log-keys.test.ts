/**
 * Records of different keys run concurrently in one invocation: every log line about an event
 * must carry that event's own correlation fields (article id, key, sequencer), never another's.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { articleId } from '../../lib/article/article-id.js';
import { type IngestHarness, markdownArticle, startIngestHarness } from './ingest-harness.js';

let h: IngestHarness;
const lines: string[] = [];

beforeAll(async () => {
  h = await startIngestHarness({ logger: new Logger({ serviceName: 'ingest-log-keys', logLevel: 'INFO' }) });
});

afterAll(async () => {
  await h.emulators.stop();
});

describe('ingest log correlation under concurrent records', () => {
  it("logs each event with its own article id and key, never a neighbour's", async () => {
    const keys = ['logs/one.md', 'logs/two.md', 'logs/three.md'];
    const records = [];
    for (const key of keys) {
      const etag = await h.upload(key, markdownArticle(`Story ${key}`, 3));
      records.push(h.message({ key, etag, size: 100, sequencer: h.nextSequencer() }));
    }
    const capture = (chunk: unknown): boolean => {
      lines.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    let response: Awaited<ReturnType<IngestHarness['handle']>>;
    try {
      response = await h.handle({ Records: records });
    } finally {
      vi.restoreAllMocks();
    }
    expect(response.batchItemFailures).toEqual([]);
    const outcomes = lines
      .flatMap((line) => line.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { message?: string; key?: string; articleId?: string })
      .filter((entry) => entry.message?.startsWith('event ') === true);
    expect(outcomes.map((entry) => entry.key).sort()).toEqual([...keys].sort());
    for (const entry of outcomes) {
      expect(entry.articleId).toBe(articleId(h.emulators.rawBucket, entry.key ?? ''));
    }
  });
});
