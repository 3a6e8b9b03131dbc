import { describe, expect, it } from 'vitest';
import { InvalidEventError } from '../../lib/ingest/errors.js';
import { decodeS3Key, eventAction, parseS3EventMessage } from '../../lib/ingest/parse-s3-event.js';

const notification = (eventName: string, object: Record<string, unknown>): string =>
  JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventName,
        s3: { bucket: { name: 'articles-raw' }, object },
      },
    ],
  });

describe('decodeS3Key', () => {
  it('turns + into spaces and percent-escapes into characters, once', () => {
    expect(decodeS3Key('2017/05/my+first+article.txt')).toBe('2017/05/my first article.txt');
    expect(decodeS3Key('a%2Bb.txt')).toBe('a+b.txt');
    expect(decodeS3Key('draft+%281%29.md')).toBe('draft (1).md');
    expect(decodeS3Key('%D9%85%D9%82%D8%A7%D9%84.txt')).toBe('مقال.txt');
    expect(decodeS3Key('100%2525.txt')).toBe('100%25.txt');
  });

  it('reports a key that is not URL-encoded as an invalid event', () => {
    expect(() => decodeS3Key('bad%E0%A4%A.txt')).toThrow(InvalidEventError);
  });
});

describe('eventAction', () => {
  it.each([
    ['ObjectCreated:Put', 'create'],
    ['ObjectCreated:CompleteMultipartUpload', 'create'],
    ['ObjectCreated:Copy', 'create'],
    ['ObjectRemoved:Delete', 'delete'],
    ['ObjectRemoved:DeleteMarkerCreated', 'delete'],
    ['LifecycleExpiration:Delete', 'delete'],
    ['ObjectTagging:Put', 'ignore'],
    ['ObjectRestore:Completed', 'ignore'],
  ])('maps %s to %s', (eventName, action) => {
    expect(eventAction(eventName)).toBe(action);
  });
});

describe('parseS3EventMessage', () => {
  it('recognizes the s3:TestEvent S3 sends when a notification is configured', () => {
    const body = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'articles-raw' });
    expect(parseS3EventMessage(body)).toEqual({ kind: 'test' });
  });

  it('extracts the decoded key, ETag, version and sequencer of a create', () => {
    const body = notification('ObjectCreated:Put', {
      key: 'news/%D8%B9+1.txt',
      size: 9316,
      eTag: 'abc',
      versionId: 'v1',
      sequencer: '0055AED6DCD90281E5',
    });
    expect(parseS3EventMessage(body)).toEqual({
      kind: 'events',
      events: [
        {
          action: 'create',
          eventName: 'ObjectCreated:Put',
          bucket: 'articles-raw',
          key: 'news/ع 1.txt',
          size: 9316,
          etag: 'abc',
          versionId: 'v1',
          sequencer: '0055AED6DCD90281E5',
        },
      ],
    });
  });

  it('gives null for what a delete event of an unversioned bucket lacks', () => {
    const parsed = parseS3EventMessage(
      notification('ObjectRemoved:Delete', { key: 'a.txt', sequencer: '01' }),
    );
    expect(parsed.kind === 'events' ? parsed.events[0] : undefined).toMatchObject({
      action: 'delete',
      size: null,
      etag: null,
      versionId: null,
    });
  });

  it('keeps the version "null": the delete of the null version is not a delete of the key', () => {
    const parsed = parseS3EventMessage(
      notification('ObjectRemoved:Delete', { key: 'a.txt', versionId: 'null', sequencer: '01' }),
    );
    expect(parsed.kind === 'events' ? parsed.events[0] : undefined).toMatchObject({
      action: 'delete',
      versionId: 'null',
    });
  });

  it.each(['not json', '{}', '{"Records":[]}', notification('ObjectCreated:Put', { size: 1 })])(
    'rejects a body that is not an S3 notification: %s',
    (body) => {
      expect(() => parseS3EventMessage(body)).toThrow(InvalidEventError);
    },
  );
});
