import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractWith, type Parsers } from '../../lib/article/article.js';
import { checkSize, extractArticle, PARSER_VERSION, type RejectionCode } from '../../lib/article/index.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const withTail = (head: Uint8Array, tail = 200): Uint8Array => {
  const out = new Uint8Array(head.length + tail);
  out.set(head);
  for (let i = head.length; i < out.length; i += 1) out[i] = (i * 37) & 0xff;
  return out;
};
const paragraph = 'هذه فقرة كاملة من نص المقال، تكفي لتكون محتوى حقيقيًا يمكن استخراجه.';

const cases: readonly [string, Uint8Array, RejectionCode][] = [
  ['no bytes at all', new Uint8Array(0), 'EMPTY'],
  ['only white space', utf8(' \n\t\r\n  \u00a0\n'), 'EMPTY'],
  ['only a byte order mark and white space', bytes(0xef, 0xbb, 0xbf, 0x20, 0x0a), 'EMPTY'],
  ['a PNG header', withTail(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)), 'UNSUPPORTED_FORMAT'],
  ['a JPEG header', withTail(bytes(0xff, 0xd8, 0xff, 0xe0)), 'UNSUPPORTED_FORMAT'],
  ['a GIF header', withTail(utf8('GIF89a')), 'UNSUPPORTED_FORMAT'],
  ['a PDF header', utf8('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), 'UNSUPPORTED_FORMAT'],
  ['gzip data', gzipSync(Buffer.from(paragraph.repeat(20))), 'UNSUPPORTED_FORMAT'],
  ['a ZIP (docx, epub) header', withTail(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00)), 'UNSUPPORTED_FORMAT'],
  [
    'an ELF executable',
    withTail(bytes(0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00)),
    'UNSUPPORTED_FORMAT',
  ],
  ['a Windows executable', withTail(bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00)), 'UNSUPPORTED_FORMAT'],
  [
    'a WebAssembly module',
    withTail(bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00)),
    'UNSUPPORTED_FORMAT',
  ],
  [
    'an MP4 video',
    withTail(bytes(0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32)),
    'UNSUPPORTED_FORMAT',
  ],
  ['text with a NUL character', utf8(`${paragraph}\u0000${paragraph}`), 'UNSUPPORTED_FORMAT'],
  [
    'text with more than 1% control characters',
    utf8(`${'abc def. '.repeat(10)}\u0001\u0002`),
    'UNSUPPORTED_FORMAT',
  ],
  ['nothing but punctuation', utf8('... !!! ؟؟ — ،،\n\n* * *\n'), 'NO_CONTENT'],
];

describe('rejections', () => {
  it.each(cases)('rejects %s', (_name, input, code) => {
    const { record, content } = extractArticle(input);
    expect(record.status).toBe('rejected');
    expect(record.error?.code).toBe(code);
    expect(record.error?.message).not.toBe('');
    expect(content).toEqual({ blocks: [], text: '' });
  });

  it('accepts text whose control characters stay at or under 1%', () => {
    const text = `${paragraph.repeat(3)}\u0007`;
    expect(extractArticle(utf8(text)).record.status).toBe('processed');
  });

  it('accepts ordinary text that starts like a short signature ("MZ", "BM")', () => {
    expect(extractArticle(utf8(`MZ ${paragraph}`)).record.status).toBe('processed');
    expect(extractArticle(utf8(`BMW sales rose. ${paragraph}`)).record.status).toBe('processed');
  });

  it('rejects input over the size limit as TOO_LARGE, and keeps its hash', () => {
    const input = utf8(paragraph.repeat(10));
    const { record } = extractArticle(input, { maxBytes: 100 });
    expect(record.error?.code).toBe('TOO_LARGE');
    expect(record.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/u);
    expect(extractArticle(input, { maxBytes: input.length }).record.status).toBe('processed');
  });

  it('decides TOO_LARGE from a known size alone, with the 10 MiB default', () => {
    expect(checkSize(10 * 1024 * 1024)).toBeNull();
    expect(checkSize(10 * 1024 * 1024 + 1)?.code).toBe('TOO_LARGE');
    expect(checkSize(101, 100)?.code).toBe('TOO_LARGE');
    expect(checkSize(100, 100)).toBeNull();
  });

  it('turns an extractor that throws into EXTRACTION_FAILED instead of throwing', () => {
    const failing = (): never => {
      throw new RangeError('parser bug');
    };
    const parsers: Parsers = { text: failing, html: failing, markdown: failing };
    const { record } = extractWith(parsers, utf8(paragraph));
    expect(record.status).toBe('rejected');
    expect(record.error?.code).toBe('EXTRACTION_FAILED');
    expect(record.error?.message).toContain('parser bug');
  });

  it('keeps the hash, parser version, encoding and format known at the time of rejection', () => {
    const { record } = extractArticle(utf8('... ! ?\n'), { fileName: 'x.txt' });
    expect(record.error?.code).toBe('NO_CONTENT');
    expect(record.parserVersion).toBe(PARSER_VERSION);
    expect(record.encoding).toBe('utf-8');
    expect(record.format).toBe('text');
    expect(record.wordCount).toBe(0);
    expect(record.readingTimeMinutes).toBe(0);
  });
});
