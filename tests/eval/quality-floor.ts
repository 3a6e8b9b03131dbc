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
  const parsed: unknown = JSON.parse(readFileSync(FLOOR_PATH, 'utf8'));
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
