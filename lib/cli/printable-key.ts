/**
 * An object key as the CLI prints it in text output: as it is when it is plain, else as a JSON
 * string. S3 keys may hold any UTF-8 character, line breaks and tabs included; printed raw, one
 * key could split a line or a tab-separated column, and a carriage return could hide what came
 * before it on a terminal. A JSON string escapes every control character and line separator;
 * keys starting with `"` are quoted too, so a quoted key is never confused with a plain one.
 *
 * @example
 * ```ts
 * printableKey('2017/05/seed.txt'); // 2017/05/seed.txt
 * printableKey('crlf\r\nkey.txt');  // "crlf\r\nkey.txt"
 * ```
 */
export function printableKey(key: string): string {
  return NEEDS_QUOTING.test(key) ? JSON.stringify(key).replace(LINE_SEPARATORS, escapeUnicode) : key;
}

/** C0 and C1 controls, DEL, the Unicode line and paragraph separators, or a leading quote. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NEEDS_QUOTING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|^"/u;
/** JSON.stringify escapes C0 controls, not these, which some terminals and editors break lines at. */
const LINE_SEPARATORS = /[\u007f-\u009f\u2028\u2029]/gu;

const escapeUnicode = (character: string): string =>
  `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
