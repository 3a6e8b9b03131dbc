import { beforeAll, describe, expect, it } from 'vitest';
import { type CorpusName, loadAllPages } from './corpora.js';
import { extractWithOurs } from './our-extractor.js';
import { committedFloors, loweredAgainst, readFloor } from './quality-floor.js';
import { type CorpusRates, Scoreboard } from './score.js';

const CORPORA: readonly CorpusName[] = ['readability', 'trafilatura', 'htmldate'];
const floor = readFloor();
const checks = Object.entries(floor).flatMap(([corpus, fields]) =>
  Object.entries(fields).map(([field, minimum]) => ({ corpus, field, minimum })),
);

describe('extraction quality ratchet (../shared/corpora, our extractor only)', () => {
  let rates: CorpusRates = {};

  beforeAll(() => {
    // Throws when ../shared/corpora is missing: the corpora are part of the test environment.
    const pages = loadAllPages();
    const board = new Scoreboard();
    for (const page of pages) board.add('ours', page, extractWithOurs(page));
    rates = board.rates('ours', CORPORA);
  }, 300_000);

  it('never lowers a floor that an earlier commit stored (HEAD, HEAD~1, the merge-base with main)', (context) => {
    const { floors, unavailable } = committedFloors();
    if (unavailable !== null) {
      // Degrade loudly: say what cannot be checked, rather than pass as if it had been.
      console.warn(`quality ratchet: ${unavailable}`);
      context.skip();
    }
    for (const earlier of floors) {
      expect(
        loweredAgainst(earlier.floor, floor),
        `quality-floor.json is lower than at ${earlier.label} (${earlier.commit}); raise the code, not lower the floor`,
      ).toEqual([]);
    }
  });

  it('has a floor for every corpus', () => {
    expect(Object.keys(floor).sort()).toEqual([...CORPORA].sort());
  });

  it.each(checks)('keeps $corpus $field at or above $minimum', ({ corpus, field, minimum }) => {
    const rate = rates[corpus]?.[field]?.rate ?? 0;
    expect(
      rate,
      `${corpus} ${field} fell below its floor: run npm run eval to see the misses`,
    ).toBeGreaterThanOrEqual(minimum);
  });
});
