import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleRecordSchema } from '../../lib/article/article-schema.js';
import { articleId } from '../../lib/article/index.js';
import { CLI_BIN, type CliRun, collectRun } from '../support/cli-process.js';

const repo = new URL('../../', import.meta.url);
const bin = CLI_BIN;
const seedPath = new URL('../shared/seed/seed-article.txt', repo).pathname;

type Run = CliRun;

function extract(
  args: readonly string[],
  cwd: string,
  { command = bin, env = {} }: { command?: string; env?: Readonly<Record<string, string>> } = {},
): Promise<Run> {
  return collectRun(
    spawn(process.execPath, [command, 'extract', ...args], { cwd, env: { ...process.env, ...env } }),
  );
}

const jsonLines = (text: string): unknown[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);

let dir = '';
/** A batch large enough for worker threads: every fourth file a big page, some empty. */
const batchNames = Array.from(
  { length: 48 },
  (_v, i) => `batch/${String(i).padStart(2, '0')}.${i % 4 === 0 ? 'html' : 'txt'}`,
);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-extract-'));
  await mkdir(join(dir, 'articles', 'nested'), { recursive: true });
  await writeFile(join(dir, 'articles', 'b.txt'), await readFile(seedPath));
  await writeFile(
    join(dir, 'articles', 'a.md'),
    '# Title\n\nA first paragraph of the article, long enough to count.\n',
  );
  await writeFile(join(dir, 'articles', 'nested', 'c.txt'), 'Plain text body of an article. It has words.\n');
  await writeFile(join(dir, 'articles', '.hidden.txt'), 'not read');
  await writeFile(join(dir, 'empty.txt'), '');
  // Big pages between tiny ones, so that files handed out later finish first on another thread.
  const bigPage = `<html><head><title>Big</title></head><body><article>${'<p>A long paragraph of article text, with words enough to count for something.</p>'.repeat(6000)}</article></body></html>`;
  await mkdir(join(dir, 'batch'), { recursive: true });
  for (const [i, name] of batchNames.entries()) {
    const body = i % 4 === 0 ? bigPage : i % 7 === 3 ? '' : `Plain text article number ${i}. It has words.\n`;
    await writeFile(join(dir, name), body);
  }
  await writeFile(
    join(dir, 'image.png'),
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('article-pipeline extract', () => {
  it('prints one file as one pretty JSON record that follows the contract', async () => {
    const run = await extract(['articles/b.txt'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('{\n  "id"')).toBe(true);
    const record = articleRecordSchema.parse(JSON.parse(run.stdout));
    expect(record.id).toBe(articleId(null, 'articles/b.txt'));
    expect(record.source).toEqual({
      bucket: null,
      key: 'articles/b.txt',
      size: 9316,
      contentType: null,
      etag: null,
      versionId: null,
      sequencer: null,
    });
    expect(record.publishedAt).toBe('2017-05-22');
    expect(record.wordCount).toBe(745);
    expect(Object.keys(record).slice(0, 4)).toEqual(['id', 'status', 'error', 'source']);
    expect(Date.parse(record.processedAt)).not.toBeNaN();
  });

  it('prints a folder as JSON Lines, recursively, in sorted order, skipping hidden files', async () => {
    const run = await extract(['articles'], dir);
    expect(run.code).toBe(0);
    const keys = jsonLines(run.stdout).map((line) => articleRecordSchema.parse(line).source.key);
    expect(keys).toEqual(['articles/a.md', 'articles/b.txt', 'articles/nested/c.txt']);
  });

  it('applies --content-type and --source-url to every file', async () => {
    const run = await extract(
      [
        'articles/nested/c.txt',
        'articles/a.md',
        '--content-type',
        'text/markdown; charset=utf-8',
        '--source-url',
        'https://example.org/2019/03/04/x',
      ],
      dir,
    );
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout).map((line) => articleRecordSchema.parse(line));
    expect(records.map((r) => [r.source.contentType, r.format, r.publishedAt])).toEqual([
      ['text/markdown; charset=utf-8', 'markdown', '2019-03-04'],
      ['text/markdown; charset=utf-8', 'markdown', '2019-03-04'],
    ]);
  });

  it('adds the content object of the content route with --content', async () => {
    const run = await extract(['articles/b.txt', '--content'], dir);
    const printed = JSON.parse(run.stdout) as {
      id: string;
      content: { id: string; blocks: unknown[]; text: string };
    };
    expect(printed.content.id).toBe(printed.id);
    expect(printed.content.blocks.length).toBeGreaterThan(11);
    expect(printed.content.text.split('\n\n')).toHaveLength(11);
  });

  it('reads a manifest of paths relative to the current folder, with per-file source URL and type', async () => {
    const manifest = [
      JSON.stringify({ path: 'articles/nested/c.txt', sourceUrl: 'https://example.org/2020/01/02/c' }),
      '',
      JSON.stringify({ path: 'articles/a.md', contentType: 'text/markdown' }),
    ].join('\n');
    await writeFile(join(dir, 'manifest.jsonl'), manifest);
    const run = await extract(['--manifest', 'manifest.jsonl'], dir);
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout).map((line) => articleRecordSchema.parse(line));
    expect(records.map((r) => [r.source.key, r.publishedAt, r.format])).toEqual([
      ['articles/nested/c.txt', '2020-01-02', 'text'],
      ['articles/a.md', null, 'markdown'],
    ]);
  });

  it('exits 1 when a file is rejected, still printing every record, with one reason line each', async () => {
    const run = await extract(['empty.txt', 'articles/b.txt', 'image.png'], dir);
    expect(run.code).toBe(1);
    const records = jsonLines(run.stdout).map((line) => articleRecordSchema.parse(line));
    expect(records.map((r) => [r.status, r.error?.code ?? null])).toEqual([
      ['rejected', 'EMPTY'],
      ['processed', null],
      ['rejected', 'UNSUPPORTED_FORMAT'],
    ]);
    const reasons = run.stderr.trim().split('\n');
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^empty\.txt: rejected EMPTY: /u);
    expect(reasons[1]).toMatch(/^image\.png: rejected UNSUPPORTED_FORMAT: /u);
  });

  it('rejects a file over 10 MiB as TOO_LARGE from its size, still hashing its bytes', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);
    await writeFile(join(dir, 'big.txt'), big);
    const run = await extract(['big.txt'], dir);
    expect(run.code).toBe(1);
    const record = articleRecordSchema.parse(JSON.parse(run.stdout));
    expect(record.error?.code).toBe('TOO_LARGE');
    expect(record.source.size).toBe(big.length);
    expect(record.contentHash).toBe(`sha256:${createHash('sha256').update(big).digest('hex')}`);
    expect(run.stderr).toMatch(/^big\.txt: rejected TOO_LARGE: /u);
  });

  it.each([
    ['no path', []],
    ['an unknown option', ['--nope', 'articles']],
    ['paths and a manifest together', ['articles', '--manifest', 'manifest.jsonl']],
    ['a source URL that is not a URL', ['articles/b.txt', '--source-url', 'not a url']],
    ['a path that does not exist', ['missing.txt']],
  ])('exits 2 on a usage error: %s', async (_name, args) => {
    const run = await extract(args, dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toBe('');
  });

  it('exits 2 on a manifest line that is not a valid entry', async () => {
    await writeFile(join(dir, 'bad.jsonl'), '{"sourceUrl":"https://example.org/"}\n');
    const run = await extract(['--manifest', 'bad.jsonl'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.jsonl:1/u);
  });

  it('keeps input order in a large batch whose files finish out of order, reasons in the same order', async () => {
    // One worker thread beside the main one, whatever the machine's load.
    const run = await extract(['batch', '--content'], dir, { env: { EXTRACT_WORKERS: '1' } });
    expect(run.code).toBe(1);
    const records = jsonLines(run.stdout) as { source: { key: string }; content: { id: string } }[];
    expect(records.map((r) => r.source.key)).toEqual(batchNames);
    expect(records.every((r) => articleRecordSchema.safeParse({ ...r, content: undefined }).success)).toBe(
      true,
    );
    const empty = batchNames.filter((_name, i) => i % 4 !== 0 && i % 7 === 3);
    expect(run.stderr.trim().split('\n')).toEqual(
      empty.map((name) => `${name}: rejected EMPTY: ${emptyReason(run.stderr)}`),
    );
  });

  it('prints the same records and reasons from worker threads as from the main thread alone', async () => {
    const withoutProcessedAt = (stdout: string): unknown[] =>
      jsonLines(stdout).map((line) => ({ ...(line as object), processedAt: null }));
    const alone = await extract(['batch', 'articles'], dir, { env: { EXTRACT_WORKERS: '0' } });
    const pooled = await extract(['batch', 'articles'], dir, { env: { EXTRACT_WORKERS: '2' } });
    expect(alone.code).toBe(1);
    expect(pooled.code).toBe(alone.code);
    expect(withoutProcessedAt(pooled.stdout)).toEqual(withoutProcessedAt(alone.stdout));
    expect(pooled.stderr).toBe(alone.stderr);
  });

  it('exits 2 when EXTRACT_WORKERS is not a worker count', async () => {
    const run = await extract(['articles'], dir, { env: { EXTRACT_WORKERS: 'many' } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/EXTRACT_WORKERS/u);
  });

  it('reports an unreadable file of a large manifest, prints the others in order and exits 2', async () => {
    const paths = Array.from({ length: 30 }, (_v, i) =>
      i === 17 ? 'batch/missing.txt' : 'articles/nested/c.txt',
    );
    await writeFile(join(dir, 'many.jsonl'), paths.map((path) => JSON.stringify({ path })).join('\n'));
    const run = await extract(['--manifest', 'many.jsonl'], dir, { env: { EXTRACT_WORKERS: '1' } });
    expect(run.code).toBe(2);
    expect(jsonLines(run.stdout)).toHaveLength(29);
    expect(run.stderr).toMatch(/^batch\/missing\.txt: cannot read: ENOENT/u);
  });

  it('rebuilds its bundle when a source changes, never running the stale one', async () => {
    const copy = join(dir, 'repo-copy');
    await mkdir(copy);
    await cp(new URL('bin', repo), join(copy, 'bin'), { recursive: true });
    await cp(new URL('lib', repo), join(copy, 'lib'), { recursive: true });
    await cp(new URL('package.json', repo), join(copy, 'package.json'));
    await symlink(new URL('node_modules', repo).pathname, join(copy, 'node_modules'));
    const copiedBin = join(copy, 'bin', 'article-pipeline.js');
    const before = await extract(['--help'], dir, { command: copiedBin });
    expect(before.stdout).toMatch(/^usage: article-pipeline extract/u);
    expect((await stat(join(copy, 'dist', 'cli', 'stamp.json'))).isFile()).toBe(true);
    const source = join(copy, 'lib', 'cli', 'extract-command.ts');
    const text = await readFile(source, 'utf8');
    await writeFile(
      source,
      text.replace('usage: article-pipeline extract', 'usage (edited): article-pipeline extract'),
    );
    const after = await extract(['--help'], dir, { command: copiedBin });
    expect(after.stdout).toMatch(/^usage \(edited\): article-pipeline extract/u);
  });
});

describe('article-pipeline extract on links, special files and huge fields', () => {
  let linked = '';

  beforeAll(async () => {
    linked = join(dir, 'linked');
    await mkdir(join(linked, 'folder', 'sub'), { recursive: true });
    await writeFile(join(linked, 'folder', 'real.txt'), 'Plain text body of a real article. It has words.\n');
    await symlink(join(dir, 'articles', 'nested', 'c.txt'), join(linked, 'folder', 'file-link.txt'));
    await symlink(join(dir, 'articles', 'nested'), join(linked, 'folder', 'folder-link'));
    await symlink(join(linked, 'folder'), join(linked, 'folder', 'sub', 'loop'));
    await symlink(join(linked, 'nowhere.txt'), join(linked, 'folder', 'broken.txt'));
    execFileSync('mkfifo', [join(linked, 'folder', 'pipe')]);
  });

  it('follows symbolic links in a folder, reports loops, broken links and FIFOs, and ends', async () => {
    const run = await extract(['linked/folder'], dir);
    const keys = jsonLines(run.stdout).map((line) => articleRecordSchema.parse(line).source.key);
    expect(keys).toEqual([
      'linked/folder/file-link.txt',
      'linked/folder/folder-link/c.txt',
      'linked/folder/real.txt',
    ]);
    expect(run.stderr.trim().split('\n')).toEqual([
      'linked/folder/broken.txt: skipped: a broken symbolic link',
      'linked/folder/pipe: skipped: not a regular file (a named pipe)',
      'linked/folder/sub/loop: skipped: a symbolic link loop (links to a folder that contains it)',
    ]);
    expect(run.code).toBe(2);
  });

  it.each(['/dev/null', 'linked/folder/pipe'])(
    'exits 2 with one clear line, no stack trace, for %s (neither a file nor a folder)',
    async (path) => {
      const run = await extract([path], dir);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        new RegExp(
          `^article-pipeline extract: ${path}: not a regular file or folder \\(a [a-z ]+\\)\n$`,
          'u',
        ),
      );
    },
  );

  it('escapes a file name with a line break in its reason line, so it stays one line', async () => {
    await mkdir(join(dir, 'odd'), { recursive: true });
    await writeFile(join(dir, 'odd', 'line\nbreak.txt'), '');
    const run = await extract(['odd'], dir);
    expect(run.code).toBe(1);
    expect(articleRecordSchema.parse(JSON.parse(run.stdout)).source.key).toBe('odd/line\nbreak.txt');
    expect(run.stderr).toMatch(/^"odd\/line\\nbreak\.txt": rejected EMPTY: [^\n]*\n$/u);
  });

  it('reports a FIFO named in a manifest without reading it', async () => {
    await writeFile(
      join(dir, 'pipe.jsonl'),
      [
        JSON.stringify({ path: 'linked/folder/pipe' }),
        JSON.stringify({ path: 'articles/nested/c.txt' }),
      ].join('\n'),
    );
    const run = await extract(['--manifest', 'pipe.jsonl'], dir);
    expect(run.code).toBe(2);
    expect(jsonLines(run.stdout)).toHaveLength(1);
    expect(run.stderr).toBe('linked/folder/pipe: not a regular file (a named pipe)\n');
  });

  it('prints a two-million-character title cut to 2,000 characters, as the store keeps it', async () => {
    const title = 'ع'.repeat(2_000_000);
    await writeFile(
      join(dir, 'huge-title.html'),
      `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${'A paragraph of article text. '.repeat(20)}</p></article></body></html>`,
    );
    const run = await extract(['huge-title.html'], dir);
    const record = articleRecordSchema.parse(JSON.parse(run.stdout));
    expect(record.title).toBe('ع'.repeat(2_000));
  });
});

/** The EMPTY reason as the CLI words it, read from its own output rather than restated here. */
function emptyReason(stderr: string): string {
  return /rejected EMPTY: (.*)/u.exec(stderr)?.[1] ?? '';
}
