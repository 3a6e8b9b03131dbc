/**
 * The local console in a real browser: `article-pipeline start` as a child process on free ports,
 * headless Chromium (Debian's package, driven by playwright-core; no browser is downloaded). Files
 * are dropped on the page and go through the local S3 endpoint, so the real pipeline processes
 * them. Screenshots go to test-output/console/ for a reviewer. Without Chromium the tests are
 * skipped and the summary says so in one line (tests/support/summary-reporter.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../lib/article/article-id.js';
import { findChromium } from '../support/chromium.js';

const chromiumPath = findChromium();
const RAW = 'articles-raw';
/** The seed article, in `../shared` beside the repository (as CI lays it out). */
const SEED = new URL('../../../shared/seed/seed-article.txt', import.meta.url);
const EXPECTED = new URL('../../../shared/seed/expected.json', import.meta.url);
const READING_LIST = new URL('../fixtures/console/reading-list.html', import.meta.url);
/** An article titled as one of the seed's "اقرأ أيضًا" references, which then resolves to it. */
const RELATED_TARGET = new URL('../fixtures/console/related-target.md', import.meta.url);
const OUTPUT = fileURLToPath(new URL('../../test-output/console/', import.meta.url));
/** The seed's original URL, given as its `source-url` metadata from the upload panel. */
const SEED_URL = 'https://www.example.org/2017/05/22/isis-damascus';
const READY = /^article-pipeline ready .* api=(\S+) console=(\S+)/;
/** How long the page may take to show what the pipeline made (processing, the API's caches). */
const UI_TIMEOUT_MS = 30_000;

interface Expected {
  readonly publishedAt: string;
  readonly images: readonly { readonly caption: string; readonly credit: string }[];
  readonly highlights: readonly string[];
  readonly links: readonly { readonly kind: string; readonly text: string }[];
  readonly wordCountOfBodyParagraphs: number;
}

interface Pipeline {
  readonly child: ChildProcess;
  readonly apiEndpoint: string;
  readonly consoleUrl: string;
  readonly exited: Promise<unknown>;
}

async function startPipeline(dataDir: string): Promise<Pipeline> {
  const child = spawn(process.execPath, ['bin/article-pipeline.js', 'start'], {
    env: { ...process.env, S3_PORT: '0', DYNAMODB_PORT: '0', API_PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = output
        .split('\n')
        .map((line) => READY.exec(line))
        .find((m) => m !== null);
      if (match?.[1] !== undefined && match[2] !== undefined)
        resolve({ child, apiEndpoint: match[1], consoleUrl: match[2], exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`the pipeline exited before it was ready:\n${output}`)));
  });
}

/** Drops files on the page the way a file manager does: one `drop` event with a DataTransfer. */
async function dropFiles(
  page: Page,
  files: readonly { name: string; type: string; text: string }[],
): Promise<void> {
  // Written as a string: this runs in the page, whose DOM types the Node project does not load.
  await page.evaluate(`(() => {
    const files = ${JSON.stringify(files)};
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(new File([file.text], file.name, { type: file.type }));
    const target = document.getElementById('dropzone');
    for (const type of ['dragenter', 'dragover', 'drop'])
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  })()`);
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Uploads one file through the console's file picker and waits until its record is processed. */
async function uploadAndWait(page: Page, name: string, mimeType: string, source: URL): Promise<void> {
  await page.locator('#upload-files').setInputFiles({ name, mimeType, buffer: await readFile(source) });
  await page.locator(`.upload-item[data-key="${name}"] .upload-state`, { hasText: 'processed' }).waitFor();
}

async function seriousViolations(page: Page, axeSource: string): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not cover.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

describe.skipIf(chromiumPath === null)('the local console in Chromium', () => {
  let dataDir: string;
  let pipeline: Pipeline;
  let browser: Browser;
  let page: Page;
  let axeSource: string;
  let expected: Expected;
  const pageErrors: string[] = [];
  const seedId = articleId(RAW, 'seed-article.txt');
  const readingListId = articleId(RAW, 'reading-list.html');

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    expected = JSON.parse(await readFile(EXPECTED, 'utf8')) as Expected;
    axeSource = await readFile(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
    await mkdir(OUTPUT, { recursive: true });
    dataDir = await mkdtemp(join(tmpdir(), 'console-browser-'));
    pipeline = await startPipeline(dataDir);
    browser = await chromium.launch({
      ...(chromiumPath === null ? {} : { executablePath: chromiumPath }),
      // Root in CI containers cannot use Chromium's sandbox.
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A 404 while an upload waits for its record is expected; a CSP violation or a script error is not.
      if (message.type() === 'error' && !/status of 404/.test(message.text()))
        pageErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (pipeline !== undefined && pipeline.child.exitCode === null) {
      pipeline.child.kill('SIGTERM');
      await pipeline.exited;
    }
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('opens the console at / (a redirect to the console URL the ready line names), with an empty timeline', async () => {
    expect(pipeline.consoleUrl).toBe(`${pipeline.apiEndpoint}/console/`);
    await page.goto(`${pipeline.apiEndpoint}/`);
    expect(page.url()).toBe(pipeline.consoleUrl);
    await expect(page.locator('h1').textContent()).resolves.toBe('Timeline');
    await page.getByText('No articles yet').waitFor();
  });

  it('uploads the seed dropped on the page and shows it right to left, as expected.json describes it', async () => {
    await page.getByText('Key prefix and source URL').click();
    await page.getByLabel('Source URL').fill(SEED_URL);
    await dropFiles(page, [
      { name: 'seed-article.txt', type: 'text/plain', text: await readFile(SEED, 'utf8') },
    ]);
    const upload = page.locator('.upload-item[data-key="seed-article.txt"]');
    await upload.locator('.upload-state', { hasText: 'processed' }).waitFor();
    expect(await upload.getAttribute('data-id')).toBe(seedId);
    // The source URL was for this file only; the options fold away again.
    expect(await page.getByLabel('Source URL').inputValue()).toBe('');
    await page.getByText('Key prefix and source URL').click();
    // The timeline lists it without a reload.
    const row = page.locator(`tr[data-id="${seedId}"]`);
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('2017-05-22');
    expect(await row.locator('td').nth(3).textContent()).toBe('745');

    await row.getByRole('link').click();
    const article = page.locator('article.article-body');
    await article.waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('view-heading');
    expect(await article.getAttribute('dir')).toBe('rtl');
    expect(await article.getAttribute('lang')).toBe('ar');
    expect(await page.locator('time.published').textContent()).toBe(expected.publishedAt);
    const [image] = expected.images;
    expect(await article.locator('figcaption .caption-text').textContent()).toBe(image?.caption);
    expect(await article.locator('figcaption .credit').textContent()).toBe(`Credit: ${image?.credit}`);
    expect(await article.locator('.block-highlight').allTextContents()).toEqual(expected.highlights);
    const related = expected.links.filter((link) => link.kind === 'related').map((link) => link.text);
    expect(related).toHaveLength(5);
    expect(await article.locator('.block-related > :last-child').allTextContents()).toEqual(related);
    expect(await page.locator('.link-group-related .link-text').allTextContents()).toEqual(related);
    expect(await page.locator('.word-count').textContent()).toBe(
      `${expected.wordCountOfBodyParagraphs} words`,
    );
    expect(await page.locator('.object-key').textContent()).toBe('seed-article.txt');
    expect(await page.locator('.object-size').textContent()).toContain('9,316 bytes');
    await page.getByText('No stored article links here yet.').waitFor();
    await page.screenshot({ path: join(OUTPUT, 'article.png') });
    await page.screenshot({ path: join(OUTPUT, 'article-full.png'), fullPage: true });
  });

  it("lists an English page that links to the seed's URL among the seed's backlinks, and opens it", async () => {
    await uploadAndWait(page, 'reading-list.html', 'text/html', READING_LIST);

    await page.goto(pipeline.consoleUrl);
    await page.goto(`${pipeline.consoleUrl}#/articles/${seedId}`);
    const backlink = page.locator('a.backlink');
    await backlink.waitFor();
    expect(await backlink.textContent()).toBe('Syria in May 2017: a reading list');
    await backlink.click();
    await page.waitForURL(`**/console/#/articles/${readingListId}`);
    const article = page.locator('article.article-body');
    await article.waitFor();
    expect(await page.locator('h1').textContent()).toBe('Syria in May 2017: a reading list');
    expect(await article.getAttribute('dir')).toBe('ltr');
    expect(await article.getAttribute('lang')).toBe('en');
    const seedLink = page.locator('.link-group-inline .link-item', { hasText: SEED_URL });
    expect(await seedLink.locator('.badge').textContent()).toBe('external');
    const nofollow = page.locator('.link-group-inline .link-item', { hasText: 'Raqqa' });
    expect(await nofollow.locator('.badge').textContent()).toBe('internal');
    expect(await nofollow.locator('.rel code').textContent()).toBe('nofollow');
    await page.screenshot({ path: join(OUTPUT, 'article-english.png'), fullPage: true });
  });

  it('shows a rejected upload with its error code, in the upload list and in the timeline', async () => {
    await page.goto(pipeline.consoleUrl);
    await page.locator(`tr[data-id="${seedId}"]`).waitFor();
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await page
      .locator('#upload-files')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
    const upload = page.locator('.upload-item[data-key="photo.png"]');
    await upload.locator('.upload-state', { hasText: 'rejected' }).waitFor();
    expect(await upload.getAttribute('data-error-code')).toBe('UNSUPPORTED_FORMAT');
    const row = page.locator(`tr[data-id="${articleId(RAW, 'photo.png')}"]`);
    await row.waitFor();
    expect(await row.locator('.error-code').textContent()).toBe('UNSUPPORTED_FORMAT');
    expect(await row.locator('.error-message').textContent()).not.toBe('');
    await page.screenshot({ path: join(OUTPUT, 'timeline.png') });
  });

  it("filters the timeline with the API's filters, kept in the address", async () => {
    await page.getByLabel('Status').selectOption('rejected');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL('**/console/#/?status=rejected');
    await page.locator('tr[data-id]').first().waitFor();
    await expect(page.locator('tr[data-id]').count()).resolves.toBe(1);
    await page.goto(`${pipeline.consoleUrl}#/?language=ar`);
    await page.locator(`tr[data-id="${seedId}"]`).waitFor();
    await expect(page.locator('tr[data-id]').count()).resolves.toBe(1);
    await page.goto(`${pipeline.consoleUrl}#/?from=2017-05-23&to=2017-05-31`);
    await page.locator(`tr[data-id="${readingListId}"]`).waitFor();
    await expect(page.locator('tr[data-id]').count()).resolves.toBe(1);
  });

  it('uploads a chosen folder under a key prefix, each file with its own progress and status', async () => {
    const folder = join(dataDir, 'dropped-folder');
    await mkdir(join(folder, 'sub'), { recursive: true });
    const paragraph = 'A short note written in English for the console test, long enough to be an article. ';
    await writeFile(join(folder, 'a.txt'), paragraph.repeat(5));
    await writeFile(join(folder, 'sub', 'b.md'), `# A second note\n\n${paragraph.repeat(5)}\n`);
    await writeFile(join(folder, '.hidden'), 'never uploaded');
    await page.goto(pipeline.consoleUrl);
    await page.getByText('Key prefix and source URL').click();
    await page.getByLabel('Key prefix').fill('batch');
    await page.locator('#upload-folder').setInputFiles(folder);
    for (const key of ['batch/a.txt', 'batch/sub/b.md']) {
      const item = page.locator(`.upload-item[data-key="${key}"]`);
      await item.locator('.upload-state', { hasText: 'processed' }).waitFor();
      expect(await item.locator('progress').getAttribute('aria-label')).toBe(`Upload of ${key}`);
      expect(await item.getAttribute('data-id')).toBe(articleId(RAW, key));
    }
    await expect(page.locator('.upload-item').count()).resolves.toBe(2);
  });

  it('opens the target record from a resolved "اقرأ أيضًا" reference', async () => {
    const title = 'لأجل من قُتلت سوريا؟';
    await page.goto(pipeline.consoleUrl);
    await uploadAndWait(page, 'related-target.md', 'text/markdown', RELATED_TARGET);
    await page.goto(`${pipeline.consoleUrl}#/articles/${seedId}`);
    const reference = page.locator('article .block-related a', { hasText: title });
    await reference.waitFor();
    await reference.click();
    await page.waitForURL(`**/console/#/articles/${articleId(RAW, 'related-target.md')}`);
    await page.locator('article.article-body').waitFor();
    expect(await page.locator('h1').textContent()).toBe(title);
    expect(await page.locator('h1 [dir="rtl"]').getAttribute('lang')).toBe('ar');
  });

  it('is usable from the keyboard: the skip link, then the timeline links and the article', async () => {
    await page.goto(pipeline.consoleUrl);
    await page.locator(`tr[data-id="${seedId}"]`).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to the content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    await page.locator(`tr[data-id="${seedId}"] a`).focus();
    await page.keyboard.press('Enter');
    await page.locator('article.article-body').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('view-heading');
  });

  it('has no serious or critical accessibility violations (axe-core), on the timeline and the article view', async () => {
    await page.goto(pipeline.consoleUrl);
    await page.locator(`tr[data-id="${seedId}"]`).waitFor();
    expect(await seriousViolations(page, axeSource)).toEqual([]);
    await page.goto(`${pipeline.consoleUrl}#/articles/${seedId}`);
    await page.locator('a.backlink').waitFor();
    expect(await seriousViolations(page, axeSource)).toEqual([]);
    await page.goto(`${pipeline.consoleUrl}#/articles/${articleId(RAW, 'photo.png')}`);
    await page.locator('.error-box.rejected').waitFor();
    expect(await seriousViolations(page, axeSource)).toEqual([]);
  });

  it('ran without a script error or a Content-Security-Policy violation', () => {
    expect(pageErrors).toEqual([]);
  });
});
