import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/article/article.js';
import { decodeBytes, encodingName, guessLegacyEncoding } from '../../lib/article/decode.js';

const arabic = 'عادت للواجهة مرة أخرى الأحاديث عن إبرام اتفاق بين عناصر التنظيم وبين النظام، في جنوب دمشق.';
const french = 'Le café était très bon à Paris, même en été. Ça coûte deux euros à peine.';
const russian = 'Москва — столица России. Я думаю, что это большой и красивый город.';
const greek = 'Η Αθήνα είναι η πρωτεύουσα της Ελλάδας και η μεγαλύτερη πόλη της.';
const hebrew = 'ירושלים היא עיר הבירה של ישראל והעיר הגדולה ביותר במדינה.';
/** The non-empty lines of an Arabic article (headline, date, caption, paragraphs). */
const seedLines = iconv
  .decode(
    readFileSync(new URL('../fixtures/articles/text-windows-1256/source.txt', import.meta.url)),
    'windows-1256',
  )
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '');

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

  it.each(['utf-16le', 'utf-16be'] as const)(
    'recognizes Arabic %s without a byte order mark, as English',
    (encoding) => {
      for (const text of [arabic, seedLines.join('\n'), 'Plain English text in UTF-16.']) {
        expect(decodeBytes(iconv.encode(text, encoding))).toEqual({
          text,
          encoding,
          evidence: 'utf-16-pattern',
        });
      }
    },
  );

  it('recognizes every line of an Arabic article in UTF-16 without a byte order mark', () => {
    for (const line of seedLines) {
      expect(decodeBytes(iconv.encode(line, 'utf-16le')).encoding, line).toBe('utf-16le');
      expect(decodeBytes(iconv.encode(line, 'utf-16be')).encoding, line).toBe('utf-16be');
    }
  });

  it('extracts an Arabic article from UTF-16 without a byte order mark', () => {
    const { record } = extractArticle(iconv.encode(seedLines.join('\n\n'), 'utf-16le'));
    expect(record).toMatchObject({ status: 'processed', encoding: 'utf-16le', language: 'ar' });
  });

  it('believes declared UTF-16 when the bytes are UTF-16 without a byte order mark', () => {
    const decoded = decodeBytes(iconv.encode(arabic, 'utf-16le'), {
      contentType: 'text/plain; charset=utf-16le',
    });
    expect(decoded).toEqual({ text: arabic, encoding: 'utf-16le', evidence: 'declared' });
  });

  it.each(['utf-8', 'windows-1256'])('prefers UTF-16 bytes over a declared %s', (charset) => {
    const decoded = decodeBytes(iconv.encode(arabic, 'utf-16le'), {
      contentType: `text/plain; charset=${charset}`,
    });
    expect(decoded).toMatchObject({ text: arabic, encoding: 'utf-16le' });
  });

  it.each(['utf-16', 'utf-16le', 'utf-16be'])(
    'does not believe a declared %s on single-byte windows-1256 text',
    (charset) => {
      for (const line of [arabic, ...seedLines]) {
        const decoded = decodeBytes(iconv.encode(line, 'windows-1256'), {
          contentType: `text/plain; charset=${charset}`,
        });
        expect(decoded, line).toEqual({ text: line, encoding: 'windows-1256', evidence: 'guessed' });
      }
    },
  );

  it('extracts Arabic, not garbled Korean, from windows-1256 bytes declared UTF-16', () => {
    const bytes = iconv.encode(seedLines.join('\n\n'), 'windows-1256');
    const { record } = extractArticle(bytes, { contentType: 'text/plain; charset=utf-16' });
    expect(record).toMatchObject({ status: 'processed', encoding: 'windows-1256', language: 'ar' });
  });

  it('does not believe a declared UTF-16 on ASCII text', () => {
    const english = 'Plain English text that was labelled UTF-16 by mistake, as servers sometimes do.';
    const decoded = decodeBytes(new TextEncoder().encode(english), {
      contentType: 'text/plain; charset=utf-16',
    });
    expect(decoded).toEqual({ text: english, encoding: 'utf-8', evidence: 'valid-utf-8' });
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

describe('decodeBytes on UTF-16 without a byte order mark (properties)', () => {
  const words = [
    'في',
    'من',
    'ا',
    'باب',
    'دار',
    'الأمم',
    'المتحدة',
    'سوريا',
    '،',
    '2018',
    '١٢',
    'the',
    'a',
    'News',
    'café',
    '.',
    '(أ ف ب)',
  ];
  const sentence = fc
    .array(fc.constantFrom(...words), { minLength: 2, maxLength: 80 })
    .chain((parts) => fc.constantFrom(' ', '\n').map((separator) => parts.join(separator)));

  it('tells the byte order from the zero bytes of spaces when both sides are as varied', () => {
    // Even and odd bytes of "ا ا ا" are equally concentrated ({06, 00} against {27, 20}).
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      expect(decodeBytes(iconv.encode('ا ا ا', encoding))).toEqual({
        text: 'ا ا ا',
        encoding,
        evidence: 'utf-16-pattern',
      });
    }
  });

  it('decodes any sentence of Arabic and English words back to itself, in either byte order', () => {
    fc.assert(
      fc.property(sentence, fc.constantFrom('utf-16le', 'utf-16be'), (text, encoding) => {
        expect(decodeBytes(iconv.encode(text, encoding))).toEqual({
          text,
          encoding,
          evidence: 'utf-16-pattern',
        });
      }),
      { numRuns: 300 },
    );
  });
});
