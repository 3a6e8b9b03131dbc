import { ApiError, type ArticleSummary, listArticles, type TimelineFilters } from './api.js';
import { h, replace, textDirection } from './dom.js';
import { formatCount, formatInstant, formatLanguage } from './format.js';
import { articleHref, timelineHref } from './routes.js';

export interface TimelineView {
  readonly element: HTMLElement;
  /**
   * Reloads the first page in place (after an upload), keeping the focus where it was. With
   * `expectedId`, reloads again for a while until that record is listed: the API keeps the set of
   * years it files records under for 10 s, so the first record of a new year shows up late.
   */
  refresh(expectedId?: string): void;
  dispose(): void;
}

/** A little more than the read API's 10 s cache of the years it files records under. */
const REFRESH_PATIENCE_MS = 15_000;

const STATUS_OPTIONS = [
  ['', 'any status'],
  ['processed', 'processed'],
  ['rejected', 'rejected'],
] as const;

/**
 * The timeline: the API's filters as a form (kept in the address, so back and forward work), then
 * one row per record, newest first, paged by the API's cursor ("Show more" appends a page).
 */
export function createTimeline(filters: TimelineFilters, announce: (message: string) => void): TimelineView {
  const controller = new AbortController();
  const heading = h('h1', { id: 'view-heading', tabindex: '-1' }, 'Timeline');
  const status = h('p', { class: 'view-status', role: 'status' });
  const body = h('tbody');
  const table = h(
    'table',
    { class: 'timeline', 'aria-labelledby': 'view-heading', 'aria-describedby': 'timeline-order' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Title'),
        h('th', { scope: 'col' }, 'Date'),
        h('th', { scope: 'col' }, 'Language'),
        h('th', { scope: 'col', class: 'number' }, 'Words'),
        h('th', { scope: 'col', class: 'number' }, 'Links'),
        h('th', { scope: 'col' }, 'Status'),
      ),
    ),
    body,
  );
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Show more');
  const results = h('div', { class: 'results', 'aria-live': 'off' }, table);
  const element = h(
    'section',
    { class: 'view timeline-view', 'aria-labelledby': 'view-heading' },
    h(
      'div',
      { class: 'view-header' },
      heading,
      h(
        'p',
        { id: 'timeline-order', class: 'hint' },
        'Newest first, by publication date (undated records by processing time).',
      ),
    ),
    filterForm(filters),
    status,
    results,
    more,
  );

  let nextCursor: string | null = null;
  let shown = 0;

  const showError = (error: unknown, retry: () => void): void => {
    const message = error instanceof ApiError ? `${error.message} (${error.code})` : String(error);
    replace(
      status,
      h('span', { class: 'error-text' }, `Could not load the timeline: ${message}`),
      ' ',
      h('button', { type: 'button', onclick: retry }, 'Retry'),
    );
    status.setAttribute('role', 'alert');
  };

  async function load(append: boolean): Promise<void> {
    const cursor = append ? (nextCursor ?? undefined) : undefined;
    element.setAttribute('aria-busy', 'true');
    status.setAttribute('role', 'status');
    if (!append && shown === 0) replace(status, h('span', { class: 'loading' }, 'Loading the timeline…'));
    more.disabled = true;
    try {
      const page = await listArticles(filters, cursor, controller.signal);
      const rows = page.items.map(row);
      if (append) body.append(...rows);
      else body.replaceChildren(...rows);
      shown = append ? shown + rows.length : rows.length;
      nextCursor = page.nextCursor;
      more.hidden = nextCursor === null;
      table.hidden = shown === 0;
      replace(
        status,
        shown === 0 ? emptyState(filters) : formatCount(shown, 'record shown', 'records shown'),
      );
      if (append && rows[0] !== undefined) {
        rows[0].querySelector('a')?.focus();
        announce(`${formatCount(rows.length, 'more record', 'more records')} loaded`);
      }
    } catch (error: unknown) {
      if (controller.signal.aborted) return;
      showError(error, () => void load(append));
    } finally {
      element.removeAttribute('aria-busy');
      more.disabled = false;
    }
  }

  more.addEventListener('click', () => void load(true));
  table.hidden = true;
  void load(false);

  return {
    element,
    refresh: (expectedId) => {
      const focusedId = document.activeElement?.closest('tr')?.dataset.id;
      const listed = (): boolean =>
        expectedId === undefined || body.querySelector(`tr[data-id="${expectedId}"]`) !== null;
      const deadline = Date.now() + REFRESH_PATIENCE_MS;
      const attempt = (): void => {
        void load(false).then(() => {
          if (focusedId !== undefined)
            body.querySelector<HTMLElement>(`tr[data-id="${focusedId}"] a`)?.focus();
          if (!listed() && !controller.signal.aborted && Date.now() < deadline)
            window.setTimeout(attempt, 1_000);
        });
      };
      attempt();
    },
    dispose: () => controller.abort(),
  };
}

function emptyState(filters: TimelineFilters): HTMLElement {
  const filtered = Object.values(filters).some((value) => value !== undefined);
  return filtered
    ? h(
        'span',
        { class: 'empty' },
        'No record matches these filters. ',
        h('a', { href: timelineHref({}) }, 'Clear the filters'),
      )
    : h(
        'span',
        { class: 'empty' },
        'No articles yet. Drop files on the upload panel, or upload with ',
        h('code', {}, 'aws s3 cp'),
        ' or ',
        h('code', {}, 'npx article-pipeline upload'),
        '.',
      );
}

function row(item: ArticleSummary): HTMLTableRowElement {
  const title =
    item.title === null
      ? // The key makes each "untitled" link's name distinct for a screen reader's list of links.
        h(
          'span',
          { class: 'untitled', lang: 'en', dir: 'ltr' },
          'untitled',
          h('span', { class: 'visually-hidden' }, `: ${item.source.key}`),
        )
      : h('span', textDirection(item.language, item.direction), item.title);
  // An untitled record (the seed has no title line) is recognized by its opening words.
  const snippet =
    item.title === null && item.description !== null
      ? h('span', { class: 'snippet', ...textDirection(item.language, item.direction) }, item.description)
      : null;
  const date =
    item.publishedAt === null
      ? h(
          'span',
          { class: 'undated' },
          'undated',
          h('br'),
          h(
            'small',
            {},
            'processed ',
            h('time', { datetime: item.processedAt }, formatInstant(item.processedAt)),
          ),
        )
      : // A date-time keeps its date as the article gave it; the whole value is in the tooltip.
        h('time', { datetime: item.publishedAt, title: item.publishedAt }, item.publishedAt.slice(0, 10));
  const status =
    item.status === 'rejected'
      ? h(
          'div',
          { class: 'status-cell' },
          h('span', { class: 'badge badge-rejected' }, 'rejected'),
          ' ',
          h('code', { class: 'error-code' }, item.error?.code ?? 'UNKNOWN'),
          h('p', { class: 'error-message' }, item.error?.message ?? ''),
        )
      : h('span', { class: 'badge badge-processed' }, 'processed');
  return h(
    'tr',
    { 'data-id': item.id, class: `status-${item.status}` },
    h(
      'td',
      { class: 'title-cell' },
      h('a', { href: articleHref(item.id), class: 'title-link' }, title),
      snippet,
      h('small', { class: 'key', dir: 'ltr' }, item.source.key),
    ),
    h('td', { class: 'date' }, date),
    h(
      'td',
      {},
      item.language === null
        ? h('span', { class: 'muted' }, '—')
        : h('abbr', { title: formatLanguage(item.language) }, item.language),
    ),
    h('td', { class: 'number' }, item.status === 'rejected' ? '—' : item.wordCount.toLocaleString('en')),
    h('td', { class: 'number' }, item.linkCount.toLocaleString('en')),
    h('td', {}, status),
  );
}

function filterForm(filters: TimelineFilters): HTMLFormElement {
  const language = h('input', {
    id: 'filter-language',
    name: 'language',
    value: filters.language ?? '',
    pattern: '[a-z]{2}',
    maxlength: '2',
    size: '4',
    autocomplete: 'off',
    placeholder: 'ar',
    'aria-describedby': 'filter-language-hint',
  });
  const status = h(
    'select',
    { id: 'filter-status', name: 'status' },
    STATUS_OPTIONS.map(([value, label]) =>
      h('option', { value, selected: (filters.status ?? '') === value }, label),
    ),
  );
  const from = h('input', { id: 'filter-from', name: 'from', type: 'date', value: filters.from ?? '' });
  const to = h('input', { id: 'filter-to', name: 'to', type: 'date', value: filters.to ?? '' });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter the timeline' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'filter-language' }, 'Language'),
      language,
      h('small', { id: 'filter-language-hint' }, 'ISO 639-1, e.g. ar'),
    ),
    h('div', { class: 'field' }, h('label', { for: 'filter-status' }, 'Status'), status),
    h('div', { class: 'field' }, h('label', { for: 'filter-from' }, 'Published from'), from),
    h('div', { class: 'field' }, h('label', { for: 'filter-to' }, 'to'), to),
    h(
      'div',
      { class: 'field actions' },
      h('button', { type: 'submit' }, 'Apply'),
      h('a', { href: timelineHref({}), class: 'button-link' }, 'Reset'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const statusValue =
      status.value === 'processed' || status.value === 'rejected' ? status.value : undefined;
    location.hash = timelineHref({
      ...(language.value.trim() === '' ? {} : { language: language.value.trim().toLowerCase() }),
      ...(statusValue === undefined ? {} : { status: statusValue }),
      ...(from.value === '' ? {} : { from: from.value }),
      ...(to.value === '' ? {} : { to: to.value }),
    }).slice(1);
  });
  return form;
}
