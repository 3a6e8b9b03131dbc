import {
  ApiError,
  type ArticleContentBody,
  type ArticleLink,
  type ArticleRecord,
  type Backlink,
  getArticle,
  getContent,
  getObjectInfo,
  type LinkKind,
  listBacklinks,
  listLinks,
  type ObjectInfo,
} from './api.js';
import { type Child, h, replace, textDirection } from './dom.js';
import { formatBytes, formatCount, formatInstant, formatLanguage, formatPublished } from './format.js';
import { articleHref, timelineHref } from './routes.js';

export interface ArticleView {
  readonly element: HTMLElement;
  /** Resolves once the record is shown (or its error), for the focus to move to the heading. */
  readonly ready: Promise<void>;
  dispose(): void;
}

const KIND_ORDER: readonly LinkKind[] = ['inline', 'related', 'image', 'email', 'mention'];
const KIND_LABELS: Readonly<Record<LinkKind, string>> = {
  inline: 'Inline links',
  related: 'Related references',
  image: 'Image links',
  email: 'E-mail addresses',
  mention: 'Mentions',
};

/**
 * One record: its metadata, its content blocks laid out in the record's own language and
 * direction, its links by kind, who links to it, and the raw object it was made from.
 */
export function createArticleView(id: string): ArticleView {
  const controller = new AbortController();
  const { signal } = controller;
  const heading = h('h1', { id: 'view-heading', tabindex: '-1' }, 'Loading the article…');
  const element = h(
    'section',
    { class: 'view article-view', 'aria-labelledby': 'view-heading', 'aria-busy': 'true' },
    h(
      'p',
      { class: 'back' },
      h('a', { href: timelineHref({}) }, h('span', { 'aria-hidden': 'true' }, '← '), 'Timeline'),
    ),
    heading,
    h('p', { class: 'view-status loading', role: 'status' }, 'Loading…'),
  );

  const ready = (async () => {
    try {
      const [record, content] = await Promise.all([
        getArticle(id, signal),
        getContent(id, signal).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return null;
          throw error;
        }),
      ]);
      // The raw object is looked up by the record's key, known only now.
      const objectInfo = await getObjectInfo(record.source.key, signal).catch(objectError);
      render(element, heading, record, content, objectInfo, signal);
    } catch (error: unknown) {
      if (signal.aborted) return;
      renderError(element, heading, id, error);
    } finally {
      element.removeAttribute('aria-busy');
    }
  })();

  return { element, ready, dispose: () => controller.abort() };
}

/** HeadObject's 404 means the object was deleted since; other failures are shown as such. */
const objectError = (error: unknown): ObjectInfo | 'missing' | 'unknown' =>
  error instanceof ApiError && error.status === 404 ? 'missing' : 'unknown';

function renderError(element: HTMLElement, heading: HTMLElement, id: string, error: unknown): void {
  const notFound = error instanceof ApiError && error.status === 404;
  heading.textContent = notFound ? 'No such article' : 'The article could not be loaded';
  const message =
    error instanceof ApiError ? `${error.message} (${error.code})` : 'An unexpected error happened.';
  replace(
    element,
    h(
      'p',
      { class: 'back' },
      h('a', { href: timelineHref({}) }, h('span', { 'aria-hidden': 'true' }, '← '), 'Timeline'),
    ),
    heading,
    h(
      'div',
      { class: 'error-box', role: 'alert' },
      h(
        'p',
        {},
        notFound ? `There is no record with the id ${id}: it was deleted, or never existed.` : message,
      ),
    ),
  );
}

function render(
  element: HTMLElement,
  heading: HTMLElement,
  record: ArticleRecord,
  content: ArticleContentBody | null,
  object: ObjectInfo | 'missing' | 'unknown',
  signal: AbortSignal,
): void {
  const language = textDirection(record.language, record.direction);
  replace(heading);
  if (record.title === null)
    heading.append(h('span', { class: 'untitled', lang: 'en', dir: 'ltr' }, 'untitled'));
  else heading.append(h('span', language, record.title));
  document.title = `${record.title ?? 'untitled'} · article-pipeline console`;

  const sourceUrl = typeof object === 'object' ? object.sourceUrl : null;
  const backlinks = h('section', { class: 'panel backlinks', 'aria-labelledby': 'backlinks-heading' });
  replace(
    element,
    h(
      'p',
      { class: 'back' },
      h('a', { href: timelineHref({}) }, h('span', { 'aria-hidden': 'true' }, '← '), 'Timeline'),
      ' · ',
      h('a', { href: `/articles/${encodeURIComponent(record.id)}` }, 'the record as JSON'),
    ),
    heading,
    record.status === 'rejected'
      ? h(
          'div',
          { class: 'error-box rejected', role: 'note' },
          h(
            'p',
            {},
            h('strong', {}, 'Rejected: '),
            h('code', { class: 'error-code' }, record.error?.code ?? 'UNKNOWN'),
          ),
          h('p', { class: 'error-message' }, record.error?.message ?? ''),
        )
      : null,
    h(
      'div',
      { class: 'article-layout' },
      h(
        'div',
        { class: 'article-main' },
        record.status === 'processed' ? articleBody(record, content) : null,
        linksPanel(record, signal),
        backlinks,
      ),
      h('div', { class: 'article-side' }, metadataPanel(record, sourceUrl), objectPanel(record, object)),
    ),
  );
  loadBacklinks(backlinks, record, sourceUrl, signal);
}

function metadataPanel(record: ArticleRecord, sourceUrl: string | null): HTMLElement {
  const language = textDirection(record.language, record.direction);
  const rows: [string, Child][] = [
    ['Status', h('span', { class: `badge badge-${record.status}` }, record.status)],
    [
      'Published',
      record.publishedAt === null
        ? 'undated'
        : h(
            'time',
            { datetime: record.publishedAt, class: 'published' },
            formatPublished(record.publishedAt),
          ),
    ],
    [
      'Authors',
      record.authors.length === 0
        ? none()
        : h(
            'ul',
            { class: 'plain' },
            record.authors.map((author) => h('li', language, author)),
          ),
    ],
    ['Site', record.siteName === null ? none() : h('span', language, record.siteName)],
    ['Canonical URL', record.canonicalUrl === null ? none() : urlLink(record.canonicalUrl)],
    ['Source URL', sourceUrl === null ? none() : urlLink(sourceUrl)],
    [
      'Language',
      `${formatLanguage(record.language)}, ${record.direction === 'rtl' ? 'right to left' : 'left to right'}`,
    ],
    ['Encoding', record.encoding ?? none()],
    ['Format', record.format ?? none()],
    ['Words', h('span', { class: 'word-count' }, formatCount(record.wordCount, 'word', 'words'))],
    ['Reading time', formatCount(record.readingTimeMinutes, 'minute', 'minutes')],
    ['Processed', h('time', { datetime: record.processedAt }, formatInstant(record.processedAt))],
    ['Parser', record.parserVersion],
  ];
  return h(
    'section',
    { class: 'panel metadata', 'aria-labelledby': 'metadata-heading' },
    h('h2', { id: 'metadata-heading' }, 'Metadata'),
    definitionList(rows),
  );
}

function objectPanel(record: ArticleRecord, object: ObjectInfo | 'missing' | 'unknown'): HTMLElement {
  const source = record.source;
  const rows: [string, Child][] = [
    ['Bucket', source.bucket ?? none()],
    ['Key', h('code', { class: 'object-key', dir: 'ltr' }, source.key)],
    [
      'Version',
      source.versionId ?? h('span', {}, 'null ', h('small', { class: 'muted' }, '(unversioned bucket)')),
    ],
    ['Size', h('span', { class: 'object-size' }, formatBytes(source.size))],
    ['Content type', source.contentType ?? none()],
    ['ETag', source.etag === null ? none() : h('code', {}, source.etag)],
    ['Sequencer', source.sequencer === null ? none() : h('code', {}, source.sequencer)],
  ];
  if (typeof object === 'object' && object.lastModified !== null)
    rows.push([
      'Last modified',
      h('time', { datetime: object.lastModified }, formatInstant(object.lastModified)),
    ]);
  const note =
    object === 'missing'
      ? h(
          'p',
          { class: 'note' },
          'The object is no longer in the bucket: its deletion is on its way to this record.',
        )
      : typeof object === 'object' &&
          object.etag !== null &&
          source.etag !== null &&
          object.etag !== source.etag
        ? h(
            'p',
            { class: 'note' },
            'The bucket holds a newer version of this object; its record is being processed.',
          )
        : null;
  return h(
    'section',
    { class: 'panel object', 'aria-labelledby': 'object-heading' },
    h('h2', { id: 'object-heading' }, 'Raw object'),
    definitionList(rows),
    note,
  );
}

function articleBody(record: ArticleRecord, content: ArticleContentBody | null): HTMLElement {
  const language = textDirection(record.language, record.direction);
  const blocks = content?.blocks ?? [];
  const imagesByCaption = new Map(record.images.map((image) => [image.caption ?? '', image]));
  const captionsInBlocks = new Set(
    blocks.filter((block) => block.type === 'caption').map((block) => block.text),
  );
  // The record's images whose caption no block carries (a text export's lead image) open the article.
  const leadImages = record.images.filter(
    (image) => image.caption === null || !captionsInBlocks.has(image.caption),
  );
  const related = new Map(
    record.links.filter((link) => link.kind === 'related').map((link) => [link.text, link] as const),
  );
  const nodes = blocks.map((block) => {
    switch (block.type) {
      case 'heading':
        return h('h2', { class: 'block-heading' }, block.text);
      case 'paragraph':
        return h('p', { class: 'block-paragraph' }, block.text);
      case 'highlight':
        return h('blockquote', { class: 'block-highlight' }, h('p', {}, block.text));
      case 'caption': {
        const image = imagesByCaption.get(block.text);
        return figure(block.text, image?.credit ?? null, image?.url ?? null);
      }
      case 'related':
        return relatedBlock(block.text, related.get(block.text) ?? null);
    }
    return null;
  });
  return h(
    'article',
    { class: 'article-body', 'aria-label': 'Article text', ...language },
    leadImages.map((image) => figure(image.caption, image.credit, image.url)),
    nodes,
    blocks.length === 0
      ? h('p', { class: 'muted', lang: 'en', dir: 'ltr' }, 'This record has no content blocks.')
      : null,
  );
}

function figure(caption: string | null, credit: string | null, url: string | null): HTMLElement {
  return h(
    'figure',
    { class: 'block-caption' },
    url === null
      ? null
      : h('p', { class: 'image-url' }, h('a', { href: url, dir: 'ltr', rel: 'noreferrer' }, url)),
    h(
      'figcaption',
      {},
      caption === null ? null : h('span', { class: 'caption-text' }, caption),
      credit === null
        ? null
        : h(
            'span',
            { class: 'credit' },
            h('span', { class: 'visually-hidden', lang: 'en' }, 'Credit: '),
            credit,
          ),
    ),
  );
}

function relatedBlock(text: string, link: ArticleLink | null): HTMLElement {
  const target = link?.targetArticleId ?? null;
  // No `dir` of its own: the label sits at the start of the block, in the article's direction.
  const label = h('span', { class: 'related-label', lang: 'en' }, 'related');
  const title =
    target !== null
      ? h('a', { href: articleHref(target) }, text)
      : link?.url != null
        ? h('a', { href: link.url, rel: 'noreferrer' }, text)
        : h('span', {}, text);
  return h('div', { class: 'block-related' }, label, ' ', title);
}

function linksPanel(record: ArticleRecord, signal: AbortSignal): HTMLElement {
  const total = Math.max(record.links.length, linkCountOf(record));
  const groups = h('div', { class: 'link-groups' });
  const panel = h(
    'section',
    { class: 'panel links', 'aria-labelledby': 'links-heading' },
    h('h2', { id: 'links-heading' }, `Links (${total.toLocaleString('en')})`),
    groups,
  );
  const show = (links: readonly ArticleLink[]): void => {
    replace(
      groups,
      links.length === 0 ? h('p', { class: 'empty' }, 'This article has no links.') : null,
      KIND_ORDER.map((kind) =>
        linkGroup(
          record,
          kind,
          links.filter((link) => link.kind === kind),
        ),
      ),
    );
  };
  show(record.links);
  if (total > record.links.length) {
    const button = h('button', { type: 'button' }, `Load all ${total.toLocaleString('en')} links`);
    button.addEventListener('click', async () => {
      button.disabled = true;
      button.textContent = 'Loading the links…';
      try {
        const all: ArticleLink[] = [];
        let cursor: string | undefined;
        do {
          const page = await listLinks(record.id, cursor, signal);
          all.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        show(all);
        button.remove();
      } catch (error: unknown) {
        button.disabled = false;
        button.textContent = `Loading failed (${error instanceof ApiError ? error.code : 'error'}): try again`;
      }
    });
    panel.append(button);
  }
  return panel;
}

/** `GET /articles/{id}` has no `linkCount`; the list of links is complete up to 1,000. */
const linkCountOf = (record: ArticleRecord): number =>
  (record as ArticleRecord & { readonly linkCount?: number }).linkCount ?? record.links.length;

function linkGroup(record: ArticleRecord, kind: LinkKind, links: readonly ArticleLink[]): HTMLElement | null {
  if (links.length === 0) return null;
  const headingId = `links-${kind}`;
  const language = textDirection(record.language, record.direction);
  return h(
    'section',
    { class: `link-group link-group-${kind}`, 'aria-labelledby': headingId },
    h('h3', { id: headingId }, `${KIND_LABELS[kind]} (${links.length.toLocaleString('en')})`),
    h(
      'ul',
      { class: 'link-list' },
      links.map((link) =>
        h(
          'li',
          { class: 'link-item', dir: record.direction },
          h('span', { class: 'link-text', ...language }, link.text === '' ? '(no text)' : link.text),
          h(
            'span',
            { class: 'link-facts', lang: 'en', dir: 'ltr' },
            link.url === null
              ? h('span', { class: 'muted' }, 'no URL')
              : h('a', { href: link.url, class: 'link-url', dir: 'ltr', rel: 'noreferrer' }, link.url),
            link.external === null
              ? null
              : h(
                  'span',
                  { class: `badge badge-${link.external ? 'external' : 'internal'}` },
                  link.external ? 'external' : 'internal',
                ),
            link.rel.length === 0
              ? null
              : h('span', { class: 'rel' }, 'rel=', h('code', {}, link.rel.join(' '))),
            link.targetArticleId === null
              ? null
              : h(
                  'a',
                  { href: articleHref(link.targetArticleId), class: 'target-link' },
                  'open the linked record',
                ),
          ),
        ),
      ),
    ),
  );
}

function loadBacklinks(
  panel: HTMLElement,
  record: ArticleRecord,
  sourceUrl: string | null,
  signal: AbortSignal,
): void {
  const urls = [...new Set([record.canonicalUrl, sourceUrl].filter((url): url is string => url !== null))];
  const heading = h('h2', { id: 'backlinks-heading' }, 'Backlinks');
  if (urls.length === 0) {
    replace(
      panel,
      heading,
      h(
        'p',
        { class: 'empty' },
        'Nothing can link here: the record has no canonical URL and its object no ',
        h('code', {}, 'source-url'),
        ' metadata.',
      ),
    );
    return;
  }
  const status = h(
    'p',
    { class: 'view-status loading', role: 'status' },
    'Looking for articles that link here…',
  );
  replace(
    panel,
    heading,
    h(
      'p',
      { class: 'hint' },
      'Articles linking to ',
      urls.map((url, index) => [index > 0 ? ' or ' : '', h('bdi', { dir: 'ltr' }, url)]),
      '.',
    ),
    status,
  );
  panel.setAttribute('aria-busy', 'true');
  void (async () => {
    try {
      const found: Backlink[] = [];
      for (const url of urls) {
        let cursor: string | undefined;
        do {
          const page = await listBacklinks(url, cursor, signal);
          found.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined && found.length < 500);
      }
      const unique = [...new Map(found.map((item) => [`${item.articleId} ${item.text}`, item])).values()];
      const titles = await referrerTitles(unique, signal);
      status.classList.remove('loading');
      if (unique.length === 0) {
        replace(status, 'No stored article links here yet.');
      } else {
        status.textContent = formatCount(unique.length, 'link', 'links');
        status.after(
          h(
            'ul',
            { class: 'backlink-list' },
            unique.map((item) => {
              const referrer = titles.get(item.articleId);
              return h(
                'li',
                {},
                h(
                  'a',
                  { href: articleHref(item.articleId), class: 'backlink' },
                  referrer?.title === null || referrer === undefined
                    ? h('span', { lang: 'en', dir: 'ltr' }, referrer?.key ?? item.articleId)
                    : h('span', textDirection(referrer.language, referrer.direction), referrer.title),
                ),
                ' ',
                h(
                  'span',
                  { class: 'muted' },
                  `(${item.kind} link`,
                  item.text === '' ? ')' : [': ', h('bdi', {}, item.text), ')'],
                ),
              );
            }),
          ),
        );
      }
    } catch (error: unknown) {
      if (signal.aborted) return;
      status.setAttribute('role', 'alert');
      status.textContent = `Could not load the backlinks: ${error instanceof ApiError ? `${error.message} (${error.code})` : String(error)}`;
    } finally {
      panel.removeAttribute('aria-busy');
    }
  })();
}

interface Referrer {
  readonly title: string | null;
  readonly key: string;
  readonly language: string | null;
  readonly direction: 'rtl' | 'ltr';
}

/** The linking articles' titles, to name them in the list (at most 50 looked up). */
async function referrerTitles(
  items: readonly Backlink[],
  signal: AbortSignal,
): Promise<Map<string, Referrer>> {
  const ids = [...new Set(items.map((item) => item.articleId))].slice(0, 50);
  const records = await Promise.all(ids.map((id) => getArticle(id, signal).catch(() => null)));
  const titles = new Map<string, Referrer>();
  for (const record of records)
    if (record !== null)
      titles.set(record.id, {
        title: record.title,
        key: record.source.key,
        language: record.language,
        direction: record.direction,
      });
  return titles;
}

const none = (): HTMLElement => h('span', { class: 'muted' }, 'none');

const urlLink = (url: string): HTMLElement =>
  h('a', { href: url, dir: 'ltr', rel: 'noreferrer', class: 'url' }, url);

function definitionList(rows: readonly [string, Child][]): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    rows.map(([term, value]) => h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value))),
  );
}
