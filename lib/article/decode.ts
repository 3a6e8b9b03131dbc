import { Buffer, isAscii, isUtf8 } from 'node:buffer';

/**
 * Bytes → text. Order of evidence: byte order mark, UTF-16 byte statistics, declared charset
 * (content type, then `<meta charset>` / `http-equiv` / XML declaration sniffed in the first
 * bytes) unless the bytes contradict it, strict UTF-8,
 * UTF-8 with a few bad bytes, then a scored guess among legacy single-byte encodings.
 * Node's TextDecoder (full ICU) does the decoding; this module only decides which decoder to use.
 */

export interface DecodedText {
  readonly text: string;
  /** Lower-case WHATWG encoding name, e.g. `utf-8`, `windows-1256`, `utf-16le`. */
  readonly encoding: string;
  /** How the encoding was decided. */
  readonly evidence: 'bom' | 'declared' | 'valid-utf-8' | 'mostly-utf-8' | 'utf-16-pattern' | 'guessed';
}

export interface DecodeOptions {
  readonly contentType?: string | undefined;
}

/** Bytes sniffed for an in-document declaration (HTML's prescan reads 1024; pages often put it later). */
const DECLARATION_SNIFF_BYTES = 4096;
/** Enough text to tell legacy encodings apart; keeps guessing cheap on 10 MiB inputs. */
const GUESS_SAMPLE_BYTES = 16 * 1024;

/**
 * Legacy encodings tried when the bytes are not UTF-8, in tie-break order. windows-1252 comes
 * first so that text with nothing but é/à-style letters (identical in 1252 and 1256) is called
 * Western; any Arabic byte pattern makes windows-1256 win on score.
 */
export const LEGACY_CANDIDATES: readonly string[] = [
  'windows-1252',
  'windows-1256',
  'iso-8859-6',
  // Hebrew before Cyrillic: all-lower-case Cyrillic and Hebrew letters tie on score, and Russian
  // text nearly always has ь/ы/э/ю/я, which windows-1255 cannot decode.
  'windows-1255',
  'windows-1251',
  'koi8-r',
  'windows-1250',
  'windows-1253',
  'windows-1254',
];

/**
 * Decodes article bytes, deciding the encoding from the evidence available.
 *
 * @example
 * ```ts
 * decodeBytes(new Uint8Array([0xc7, 0xe1, 0xd1, 0xde, 0xc9])); // { text: 'الرقة', encoding: 'windows-1256', … }
 * decodeBytes(new TextEncoder().encode('سلام'), { contentType: 'text/plain; charset=utf-8' }).encoding; // 'utf-8'
 * ```
 */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom !== null)
    return {
      text: decodeWith(bom.encoding, bytes.subarray(bom.length)),
      encoding: bom.encoding,
      evidence: 'bom',
    };

  const strict = strictUtf8(bytes);
  // `isAscii` is simdutf too: a loop over the bytes here was 1 % of extracting an HTML page.
  const utf8 = strict === null ? scanUtf8(bytes) : { multiByte: isAscii(bytes) ? 0 : 1, invalid: 0 };
  const declared = declaredEncoding(bytes, options.contentType);
  // Text never holds NUL, in UTF-8 or a single-byte encoding: UTF-16 is only considered when a
  // zero byte is there, or when it is declared.
  const utf16 = hasZeroByte(bytes) || isUtf16Name(declared) ? utf16Pattern(bytes) : null;
  if (utf16 !== null) {
    const evidence = utf16 === declared ? 'declared' : 'utf-16-pattern';
    return { text: decodeWith(utf16, bytes), encoding: utf16, evidence };
  }
  if (declared !== null && isPlausible(declared, utf8)) {
    const text = declared === 'utf-8' && strict !== null ? strict : decodeWith(declared, bytes);
    return { text, encoding: declared, evidence: 'declared' };
  }

  if (strict !== null) return { text: strict, encoding: 'utf-8', evidence: 'valid-utf-8' };

  if (isMostlyUtf8(utf8))
    return { text: decodeWith('utf-8', bytes), encoding: 'utf-8', evidence: 'mostly-utf-8' };

  const encoding = guessLegacyEncoding(bytes);
  return { text: decodeWith(encoding, bytes), encoding, evidence: 'guessed' };
}

/**
 * The WHATWG name of an encoding label (`latin1` → `windows-1252`, `UTF8` → `utf-8`), or null when
 * the label is unknown to the platform.
 *
 * @example
 * ```ts
 * encodingName('CP1256'); // "windows-1256"
 * encodingName('nope');   // null
 * ```
 */
export function encodingName(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

const decoders = new Map<string, TextDecoder>();

function decodeWith(encoding: string, bytes: Uint8Array): string {
  let decoder = decoders.get(encoding);
  if (decoder === undefined) {
    // Non-fatal: bad bytes become U+FFFD rather than failing the whole article.
    decoder = new TextDecoder(encoding, { ignoreBOM: true });
    decoders.set(encoding, decoder);
  }
  return decoder.decode(bytes);
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function declaredEncoding(bytes: Uint8Array, contentType: string | undefined): string | null {
  const fromHeader = contentType === undefined ? null : charsetParameter(contentType);
  if (fromHeader !== null) return fromHeader;
  const head = latin1(bytes.subarray(0, DECLARATION_SNIFF_BYTES));
  const label =
    /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/iu.exec(head)?.[1] ??
    /<\?xml\s[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/iu.exec(head)?.[1] ??
    null;
  if (label === null) return null;
  const name = encodingName(label);
  // HTML: a document declaring UTF-16 in its own (ASCII-readable) bytes cannot be UTF-16.
  if (name === 'utf-16le' || name === 'utf-16be') return 'utf-8';
  return name;
}

function charsetParameter(contentType: string): string | null {
  const label = /;\s*charset\s*=\s*"?([^";\s]+)"?/iu.exec(contentType)?.[1];
  return label === undefined ? null : encodingName(label);
}

function latin1(bytes: Uint8Array): string {
  // Buffer's latin1 is a plain byte copy; a new TextDecoder per article cost more than decoding it.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

interface Utf8Scan {
  /** Complete, well-formed multi-byte sequences. */
  readonly multiByte: number;
  /** Bytes that are not part of a well-formed sequence. */
  readonly invalid: number;
}

function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let multiByte = 0;
  let invalid = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    if ((bytes[i] ?? 0) < 0x80) {
      i += 1;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      invalid += 1;
      i += 1;
    } else {
      multiByte += 1;
      i += length;
    }
  }
  return { multiByte, invalid };
}

/** The text when the bytes are well-formed UTF-8, else null. `isUtf8` (simdutf) validates in microseconds. */
function strictUtf8(bytes: Uint8Array): string | null {
  return isUtf8(bytes) ? decodeWith('utf-8', bytes) : null;
}

function isContinuation(bytes: Uint8Array, i: number, lo = 0x80, hi = 0xbf): boolean {
  const b = bytes[i];
  return b !== undefined && b >= lo && b <= hi;
}

/** Length of the well-formed UTF-8 sequence starting at `i` (RFC 3629 table), or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0;
  if (b0 >= 0xc2 && b0 <= 0xdf) return isContinuation(bytes, i + 1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    return isContinuation(bytes, i + 1, lo, hi) && isContinuation(bytes, i + 2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    return isContinuation(bytes, i + 1, lo, hi) &&
      isContinuation(bytes, i + 2) &&
      isContinuation(bytes, i + 3)
      ? 4
      : 0;
  }
  return 0;
}

/**
 * A few bad bytes among many well-formed sequences is damaged UTF-8 (replace them), not a legacy
 * encoding: legacy text almost never forms valid multi-byte sequences by chance.
 */
function isMostlyUtf8(scan: Utf8Scan): boolean {
  return scan.multiByte > 0 && scan.invalid * 4 <= scan.multiByte;
}

/**
 * A declaration is believed unless the bytes contradict it: declared UTF-8 that is mostly not
 * UTF-8, declared UTF-16 on bytes that do not look like UTF-16 (`utf16Pattern` decides that
 * first), or a declared legacy encoding on bytes that are valid UTF-8 with multi-byte text
 * (a template's stale `<meta charset>` or a default content type).
 */
function isPlausible(declared: string, scan: Utf8Scan): boolean {
  if (declared === 'utf-8') return scan.invalid === 0 || isMostlyUtf8(scan);
  if (isUtf16Name(declared)) return false;
  return !(scan.invalid === 0 && scan.multiByte > 0);
}

function isUtf16Name(encoding: string | null): boolean {
  return encoding === 'utf-16le' || encoding === 'utf-16be';
}

function hasZeroByte(bytes: Uint8Array): boolean {
  return bytes.subarray(0, DECLARATION_SNIFF_BYTES).includes(0);
}

/** Share of code units that must be ordinary text (see `isTextCodeUnit`). */
const UTF16_MIN_TEXT_SHARE = 0.98;
/**
 * Minimum total variation distance between the even-byte and odd-byte distributions. In
 * single-byte text, position parity means nothing and the two distributions are samples of one
 * (their distance is about 0.1 on a 4 KB sample); in UTF-16 one side holds the few high bytes of
 * the script's block (0x00 and 0x06 for Arabic) and the other the letters (distance near 1).
 */
const UTF16_MIN_PARITY_DISTANCE = 0.6;

/**
 * UTF-16 without a byte order mark, from byte statistics of the first 4 KB: the even and odd
 * bytes are distributed differently, the high-byte side (the one with more zeros, else the more
 * concentrated one) gives the byte order, and nearly every code unit is ordinary text in a script block, surrogates
 * only in valid pairs. English in UTF-16 has zero high bytes; Arabic has 0x06, and zeros only
 * for spaces and ASCII punctuation: both pass the same test. windows-1256 Arabic read as UTF-16
 * gives private-use code points and lone surrogates, so it never passes, even when declared.
 */
function utf16Pattern(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const end = Math.min(bytes.length, DECLARATION_SNIFF_BYTES) & ~1;
  const units = end / 2;
  if (units < 2) return null;
  const even = new Uint32Array(256);
  const odd = new Uint32Array(256);
  for (let i = 0; i < end; i += 2) {
    const low = bytes[i] ?? 0;
    const high = bytes[i + 1] ?? 0;
    even[low] = (even[low] ?? 0) + 1;
    odd[high] = (odd[high] ?? 0) + 1;
  }
  let distance = 0;
  for (let b = 0; b < 256; b += 1) distance += Math.abs((even[b] ?? 0) - (odd[b] ?? 0));
  if (distance / 2 / units < UTF16_MIN_PARITY_DISTANCE) return null;
  // The high byte is the side with more zeros (spaces, line breaks, ASCII punctuation: U+00xx),
  // where a low byte is zero only for the rare U+xx00; without zeros, the more concentrated side.
  const zerosOdd = odd[0] ?? 0;
  const zerosEven = even[0] ?? 0;
  const littleEndian =
    zerosOdd !== zerosEven ? zerosOdd > zerosEven : entropy(odd, units) <= entropy(even, units);
  const encoding = littleEndian ? 'utf-16le' : 'utf-16be';
  const share = textShare(bytes.subarray(0, end), encoding === 'utf-16le');
  return share >= UTF16_MIN_TEXT_SHARE ? encoding : null;
}

function entropy(counts: Uint32Array, total: number): number {
  let sum = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / total;
    sum -= p * Math.log2(p);
  }
  return sum;
}

/** Share of the UTF-16 code units of `bytes` that are text: a character of a script block, or half of a valid surrogate pair. */
function textShare(bytes: Uint8Array, littleEndian: boolean): number {
  const units = bytes.length / 2;
  const unitAt = (i: number): number => {
    const first = bytes[2 * i] ?? 0;
    const second = bytes[2 * i + 1] ?? 0;
    return littleEndian ? first | (second << 8) : (first << 8) | second;
  };
  let text = 0;
  for (let i = 0; i < units; i += 1) {
    const unit = unitAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      // A pair cut by the end of the sample is given the benefit of the doubt.
      const next = i + 1 < units ? unitAt(i + 1) : 0xdc00;
      if (next >= 0xdc00 && next <= 0xdfff) {
        text += 2;
        i += 1;
      }
    } else if (isTextCodeUnit(unit)) {
      text += 1;
    }
  }
  return text / units;
}

/**
 * Code units that ordinary text is made of: white space, printable ASCII, the alphabetic and
 * Indic scripts, punctuation and symbols, kana, CJK, Yi, Hangul, presentation and full-width
 * forms. Not: controls, surrogates (paired ones are counted by the caller), private use,
 * noncharacters, specials.
 */
function isTextCodeUnit(unit: number): boolean {
  if (unit < 0x20) return unit === 0x09 || unit === 0x0a || unit === 0x0c || unit === 0x0d;
  if (unit < 0x7f) return true;
  return (
    (unit >= 0xa0 && unit <= 0x2bff) ||
    (unit >= 0x2e00 && unit <= 0xa4cf) ||
    (unit >= 0xac00 && unit <= 0xd7a3) ||
    (unit >= 0xf900 && unit <= 0xfdcf) ||
    (unit >= 0xfdf0 && unit <= 0xffef)
  );
}

/**
 * The legacy encoding whose decoding of (a sample of) the bytes reads most like real text.
 * Hand-written rather than `chardet`/`jschardet`: those score byte n-grams trained on a few
 * languages and mislabel short Arabic texts; here the signal is script consistency, which holds
 * for any language written in the candidate's script (see docs/extraction-core.md).
 *
 * @example
 * ```ts
 * guessLegacyEncoding(new Uint8Array([0xc7, 0xe1, 0xd1, 0xde, 0xc9])); // "windows-1256" (الرقة)
 * guessLegacyEncoding(new Uint8Array([0x63, 0x61, 0x66, 0xe9]));       // "windows-1252" (café)
 * ```
 */
export function guessLegacyEncoding(bytes: Uint8Array): string {
  const sample = sampleAroundHighBytes(bytes);
  let best = LEGACY_CANDIDATES[0] ?? 'windows-1252';
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const candidate of LEGACY_CANDIDATES) {
    const score = plausibility(decodeWith(candidate, sample));
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function sampleAroundHighBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= GUESS_SAMPLE_BYTES) return bytes;
  const first = bytes.findIndex((b) => b >= 0x80);
  const start = Math.max(0, first - 256);
  return bytes.subarray(start, start + GUESS_SAMPLE_BYTES);
}

type Script = 'latin' | 'arabic' | 'cyrillic' | 'greek' | 'hebrew';

interface Letter {
  readonly script: Script;
  readonly upper: boolean;
}

const LOWER_LATIN: Letter = { script: 'latin', upper: false };
const UPPER_LATIN: Letter = { script: 'latin', upper: true };
const LOWER_GREEK: Letter = { script: 'greek', upper: false };
const UPPER_GREEK: Letter = { script: 'greek', upper: true };
const LOWER_CYRILLIC: Letter = { script: 'cyrillic', upper: false };
const UPPER_CYRILLIC: Letter = { script: 'cyrillic', upper: true };
const HEBREW: Letter = { script: 'hebrew', upper: false };
const ARABIC: Letter = { script: 'arabic', upper: false };

/**
 * The letters the candidate encodings can produce, by code point ranges (a regex per character
 * made guessing the slowest step of decoding). Case is approximate where it does not matter.
 */
function letterOf(code: number): Letter | null {
  if (code < 0x80) {
    if (code >= 0x41 && code <= 0x5a) return UPPER_LATIN;
    return code >= 0x61 && code <= 0x7a ? LOWER_LATIN : null;
  }
  if (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) {
    if (code <= 0xde) return UPPER_LATIN;
    if (code <= 0xff || code >= 0x180) return LOWER_LATIN;
    return code % 2 === 0 ? UPPER_LATIN : LOWER_LATIN;
  }
  if (code === 0xaa || code === 0xba || code === 0xb5) return LOWER_LATIN;
  if (code >= 0x386 && code <= 0x3ce) return code <= 0x3ab ? UPPER_GREEK : LOWER_GREEK;
  if (code >= 0x400 && code <= 0x4ff) {
    if (code <= 0x45f) return code <= 0x42f ? UPPER_CYRILLIC : LOWER_CYRILLIC;
    return code % 2 === 0 ? UPPER_CYRILLIC : LOWER_CYRILLIC;
  }
  if (code >= 0x5d0 && code <= 0x5f2) return HEBREW;
  if (
    (code >= 0x620 && code <= 0x64a) ||
    (code >= 0x66e && code <= 0x6d3) ||
    code === 0x6d5 ||
    (code >= 0x6fa && code <= 0x6ff) ||
    (code >= 0x750 && code <= 0x77f) ||
    (code >= 0xfb50 && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfefc)
  ) {
    return ARABIC;
  }
  return null;
}

function isMark(code: number): boolean {
  return (
    (code >= 0x300 && code <= 0x36f) ||
    (code >= 0x591 &&
      code <= 0x5c7 &&
      code !== 0x5be &&
      code !== 0x5c0 &&
      code !== 0x5c3 &&
      code !== 0x5c6) ||
    (code >= 0x610 && code <= 0x61a) ||
    (code >= 0x64b && code <= 0x65f) ||
    code === 0x670 ||
    (code >= 0x6d6 && code <= 0x6ed)
  );
}

function isSeparator(code: number): boolean {
  return (
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x3000 ||
    (code >= 0x660 && code <= 0x669) ||
    (code >= 0x6f0 && code <= 0x6f9)
  );
}

/** Punctuation that real text in every candidate encoding uses; other non-ASCII symbols are suspect. */
const COMMON_SYMBOLS = new Set(
  Array.from('«»–—‘’‚“”„…•€£°·§©®™×÷±\u060c\u061b\u061f\u066a\u066b\u066c\u200c\u200d\u200e\u200f', (c) =>
    c.charCodeAt(0),
  ),
);

/**
 * Score of a decoded text: non-ASCII letters in words of one script with a sane letter case count
 * for it; mixed-script words, case flips inside words, runs of accented Latin letters (the look
 * of mojibake), replacement characters, C1 controls and odd symbols count against it.
 */
function plausibility(text: string): number {
  let score = 0;
  let script: Script | null = null;
  let mixed = false;
  let caseFlip = false;
  let previousLower = false;
  let latinRun = 0;
  let longLatinRun = false;
  let nonAscii = 0;
  const endWord = (): void => {
    if (nonAscii > 0) {
      if (mixed || caseFlip) score -= 2 * nonAscii;
      else if (longLatinRun) score -= nonAscii;
      else score += nonAscii;
    }
    script = null;
    mixed = false;
    caseFlip = false;
    previousLower = false;
    latinRun = 0;
    longLatinRun = false;
    nonAscii = 0;
  };
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const letter = letterOf(code);
    if (letter !== null) {
      if (script !== null && script !== letter.script) mixed = true;
      script = letter.script;
      if (previousLower && letter.upper) caseFlip = true;
      previousLower = !letter.upper;
      if (code >= 0x80) {
        nonAscii += 1;
        latinRun = letter.script === 'latin' ? latinRun + 1 : 0;
        if (latinRun >= 3) longLatinRun = true;
      } else {
        latinRun = 0;
      }
      continue;
    }
    if (code >= 0x80 && isMark(code)) continue;
    if (code === 0xfffd || (code >= 0x80 && code < 0xa0)) {
      score -= 5;
      continue;
    }
    if (code === 0x640) continue;
    if (code >= 0x80 && !isSeparator(code) && !COMMON_SYMBOLS.has(code)) score -= 1;
    endWord();
  }
  endWord();
  return score;
}
