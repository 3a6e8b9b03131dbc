import { describe, expect, it } from 'vitest';
import { readReadApiConfig } from '../../functions/shared/read-config.js';
import {
  DEFAULT_PAGE_LIMIT,
  listArticlesQuerySchema,
  listBacklinksQuerySchema,
  listLinksQuerySchema,
  MAX_PAGE_LIMIT,
} from '../../lib/api/api-schemas.js';
import { matchRoute, READ_API_ROUTES } from '../../lib/api/read-api-routes.js';
import { ENV } from '../../lib/config/environment.js';

const parses = (input: Record<string, string>): boolean => listArticlesQuerySchema.safeParse(input).success;

describe('query parameters', () => {
  it('defaults the page size and turns it into a number', () => {
    expect(listArticlesQuerySchema.parse({}).limit).toBe(DEFAULT_PAGE_LIMIT);
    expect(listLinksQuerySchema.parse({ limit: '7' }).limit).toBe(7);
  });

  it('accepts limits from 1 to the maximum and refuses anything else instead of clamping', () => {
    expect(parses({ limit: '1' })).toBe(true);
    expect(parses({ limit: String(MAX_PAGE_LIMIT) })).toBe(true);
    for (const limit of ['0', String(MAX_PAGE_LIMIT + 1), '-1', '1.5', '1e1', '0x10', ' 5', '', 'ten']) {
      expect(parses({ limit }), limit).toBe(false);
    }
  });

  it('accepts real calendar dates only, and from not after to', () => {
    expect(parses({ from: '2024-02-29', to: '2024-02-29' })).toBe(true);
    for (const from of ['2023-02-29', '2017-13-01', '2017-5-1', '22-05-2017', '2017-05-22T00:00:00Z']) {
      expect(parses({ from }), from).toBe(false);
    }
    expect(parses({ from: '2020-01-02', to: '2020-01-01' })).toBe(false);
  });

  it('accepts ISO 639-1 languages and the two statuses', () => {
    expect(listArticlesQuerySchema.parse({ language: 'ar', status: 'rejected' })).toMatchObject({
      language: 'ar',
      status: 'rejected',
    });
    for (const language of ['arabic', 'a', 'AR1']) expect(parses({ language }), language).toBe(false);
    expect(parses({ status: 'deleted' })).toBe(false);
  });

  it('ignores unknown parameters', () => {
    expect(listArticlesQuerySchema.parse({ limit: '3', colour: 'blue' })).toEqual({ limit: 3 });
  });

  it('requires a non-empty url for backlinks', () => {
    expect(listBacklinksQuerySchema.safeParse({}).success).toBe(false);
    expect(listBacklinksQuerySchema.safeParse({ url: '' }).success).toBe(false);
    expect(listBacklinksQuerySchema.parse({ url: 'https://example.org/' }).url).toBe('https://example.org/');
  });
});

describe('route matching', () => {
  it('matches the declared routes with their path parameters', () => {
    expect(matchRoute(READ_API_ROUTES, 'GET', '/articles/abc/links')).toEqual({
      routeKey: 'GET /articles/{id}/links',
      pathParameters: { id: 'abc' },
    });
    expect(matchRoute(READ_API_ROUTES, 'GET', '/articles')).toEqual({
      routeKey: 'GET /articles',
      pathParameters: null,
    });
  });

  it('matches nothing else: other methods, trailing slashes, empty or extra segments', () => {
    for (const [method, path] of [
      ['POST', '/articles'],
      ['HEAD', '/articles'],
      ['GET', '/articles/'],
      ['GET', '/articles//links'],
      ['GET', '/articles/a/b'],
      ['GET', '/'],
    ] as const) {
      expect(matchRoute(READ_API_ROUTES, method, path), `${method} ${path}`).toBeNull();
    }
  });
});

describe('read API configuration', () => {
  const base = { [ENV.tableName]: 'articles', [ENV.contentBucketName]: 'content' };

  it('reads a local configuration with an inline cursor key and CORS origins', () => {
    const config = readReadApiConfig({
      ...base,
      [ENV.cursorKey]: 'k'.repeat(32),
      [ENV.corsOrigins]: 'https://a.example, https://b.example',
    });
    expect(config.cursorKey).toEqual({ kind: 'inline', key: 'k'.repeat(32) });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('reads path-style S3 from S3_FORCE_PATH_STYLE, as ingest does, off unless set', () => {
    const local = { ...base, [ENV.cursorKey]: 'k'.repeat(32) };
    expect(readReadApiConfig({ ...local, [ENV.s3ForcePathStyle]: 'true' }).s3ForcePathStyle).toBe(true);
    expect(readReadApiConfig({ ...local, [ENV.s3Endpoint]: 'http://localhost:4569' }).s3ForcePathStyle).toBe(
      false,
    );
  });

  it('prefers the secret in AWS and allows no CORS origin by default', () => {
    const config = readReadApiConfig({ ...base, [ENV.cursorSecretArn]: 'arn:aws:secretsmanager:x' });
    expect(config.cursorKey).toEqual({ kind: 'secret', secretArn: 'arn:aws:secretsmanager:x' });
    expect(config.corsOrigins).toEqual([]);
  });

  it('fails naming what is missing', () => {
    expect(() => readReadApiConfig({})).toThrow(new RegExp(ENV.tableName));
    expect(() => readReadApiConfig(base)).toThrow(new RegExp(ENV.cursorSecretArn));
  });
});
