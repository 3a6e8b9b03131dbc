import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One `npm start` per data folder. Two runtimes on one folder would share the emulators' files
 * (the second used to die with "Database is closed"), so the first writes its pid to a lock file
 * and the second is told who holds it. A lock left by a process that is gone (kill -9, a crash)
 * is taken over.
 */

/** The lock file, in the data folder. */
export const LOCK_FILE = 'article-pipeline.pid';

export class DataFolderInUseError extends Error {
  override readonly name = 'DataFolderInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `this data folder (${dataDir}) is in use by process ${pid}: stop that process or set DATA_DIR ` +
        `(if process ${pid} is not article-pipeline, delete ${join(dataDir, LOCK_FILE)})`,
    );
  }
}

export interface DataFolderLock {
  /** Removes the lock file if it is still this process's. */
  release(): void;
}

export interface LockOptions {
  readonly pid?: number;
  readonly isAlive?: (pid: number) => boolean;
}

/**
 * Takes the data folder for this process (creating the folder), or throws `DataFolderInUseError`
 * naming the live process that holds it.
 *
 * @example
 * ```ts
 * const lock = lockDataFolder('.data');
 * try { await serve(); } finally { lock.release(); }
 * ```
 */
export function lockDataFolder(dataDir: string, options: LockOptions = {}): DataFolderLock {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processIsAlive;
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  // Written aside, then linked into place: link(2) fails if the lock exists, and the lock never
  // exists without its pid, so a reader never sees a half-written one.
  const draft = `${path}.${pid}.tmp`;
  writeFileSync(draft, `${pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        linkSync(draft, path);
        return { release: () => removeIfHeldBy(path, pid) };
      } catch (error: unknown) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const holder = readHolder(path);
      if (holder !== null && holder !== pid && isAlive(holder))
        throw new DataFolderInUseError(dataDir, holder);
      // Stale: its process is gone (or it names this very pid, left by an earlier life of it).
      removeIfHeldBy(path, holder);
    }
    throw new Error(`cannot take the lock ${path}: it keeps changing hands`);
  } finally {
    unlinkSync(draft);
  }
}

function readHolder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch (error: unknown) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

function removeIfHeldBy(path: string, pid: number | null): void {
  try {
    if (readHolder(path) === pid) unlinkSync(path);
  } catch (error: unknown) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
}

/** Signal 0 checks that a process exists without touching it; EPERM means it exists as another user's. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): unknown {
  return error instanceof Error && 'code' in error ? error.code : undefined;
}
