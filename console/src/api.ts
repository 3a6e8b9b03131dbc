import type { ArticleLink, ArticleRecord, ContentBlock, LinkKind } from '../../lib/article/article-record.js';
import type { ConsoleObjectInfo, ConsoleUploadResult } from '../../local/console-api.js';

/** The bodies of the read API (CONTRACT §4) as the page uses them. */
export type ArticleSummary = Omit<ArticleRecord, 'links'> & { readonly linkCount: number };

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface ArticleContentBody {
  readonly id: string;
  readonly blocks: readonly ContentBlock[];
  readonly text: string;
}

export interface Backlink {
  readonly articleId: string;
  readonly text: string;
  readonly kind: LinkKind;
}

/** The console's own routes (local/console-server.ts). */
export type ObjectInfo = ConsoleObjectInfo;

export interface ConsoleInfo {
  readonly bucket: string;
  readonly s3Endpoint: string;
}

export type UploadResult = ConsoleUploadResult;

export interface TimelineFilters {
  readonly language?: string;
  readonly status?: 'processed' | 'rejected';
  readonly from?: string;
  readonly to?: string;
}

export type { ArticleLink, ArticleRecord, ContentBlock, LinkKind };

/** An answer other than 2xx, with the API's `{ error: { code, message } }` when it sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    // The API lets browsers reuse answers for a while (Cache-Control); the console must see
    // records as they change, so it revalidates every time (a 304 when nothing changed).
    response = await fetch(path, {
      headers: { accept: 'application/json' },
      cache: 'no-cache',
      ...(signal ? { signal } : {}),
    });
  } catch (error: unknown) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'The local API does not answer. Is `npm start` still running?');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw errorOf(response.status, body);
  return body as T;
}

/** The API's error body, or API Gateway's `{ message }`, as an ApiError. */
export function errorOf(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null) {
    const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof error?.code === 'string' && typeof error.message === 'string')
      return new ApiError(status, error.code, error.message);
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string') return new ApiError(status, `HTTP_${status}`, message);
  }
  return new ApiError(status, `HTTP_${status}`, `The API answered ${status}`);
}

const query = (params: Readonly<Record<string, string | undefined>>): string => {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(name, value);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};

export const listArticles = (
  filters: TimelineFilters,
  cursor?: string,
  signal?: AbortSignal,
): Promise<Page<ArticleSummary>> => getJson(`/articles${query({ ...filters, cursor, limit: '20' })}`, signal);

export const getArticle = (id: string, signal?: AbortSignal): Promise<ArticleRecord> =>
  getJson(`/articles/${encodeURIComponent(id)}`, signal);

export const getContent = (id: string, signal?: AbortSignal): Promise<ArticleContentBody> =>
  getJson(`/articles/${encodeURIComponent(id)}/content`, signal);

export const listLinks = (id: string, cursor?: string, signal?: AbortSignal): Promise<Page<ArticleLink>> =>
  getJson(`/articles/${encodeURIComponent(id)}/links${query({ cursor, limit: '100' })}`, signal);

export const listBacklinks = (url: string, cursor?: string, signal?: AbortSignal): Promise<Page<Backlink>> =>
  getJson(`/links${query({ url, cursor, limit: '50' })}`, signal);

export const getObjectInfo = (key: string, signal?: AbortSignal): Promise<ObjectInfo> =>
  getJson(`/console/api/objects${query({ key })}`, signal);

export const getConsoleInfo = (): Promise<ConsoleInfo> => getJson('/console/api/info');
