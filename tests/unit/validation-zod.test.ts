import { describe, expect, it } from 'vitest';
import { parseS3EventMessage } from '../../lib/ingest/parse-s3-event.js';
import * as z from '../../lib/validation/zod.js';

// This file must not import classic 'zod' (directly or through lib/api): importing it configures
// the English locale globally and would hide a zod/mini that lacks it.
const messages = (schema: z.ZodMiniType, input: unknown): string[] => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('the zod/mini of lib/validation/zod', () => {
  it("reports classic zod's English messages, not zod/mini's bare 'Invalid input'", () => {
    expect(messages(z.string(), 7)).toEqual(['Invalid input: expected string, received number']);
    expect(messages(z.string().check(z.minLength(1)), '')).toEqual([
      'Too small: expected string to have >=1 characters',
    ]);
    const count = z.number().check(z.int(), z.nonnegative());
    expect(messages(count, 1.5)).toEqual(['Invalid input: expected int, received number']);
    expect(messages(count, -1)).toEqual(['Too small: expected number to be >=0']);
    expect(messages(z.array(z.string()).check(z.maxLength(2)), ['a', 'b', 'c'])).toEqual([
      'Too big: expected array to have <=2 items',
    ]);
    expect(messages(z.enum(['inline', 'related']), 'other')).toEqual([
      'Invalid option: expected one of "inline"|"related"',
    ]);
    expect(messages(z.literal('s3:TestEvent'), 'x')).toEqual(['Invalid input: expected "s3:TestEvent"']);
  });

  it('keeps custom messages', () => {
    expect(messages(z.string().check(z.minLength(16, 'must be at least 16 characters')), 'short')).toEqual([
      'must be at least 16 characters',
    ]);
  });

  it('names the problem in English in the rejection of a malformed S3 notification', () => {
    expect(() => parseS3EventMessage(JSON.stringify({ Records: [] }))).toThrow(
      /not an S3 event notification: .*Too small: expected array to have >=1 items/s,
    );
  });
});
