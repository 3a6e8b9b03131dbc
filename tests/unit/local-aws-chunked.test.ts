import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AwsChunkedDecodingError,
  decodeAwsChunked,
  isAwsChunked,
  withoutAwsChunked,
} from '../../local/aws-chunked.js';

/** Frames data the way SigV4 streaming uploads do, optionally signed and with a trailer. */
function encode(data: Buffer, sizes: readonly number[], signed: boolean, trailer: string | null): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  let index = 0;
  while (offset < data.length) {
    const size = Math.min(Math.max(1, sizes[index++ % Math.max(1, sizes.length)] ?? 1), data.length - offset);
    const ext = signed ? `;chunk-signature=${'a'.repeat(64)}` : '';
    parts.push(
      Buffer.from(`${size.toString(16)}${ext}\r\n`),
      data.subarray(offset, offset + size),
      Buffer.from('\r\n'),
    );
    offset += size;
  }
  parts.push(Buffer.from(`0${signed ? `;chunk-signature=${'b'.repeat(64)}` : ''}\r\n`));
  if (trailer !== null) parts.push(Buffer.from(`${trailer}\r\n`));
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

describe('aws-chunked decoding', () => {
  it('recovers the payload of signed chunks', () => {
    const body = Buffer.from('مرحبا hello');
    expect(decodeAwsChunked(encode(body, [4], true, null)).body.equals(body)).toBe(true);
  });

  it('recovers the payload and the trailing checksum of unsigned chunks', () => {
    const decoded = decodeAwsChunked(
      encode(Buffer.from('hello world'), [5], false, 'x-amz-checksum-crc32:DUoRhQ=='),
    );
    expect(decoded.body.toString()).toBe('hello world');
    expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
  });

  it('round-trips any bytes in any chunking', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2_000 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (bytes, sizes, signed) => {
          const data = Buffer.from(bytes);
          expect(decodeAwsChunked(encode(data, sizes, signed, null)).body.equals(data)).toBe(true);
        },
      ),
    );
  });

  it('rejects a truncated body instead of storing part of it', () => {
    const framed = encode(Buffer.from('hello world'), [11], true, null);
    expect(() => decodeAwsChunked(framed.subarray(0, 30))).toThrow(AwsChunkedDecodingError);
  });

  it('recognizes aws-chunked by content-encoding or by the streaming payload hash', () => {
    expect(isAwsChunked({ 'content-encoding': 'aws-chunked' })).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' })).toBe(true);
    expect(isAwsChunked({ 'content-encoding': 'gzip' })).toBe(false);
  });

  it('keeps the other content encodings when removing aws-chunked', () => {
    expect(withoutAwsChunked('aws-chunked,gzip')).toBe('gzip');
    expect(withoutAwsChunked('aws-chunked')).toBeUndefined();
  });
});
