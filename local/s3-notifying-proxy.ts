import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Element } from 'domhandler';
import * as DomUtils from 'domutils';
import { parseDocument } from 'htmlparser2';
import { AwsChunkedDecodingError, decodeAwsChunked, isAwsChunked, withoutAwsChunked } from './aws-chunked.js';
import type { EventSequencer } from './event-sequencer.js';
import { KeyLocks } from './key-locks.js';
import type { ObservedChange, S3EventName } from './s3-notification.js';
import { classifyS3Operation, type RoutedRequest, routeS3Request, type S3Operation } from './s3-request.js';

export interface S3ProxyOptions {
  readonly host: string;
  readonly port: number;
  /** The emulator behind the proxy. */
  readonly upstream: { readonly host: string; readonly port: number };
  /** Buckets whose changes are notified (the raw bucket; never the content bucket). */
  readonly notifyBuckets: ReadonlySet<string>;
  readonly sequencer: EventSequencer;
  /** Must persist the changes before it resolves: the client's 2xx is sent only afterwards. */
  readonly onChanges: (changes: readonly ObservedChange[]) => Promise<void>;
  readonly log?: (line: string) => void;
}

export interface RunningS3Proxy {
  readonly port: number;
  close(): Promise<void>;
}

interface UpstreamResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

// Hop-by-hop and signing headers the emulator must not see: the proxy accepts any credentials.
const DROPPED_REQUEST_HEADERS = new Set([
  'authorization',
  'x-amz-security-token',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'expect',
  'host',
]);

const readBody = (stream: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

const headerValue = (value: string | string[] | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

interface ObjectState {
  readonly size: number;
  readonly eTag: string;
  readonly versionId: string | undefined;
}

/** A DeleteObjects result entry: what S3 deleted, and the delete marker it wrote if any. */
interface DeletedEntry {
  readonly key: string;
  readonly versionId: string | undefined;
  readonly deleteMarkerVersionId: string | undefined;
}

function deletedEntries(xml: string): DeletedEntry[] {
  const document = parseDocument(xml, { xmlMode: true });
  const text = (node: Element, name: string): string | undefined => {
    const found = DomUtils.getElementsByTagName(name, node.children, false)[0];
    return found === undefined ? undefined : DomUtils.textContent(found);
  };
  return DomUtils.getElementsByTagName('Deleted', document).map((node) => ({
    key: text(node, 'Key') ?? '',
    versionId: text(node, 'VersionId'),
    deleteMarkerVersionId:
      text(node, 'DeleteMarker') === 'true' ? text(node, 'DeleteMarkerVersionId') : undefined,
  }));
}

const QUIET = /<Quiet>\s*true\s*<\/Quiet>/;

const unquote = (etag: string | string[] | undefined): string | undefined =>
  typeof etag === 'string' ? etag.replace(/"/g, '') : undefined;

const sourceIpOf = (request: IncomingMessage): string => {
  const address = (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(address) ? address : '127.0.0.1';
};

/** Texts of `<Key>` children of the given elements in an S3 XML document. */
function keysUnder(xml: string, element: string): string[] {
  const document = parseDocument(xml, { xmlMode: true });
  return DomUtils.getElementsByTagName(element, document).flatMap((node) =>
    DomUtils.getElementsByTagName('Key', node.children, false).map((keyNode) =>
      DomUtils.textContent(keyNode),
    ),
  );
}

/** The `key` field of a browser form upload (multipart/form-data), `${filename}` expanded. */
function formUploadKey(body: Buffer): string | null {
  const text = body.toString('utf8');
  const key = /name="key"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r\n]*)\r\n/.exec(text)?.[1];
  if (key === undefined) return null;
  const filename = /name="file"; filename="([^"]*)"/.exec(text)?.[1] ?? '';
  // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal form-upload placeholder
  return key.replace('${filename}', filename);
}

/**
 * The S3 endpoint users and handlers talk to: a thin proxy in front of s3rver that closes its
 * gaps. It accepts any credentials (signatures are stripped), decodes `aws-chunked` bodies,
 * rewrites virtual-host requests to path style, and emits AWS-shaped notifications for the
 * watched buckets — for `DeleteObjects` too, with multipart uploads named
 * `CompleteMultipartUpload` and a strictly increasing sequencer per key (changes of one key are
 * serialized through the emulator, so sequencer order is the order the writes took effect).
 */
export async function startS3Proxy(options: S3ProxyOptions): Promise<RunningS3Proxy> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const locks = new KeyLocks();

  const forward = (
    method: string,
    path: string,
    headers: OutgoingHttpHeaders,
    body: Buffer | null,
  ): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const upstream = request(
        { host: options.upstream.host, port: options.upstream.port, method, path, headers, agent },
        resolve,
      );
      upstream.on('error', reject);
      upstream.end(body ?? undefined);
    });

  const forwardBuffered = async (
    method: string,
    path: string,
    headers: OutgoingHttpHeaders,
    body: Buffer | null,
  ): Promise<UpstreamResponse> => {
    const response = await forward(method, path, headers, body);
    return { status: response.statusCode ?? 502, headers: response.headers, body: await readBody(response) };
  };

  const headObject = async (
    bucket: string,
    key: string,
    versionId: string | undefined,
  ): Promise<ObjectState | null> => {
    const query = versionId === undefined ? '' : `?versionId=${encodeURIComponent(versionId)}`;
    const response = await forwardBuffered(
      'HEAD',
      `/${encodeURIComponent(bucket)}/${encodeURIComponent(key)}${query}`,
      {},
      null,
    );
    const eTag = unquote(response.headers.etag);
    const size = Number(response.headers['content-length']);
    return response.status === 200 && eTag !== undefined && Number.isFinite(size)
      ? { size, eTag, versionId: headerValue(response.headers['x-amz-version-id']) }
      : null;
  };

  const upstreamHeaders = (incoming: IncomingHttpHeaders, body: Buffer | null): OutgoingHttpHeaders => {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(incoming)) {
      if (value !== undefined && !DROPPED_REQUEST_HEADERS.has(name)) headers[name] = value;
    }
    if (body !== null) headers['content-length'] = String(body.length);
    return headers;
  };

  const readRequestBody = async (
    incoming: IncomingMessage,
  ): Promise<{ readonly body: Buffer | null; readonly headers: OutgoingHttpHeaders }> => {
    if (incoming.method === 'GET' || incoming.method === 'HEAD') {
      return { body: null, headers: upstreamHeaders(incoming.headers, null) };
    }
    // Buffered: articles are small (10 MiB limit) and a known length keeps s3rver's framing simple.
    const raw = await readBody(incoming);
    if (!isAwsChunked(incoming.headers))
      return { body: raw, headers: upstreamHeaders(incoming.headers, raw) };
    const { body } = decodeAwsChunked(raw);
    const headers = upstreamHeaders(incoming.headers, body);
    const encoding = withoutAwsChunked(
      typeof incoming.headers['content-encoding'] === 'string'
        ? incoming.headers['content-encoding']
        : undefined,
    );
    if (encoding === undefined) delete headers['content-encoding'];
    else headers['content-encoding'] = encoding;
    delete headers['x-amz-decoded-content-length'];
    delete headers['x-amz-trailer'];
    headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    return { body, headers };
  };

  const changesFor = async (
    operation: Exclude<S3Operation, { kind: 'other' }>,
    requestBody: Buffer | null,
    response: UpstreamResponse,
    sourceIp: string,
  ): Promise<ObservedChange[]> => {
    const time = new Date();
    const change = (
      eventName: S3EventName,
      key: string,
      object?: {
        readonly size?: number;
        readonly eTag?: string;
        readonly versionId: string | undefined;
      } | null,
    ): ObservedChange => ({
      eventName,
      bucket: operation.bucket,
      key,
      size: object?.size,
      eTag: object?.eTag,
      versionId: object?.versionId,
      sequencer: options.sequencer.next(),
      sourceIp,
      time,
    });
    const versionId = headerValue(response.headers['x-amz-version-id']);
    switch (operation.kind) {
      case 'put-object': {
        if (operation.copy)
          return [
            change(
              'ObjectCreated:Copy',
              operation.key,
              await headObject(operation.bucket, operation.key, versionId),
            ),
          ];
        const eTag = unquote(response.headers.etag) ?? '';
        return [
          change('ObjectCreated:Put', operation.key, { size: requestBody?.length ?? 0, eTag, versionId }),
        ];
      }
      case 'complete-multipart-upload':
        return [
          change(
            'ObjectCreated:CompleteMultipartUpload',
            operation.key,
            await headObject(operation.bucket, operation.key, versionId),
          ),
        ];
      case 'post-object': {
        const key = requestBody === null ? null : formUploadKey(requestBody);
        if (key === null) return [];
        return [change('ObjectCreated:Post', key, await headObject(operation.bucket, key, versionId))];
      }
      case 'delete-object':
        // A delete without a version id in a versioned bucket writes a delete marker (S3 answers
        // `x-amz-delete-marker: true` with the marker's id); with one, it removes that version.
        return [
          operation.versionId === undefined && headerValue(response.headers['x-amz-delete-marker']) === 'true'
            ? change('ObjectRemoved:DeleteMarkerCreated', operation.key, { versionId })
            : change('ObjectRemoved:Delete', operation.key, { versionId: operation.versionId }),
        ];
      case 'delete-objects':
        return deletedEntries(response.body.toString('utf8')).map((entry) =>
          entry.versionId === undefined && entry.deleteMarkerVersionId !== undefined
            ? change('ObjectRemoved:DeleteMarkerCreated', entry.key, {
                versionId: entry.deleteMarkerVersionId,
              })
            : change('ObjectRemoved:Delete', entry.key, { versionId: entry.versionId }),
        );
    }
  };

  const lockedKeys = (
    operation: Exclude<S3Operation, { kind: 'other' }>,
    requestBody: Buffer | null,
  ): readonly string[] => {
    switch (operation.kind) {
      case 'delete-objects':
        return requestBody === null ? [] : keysUnder(requestBody.toString('utf8'), 'Object');
      case 'post-object': {
        const key = requestBody === null ? null : formUploadKey(requestBody);
        return key === null ? [] : [key];
      }
      default:
        return [operation.key];
    }
  };

  const send = (response: ServerResponse, upstream: UpstreamResponse): void => {
    const headers: OutgoingHttpHeaders = { ...upstream.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    delete headers['keep-alive'];
    if (upstream.body.length > 0 || headers['content-length'] !== undefined) {
      headers['content-length'] = String(upstream.body.length);
    }
    response.writeHead(upstream.status, headers);
    response.end(upstream.body);
  };

  const sendError = (response: ServerResponse, status: number, code: string, message: string): void => {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
    response.writeHead(status, {
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
  };

  const handle = async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = incoming.method ?? 'GET';
    const routed: RoutedRequest = routeS3Request(incoming.url ?? '/', incoming.headers.host);
    const operation = classifyS3Operation(method, routed, incoming.headers);
    const { body, headers } = await readRequestBody(incoming);

    if (operation.kind === 'other' || !options.notifyBuckets.has(operation.bucket)) {
      const upstream = await forward(method, routed.upstreamPath, headers, body);
      const passed: OutgoingHttpHeaders = { ...upstream.headers };
      delete passed.connection;
      delete passed['keep-alive'];
      response.writeHead(upstream.statusCode ?? 502, passed);
      upstream.pipe(response);
      return;
    }

    await locks.run(lockedKeys(operation, body), async () => {
      // The events need every deleted key, which a quiet DeleteObjects does not answer with: the
      // emulator is asked for the full answer, and the client gets the quiet one.
      const quiet = operation.kind === 'delete-objects' && body !== null && QUIET.test(body.toString('utf8'));
      const upstreamBody =
        quiet && body !== null
          ? Buffer.from(body.toString('utf8').replace(QUIET, '<Quiet>false</Quiet>'))
          : body;
      if (upstreamBody !== body && upstreamBody !== null)
        headers['content-length'] = String(upstreamBody.length);
      const upstream = await forwardBuffered(method, routed.upstreamPath, headers, upstreamBody);
      if (upstream.status >= 200 && upstream.status < 300) {
        const changes = await changesFor(operation, body, upstream, sourceIpOf(incoming));
        if (changes.length > 0) await options.onChanges(changes);
      }
      send(
        response,
        quiet
          ? {
              ...upstream,
              body: Buffer.from(upstream.body.toString('utf8').replace(/<Deleted>.*?<\/Deleted>/gs, '')),
            }
          : upstream,
      );
    });
  };

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      if (error instanceof AwsChunkedDecodingError) {
        sendError(response, 400, 'IncompleteBody', error.message);
        return;
      }
      options.log?.(`s3 proxy: ${error instanceof Error ? error.message : String(error)}`);
      sendError(response, 500, 'InternalError', 'The local S3 endpoint could not complete the request.');
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    port,
    close: async (): Promise<void> => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      agent.destroy();
    },
  };
}
