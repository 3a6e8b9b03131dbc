import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { committedFloors, loweredAgainst } from './quality-floor.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function run(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

/** A repository whose floor went from `first` to `second` in two commits on `main`. */
function repoWithFloors(...floors: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'floor-'));
  dirs.push(dir);
  run(dir, 'init', '-q', '-b', 'main');
  run(dir, 'config', 'user.email', 'eval@example.org');
  run(dir, 'config', 'user.name', 'eval');
  mkdirSync(join(dir, 'tests', 'eval'), { recursive: true });
  for (const [n, floor] of floors.entries()) {
    writeFileSync(join(dir, 'tests', 'eval', 'quality-floor.json'), JSON.stringify(floor));
    run(dir, 'add', '.');
    run(dir, 'commit', '-q', '-m', `floor ${n}`);
  }
  return dir;
}

describe('quality floor history', () => {
  it('names every field the new floor holds lower than, or no longer holds from, an earlier one', () => {
    const earlier = { trafilatura: { date: 0.8, title: 0.7 }, htmldate: { date: 0.86 } };
    expect(
      loweredAgainst(earlier, { trafilatura: { date: 0.81, title: 0.7 }, htmldate: { date: 0.86 } }),
    ).toEqual([]);
    expect(loweredAgainst(earlier, { trafilatura: { date: 0.79, title: 0.7 } })).toEqual([
      'trafilatura/date: 0.8 → 0.79',
      'htmldate/date: 0.86 → removed',
    ]);
  });

  it('reads the floors of HEAD and HEAD~1 from git, so a commit that lowered one is seen', () => {
    const dir = repoWithFloors({ htmldate: { date: 0.9 } }, { htmldate: { date: 0.85 } });
    const { floors, unavailable } = committedFloors(dir);
    expect(unavailable).toBeNull();
    const previous = floors.find((f) => f.label === 'HEAD~1');
    expect(previous?.floor).toEqual({ htmldate: { date: 0.9 } });
    expect(loweredAgainst(previous?.floor ?? {}, { htmldate: { date: 0.85 } })).toEqual([
      'htmldate/date: 0.9 → 0.85',
    ]);
  });

  it('says why it cannot compare in a shallow clone instead of passing silently', () => {
    const origin = repoWithFloors({ htmldate: { date: 0.9 } }, { htmldate: { date: 0.91 } });
    const clone = mkdtempSync(join(tmpdir(), 'floor-clone-'));
    dirs.push(clone);
    run(clone, 'clone', '-q', '--depth', '1', `file://${origin}`, '.');
    const { unavailable } = committedFloors(clone);
    expect(unavailable).toMatch(/shallow clone/);
  });

  it('says why it cannot compare outside a git work tree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'floor-nogit-'));
    dirs.push(dir);
    expect(committedFloors(dir).unavailable).toMatch(/not a git work tree/);
  });
});
