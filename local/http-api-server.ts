import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { CORS_PREFLIGHT } from '../lib/api/cors-preflight.js';
import { matchRoute, READ_API_ROUTES } from '../lib/api/read-api-routes.js';

export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface HttpApiServerOptions {
  readonly port: number;
  readonly host: string;
  readonly handler: HttpApiHandler;
  /** Route keys (`GET /articles/{id}`) the API declares; the read API's by default. */
  readonly routes?: readonly string[];
  /** Where failures are reported (the function's log in AWS); stderr by default. */
  readonly log?: (line: string) => void;
  /**
   * Origins of the stack's `corsPreflight` (`CORS_ORIGINS`; `*` for any): preflights are answered
   * by the gateway itself, as API Gateway does. None (the default): no CORS configuration, so an
   * `OPTIONS` request is an unmatched route (404), as in AWS.
   */
  readonly corsOrigins?: readonly string[];
  /** Sees each request first and answers it when it resolves true (the local console's pages). */
  readonly intercept?: RequestInterceptor;
}

export type RequestInterceptor = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

export interface RunningHttpApi {
  readonly port: number;
  close(): Promise<void>;
}

/** API Gateway answers unmatched routes itself, without invoking the function. */
const GATEWAY_NOT_FOUND = JSON.stringify({ message: 'Not Found' });
/** What API Gateway answers when the function throws or returns something unusable. */
const GATEWAY_ERROR = JSON.stringify({ message: 'Internal Server Error' });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMEOUT_MS = 30_000;
/**
 * Lambda's limit on a synchronous invocation's response payload: the handler's result serialized
 * as JSON, so the body counts with its own escaping. Over it, Lambda fails the invocation and API
 * Gateway answers 500, so the local server does too.
 */
export const LAMBDA_RESPONSE_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * Serves a Lambda handler the way an API Gateway HTTP API (payload format 2.0) does: each request
 * becomes the exact v2 event (route key, path parameters, comma-joined repeated headers and
 * query parameters, cookies), and the structured result becomes the response. Port 0 picks a
 * free port.
 *
 * @example
 * const api = await startHttpApi({ port: 0, host: '127.0.0.1', handler });
 * await fetch(`http://127.0.0.1:${api.port}/articles`);
 * await api.close();
 */
export async function startHttpApi(options: HttpApiServerOptions): Promise<RunningHttpApi> {
  const routes = options.routes ?? READ_API_ROUTES;
  const log = options.log ?? ((line: string): boolean => process.stderr.write(`${line}\n`));
  const server = createServer((request, response) => {
    serve(
      request,
      response,
      routes,
      options.handler,
      log,
      options.corsOrigins ?? [],
      options.intercept,
    ).catch((error: unknown) => {
      log(`http-api: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) send(response, 500, { 'content-type': 'application/json' }, GATEWAY_ERROR);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  routes: readonly string[],
  handler: HttpApiHandler,
  log: (line: string) => void,
  corsOrigins: readonly string[],
  intercept?: RequestInterceptor,
): Promise<void> {
  if (intercept !== undefined && (await intercept(request, response))) return;
  const body = await readBody(request);
  const requestId = randomUUID();
  const gatewayHeaders = { 'content-type': 'application/json', 'apigw-requestid': requestId };
  const target = request.url ?? '/';
  const queryStart = target.indexOf('?');
  const rawPath = queryStart < 0 ? target : target.slice(0, queryStart);
  const rawQueryString = queryStart < 0 ? '' : target.slice(queryStart + 1);
  const method = request.method ?? 'GET';
  if (isPreflight(request, method, corsOrigins)) {
    send(response, 204, { 'apigw-requestid': requestId, ...preflightHeaders(request, corsOrigins) }, '');
    return;
  }
  const match = matchRoute(routes, method, rawPath);
  if (match === null) {
    send(response, 404, gatewayHeaders, GATEWAY_NOT_FOUND);
    return;
  }
  const event = toEvent(request, { requestId, rawPath, rawQueryString, method, match, body });
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = await handler(event, lambdaContext(requestId));
  } catch (error: unknown) {
    log(`http-api: handler failed: ${error instanceof Error ? error.stack : String(error)}`);
    send(response, 500, gatewayHeaders, GATEWAY_ERROR);
    return;
  }
  const payloadBytes = Buffer.byteLength(JSON.stringify(result), 'utf8');
  if (payloadBytes > LAMBDA_RESPONSE_PAYLOAD_BYTES) {
    log(
      `http-api: response payload of ${payloadBytes} bytes is over Lambda's limit of ${LAMBDA_RESPONSE_PAYLOAD_BYTES} (${event.routeKey} ${rawPath})`,
    );
    send(response, 500, gatewayHeaders, GATEWAY_ERROR);
    return;
  }
  const headers: Record<string, string | string[]> = { 'apigw-requestid': requestId };
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies !== undefined && result.cookies.length > 0) headers['set-cookie'] = [...result.cookies];
  const payload =
    result.body === undefined
      ? ''
      : result.isBase64Encoded === true
        ? Buffer.from(result.body, 'base64')
        : result.body;
  send(response, result.statusCode ?? 200, headers, payload);
}

/**
 * With `corsPreflight` configured, API Gateway answers any `OPTIONS` request carrying `Origin` and
 * `Access-Control-Request-Method` itself, on every path, without invoking the function.
 */
function isPreflight(request: IncomingMessage, method: string, corsOrigins: readonly string[]): boolean {
  return (
    method === 'OPTIONS' &&
    corsOrigins.length > 0 &&
    request.headers.origin !== undefined &&
    request.headers['access-control-request-method'] !== undefined
  );
}

/** The configured CORS headers for an allowed origin; none for another (the browser then refuses). */
function preflightHeaders(request: IncomingMessage, corsOrigins: readonly string[]): Record<string, string> {
  const origin = request.headers.origin ?? '';
  const allowOrigin = corsOrigins.includes('*') ? '*' : corsOrigins.includes(origin) ? origin : null;
  if (allowOrigin === null) return {};
  return {
    'access-control-allow-origin': allowOrigin,
    'access-control-allow-methods': CORS_PREFLIGHT.allowMethods.join(','),
    'access-control-allow-headers': CORS_PREFLIGHT.allowHeaders.join(','),
    'access-control-max-age': String(CORS_PREFLIGHT.maxAgeSeconds),
  };
}

interface EventParts {
  readonly requestId: string;
  readonly rawPath: string;
  readonly rawQueryString: string;
  readonly method: string;
  readonly match: {
    readonly routeKey: string;
    readonly pathParameters: Readonly<Record<string, string>> | null;
  };
  readonly body: Buffer;
}

function toEvent(request: IncomingMessage, parts: EventParts): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] ?? '').toLowerCase();
    const value = raw[i + 1] ?? '';
    // Payload 2.0 moves cookies to their own field and joins repeated headers with commas.
    if (name === 'cookie')
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter((c) => c !== ''),
      );
    else headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const sourceIp = request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(request.socket.localPort ?? '');
  headers['x-amzn-trace-id'] ??=
    `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${parts.requestId.replaceAll('-', '').slice(0, 24)}`;

  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(parts.rawQueryString)) {
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  }
  const now = new Date();
  const host = headers.host ?? 'localhost';
  const hasBody = parts.body.length > 0;
  // API Gateway passes text bodies as they are and base64-encodes everything else.
  const textBody = /^(text\/|application\/(json|xml|x-www-form-urlencoded))|\+json|\+xml/.test(
    headers['content-type'] ?? '',
  );
  return {
    version: '2.0',
    routeKey: parts.match.routeKey,
    rawPath: parts.rawPath,
    rawQueryString: parts.rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(parts.match.pathParameters === null ? {} : { pathParameters: { ...parts.match.pathParameters } }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: parts.method,
        path: parts.rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: parts.requestId,
      routeKey: parts.match.routeKey,
      stage: '$default',
      time: gatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(hasBody ? { body: parts.body.toString(textBody ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !textBody,
  };
}

function lambdaContext(requestId: string): Context {
  const deadline = Date.now() + TIMEOUT_MS;
  const functionName = 'read-api-local';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

// API Gateway's request time format: 25/Nov/2026:21:04:05 +0000.
function gatewayTime(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(
  response: ServerResponse,
  status: number,
  headers: Readonly<Record<string, string | string[]>>,
  body: string | Buffer,
): void {
  const payload = status === 304 ? '' : body;
  // API Gateway answers with a Content-Length, never chunked.
  response.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
  response.end(payload);
}
