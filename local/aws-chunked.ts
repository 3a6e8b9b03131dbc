/**
 * Decoding of `Content-Encoding: aws-chunked` bodies (SigV4 streaming uploads, with or without
 * chunk signatures and trailing checksums), which the AWS CLI v2 and SDK v3 send and s3rver would
 * otherwise store verbatim. Hand-written: no maintained package decodes this framing on its own.
 */

export class AwsChunkedDecodingError extends Error {
  override readonly name = 'AwsChunkedDecodingError';
}

const CRLF = Buffer.from('\r\n');

export interface DecodedAwsChunked {
  readonly body: Buffer;
  /** Trailing headers (e.g. `x-amz-checksum-crc32`), lower-cased names. */
  readonly trailers: Readonly<Record<string, string>>;
}

/**
 * @example
 * decodeAwsChunked(Buffer.from('5;chunk-signature=ab\r\nhello\r\n0;chunk-signature=cd\r\n\r\n')).body.toString()
 * // 'hello'
 */
export function decodeAwsChunked(encoded: Buffer): DecodedAwsChunked {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = encoded.indexOf(CRLF, offset);
    if (lineEnd < 0) throw new AwsChunkedDecodingError('chunk header without CRLF');
    const header = encoded.subarray(offset, lineEnd).toString('latin1');
    const sizeText = header.split(';', 1)[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new AwsChunkedDecodingError(`bad chunk size "${sizeText}"`);
    const size = Number.parseInt(sizeText, 16);
    offset = lineEnd + CRLF.length;
    if (size === 0) break;
    if (offset + size + CRLF.length > encoded.length) throw new AwsChunkedDecodingError('truncated chunk');
    parts.push(encoded.subarray(offset, offset + size));
    offset += size;
    if (!encoded.subarray(offset, offset + CRLF.length).equals(CRLF)) {
      throw new AwsChunkedDecodingError('chunk data not followed by CRLF');
    }
    offset += CRLF.length;
  }
  const trailers: Record<string, string> = {};
  while (offset < encoded.length) {
    const lineEnd = encoded.indexOf(CRLF, offset);
    const line = encoded.subarray(offset, lineEnd < 0 ? encoded.length : lineEnd).toString('latin1');
    offset = lineEnd < 0 ? encoded.length : lineEnd + CRLF.length;
    if (line === '') continue;
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { body: Buffer.concat(parts), trailers };
}

/** True when the request body is aws-chunked framed (S3 also implies it by the streaming sha256 value). */
export function isAwsChunked(headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  const encoding = headers['content-encoding'];
  const encodings = (Array.isArray(encoding) ? encoding.join(',') : (encoding ?? ''))
    .split(',')
    .map((value) => value.trim().toLowerCase());
  const sha = headers['x-amz-content-sha256'];
  const streaming = typeof sha === 'string' && sha.startsWith('STREAMING-');
  return encodings.includes('aws-chunked') || streaming;
}

/** The content-encoding header without `aws-chunked`, or undefined when nothing remains. */
export function withoutAwsChunked(contentEncoding: string | undefined): string | undefined {
  if (contentEncoding === undefined) return undefined;
  const rest = contentEncoding
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '' && value.toLowerCase() !== 'aws-chunked');
  return rest.length === 0 ? undefined : rest.join(', ');
}
