import type { Stats } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import { printableKey } from './printable-key.js';

/**
 * Walking the folders given to `upload` and `extract`. Symbolic links are followed, as the AWS
 * CLI does (`aws s3 cp --recursive` follows them by default): a linked file is read as a file, a
 * linked folder walked as a folder. A link back to a folder being walked (a loop) is reported
 * rather than followed, so a walk always ends; so are broken links and anything that is neither
 * a regular file nor a folder (a FIFO would block a read forever, a device never end).
 */

/** A path found under a folder: a regular file to read, or an entry reported and left alone. */
export type WalkedEntry =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'skipped'; readonly path: string; readonly reason: string };

/** A path given on the command line that is neither a regular file nor a folder. */
export class NotFileOrFolderError extends Error {
  override readonly name = 'NotFileOrFolderError';
}

/**
 * Whether a path names a regular file or a folder, following symbolic links. Throws the file
 * system's error for a missing path and `NotFileOrFolderError` for anything else.
 *
 * @example
 * ```ts
 * await pathKind('articles');  // "folder"
 * await pathKind('/dev/null'); // throws NotFileOrFolderError: /dev/null: not a regular file or folder (a character device)
 * ```
 */
export async function pathKind(path: string): Promise<'file' | 'folder'> {
  return kindOf(path, await stat(path));
}

/** `pathKind` from stats already read (`statSync` where a caller needs it synchronous). */
export function kindOf(path: string, info: Stats): 'file' | 'folder' {
  if (info.isFile()) return 'file';
  if (info.isDirectory()) return 'folder';
  throw new NotFileOrFolderError(
    `${printableKey(path)}: not a regular file or folder (${specialKind(info)})`,
  );
}

/** What a path that is not a regular file is, for messages: "a folder", "a named pipe"… */
export function specialKind(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

/**
 * The entries under a folder, depth first, names in code-point order, paths built on the folder
 * as given; names starting with "." are skipped (hidden files, `.git`).
 *
 * @example
 * ```ts
 * for await (const entry of walkFolder('articles')) if (entry.kind === 'file') console.log(entry.path); // "articles/a.txt"
 * ```
 */
export async function* walkFolder(folder: string): AsyncGenerator<WalkedEntry> {
  yield* walk(folder, [identity(await stat(folder))]);
}

const identity = (info: Stats): string => `${info.dev}:${info.ino}`;

async function* walk(folder: string, ancestors: readonly string[]): AsyncGenerator<WalkedEntry> {
  const entries: { name: string; kind: 'file' | 'folder' | 'link' | 'other' }[] = [];
  for await (const entry of await opendir(folder)) {
    if (entry.name.startsWith('.')) continue;
    const kind = entry.isFile()
      ? 'file'
      : entry.isDirectory()
        ? 'folder'
        : entry.isSymbolicLink()
          ? 'link'
          : 'other';
    entries.push({ name: entry.name, kind });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  for (const { name, kind } of entries) {
    const path = `${prefix}${name}`;
    if (kind === 'file') {
      yield { kind: 'file', path };
      continue;
    }
    // Folders, links and special files: what the path leads to decides.
    let info: Stats;
    try {
      info = await stat(path);
    } catch (error: unknown) {
      if (kind !== 'link') throw error;
      const loop = error instanceof Error && 'code' in error && error.code === 'ELOOP';
      yield { kind: 'skipped', path, reason: loop ? 'a symbolic link loop' : 'a broken symbolic link' };
      continue;
    }
    if (info.isFile()) yield { kind: 'file', path };
    else if (!info.isDirectory())
      yield { kind: 'skipped', path, reason: `not a regular file (${specialKind(info)})` };
    else if (ancestors.includes(identity(info)))
      yield { kind: 'skipped', path, reason: 'a symbolic link loop (links to a folder that contains it)' };
    else yield* walk(path, [...ancestors, identity(info)]);
  }
}
