import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../lib/api/api-errors.js';
import { createCursorCodec } from '../../lib/api/cursor-codec.js';

const KEY = 'unit-test-cursor-key-0123456789abcdef';
const BINDING = 'GET /articles {"language":"ar"}';
const codec = createCursorCodec(KEY);

describe('cursor codec', () => {
  it('returns the sealed position for the same binding and key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string(), (position, binding) => {
        expect(codec.decode(codec.encode(position, binding), binding)).toBe(position);
      }),
    );
  });

  it('is opaque: the cursor is URL-safe and does not show the position', () => {
    const cursor = codec.encode('2017-05-22T00:00:00.000Z#abc', BINDING);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2017');
  });

  it('rejects every single-character edit of a cursor', () => {
    const cursor = codec.encode('L#00042', BINDING);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: cursor.length - 1 }),
        fc.constantFrom(...alphabet),
        (index, replacement) => {
          fc.pre(cursor[index] !== replacement);
          const edited = `${cursor.slice(0, index)}${replacement}${cursor.slice(index + 1)}`;
          expect(() => codec.decode(edited, BINDING)).toThrow(InvalidCursorError);
        },
      ),
    );
  });

  it('rejects every truncation and extension of a cursor', () => {
    const cursor = codec.encode('L#00042', BINDING);
    for (let length = 0; length < cursor.length; length += 1) {
      expect(() => codec.decode(cursor.slice(0, length), BINDING)).toThrow(InvalidCursorError);
      expect(() => codec.decode(cursor.slice(length + 1), BINDING)).toThrow(InvalidCursorError);
    }
    expect(() => codec.decode(`${cursor}A`, BINDING)).toThrow(InvalidCursorError);
  });

  it('rejects a cursor issued for another binding', () => {
    const cursor = codec.encode('L#00042', BINDING);
    expect(() => codec.decode(cursor, 'GET /articles {"language":"en"}')).toThrow(InvalidCursorError);
  });

  it('rejects a cursor signed with another key, and accepts one from another instance with the same key', () => {
    const cursor = codec.encode('L#00042', BINDING);
    expect(() => createCursorCodec(`${KEY}x`).decode(cursor, BINDING)).toThrow(InvalidCursorError);
    expect(createCursorCodec(KEY).decode(cursor, BINDING)).toBe('L#00042');
  });

  it('rejects arbitrary input with InvalidCursorError, and nothing else', () => {
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        // No string but a sealed cursor decodes: forging one means forging its HMAC.
        expect(() => codec.decode(garbage, BINDING)).toThrow(InvalidCursorError);
      }),
    );
  });

  it('refuses a key too short to be secret', () => {
    expect(() => createCursorCodec('short')).toThrow(/at least 16/);
  });
});
