export { foldWhitespace } from './text.js';

/** Arabic-Indic and Persian digits to ASCII. (Implementation in progress.) */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/gu, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
}

/** A matching key for text. (Implementation in progress.) */
export function normalizeForMatching(text: string): string {
  return toAsciiDigits(text.normalize('NFKC')).toLowerCase().replace(/\s+/gu, ' ').trim();
}
