import { normalizeUrl } from '../article/normalize-url.js';
import { type ArticleQueries, MAX_PAGE_JSON_BYTES, MAX_RECORD_LINKS } from '../ports/article-queries.js';
import type { ContentStore } from '../ports/content-store.js';
import { InvalidParameterError, NotFoundError } from './api-errors.js';
import type {
  ArticleBody,
  ArticleContentBody,
  ArticlePageBody,
  BacklinkPageBody,
  ContentElsewhereBody,
  LinkPageBody,
  ListArticlesParams,
  ListBacklinksParams,
  ListLinksParams,
} from './api-schemas.js';
import type { CursorCodec } from './cursor-codec.js';

export interface ReadApiServiceDependencies {
  readonly queries: ArticleQueries;
  readonly contents: ContentStore;
  /** Resolved lazily: in AWS the key comes from Secrets Manager on first use. */
  readonly cursors: () => Promise<CursorCodec>;
}

/** How long a presigned content URL stays valid: long enough to start the download, no longer. */
export const CONTENT_URL_TTL_SECONDS = 300;

/** The content inline, or (too large for one response) where to fetch it. */
export type ContentAnswer =
  | { readonly kind: 'inline'; readonly body: ArticleContentBody }
  | { readonly kind: 'elsewhere'; readonly body: ContentElsewhereBody };

/** The read API's use cases: validated parameters in, response bodies out. No HTTP here. */
export interface ReadApiService {
  listArticles(params: ListArticlesParams): Promise<ArticlePageBody>;
  getArticle(id: string): Promise<ArticleBody>;
  getContent(id: string): Promise<ContentAnswer>;
  listLinks(id: string, params: ListLinksParams): Promise<LinkPageBody>;
  listBacklinks(params: ListBacklinksParams): Promise<BacklinkPageBody>;
}

/**
 * Builds the read API's use cases over the query port, the content store and a cursor codec.
 * Each cursor is bound to its route and filters, so it cannot be replayed on another query.
 *
 * @example
 * const api = createReadApiService({ queries, contents, cursors: async () => createCursorCodec(key) });
 * const page = await api.listArticles({ limit: 20, language: 'ar' });
 */
export function createReadApiService(dependencies: ReadApiServiceDependencies): ReadApiService {
  const { queries, contents } = dependencies;

  const open = async (cursor: string | undefined, binding: string): Promise<string | null> =>
    cursor === undefined ? null : (await dependencies.cursors()).decode(cursor, binding);
  const seal = async (position: string | null, binding: string): Promise<string | null> =>
    position === null ? null : (await dependencies.cursors()).encode(position, binding);

  return {
    async listArticles(params) {
      const filters = {
        from: params.from ?? null,
        to: params.to ?? null,
        language: params.language ?? null,
        status: params.status ?? null,
      };
      const binding = `GET /articles ${JSON.stringify(filters)}`;
      const after = await open(params.cursor, binding);
      const page = await queries.listArticles({ limit: params.limit, after, ...filters });
      return { items: page.items, nextCursor: await seal(page.next, binding) };
    },

    async getArticle(id) {
      const stored = await queries.getArticle(id, MAX_RECORD_LINKS);
      if (stored === null) throw new NotFoundError(`no article ${id}`);
      return { ...stored.record, linkCount: stored.linkCount };
    },

    async getContent(id) {
      // An overwrite removes the content of the record it replaced: a record read just before it
      // can point at content already gone. Its replacement then has content of its own: read once more.
      for (let attempt = 0; ; attempt += 1) {
        const stored = await queries.getArticle(id, 0);
        if (stored === null) throw new NotFoundError(`no article ${id}`);
        // A rejected record has no content: an empty body, not a 404, since the article exists.
        if (stored.contentKey === null) return { kind: 'inline', body: { id, blocks: [], text: '' } };
        // The stored object is this body (plus or minus the id): one page's worth fits a response.
        const read = await contents.read(stored.contentKey, MAX_PAGE_JSON_BYTES);
        if (read === null) {
          if (attempt === 0) continue;
          throw new NotFoundError(`no content for article ${id}`);
        }
        if (read.kind === 'content') {
          return { kind: 'inline', body: { id, blocks: read.content.blocks, text: read.content.text } };
        }
        const url = await contents.presignedUrl(stored.contentKey, CONTENT_URL_TTL_SECONDS);
        return { kind: 'elsewhere', body: { id, url, expiresInSeconds: CONTENT_URL_TTL_SECONDS } };
      }
    },

    async listLinks(id, params) {
      const binding = `GET /articles/{id}/links ${JSON.stringify({ id })}`;
      const after = await open(params.cursor, binding);
      const page = await queries.listLinks(id, params.limit, after);
      if (page === null) throw new NotFoundError(`no article ${id}`);
      return {
        items: page.items,
        nextCursor: await seal(page.next, binding),
      };
    },

    async listBacklinks(params) {
      const url = normalizeUrl(params.url);
      if (url === null) throw new InvalidParameterError('`url` must be an absolute URL');
      const binding = `GET /links ${JSON.stringify({ url })}`;
      const after = await open(params.cursor, binding);
      const page = await queries.listBacklinks(url, params.limit, after);
      return { items: page.items, nextCursor: await seal(page.next, binding) };
    },
  };
}
