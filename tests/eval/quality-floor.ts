import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusRates } from './score.js';

/** `{ corpus: { field: minimum rate } }`: the quality our extractor must keep. */
export type QualityFloor = Readonly<Record<string, Readonly<Record<string, number>>>>;

export const FLOOR_PATH = join(dirname(fileURLToPath(import.meta.url)), 'quality-floor.json');

export function readFloor(): QualityFloor {
  if (!existsSync(FLOOR_PATH)) return {};
  return parseFloor(readFileSync(FLOOR_PATH, 'utf8'));
}

function parseFloor(json: string): QualityFloor {
  const parsed: unknown = JSON.parse(json);
  const floor: Record<string, Record<string, number>> = {};
  if (typeof parsed !== 'object' || parsed === null) return floor;
  for (const [corpus, fields] of Object.entries(parsed)) {
    if (corpus.startsWith('_') || typeof fields !== 'object' || fields === null) continue;
    floor[corpus] = Object.fromEntries(
      Object.entries(fields).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
    );
  }
  return floor;
}

/** Stores our current rates, rounded down to 0.1 %, as the new floor. */
export async function writeFloor(rates: CorpusRates): Promise<string> {
  const floor: Record<string, unknown> = {
    _comment:
      'Minimum match rates of our extractor per corpus and field (npm run eval -- --update-floor). Enforced by tests/eval/quality-ratchet.test.ts; raise, never lower.',
  };
  for (const [corpus, fields] of Object.entries(rates)) {
    floor[corpus] = Object.fromEntries(
      Object.entries(fields).map(([field, { rate }]) => [field, Math.floor(rate * 1000) / 1000]),
    );
  }
  await writeFile(FLOOR_PATH, `${JSON.stringify(floor, null, 2)}\n`);
  return FLOOR_PATH;
}

/** `corpus/field` entries whose new rate (rounded down like the floor) is below the stored floor. */
export function loweredFields(floor: QualityFloor, rates: CorpusRates): string[] {
  return Object.entries(floor).flatMap(([corpus, fields]) =>
    Object.entries(fields)
      .filter(([field, minimum]) => Math.floor((rates[corpus]?.[field]?.rate ?? 0) * 1000) / 1000 < minimum)
      .map(([field]) => `${corpus}/${field}`),
  );
}

/** A floor as an earlier commit stored it. */
export interface CommittedFloor {
  /** What the commit is to this one: "HEAD", "HEAD~1", "merge-base with main". */
  readonly label: string;
  readonly commit: string;
  readonly floor: QualityFloor;
}

const REPO_ROOT = join(dirname(FLOOR_PATH), '..', '..');
const FLOOR_IN_REPO = 'tests/eval/quality-floor.json';

function git(args: readonly string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

/**
 * The floors this one must not go below: the last commit's (uncommitted edits), the previous
 * commit's (the last commit's own edit), and the one where this branch left `main` (edits spread
 * over a branch's commits). `unavailable` says why none can be read (no git, a shallow clone
 * without the previous commit); then the comparison is skipped, not passed silently.
 */
export function committedFloors(repoRoot: string = REPO_ROOT): {
  readonly floors: CommittedFloor[];
  readonly unavailable: string | null;
} {
  if (git(['rev-parse', '--is-inside-work-tree'], repoRoot) !== 'true') {
    return { floors: [], unavailable: 'not a git work tree: the floor cannot be compared with its history' };
  }
  const refs: { label: string; ref: string }[] = [
    { label: 'HEAD', ref: 'HEAD' },
    { label: 'HEAD~1', ref: 'HEAD~1' },
  ];
  for (const main of ['main', 'origin/main']) {
    const base = git(['merge-base', 'HEAD', main], repoRoot);
    if (base !== null && base !== '') {
      refs.push({ label: `merge-base with ${main}`, ref: base });
      break;
    }
  }
  const floors: CommittedFloor[] = [];
  for (const { label, ref } of refs) {
    const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repoRoot);
    if (commit === null || commit === '') continue;
    const json = git(['show', `${commit}:${FLOOR_IN_REPO}`], repoRoot);
    // A commit before the floor existed holds nothing to keep.
    if (json === null) continue;
    floors.push({ label, commit: commit.slice(0, 12), floor: parseFloor(json) });
  }
  const shallow = git(['rev-parse', '--is-shallow-repository'], repoRoot) === 'true';
  if (shallow && !floors.some((f) => f.label === 'HEAD~1')) {
    return {
      floors,
      unavailable:
        'shallow clone: the previous commit is not here, so a floor lowered by the last commit cannot be seen (git fetch --unshallow)',
    };
  }
  return { floors, unavailable: null };
}

/** `corpus/field: was → now` for each field `floor` holds lower than (or no longer holds from) `earlier`. */
export function loweredAgainst(earlier: QualityFloor, floor: QualityFloor): string[] {
  return Object.entries(earlier).flatMap(([corpus, fields]) =>
    Object.entries(fields)
      .filter(([field, minimum]) => (floor[corpus]?.[field] ?? Number.NEGATIVE_INFINITY) < minimum)
      .map(([field, minimum]) => `${corpus}/${field}: ${minimum} → ${floor[corpus]?.[field] ?? 'removed'}`),
  );
}
