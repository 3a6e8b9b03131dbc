import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes, encodingName, guessLegacyEncoding } from '../../lib/article/decode.js';

const arabic = 'عادت للواجهة مرة أخرى الأحاديث عن إبرام اتفاق بين عناصر التنظيم وبين النظام، في جنوب دمشق.';
const french = 'Le café était très bon à Paris, même en été. Ça coûte deux euros à peine.';
const russian = 'Москва — столица России. Я думаю, что это большой и красивый город.';
const greek = 'Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της.';
const hebrew = 'ירושלים היא עיר הבירה של ישראל והעיר הגדולה ביותר במדינה.';

describe('decodeBytes', () => {
  it('follows a UTF-8 byte order mark and drops it from the text', () => {
    const decoded = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(arabic)]));
    expect(decoded).toEqual({ text: arabic, encoding: 'utf-8', evidence: 'bom' });
  });

  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ] as const)('follows a %s byte order mark', (encoding, bom) => {
    const body = iconv.encode(arabic, encoding);
    const decoded = decodeBytes(new Uint8Array([...bom, ...body]));
    expect(decoded.text).toBe(arabic);
    expect(decoded.encoding).toBe(encoding);
  });

  it('recognizes UTF-16 without a byte order mark from its zero bytes', () => {
    const decoded = decodeBytes(iconv.encode('Plain English text in UTF-16.', 'utf-16le'));
    expect(decoded.encoding).toBe('utf-16le');
    expect(decoded.text).toBe('Plain English text in UTF-16.');
  });

  it('uses the charset of the content type and reports its WHATWG name', () => {
    const decoded = decodeBytes(iconv.encode(arabic, 'windows-1256'), {
      contentType: 'text/plain; charset=CP1256',
    });
    expect(decoded).toEqual({ text: arabic, encoding: 'windows-1256', evidence: 'declared' });
  });

  it('uses a <meta charset> and an http-equiv content type found in the first bytes', () => {
    const meta = iconv.encode(
      `<html><head><meta charset="windows-1256"></head><p>${arabic}</p>`,
      'windows-1256',
    );
    expect(decodeBytes(meta).encoding).toBe('windows-1256');
    const httpEquiv = iconv.encode(
      `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6"><p>${arabic}</p>`,
      'iso-8859-6',
    );
    expect(decodeBytes(httpEquiv)).toMatchObject({ encoding: 'iso-8859-6', evidence: 'declared' });
  });

  it('prefers valid multi-byte UTF-8 over a stale legacy declaration', () => {
    const decoded = decodeBytes(new TextEncoder().encode(`<meta charset="windows-1252"><p>${arabic}</p>`));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain(arabic);
  });

  it('ignores a UTF-8 declaration on bytes that are clearly legacy', () => {
    const decoded = decodeBytes(iconv.encode(arabic, 'windows-1256'), {
      contentType: 'text/plain; charset=utf-8',
    });
    expect(decoded.encoding).toBe('windows-1256');
    expect(decoded.text).toBe(arabic);
  });

  it('ignores unknown charset labels', () => {
    expect(
      decodeBytes(new TextEncoder().encode(arabic), { contentType: 'text/plain; charset=x-nonsense' })
        .encoding,
    ).toBe('utf-8');
  });

  it('replaces a few bad bytes in otherwise valid UTF-8 instead of treating it as legacy', () => {
    const good = new TextEncoder().encode(arabic);
    const decoded = decodeBytes(new Uint8Array([...good, 0xff, 0xc3, ...good]));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toBe(`${arabic}\ufffd\ufffd${arabic}`);
  });

  it.each([
    ['windows-1256', arabic],
    ['iso-8859-6', arabic],
    ['windows-1252', french],
    ['windows-1251', russian],
    ['windows-1253', greek],
    ['windows-1255', hebrew],
  ])('recognizes undeclared %s text', (encoding, text) => {
    const decoded = decodeBytes(iconv.encode(text, encoding));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(text);
  });

  it('recognizes a single short Arabic word in windows-1256', () => {
    expect(guessLegacyEncoding(iconv.encode('الرقة', 'windows-1256'))).toBe('windows-1256');
  });
});

describe('encodingName', () => {
  it.each([
    ['UTF8', 'utf-8'],
    ['latin1', 'windows-1252'],
    ['cp1256', 'windows-1256'],
    [' ISO-8859-6 ', 'iso-8859-6'],
  ])('maps the label %s to %s', (label, name) => {
    expect(encodingName(label)).toBe(name);
  });

  it('returns null for a label the platform does not know', () => {
    expect(encodingName('klingon-8')).toBeNull();
  });
});
