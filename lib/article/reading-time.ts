/**
 * Silent reading speeds in words per minute, from Trauzettel-Klosinski S., Dietz K. et al.,
 * "Standardized Assessment of Reading Performance: The New International Reading Speed Texts
 * IReST", IOVS 53(9), 2012 (Table 3, mean words/min of adult readers).
 */
const WORDS_PER_MINUTE: Readonly<Record<string, number>> = {
  ar: 138,
  en: 228,
  fr: 195,
  de: 179,
  es: 218,
  ru: 184,
  it: 188,
  nl: 202,
  pl: 166,
  pt: 181,
  sv: 199,
  sl: 180,
  tr: 166,
  fi: 161,
  zh: 158,
  ja: 193,
  he: 187,
};

/** IReST's overall mean across its languages, for languages it did not measure or unknown ones. */
const DEFAULT_WORDS_PER_MINUTE = 184;

/**
 * Minutes to read `words` words in `language`: at least 1 when there are words, 0 otherwise.
 *
 * @example
 * ```ts
 * readingTimeMinutes(745, 'ar'); // 5 (745 / 138 ≈ 5.4)
 * readingTimeMinutes(0, 'en');   // 0
 * ```
 */
export function readingTimeMinutes(words: number, language: string | null): number {
  if (words <= 0) return 0;
  const speed = (language === null ? undefined : WORDS_PER_MINUTE[language]) ?? DEFAULT_WORDS_PER_MINUTE;
  return Math.max(1, Math.round(words / speed));
}
