import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, LOCK_FILE, lockDataFolder } from '../../lib/cli/data-folder-lock.js';

let dataDir: string;

beforeEach(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 'data-folder-lock-')), 'data');
});

afterEach(async () => {
  await rm(join(dataDir, '..'), { recursive: true, force: true });
});

/** The pid of a process that has exited (and was reaped): no live process holds it now. */
const deadPid = (): number => {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  if (child.pid === undefined) throw new Error('spawn failed');
  return child.pid;
};

describe('lockDataFolder', () => {
  it('creates the folder and a lock file holding the pid, leaving nothing else', async () => {
    const lock = lockDataFolder(dataDir, { pid: 4242, isAlive: () => true });
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe('4242\n');
    expect(await readdir(dataDir)).toEqual([LOCK_FILE]);
    lock.release();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('refuses a second process while the first lives, naming its pid', () => {
    const first = lockDataFolder(dataDir);
    expect(() => lockDataFolder(dataDir, { pid: deadPid() })).toThrow(DataFolderInUseError);
    expect(() => lockDataFolder(dataDir, { pid: deadPid() })).toThrow(
      `this data folder (${dataDir}) is in use by process ${process.pid}`,
    );
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    first.release();
  });

  it('takes over a lock left by a process that is gone', () => {
    lockDataFolder(dataDir, { pid: deadPid() });
    const lock = lockDataFolder(dataDir);
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(`${process.pid}\n`);
    lock.release();
  });

  it('takes over a lock file that holds no pid', () => {
    lockDataFolder(dataDir, { pid: 1 }).release();
    writeFileSync(join(dataDir, LOCK_FILE), 'garbage');
    lockDataFolder(dataDir, { pid: 7, isAlive: () => true });
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe('7\n');
  });

  it('releases only its own lock', () => {
    const stale = lockDataFolder(dataDir, { pid: 11, isAlive: () => false });
    lockDataFolder(dataDir, { pid: 12, isAlive: () => false });
    stale.release();
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe('12\n');
  });
});
