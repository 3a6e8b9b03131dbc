/**
 * Arabic-aware text folding for matching (titles against references, month names, de-duplication).
 * Output text never goes through these functions: records keep the article's own characters.
 */
export { foldWhitespace } from './text.js';

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;
const NON_ASCII_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/gu;

/**
 * Replaces Arabic-Indic (٠-٩) and Persian (۰-۹) digits with ASCII digits; the length is unchanged.
 *
 * @example
 * toAsciiDigits('٢٢ مايو ۲۰۱۷'); // '22 مايو 2017'
 */
export function toAsciiDigits(text: string): string {
  return text.replace(NON_ASCII_DIGIT, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code - (code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO));
  });
}

/**
 * Harakat and tanween (U+064B–U+065F), superscript alef (U+0670), Quranic annotation marks and
 * signs (U+0610–U+061A, U+06D6–U+06ED with the end-of-ayah sign, U+08D3–U+08FF), tatweel (U+0640),
 * and invisible format characters (bidi marks and isolates, ZWSP/ZWNJ/ZWJ, BOM, Arabic letter
 * mark) that vary between copies of the same text.
 */
const IGNORED_FOR_MATCHING =
  /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff\u0640\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/**
 * Letter variants that writers use interchangeably. Hamza carriers fold to their bare letter
 * (ؤ → و, ئ → ي) because everyday writing drops or moves hamza freely; ة → ه and ى → ي for the
 * same reason; Persian kaf/yeh and heh forms fold to the Arabic letters.
 */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ى: 'ي',
  ئ: 'ي',
  ی: 'ي',
  ې: 'ي',
  ة: 'ه',
  ۀ: 'ه',
  ہ: 'ه',
  ە: 'ه',
  ؤ: 'و',
  ک: 'ك',
};
const FOLDED_LETTER = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

/** Unicode punctuation (Arabic ، ؛ ؟ ۔, quotes « » “ ”, dashes, brackets): a word boundary for matching. */
const PUNCTUATION = /\p{P}+/gu;

/**
 * A key for comparing two pieces of text that name the same thing: NFKC, Arabic diacritics,
 * tatweel and invisible marks removed, letter variants folded (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و,
 * ئ → ي, ک → ك, ی → ي), digits to ASCII, lower-cased, punctuation turned into spaces, white space
 * folded. Punctuation becomes a space rather than nothing so that `وتدمر..حسابات` and
 * `وتدمر.. حسابات` get the same key.
 *
 * @example
 * normalizeForMatching('اقرأ أيضًا: حلب وتدمر.. حسابات داعش'); // 'اقرا ايضا حلب وتدمر حسابات داعش'
 */
export function normalizeForMatching(text: string): string {
  return toAsciiDigits(text.normalize('NFKC'))
    .replace(IGNORED_FOR_MATCHING, '')
    .replace(FOLDED_LETTER, (letter) => LETTER_FOLDS[letter] ?? letter)
    .toLowerCase()
    .replace(PUNCTUATION, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
