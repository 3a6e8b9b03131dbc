/**
 * Orders two S3 event sequencers as AWS documents it: right-pad the shorter with zeros, then
 * compare as strings. Sequencers of different keys are not comparable; only one key's events are
 * compared here. A missing sequencer (an event kind that has none) sorts before every other.
 *
 * @example compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E6') // -1
 * @example compareSequencers('0A', '0A00') // 0
 */
export function compareSequencers(a: string | null, b: string | null): -1 | 0 | 1 {
  const left = (a ?? '').toUpperCase();
  const right = (b ?? '').toUpperCase();
  const width = Math.max(left.length, right.length);
  const paddedLeft = left.padEnd(width, '0');
  const paddedRight = right.padEnd(width, '0');
  if (paddedLeft === paddedRight) return 0;
  return paddedLeft < paddedRight ? -1 : 1;
}
