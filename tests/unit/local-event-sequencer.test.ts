import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSequencers } from '../../lib/ingest/compare-sequencers.js';
import { createEventSequencer, SEQUENCER_LENGTH } from '../../local/event-sequencer.js';

describe('local event sequencer', () => {
  it('issues fixed-length upper-case hex sequencers, like S3', () => {
    const sequencer = createEventSequencer(() => 1_764_000_000_000);
    const value = sequencer.next();
    expect(value).toMatch(new RegExp(`^[0-9A-F]{${SEQUENCER_LENGTH}}$`));
  });

  it('stays strictly increasing when many events share a millisecond', () => {
    const sequencer = createEventSequencer(() => 1_764_000_000_000);
    const issued = Array.from({ length: 1_000 }, () => sequencer.next());
    for (let i = 1; i < issued.length; i += 1) {
      expect(compareSequencers(issued[i - 1] ?? '', issued[i] ?? '')).toBe(-1);
    }
  });

  it('stays strictly increasing for any clock, even one that goes backwards', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 42 }), { minLength: 2, maxLength: 200 }),
        (clock) => {
          let tick = 0;
          const sequencer = createEventSequencer(() => clock[tick++ % clock.length] ?? 0);
          let previous = sequencer.next();
          for (let i = 1; i < clock.length; i += 1) {
            const current = sequencer.next();
            expect(compareSequencers(previous, current)).toBe(-1);
            expect(previous < current).toBe(true);
            previous = current;
          }
        },
      ),
    );
  });

  it('continues above a seed from a previous run even when the clock is behind it', () => {
    const earlier = createEventSequencer(() => 2_000_000_000_000);
    const seed = earlier.next();
    const restarted = createEventSequencer(() => 1_000_000_000_000, seed);
    expect(compareSequencers(seed, restarted.next())).toBe(-1);
  });

  it('orders the runtime sequencers with the one rule ingest uses (right-padded, as S3 documents it)', () => {
    expect(compareSequencers('0A', '0A00')).toBe(0);
    expect(compareSequencers('0A', '000A')).toBe(1);
    expect(compareSequencers('FF', '0100')).toBe(1);
  });
});
