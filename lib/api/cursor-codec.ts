import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from './api-errors.js';

/** Signs and verifies page cursors. The position inside is the adapter's business; the codec only seals it. */
export interface CursorCodec {
  /** Seals `position` (an adapter's page position) for the query described by `binding`. */
  encode(position: string, binding: string): string;
  /** The position sealed in `cursor`; throws `InvalidCursorError` unless it was issued for `binding` with this key. */
  decode(cursor: string, binding: string): string;
}

const VERSION = 'v1';
// 128 bits of HMAC-SHA256 keep cursors short while leaving forgery out of reach.
const MAC_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const MAX_CURSOR_LENGTH = 2048;

/**
 * A cursor codec keyed by a secret shared by every function instance, so cursors survive cold
 * starts and deploys. A cursor is `base64url(position).base64url(mac)`; the MAC covers the
 * version, the binding (route and filters) and the encoded position exactly as sent, so any
 * edited character, truncation, foreign key or other query's cursor fails verification.
 *
 * @example
 * const codec = createCursorCodec('secret');
 * const cursor = codec.encode('L#00019', 'GET /articles/{id}/links?id=abc');
 * codec.decode(cursor, 'GET /articles/{id}/links?id=abc'); // 'L#00019'
 */
export function createCursorCodec(key: string | Uint8Array): CursorCodec {
  if (key.length < 16) throw new Error('the cursor key must be at least 16 bytes long');
  const sign = (payload: string, binding: string): string =>
    createHmac('sha256', key)
      .update(`${VERSION}\n${binding}\n${payload}`)
      .digest()
      .subarray(0, MAC_BYTES)
      .toString('base64url');

  return {
    encode(position, binding) {
      const payload = Buffer.from(position, 'utf8').toString('base64url');
      return `${payload}.${sign(payload, binding)}`;
    },
    decode(cursor, binding) {
      const parts = cursor.length <= MAX_CURSOR_LENGTH ? cursor.split('.') : [];
      const [payload, mac] = parts;
      if (parts.length !== 2 || payload === undefined || mac === undefined) {
        throw new InvalidCursorError('the cursor is malformed');
      }
      if (!BASE64URL.test(payload) || !BASE64URL.test(mac) || mac === '') {
        throw new InvalidCursorError('the cursor is malformed');
      }
      // Compared as text, not decoded bytes: base64url decoding ignores trailing bits, so an
      // edited last character could otherwise decode to the same MAC.
      const expected = Buffer.from(sign(payload, binding), 'utf8');
      const given = Buffer.from(mac, 'utf8');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new InvalidCursorError('the cursor is not valid for this request');
      }
      return Buffer.from(payload, 'base64url').toString('utf8');
    },
  };
}
