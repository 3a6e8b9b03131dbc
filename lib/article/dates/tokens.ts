/**
 * The date scanner's tokenizer: digit runs, letter runs and everything else, read on demand and
 * bounded in length, so that no pattern ever scans a megabyte-long word or space run.
 */
import { cachedFold } from './date-words.js';

export const MAX_NAME_LENGTH = 24;

export type TokenKind = 'number' | 'word' | 'separator';

interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  readonly truncated: boolean;
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
export const BIDI_MARKS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

function isArabicBlockSeparator(code: number): boolean {
  return (
    code <= 0x060f ||
    (code >= 0x061b && code <= 0x061f) ||
    (code >= 0x066a && code <= 0x066d) ||
    code === 0x06d4 ||
    code === 0x06dd ||
    code === 0x06de ||
    code === 0x06e9 ||
    code === 0x06fd ||
    code === 0x06fe
  );
}

export function kindOf(code: number): TokenKind {
  if (code >= 0x30 && code <= 0x39) return 'number';
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return 'word';
  if (code < 0x80) return 'separator';
  if ((code >= 0x0660 && code <= 0x0669) || (code >= 0x06f0 && code <= 0x06f9)) return 'number';
  if (code >= 0x0600 && code <= 0x06ff) return isArabicBlockSeparator(code) ? 'separator' : 'word';
  // ZWNJ/ZWJ join parts of one Persian word (سه‌شنبه).
  if (code === 0x200c || code === 0x200d) return 'word';
  return LETTER_OR_MARK.test(String.fromCharCode(code)) ? 'word' : 'separator';
}

/** No token a pattern accepts is longer; longer runs are reported `truncated`. */
const PATTERN_TOKEN_LIMIT = 32;

/**
 * The token starting at `pos`, read at most `PATTERN_TOKEN_LIMIT` characters far, so that no
 * pattern ever scans a megabyte-long word or space run.
 */
function tokenAt(text: string, pos: number): Token | null {
  if (pos >= text.length) return null;
  const kind = kindOf(text.charCodeAt(pos));
  const stop = Math.min(text.length, pos + PATTERN_TOKEN_LIMIT);
  let end = pos + 1;
  while (end < stop && kindOf(text.charCodeAt(end)) === kind) end += 1;
  const truncated = end === stop && end < text.length && kindOf(text.charCodeAt(end)) === kind;
  return { kind, start: pos, end, truncated };
}

function digitValue(code: number): number {
  if (code >= 0x06f0) return code - 0x06f0;
  if (code >= 0x0660) return code - 0x0660;
  return code - 0x30;
}

export interface NumberToken {
  readonly value: number;
  readonly end: number;
}

export function numberAt(
  text: string,
  pos: number,
  minDigits: number,
  maxDigits: number,
): NumberToken | null {
  const token = tokenAt(text, pos);
  if (token?.kind !== 'number' || token.truncated) return null;
  const digits = token.end - token.start;
  if (digits < minDigits || digits > maxDigits) return null;
  let value = 0;
  for (let i = token.start; i < token.end; i += 1) value = value * 10 + digitValue(text.charCodeAt(i));
  return { value, end: token.end };
}

interface WordToken {
  readonly folded: string;
  readonly end: number;
}

export function wordAt(text: string, pos: number): WordToken | null {
  const token = tokenAt(text, pos);
  if (token?.kind !== 'word' || token.end - token.start > MAX_NAME_LENGTH) return null;
  return { folded: cachedFold(text.slice(token.start, token.end)), end: token.end };
}

interface SeparatorToken {
  /** The separator without bidi marks; empty when the next token follows directly. */
  readonly text: string;
  readonly end: number;
}

export function separatorAt(text: string, pos: number): SeparatorToken {
  const token = tokenAt(text, pos);
  if (token?.kind !== 'separator') return { text: '', end: pos };
  // Separators this long are never part of a date.
  if (token.end - token.start > 16) return { text: '\u0000', end: token.end };
  return { text: text.slice(token.start, token.end).replace(BIDI_MARKS, ''), end: token.end };
}
