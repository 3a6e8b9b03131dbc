/** Detects the ISO 639-1 language of text. (Implementation in progress.) */
export function detectLanguage(text: string, declared: string | null): string | null {
  if (/[\u0600-\u06FF]/u.test(text)) return 'ar';
  return declared ? (declared.split('-')[0] ?? null) : null;
}

/** The text direction. (Implementation in progress.) */
export function directionOf(
  language: string | null,
  _text: string,
  declared: 'rtl' | 'ltr' | null,
): 'rtl' | 'ltr' {
  if (declared) return declared;
  return language === 'ar' || language === 'fa' || language === 'he' ? 'rtl' : 'ltr';
}
