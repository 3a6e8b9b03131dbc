import { uploadContentType } from '../../lib/cli/upload-content-types.js';
import {
  ApiError,
  type ArticleRecord,
  errorOf,
  getArticle,
  getConsoleInfo,
  type UploadResult,
} from './api.js';
import { h, replace } from './dom.js';
import { formatBytes } from './format.js';
import { articleHref } from './routes.js';

export interface UploadPanelOptions {
  /** Told each time an uploaded file's record is there (processed or rejected). */
  readonly onRecord: (id: string) => void;
  readonly announce: (message: string) => void;
}

interface PendingFile {
  readonly file: File;
  /** The path below the dropped folder, `/`-separated; the file's name for a single file. */
  readonly path: string;
}

/** Uploads at a time: enough to keep the pipeline busy without flooding the local server. */
const CONCURRENCY = 4;
/** How long the page waits for a record before it says "still processing". */
const PROCESSING_PATIENCE_MS = 120_000;

/**
 * The upload panel: files or folders dropped anywhere on the page, or chosen with the buttons,
 * go one by one to `PUT /console/api/objects`, which stores them in the raw bucket through the
 * local S3 endpoint (the `PutObject` the AWS CLI sends), so the pipeline's own S3 event fires.
 * Each file shows its upload progress, then its record's processing status.
 */
export function createUploadPanel(options: UploadPanelOptions): HTMLElement {
  const filesInput = h('input', {
    type: 'file',
    multiple: true,
    class: 'visually-hidden',
    tabindex: '-1',
    'aria-hidden': 'true',
    id: 'upload-files',
  });
  const folderInput = h('input', {
    type: 'file',
    multiple: true,
    class: 'visually-hidden',
    tabindex: '-1',
    'aria-hidden': 'true',
    id: 'upload-folder',
  });
  folderInput.setAttribute('webkitdirectory', '');
  const prefix = h('input', {
    id: 'upload-prefix',
    name: 'prefix',
    autocomplete: 'off',
    dir: 'ltr',
    placeholder: '2017/05/',
    spellcheck: 'false',
  });
  const sourceUrl = h('input', {
    id: 'upload-source-url',
    name: 'source-url',
    type: 'url',
    autocomplete: 'off',
    dir: 'ltr',
    placeholder: 'https://example.org/2017/05/article',
    'aria-describedby': 'upload-source-url-hint',
  });
  const list = h('ol', { class: 'upload-list', 'aria-label': 'Uploads' });
  const target = h(
    'p',
    { class: 'hint upload-target' },
    'Files go to the raw bucket through the local S3 endpoint.',
  );
  const zone = h(
    'div',
    { class: 'dropzone', id: 'dropzone' },
    h('h2', { id: 'upload-heading' }, 'Upload'),
    h(
      'p',
      { class: 'dropzone-text' },
      h('strong', {}, 'Drop files or a folder anywhere on this page'),
      ' or',
    ),
    h('button', { type: 'button', onclick: () => filesInput.click() }, 'Choose files'),
    h('button', { type: 'button', onclick: () => folderInput.click() }, 'Choose a folder'),
    filesInput,
    folderInput,
  );
  const panel = h(
    'section',
    { class: 'upload-panel', 'aria-labelledby': 'upload-heading' },
    zone,
    h(
      'details',
      { class: 'upload-options' },
      h('summary', {}, 'Key prefix and source URL'),
      h('div', { class: 'field' }, h('label', { for: 'upload-prefix' }, 'Key prefix'), prefix),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'upload-source-url' }, 'Source URL'),
        sourceUrl,
        h(
          'small',
          { id: 'upload-source-url-hint' },
          'The article’s original URL, sent as the object’s source-url metadata with the files dropped next (then cleared).',
        ),
      ),
    ),
    target,
    list,
  );

  getConsoleInfo()
    .then((info) =>
      replace(
        target,
        'Files go to ',
        h('code', {}, `s3://${info.bucket}/`),
        ' through ',
        h('code', {}, info.s3Endpoint),
        ', as with ',
        h('code', {}, 'aws s3 cp'),
        '.',
      ),
    )
    .catch(() => undefined);

  const queue: (() => Promise<void>)[] = [];
  let running = 0;
  const pump = (): void => {
    while (running < CONCURRENCY && queue.length > 0) {
      const next = queue.shift();
      if (next === undefined) break;
      running += 1;
      void next().finally(() => {
        running -= 1;
        pump();
      });
    }
  };

  const start = (files: readonly PendingFile[]): void => {
    if (files.length === 0) {
      options.announce('Nothing to upload: the drop held no files.');
      return;
    }
    const keyPrefix = prefix.value.trim();
    const url = sourceUrl.value.trim();
    if (url !== '' && !sourceUrl.checkValidity()) {
      options.announce('The source URL is not an absolute URL: nothing was uploaded.');
      sourceUrl.focus();
      return;
    }
    // The source URL names one article: it is not carried over to the files dropped next.
    sourceUrl.value = '';
    options.announce(`Uploading ${files.length === 1 ? files[0]?.path : `${files.length} files`}`);
    for (const pending of files) {
      const key = joinKey(keyPrefix, pending.path);
      const item = createItem(key, pending.file.size);
      list.prepend(item.element);
      queue.push(() => uploadOne(pending.file, key, url, item, options));
    }
    pump();
  };

  filesInput.addEventListener('change', () => {
    start([...(filesInput.files ?? [])].map((file) => ({ file, path: file.name })));
    filesInput.value = '';
  });
  folderInput.addEventListener('change', () => {
    start(
      [...(folderInput.files ?? [])]
        .map((file) => ({ file, path: withoutTopFolder(file.webkitRelativePath || file.name) }))
        .filter((pending) => !isHidden(pending.path)),
    );
    folderInput.value = '';
  });

  // The whole page takes drops, so that a file dropped beside the zone is not opened by the browser.
  let depth = 0;
  const hasFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;
  window.addEventListener('dragenter', (event) => {
    if (!hasFiles(event)) return;
    depth += 1;
    document.body.classList.add('dragging');
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) document.body.classList.remove('dragging');
  });
  window.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer !== null) event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', (event) => {
    event.preventDefault();
    depth = 0;
    document.body.classList.remove('dragging');
    if (event.dataTransfer === null) return;
    void filesOfDrop(event.dataTransfer).then(start);
  });

  return panel;
}

interface UploadItem {
  readonly element: HTMLLIElement;
  progress(loaded: number, total: number): void;
  state(
    text: string,
    kind: 'active' | 'done' | 'rejected' | 'failed',
    link?: { href: string; text: string },
  ): void;
}

function createItem(key: string, size: number): UploadItem {
  const progress = h('progress', { max: '100', value: '0', 'aria-label': `Upload of ${key}` });
  const state = h('span', { class: 'upload-state' }, 'queued');
  const element = h(
    'li',
    { class: 'upload-item state-active', 'data-key': key },
    h(
      'span',
      { class: 'upload-name' },
      h('bdi', { dir: 'ltr' }, key),
      h('small', { class: 'muted' }, ` ${formatBytes(size)}`),
    ),
    progress,
    state,
  );
  return {
    element,
    progress(loaded, total) {
      const percent = total === 0 ? 100 : Math.round((loaded / total) * 100);
      progress.value = percent;
      state.textContent = `uploading ${percent}%`;
    },
    state(text, kind, link) {
      element.className = `upload-item state-${kind}`;
      replace(state, text, link === undefined ? null : [' ', h('a', { href: link.href }, link.text)]);
    },
  };
}

async function uploadOne(
  file: File,
  key: string,
  sourceUrl: string,
  item: UploadItem,
  options: UploadPanelOptions,
): Promise<void> {
  let stored: UploadResult;
  try {
    stored = await put(file, key, sourceUrl, item);
  } catch (error: unknown) {
    const message = error instanceof ApiError ? `${error.message} (${error.code})` : String(error);
    item.state(`upload failed: ${message}`, 'failed');
    options.announce(`Upload of ${key} failed`);
    return;
  }
  item.progress(1, 1);
  item.state('stored in S3; processing…', 'active');
  let record: ArticleRecord | null;
  try {
    record = await waitForRecord(stored);
  } catch (error: unknown) {
    const message = error instanceof ApiError ? `${error.message} (${error.code})` : String(error);
    item.state(`stored, but its record could not be read: ${message}`, 'failed', {
      href: articleHref(stored.id),
      text: 'open',
    });
    return;
  }
  if (record === null) {
    item.state('still processing after two minutes: see the timeline', 'failed', {
      href: articleHref(stored.id),
      text: 'open',
    });
    return;
  }
  if (record.status === 'rejected') {
    const code = record.error?.code ?? 'UNKNOWN';
    item.state(`rejected: ${code}`, 'rejected', { href: articleHref(record.id), text: 'open the record' });
    item.element.dataset.errorCode = code;
    options.announce(`${key} was rejected: ${code}`);
  } else {
    item.state('processed', 'done', { href: articleHref(record.id), text: 'open the article' });
    options.announce(`${key} processed`);
  }
  item.element.dataset.id = record.id;
  options.onRecord(record.id);
}

/** XMLHttpRequest rather than fetch: only it reports an upload's progress. */
function put(file: File, key: string, sourceUrl: string, item: UploadItem): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', `/console/api/objects?${new URLSearchParams({ key })}`);
    const contentType = uploadContentType(file.name) ?? (file.type === '' ? undefined : file.type);
    if (contentType !== undefined) request.setRequestHeader('content-type', contentType);
    if (sourceUrl !== '') request.setRequestHeader('x-source-url', sourceUrl);
    request.responseType = 'json';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) item.progress(event.loaded, event.total);
    });
    request.addEventListener('load', () => {
      if (request.status >= 200 && request.status < 300) resolve(request.response as UploadResult);
      else reject(errorOf(request.status, request.response));
    });
    request.addEventListener('error', () =>
      reject(new ApiError(0, 'NETWORK', 'the local server does not answer')),
    );
    request.send(file);
  });
}

/** Polls the record until it reflects this upload (same ETag), backing off to once a second. */
async function waitForRecord(stored: UploadResult): Promise<ArticleRecord | null> {
  const deadline = Date.now() + PROCESSING_PATIENCE_MS;
  let delay = 150;
  while (Date.now() < deadline) {
    try {
      const record = await getArticle(stored.id);
      if (stored.etag === null || record.source.etag?.replaceAll('"', '') === stored.etag) return record;
    } catch (error: unknown) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(1_000, delay * 1.5);
  }
  return null;
}

const joinKey = (prefix: string, name: string): string =>
  prefix === '' || prefix.endsWith('/') ? `${prefix}${name}` : `${prefix}/${name}`;

/** As `aws s3 cp --recursive` and the CLI's `upload`, a folder's files keep their path below it. */
const withoutTopFolder = (path: string): string => {
  const slash = path.indexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
};

const isHidden = (path: string): boolean => path.split('/').some((part) => part.startsWith('.'));

/**
 * The files of a drop, folders walked (entries must be taken before the handler returns; the
 * list is empty afterwards). Hidden files are skipped, as the CLI's `upload` skips them.
 */
function filesOfDrop(transfer: DataTransfer): Promise<PendingFile[]> {
  const entries = [...transfer.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry());
  const files = [...transfer.files];
  if (entries.length === 0 || entries.some((entry) => entry === null))
    return Promise.resolve(files.map((file) => ({ file, path: file.name })));
  return (async () => {
    const found: PendingFile[] = [];
    for (const entry of entries) if (entry !== null) await walk(entry, '', true, found);
    return found.filter((pending) => !isHidden(pending.path));
  })();
}

/** `base`: the path below the dropped folder so far (the dropped folder's own name is not kept). */
async function walk(entry: FileSystemEntry, base: string, top: boolean, found: PendingFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    found.push({ file, path: `${base}${entry.name}` });
    return;
  }
  const below = top ? '' : `${base}${entry.name}/`;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    // readEntries answers in batches (100 in Chromium) until it answers none.
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, below, false, found);
  }
}
