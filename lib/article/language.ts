import { detectAll } from 'tinyld/light';
import { arabicScriptLanguage, cyrillicLanguage, latinLanguage } from './distinctive-letters.js';

/**
 * Language by script first, then by the letters only one language of that script uses, then by
 * tinyld's light n-gram model (24 languages, 69 KiB, no dependencies; the full model is 577 KiB of
 * the Lambda bundle and measured no better, see docs/dates-and-links.md). The script decides what
 * a detector is bad at (short text, mixed text); the detector decides between the Latin-script
 * and CJK languages.
 */

type Script =
  | 'arabic'
  | 'hebrew'
  | 'latin'
  | 'cyrillic'
  | 'greek'
  | 'han'
  | 'kana'
  | 'hangul'
  | 'thai'
  | 'devanagari'
  | 'armenian'
  | 'georgian'
  | 'thaana'
  | 'other';

/** Only this much text is read: enough for a stable answer, bounded cost on huge input. */
const SAMPLE_LENGTH = 2000;
/** Below this many letters the detector guesses; the declared language or the script decides. */
const MIN_LETTERS_FOR_DETECTION = 20;

const SCRIPT_RANGES: readonly (readonly [number, number, Script])[] = [
  [0x0041, 0x024f, 'latin'],
  [0x0370, 0x03ff, 'greek'],
  [0x0400, 0x052f, 'cyrillic'],
  [0x0530, 0x058f, 'armenian'],
  [0x0590, 0x05ff, 'hebrew'],
  [0x0600, 0x06ff, 'arabic'],
  [0x0750, 0x077f, 'arabic'],
  [0x0780, 0x07bf, 'thaana'],
  [0x08a0, 0x08ff, 'arabic'],
  [0x0900, 0x097f, 'devanagari'],
  [0x0e00, 0x0e7f, 'thai'],
  [0x10a0, 0x10ff, 'georgian'],
  [0x1100, 0x11ff, 'hangul'],
  [0x1e00, 0x1eff, 'latin'],
  [0x3040, 0x30ff, 'kana'],
  [0x3400, 0x4dbf, 'han'],
  [0x4e00, 0x9fff, 'han'],
  [0xac00, 0xd7af, 'hangul'],
  [0xfb1d, 0xfb4f, 'hebrew'],
  [0xfb50, 0xfdff, 'arabic'],
  [0xfe70, 0xfeff, 'arabic'],
];

/** The script a language is written in, where it is not Latin. */
const LANGUAGE_SCRIPTS: Readonly<Record<string, Script>> = {
  ar: 'arabic',
  fa: 'arabic',
  ur: 'arabic',
  ps: 'arabic',
  sd: 'arabic',
  ug: 'arabic',
  ku: 'arabic',
  he: 'hebrew',
  yi: 'hebrew',
  ru: 'cyrillic',
  uk: 'cyrillic',
  bg: 'cyrillic',
  be: 'cyrillic',
  mk: 'cyrillic',
  sr: 'cyrillic',
  kk: 'cyrillic',
  ky: 'cyrillic',
  mn: 'cyrillic',
  tg: 'cyrillic',
  tt: 'cyrillic',
  ba: 'cyrillic',
  el: 'greek',
  zh: 'han',
  ja: 'kana',
  ko: 'hangul',
  th: 'thai',
  hi: 'devanagari',
  mr: 'devanagari',
  ne: 'devanagari',
  sa: 'devanagari',
  hy: 'armenian',
  ka: 'georgian',
  dv: 'thaana',
};

/** The language a script alone implies, when the text is too short to detect. */
const SCRIPT_LANGUAGE: Partial<Readonly<Record<Script, string>>> = {
  arabic: 'ar',
  hebrew: 'he',
  greek: 'el',
  kana: 'ja',
  hangul: 'ko',
  thai: 'th',
  armenian: 'hy',
  georgian: 'ka',
  thaana: 'dv',
};

/** Deprecated ISO 639 codes still seen in `lang` attributes. */
const DEPRECATED_CODES: Readonly<Record<string, string>> = { iw: 'he', in: 'id', ji: 'yi' };

const RTL_LANGUAGES: ReadonlySet<string> = new Set([
  'ar',
  'fa',
  'he',
  'ur',
  'ps',
  'yi',
  'dv',
  'sd',
  'ug',
  'ckb',
]);

function scriptOf(code: number): Script | null {
  for (const [from, to, script] of SCRIPT_RANGES) {
    if (code >= from && code <= to) return script;
  }
  return null;
}

/**
 * `\p{L}` for each BMP code unit, learnt on first sight (0 unknown, 1 letter, 2 not a letter):
 * a regular expression test per character was most of the time spent detecting a language.
 */
const BMP_LETTERS = new Uint8Array(0x10000);

function isLetterCode(code: number): boolean {
  if (code > 0xffff) return /\p{L}/u.test(String.fromCodePoint(code));
  let known = BMP_LETTERS[code] ?? 0;
  if (known === 0) {
    known = /\p{L}/u.test(String.fromCharCode(code)) ? 1 : 2;
    BMP_LETTERS[code] = known;
  }
  return known === 1;
}

/** Calls `visit` with the code point of every letter in `text`. */
function forEachLetter(text: string, visit: (code: number) => void): void {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.codePointAt(i) ?? 0;
    if (code > 0xffff) i += 1;
    if (isLetterCode(code)) visit(code);
  }
}

interface ScriptCounts {
  readonly dominant: Script | null;
  readonly letters: number;
}

function countScripts(sample: string): ScriptCounts {
  const counts = new Map<Script, number>();
  let letters = 0;
  forEachLetter(sample, (code) => {
    letters += 1;
    const script = scriptOf(code) ?? 'other';
    counts.set(script, (counts.get(script) ?? 0) + 1);
  });
  let dominant: Script | null = null;
  let best = 0;
  for (const [script, count] of counts) {
    if (count > best) {
      dominant = script;
      best = count;
    }
  }
  const hasKana = (counts.get('kana') ?? 0) > 0;
  // Japanese mixes Han and kana; any kana next to dominant Han means Japanese, not Chinese.
  return { dominant: dominant === 'han' && hasKana ? 'kana' : dominant, letters };
}

/** `en-US` → `en`, `AR` → `ar`, `iw` → `he`; null for anything that is not an ISO 639-1 code. */
function primaryLanguage(declared: string | null): string | null {
  if (declared === null) return null;
  const primary = declared.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  if (!/^[a-z]{2}$/u.test(primary)) return null;
  return DEPRECATED_CODES[primary] ?? primary;
}

function scriptOfLanguage(language: string): Script {
  return LANGUAGE_SCRIPTS[language] ?? 'latin';
}

/**
 * The language of a text as an ISO 639-1 code, or null when it cannot be told. Reads the first
 * 2,000 characters. Arabic script gives `ar` unless the letters say Persian, Urdu or Pashto;
 * Hebrew script gives `he`; Cyrillic gives `ru` unless the letters say another language; Latin
 * text with Vietnamese, Czech or Slovak letters gives that language; the rest goes to tinyld,
 * whose best answer written in the text's script wins. A valid declared `lang` (`en-US` → `en`) wins when it is written in the text's dominant
 * script, and is used as is when the text is too short to detect (fewer than 20 letters); a
 * declared language of another script is ignored.
 *
 * @example
 * detectLanguage('عادت للواجهة مرة أخرى الأحاديث عن إبرام اتفاق', null); // 'ar'
 * detectLanguage('Hi', 'en-US');                                         // 'en'
 */
export function detectLanguage(text: string, declared: string | null): string | null {
  const sample = text.slice(0, SAMPLE_LENGTH);
  const declaredLanguage = primaryLanguage(declared);
  const { dominant, letters } = countScripts(sample);
  if (dominant === null) return declaredLanguage;
  if (declaredLanguage !== null && scriptOfLanguage(declaredLanguage) === dominant) return declaredLanguage;
  if (letters < MIN_LETTERS_FOR_DETECTION) {
    return SCRIPT_LANGUAGE[dominant] ?? (dominant === 'han' ? 'zh' : declaredLanguage);
  }
  if (dominant === 'arabic') return arabicScriptLanguage(sample, letters);
  if (dominant === 'hebrew') return 'he';
  // tinyld's light model knows no Cyrillic language but Russian.
  if (dominant === 'cyrillic') return cyrillicLanguage(sample, letters) ?? 'ru';
  const byLetters = dominant === 'latin' ? latinLanguage(sample, letters) : null;
  if (byLetters !== null) return byLetters;
  // tinyld knows romanized Hindi and Berber and may rank them first on Latin-script navigation
  // text; only a language written in the text's script can be the answer.
  const candidate = detectAll(sample).find(
    (result) =>
      /^[a-z]{2}$/u.test(result.lang) && (dominant === 'other' || scriptOfLanguage(result.lang) === dominant),
  );
  return candidate?.lang ?? SCRIPT_LANGUAGE[dominant] ?? null;
}

/** `ar`, `fa-IR`, `ku-Arab`, `pa-Arab-PK`: an RTL primary language or an RTL script subtag. */
function isRightToLeftTag(tag: string): boolean {
  const [primary = '', ...subtags] = tag.toLowerCase().split(/[-_]/u);
  return RTL_LANGUAGES.has(primary) || subtags.some((subtag) => RTL_SCRIPTS.has(subtag));
}

const RTL_SCRIPTS: ReadonlySet<string> = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg']);

/** Hebrew, Arabic, Syriac, Thaana, N'Ko… blocks and the Hebrew and Arabic presentation forms. */
function isStrongRightToLeft(code: number): boolean {
  return (
    (code >= 0x0590 && code <= 0x08ff) ||
    (code >= 0xfb1d && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfeff)
  );
}

/**
 * The text direction: the declared one wins; a right-to-left language (ar, fa, he, ur, ps, yi,
 * dv, sd, ug, or any tag with an RTL script subtag such as `ku-Arab`) is `rtl`; otherwise the
 * majority of strong directional letters in the first 2,000 characters decides (`ltr` on a tie or
 * with no letters).
 *
 * @example
 * directionOf('ar', '', null);        // 'rtl'
 * directionOf(null, 'سلام hi', null); // 'rtl' (4 RTL letters against 2)
 */
export function directionOf(
  language: string | null,
  text: string,
  declared: 'rtl' | 'ltr' | null,
): 'rtl' | 'ltr' {
  if (declared !== null) return declared;
  if (language !== null && isRightToLeftTag(language)) return 'rtl';
  let rtl = 0;
  let ltr = 0;
  forEachLetter(text.slice(0, SAMPLE_LENGTH), (code) => {
    if (isStrongRightToLeft(code)) rtl += 1;
    else ltr += 1;
  });
  return rtl > ltr ? 'rtl' : 'ltr';
}
