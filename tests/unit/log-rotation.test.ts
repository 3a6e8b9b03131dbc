import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LOG_FILES, openLogFile } from '../../lib/cli/start-command.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(directories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const writeAll = (stream: Writable, lines: readonly string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    stream.on('error', reject);
    for (const line of lines) stream.write(line);
    stream.end(resolve);
  });

describe('the local runtime log files', () => {
  it('rotate past their size, keeping the configured number of older files', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'log-rotation-'));
    directories.push(dataDir);
    const line = `${'x'.repeat(99)}\n`;
    // 1 KiB files, two rotated ones kept; 5 KiB written in all.
    const log = openLogFile(dataDir, LOG_FILES.handlers, { size: '1K', rotate: 2 });
    await writeAll(
      log,
      Array.from({ length: 50 }, () => line),
    );

    const names = (await readdir(join(dataDir, 'logs'))).sort();
    expect(names).toEqual(['handlers.log', 'handlers.log.1', 'handlers.log.2']);
    for (const name of names) {
      expect((await stat(join(dataDir, 'logs', name))).size).toBeLessThanOrEqual(1024 + line.length);
    }
  });

  it('append to the file an earlier run left', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'log-rotation-'));
    directories.push(dataDir);
    await mkdir(join(dataDir, 'logs'));
    await writeFile(join(dataDir, LOG_FILES.runtime), 'earlier run\n');
    await writeAll(openLogFile(dataDir, LOG_FILES.runtime), ['this run\n']);
    expect(await readFile(join(dataDir, LOG_FILES.runtime), 'utf8')).toBe('earlier run\nthis run\n');
  });
});
