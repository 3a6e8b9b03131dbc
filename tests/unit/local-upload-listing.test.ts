import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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

  it('fails on a path that does not exist rather than uploading nothing silently', async () => {
    await expect(listUploads([join(root, 'missing')], '')).rejects.toThrow();
  });
});
