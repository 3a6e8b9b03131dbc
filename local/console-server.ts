import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { articleId } from '../lib/article/article-id.js';
import type { ConsoleObjectInfo, ConsoleUploadResult } from './console-api.js';
import { CONSOLE_DIR, consoleBundleCache } from './console-bundle.js';

/** Where the console lives on the read API's origin (CONTRACT §4: local only, not deployed). */
export const CONSOLE_PATH = '/console/';

export interface ConsoleServerOptions {
  /** The local S3 endpoint (the notifying proxy): uploads go through it, as the AWS CLI's do. */
  readonly s3Endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly log: (line: string) => void;
}

export interface ConsoleServer {
  /** Answers the request when it is the console's (true), else leaves it to the API (false). */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
  close(): void;
}

const STATIC_FILES: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  '/console/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};
const BUNDLE_PATH = '/console/console.js';
const OBJECTS_PATH = '/console/api/objects';
const INFO_PATH = '/console/api/info';
/** Larger than the pipeline's 10 MiB limit, so that a TOO_LARGE rejection can be tried from the page. */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

// Same origin only, nothing from elsewhere: the page must work offline and load no CDN.
const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const;

class UploadRequestError extends Error {
  override readonly name = 'UploadRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The local console: its static page and script, and two routes of its own that the read API
 * does not have, both going to S3 through the real SDK client: an upload (`PUT`, the same
 * `PutObject` the AWS CLI sends, to the same endpoint, so the same event fires) and a look at
 * the raw object (`HeadObject`: version, size, `source-url`). `GET /` redirects to the console.
 *
 * @example
 * const console = createConsoleServer({ s3Endpoint, bucket: 'articles-raw', region, credentials, log });
 * await startHttpApi({ host, port, handler, intercept: console.handle });
 */
export function createConsoleServer(options: ConsoleServerOptions): ConsoleServer {
  const s3 = new S3Client({
    endpoint: options.s3Endpoint,
    forcePathStyle: true,
    region: options.region,
    credentials: { ...options.credentials },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bundle = consoleBundleCache();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', 'http://local');
    const method = request.method ?? 'GET';
    const readMethod = method === 'GET' || method === 'HEAD';
    if (url.pathname === '/' && readMethod) {
      sendText(response, 302, { location: CONSOLE_PATH, 'content-type': 'text/plain; charset=utf-8' }, '');
      return true;
    }
    if (url.pathname === '/console' && readMethod) {
      sendText(response, 301, { location: CONSOLE_PATH, 'content-type': 'text/plain; charset=utf-8' }, '');
      return true;
    }
    if (!url.pathname.startsWith(CONSOLE_PATH)) return false;

    const staticFile = STATIC_FILES[url.pathname];
    if (staticFile !== undefined && readMethod) {
      const body = await readFile(join(CONSOLE_DIR, staticFile.file));
      send(response, 200, { ...PAGE_HEADERS, 'content-type': staticFile.type }, body);
      return true;
    }
    if (url.pathname === BUNDLE_PATH && readMethod) {
      try {
        const { code } = await bundle();
        send(response, 200, { ...PAGE_HEADERS, 'content-type': 'text/javascript; charset=utf-8' }, code);
      } catch (error: unknown) {
        options.log(`console: the page's script did not build: ${messageOf(error)}`);
        sendJson(response, 500, {
          error: { code: 'BUILD_FAILED', message: 'the console script did not build' },
        });
      }
      return true;
    }
    if (url.pathname === INFO_PATH && method === 'GET') {
      sendJson(response, 200, { bucket: options.bucket, s3Endpoint: options.s3Endpoint });
      return true;
    }
    if (url.pathname === OBJECTS_PATH && method === 'PUT') {
      await upload(request, response, url);
      return true;
    }
    if (url.pathname === OBJECTS_PATH && method === 'GET') {
      await describe(response, url);
      return true;
    }
    sendJson(response, 404, { error: { code: 'NOT_FOUND', message: 'no such console resource' } });
    return true;
  }

  async function upload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    try {
      if (!isFromThisConsole(request))
        throw new UploadRequestError(403, 'FORBIDDEN', 'uploads are accepted from the console page only');
      const key = keyOf(url);
      const sourceUrl = headerOf(request, 'x-source-url');
      if (sourceUrl !== undefined && !URL.canParse(sourceUrl))
        throw new UploadRequestError(400, 'INVALID_PARAMETER', '`x-source-url` must be an absolute URL');
      const contentType = headerOf(request, 'content-type');
      const body = await readLimited(request, MAX_UPLOAD_BYTES);
      const result = await s3.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: key,
          Body: body,
          ...(contentType === undefined ? {} : { ContentType: contentType }),
          ...(sourceUrl === undefined ? {} : { Metadata: { 'source-url': sourceUrl } }),
        }),
      );
      const answer: ConsoleUploadResult = {
        key,
        id: articleId(options.bucket, key),
        etag: result.ETag?.replaceAll('"', '') ?? null,
        versionId: result.VersionId ?? null,
      };
      sendJson(response, 200, answer);
    } catch (error: unknown) {
      if (error instanceof UploadRequestError) {
        // The rest of the body is not read: close instead of keeping a half-read connection.
        response.setHeader('connection', 'close');
        sendJson(response, error.status, { error: { code: error.code, message: error.message } });
        return;
      }
      options.log(`console: upload to S3 failed: ${messageOf(error)}`);
      sendJson(response, 502, {
        error: { code: 'S3_ERROR', message: `S3 refused the upload: ${messageOf(error)}` },
      });
    }
  }

  async function describe(response: ServerResponse, url: URL): Promise<void> {
    let key: string;
    try {
      key = keyOf(url);
    } catch (error: unknown) {
      sendJson(response, 400, { error: { code: 'INVALID_PARAMETER', message: messageOf(error) } });
      return;
    }
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key }));
      const info: ConsoleObjectInfo = {
        key,
        size: head.ContentLength ?? null,
        versionId: head.VersionId ?? null,
        etag: head.ETag?.replaceAll('"', '') ?? null,
        contentType: head.ContentType ?? null,
        lastModified: head.LastModified?.toISOString() ?? null,
        sourceUrl: head.Metadata?.['source-url'] ?? null,
      };
      sendJson(response, 200, info);
    } catch (error: unknown) {
      if (error instanceof NotFound || (error instanceof Error && error.name === 'NotFound')) {
        sendJson(response, 404, { error: { code: 'NOT_FOUND', message: 'the object is not in the bucket' } });
        return;
      }
      options.log(`console: HeadObject failed: ${messageOf(error)}`);
      sendJson(response, 502, { error: { code: 'S3_ERROR', message: messageOf(error) } });
    }
  }

  return { handle, close: () => s3.destroy() };
}

/**
 * The upload route writes to the bucket: only the console's own page may call it. A page of any
 * other site open in the same browser sends its own `Origin`, and one reaching this port under a
 * rebound DNS name sends its own `Host`; both are refused. Clients without `Origin` (curl) pass.
 */
function isFromThisConsole(request: IncomingMessage): boolean {
  const host = request.headers.host ?? '';
  const loopback = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/i.test(host);
  const origin = request.headers.origin;
  return loopback && (origin === undefined || origin === `http://${host}`);
}

function keyOf(url: URL): string {
  const key = url.searchParams.get('key') ?? '';
  // S3's own limit; an empty key or one of only slashes names no object.
  if (key === '' || key.replaceAll('/', '') === '' || Buffer.byteLength(key) > 1024)
    throw new UploadRequestError(400, 'INVALID_PARAMETER', '`key` must be an S3 object key (1–1024 bytes)');
  return key;
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

async function readLimited(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const tooLarge = (limit: number): UploadRequestError =>
  new UploadRequestError(
    413,
    'PAYLOAD_TOO_LARGE',
    `the console uploads files up to ${limit / 1024 / 1024} MiB`,
  );

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function send(
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: Uint8Array,
): void {
  // Node sends no body for HEAD, with the length the GET would have.
  response.writeHead(status, { ...headers, 'content-length': String(body.byteLength) });
  response.end(body);
}

function sendText(
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string,
): void {
  send(response, status, headers, Buffer.from(body));
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, { 'content-type': 'application/json' }, Buffer.from(JSON.stringify(body)));
}
