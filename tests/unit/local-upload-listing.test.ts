import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUploads } from '../../lib/cli/upload-command.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'upload-listing-'));
  await mkdir(join(root, 'articles', '2017', 'مايو'), { recursive: true });
  await mkdir(join(root, 'articles', '.git'), { recursive: true });
  await writeFile(join(root, 'articles', 'a.txt'), 'a');
  await writeFile(join(root, 'articles', '2017', 'مايو', 'b c.md'), 'b');
  await writeFile(join(root, 'articles', '.DS_Store'), 'x');
  await writeFile(join(root, 'articles', '.git', 'HEAD'), 'x');
  await writeFile(join(root, 'single.html'), '<p>x</p>');
  // Links of every kind: to a file, to a folder outside, back to an ancestor, to nothing; a FIFO.
  await mkdir(join(root, 'linked', 'sub'), { recursive: true });
  await mkdir(join(root, 'elsewhere'), { recursive: true });
  await writeFile(join(root, 'elsewhere', 'far.txt'), 'far');
  await writeFile(join(root, 'linked', 'real.txt'), 'real');
  await symlink(join(root, 'single.html'), join(root, 'linked', 'file-link.html'));
  await symlink(join(root, 'elsewhere'), join(root, 'linked', 'folder-link'));
  await symlink(join(root, 'linked'), join(root, 'linked', 'sub', 'loop'));
  await symlink(join(root, 'nowhere.txt'), join(root, 'linked', 'broken.txt'));
  await symlink('self-loop', join(root, 'linked', 'self-loop'));
  execFileSync('mkfifo', [join(root, 'linked', 'pipe')]);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('upload listing', () => {
  it('keys a folder’s files by their path below the folder, skipping hidden files', async () => {
    const items = await listUploads([join(root, 'articles')], '');
    expect(items.map((item) => item.key)).toEqual(['2017/مايو/b c.md', 'a.txt']);
  });

  it('keys a single file by its name under the prefix, adding the separator once', async () => {
    expect((await listUploads([join(root, 'single.html')], 'incoming')).map((item) => item.key)).toEqual([
      'incoming/single.html',
    ]);
    expect((await listUploads([join(root, 'single.html')], 'incoming/')).map((item) => item.key)).toEqual([
      'incoming/single.html',
    ]);
  });

  it('follows symbolic links to files and folders, reporting loops, broken links and FIFOs', async () => {
    const skipped: string[] = [];
    const items = await listUploads([join(root, 'linked')], 'p/', (path, reason) =>
      skipped.push(`${path.slice(root.length + 1)}: ${reason}`),
    );
    expect(items.map((item) => item.key)).toEqual([
      'p/file-link.html',
      'p/folder-link/far.txt',
      'p/real.txt',
    ]);
    expect(items[0]?.path).toBe(join(root, 'linked', 'file-link.html'));
    expect(skipped).toEqual([
      'linked/broken.txt: a broken symbolic link',
      'linked/pipe: not a regular file (a named pipe)',
      'linked/self-loop: a symbolic link loop',
      'linked/sub/loop: a symbolic link loop (links to a folder that contains it)',
    ]);
  });

  it('follows a symbolic link given as the path, to a file or a folder', async () => {
    const items = await listUploads(
      [join(root, 'linked', 'file-link.html'), join(root, 'linked', 'folder-link')],
      '',
    );
    expect(items.map((item) => item.key)).toEqual(['file-link.html', 'far.txt']);
  });

  it.each(['/dev/null', 'pipe'])(
    'fails with a clear message on %s, neither a file nor a folder',
    async (path) => {
      const absolute = path.startsWith('/') ? path : join(root, 'linked', path);
      await expect(listUploads([absolute], '')).rejects.toThrow(
        new RegExp(`^${absolute}: not a regular file or folder \\(a (character device|named pipe)\\)$`, 'u'),
      );
    },
  );

  it('fails on a path that does not exist rather than uploading nothing silently', async () => {
    await expect(listUploads([join(root, 'missing')], '')).rejects.toThrow();
  });
});
