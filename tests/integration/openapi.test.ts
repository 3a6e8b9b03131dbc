import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../lib/api/openapi-document.js';
import { matchRoute, READ_API_ROUTES } from '../../lib/api/read-api-routes.js';
import { type RunningHttpApi, startHttpApi } from '../../local/http-api-server.js';
import { recordAwsCalls } from '../support/iam/aws-call-recorder.js';
import { type Emulators, startEmulators } from './emulators.js';
import { makeArticles, seedArticles, seedId, sharedTarget, useEmulatorsForReadApi } from './read-api-seed.js';

const DOCUMENT_ID = 'https://article-pipeline.invalid/openapi.json';

type Json = Record<string, unknown>;

let emulators: Emulators;
let api: RunningHttpApi;
let served: Json;

const object = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

beforeAll(async () => {
  emulators = await startEmulators();
  await seedArticles(emulators, makeArticles(40));
  useEmulatorsForReadApi(emulators, 'openapi-test-cursor-key-0123456789');
  const { handler } = await import('../../functions/read-api.js');
  const { readClients } = await import('../../functions/shared/read-dependencies.js');
  recordAwsCalls(readClients.dynamo, { principal: 'read', source: 'read' });
  recordAwsCalls(readClients.s3, { principal: 'read', source: 'read' });
  api = await startHttpApi({ port: 0, host: '127.0.0.1', handler });
  served = object(await (await fetch(`http://127.0.0.1:${api.port}/openapi.json`)).json());
}, 120_000);

afterAll(async () => {
  await api?.close();
  await emulators?.stop();
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, served as built', async () => {
    expect(served).toEqual(buildOpenApiDocument());
    expect(served.openapi).toBe('3.1.0');
    const result = await new Validator().validate(structuredClone(served));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents exactly the routes API Gateway declares', () => {
    const documented = Object.entries(object(served.paths)).flatMap(([path, operations]) =>
      Object.keys(object(operations)).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual([...READ_API_ROUTES].sort());
  });

  it('states the limit range the handler enforces', async () => {
    const parameters = object(object(object(served.paths)['/articles']).get).parameters;
    const limit = (Array.isArray(parameters) ? parameters : []).map(object).find((p) => p.name === 'limit');
    const schema = object(limit?.schema);
    expect(typeof schema.maximum).toBe('number');
    const base = `http://127.0.0.1:${api.port}/articles?limit=`;
    expect((await fetch(`${base}${String(schema.maximum)}`)).status).toBe(200);
    expect((await fetch(`${base}${String(Number(schema.maximum) + 1)}`)).status).toBe(400);
    expect((await fetch(`${base}${String(schema.minimum)}`)).status).toBe(200);
    expect((await fetch(`${base}${String(Number(schema.minimum) - 1)}`)).status).toBe(400);
  });
});

describe('responses match the document', () => {
  let ajv: Ajv2020;

  beforeAll(() => {
    // Formats are annotations in OpenAPI 3.1; the patterns carry the constraints that matter.
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema(structuredClone(served), DOCUMENT_ID);
  });

  const validate = (component: string, body: unknown): void => {
    const check = ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/${component}` });
    const valid = check(body);
    expect(check.errors ?? [], component).toEqual([]);
    expect(valid).toBe(true);
  };

  /** The component the document names for this route and status. */
  const documentedComponent = (path: string, status: number): string => {
    const match = matchRoute(READ_API_ROUTES, 'GET', path);
    if (match === null) return 'GatewayNotFound';
    const template = match.routeKey.slice('GET '.length);
    const responses = object(object(object(object(served.paths)[template]).get).responses);
    const response = object(responses[String(status)]);
    expect(response, `${match.routeKey} documents ${status}`).not.toEqual({});
    const schema = object(object(object(response.content)['application/json']).schema);
    const ref = typeof schema.$ref === 'string' ? schema.$ref : '';
    return ref.slice(ref.lastIndexOf('/') + 1);
  };

  const cases: readonly (readonly [string, number])[] = [
    ['/articles', 200],
    ['/articles?limit=3&language=ar', 200],
    ['/articles?status=rejected&limit=100', 200],
    [`/articles/${seedId('4')}`, 200],
    [`/articles/${seedId('4')}/content`, 200],
    [`/articles/${seedId('0')}/content`, 200],
    [`/articles/${seedId('4')}/links?limit=2`, 200],
    [`/links?url=${encodeURIComponent(sharedTarget(1))}`, 200],
    ['/articles?limit=0', 400],
    ['/articles?cursor=forged', 400],
    ['/links', 400],
    [`/articles/${seedId('nobody')}`, 404],
    [`/articles/${seedId('nobody')}/content`, 404],
    [`/articles/${seedId('nobody')}/links`, 404],
    ['/nothing/here', 404],
  ];

  it.each(cases)('GET %s answers %i with the documented body', async (path, status) => {
    const response = await fetch(`http://127.0.0.1:${api.port}${path}`);
    expect(response.status).toBe(status);
    const body: unknown = await response.json();
    const component = documentedComponent(path.split('?')[0] ?? path, status);
    expect(component).not.toBe('');
    validate(component, body);
  });

  it('refuses bodies that break the document: the validation above has teeth', async () => {
    const record: unknown = await (
      await fetch(`http://127.0.0.1:${api.port}/articles/${seedId('4')}`)
    ).json();
    const check = ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/ArticleSummary` });
    expect(check(record)).toBe(false);
    const page = ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/ArticlePage` });
    expect(page({ items: [], nextCursor: 7 })).toBe(false);
  });

  it('a summary carries every field of a record except links', () => {
    const components = object(object(served.components).schemas);
    const record = Object.keys(object(object(components.ArticleRecord).properties));
    const summary = Object.keys(object(object(components.ArticleSummary).properties));
    expect(summary.sort()).toEqual([...record.filter((name) => name !== 'links'), 'linkCount'].sort());
  });
});
