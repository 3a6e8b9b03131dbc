/**
 * The `article-pipeline` command as a user's shell runs it: help on stdout with exit 0, usage
 * errors on stderr with exit 2, `--version`, clear one-line errors, one `start` per data folder.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../lib/cli/data-folder-lock.js';
import { CLI_BIN, type CliRun, collectRun } from '../support/cli-process.js';

const repo = new URL('../../', import.meta.url);
const bin = CLI_BIN;
const packageVersion = (
  JSON.parse(readFileSync(new URL('package.json', repo), 'utf8')) as { version: string }
).version;

type Run = CliRun;

let dir = '';

function start(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): ChildProcessWithoutNullStreams {
  // The timeout only ends a process a regression would leave running (a start that ignores its
  // arguments); no assertion depends on it.
  return spawn(process.execPath, [bin, ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
    timeout: 60_000,
    killSignal: 'SIGKILL',
  });
}

const finished = collectRun;

/** Ports chosen by the system and a data folder of the test's own, for anything that might start. */
const isolated = (name: string): Readonly<Record<string, string>> => ({
  S3_PORT: '0',
  DYNAMODB_PORT: '0',
  API_PORT: '0',
  DATA_DIR: join(dir, name),
});

const cli = (args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Run> =>
  finished(start(args, env));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-conventions-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SUBCOMMANDS = ['extract', 'start', 'upload', 'reprocess', 'reconcile', 'dead-letters'] as const;

describe('article-pipeline help, usage and version', () => {
  it.each([['--help'], ['-h'], ['help']])('prints the usage on stdout for %s, exit 0', async (flag) => {
    const run = await cli([flag]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^usage: article-pipeline <command>/u);
    for (const name of SUBCOMMANDS) expect(run.stdout).toContain(`  ${name}`);
  });

  it('treats no arguments as a usage error: usage on stderr, exit 2', async () => {
    const run = await cli([]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^article-pipeline: no command given\n\nusage: article-pipeline <command>/u);
  });

  it('rejects an unknown command on stderr, exit 2', async () => {
    const run = await cli(['frobnicate']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^article-pipeline: unknown command: frobnicate\n/u);
  });

  it('prints the package version with --version, exit 0', async () => {
    expect(await cli(['--version'])).toEqual({
      code: 0,
      stdout: `article-pipeline ${packageVersion}\n`,
      stderr: '',
    });
  });

  it.each(SUBCOMMANDS)(
    'prints the help of %s on stdout with --help and through help, exit 0',
    async (name) => {
      for (const args of [
        [name, '--help'],
        ['help', name],
      ]) {
        const run = await cli(args);
        expect(run, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
        expect(run.stdout, args.join(' ')).toMatch(new RegExp(`^usage: article-pipeline ${name}\\b`, 'u'));
      }
    },
  );

  it.each(SUBCOMMANDS)(
    'rejects an unknown option of %s on stderr, exit 2, printing nothing on stdout',
    async (name) => {
      // Were --bogus ignored, start would run: on ports and a folder of its own, never the defaults.
      const run = await cli([name, '--bogus'], isolated('bogus'));
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toMatch(/bogus/u);
      expect(run.stderr).toContain(`usage: article-pipeline ${name}`);
    },
  );

  it('treats upload without a path as a usage error', async () => {
    const run = await cli(['upload']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^article-pipeline upload: no PATH given\n/u);
  });
});

describe('article-pipeline errors a user can act on', () => {
  it('refuses to upload /dev/null with one clear line, no stack trace, uploading nothing', async () => {
    // Port 9 (discard): were anything uploaded, it would fail rather than reach a real pipeline.
    const run = await cli(['upload', '/dev/null'], { S3_PORT: '9' });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: 'article-pipeline upload: /dev/null: not a regular file or folder (a character device)\n',
    });
  });

  it('reports a broken link in an uploaded folder and exits 1, though nothing else failed', async () => {
    await mkdir(join(dir, 'only-broken'), { recursive: true });
    await symlink(join(dir, 'nowhere.txt'), join(dir, 'only-broken', 'gone.txt'));
    const run = await cli(['upload', 'only-broken'], { S3_PORT: '9' });
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'article-pipeline upload: skipping only-broken/gone.txt: a broken symbolic link\n' +
        'uploaded 0 of 0 to s3://articles-raw; 1 skipped (reasons above)\n',
    });
  });

  it('says that a mistyped DATA_DIR does not exist instead of reporting no dead letters', async () => {
    const missing = join(dir, 'no-such-data');
    const run = await cli(['dead-letters'], { DATA_DIR: missing });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(
      `article-pipeline dead-letters: data folder ${missing} does not exist (is DATA_DIR right?)\n`,
    );
  });

  it('says that a folder which is not a data folder has no queue, exit 1', async () => {
    const run = await cli(['dead-letters'], { DATA_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not a data folder of the local pipeline/u);
  });

  it('reports 0 dead letters in a data folder that has none', async () => {
    await mkdir(join(dir, 'data', 'queue', 'dead'), { recursive: true });
    const run = await cli(['dead-letters'], { DATA_DIR: join(dir, 'data') });
    expect(run).toEqual({ code: 0, stdout: '', stderr: `0 dead letter(s) in ${join(dir, 'data')}\n` });
  });
});

describe('article-pipeline start', () => {
  it('refuses a second start on the same data folder, naming the process that holds it', async () => {
    const dataDir = join(dir, 'shared-data');
    const env = isolated('shared-data');
    const first = start(['start'], env);
    const firstDone = finished(first);
    try {
      await new Promise<void>((resolve, reject) => {
        let seen = '';
        first.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString('utf8');
          if (seen.includes('article-pipeline ready')) resolve();
        });
        first.on('close', () => reject(new Error('the first start ended before it was ready')));
      });
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${first.pid}\n`);

      const second = await cli(['start'], env);
      expect(second.code).toBe(1);
      expect(second.stdout).toBe('');
      expect(second.stderr).toContain(`this data folder (${dataDir}) is in use by process ${first.pid}`);
      expect(second.stderr).not.toMatch(/Database is closed|\n\s+at /u);
    } finally {
      first.kill('SIGINT');
    }
    expect((await firstDone).code).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 60_000);
});
