import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paddedSequencer } from '../../lib/adapters/dynamodb-items.js';
import { compareSequencers } from '../../lib/ingest/compare-sequencers.js';

const hex = fc.stringMatching(/^[0-9A-F]{1,24}$/);

describe('compareSequencers', () => {
  it('orders sequencers of equal length as hex strings', () => {
    expect(compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E6')).toBe(-1);
    expect(compareSequencers('0055AED6DCD90281E6', '0055AED6DCD90281E5')).toBe(1);
  });

  it('right-pads the shorter with zeros before comparing, as AWS documents', () => {
    expect(compareSequencers('0A', '0A00')).toBe(0);
    expect(compareSequencers('0B', '0A99')).toBe(1);
    expect(compareSequencers('0A', '0A01')).toBe(-1);
    // Never left-padded (older AWS wording): that would make these two equal.
    expect(compareSequencers('0A', '000A')).toBe(1);
  });

  it('sorts a missing sequencer before any other', () => {
    expect(compareSequencers(null, '01')).toBe(-1);
    expect(compareSequencers(null, null)).toBe(0);
  });

  it('is antisymmetric for any pair', () => {
    fc.assert(
      fc.property(hex, hex, (a, b) => compareSequencers(a, b) === -compareSequencers(b, a) || a === b),
    );
  });

  it('agrees with the padded form the table stores, so conditional writes order events the same way', () => {
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const stored =
          paddedSequencer(a) < paddedSequencer(b) ? -1 : paddedSequencer(a) > paddedSequencer(b) ? 1 : 0;
        return stored === compareSequencers(a, b);
      }),
    );
  });
});
