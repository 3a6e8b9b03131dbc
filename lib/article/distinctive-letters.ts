/**
 * Languages that share a script, told apart by letters only they use. tinyld's light model (the
 * one small enough for the Lambda bundle) knows neither Persian, Urdu and Pashto nor any Cyrillic
 * language but Russian, and for these a handful of letters is better evidence than n-grams anyway:
 * Urdu is the only language that writes ے and ں, Ukrainian the only one with ї and є.
 */

/** A language and the letters that give it away (in its script, no other language uses them). */
interface LetterRule {
  readonly language: string;
  readonly letters: string;
  /** The least share of the script's letters these must make up (stray names stay below). */
  readonly share: number;
}

/** At least this many distinctive letters, whatever the share: one is a name or a typo. */
const MIN_DISTINCTIVE = 3;

/** Checked in order: Pashto and Urdu letters before the Persian ones they also use. */
const ARABIC_SCRIPT_RULES: readonly LetterRule[] = [
  { language: 'ps', letters: 'ټډړږښګڼۍې', share: 0.005 },
  { language: 'ur', letters: 'ٹڈڑںےہۃ', share: 0.005 },
  // Persian: پ چ ژ گ, and the Persian forms of kaf and yeh (Arabic writes ك and ي).
  { language: 'fa', letters: 'پچژگکی', share: 0.02 },
];

/**
 * Arabic writes the article ال before about a quarter of its words; Persian, Urdu and Pashto only
 * in a few loanwords (البته, الان). Above this share the text is Arabic whatever its letters, which
 * keeps Arabic typed on a Persian keyboard (ی, ک) Arabic.
 */
const ARABIC_ARTICLE_SHARE = 0.08;
/** Arabic-script text of this many words with almost no ال (below this share) is not Arabic. */
const MIN_WORDS_WITHOUT_ARTICLE = 15;
const RARE_ARTICLE_SHARE = 0.02;

const CYRILLIC_RULES: readonly LetterRule[] = [
  { language: 'be', letters: 'ўЎ', share: 0.002 },
  // Kazakh before Ukrainian: it writes і too. Not ө and ү, which Mongolian shares.
  { language: 'kk', letters: 'әӘғҒқҚңҢұҰһҺ', share: 0.01 },
  { language: 'uk', letters: 'їЇєЄґҐіІ', share: 0.01 },
  { language: 'mk', letters: 'ѓЃќЌѕЅ', share: 0.002 },
  { language: 'sr', letters: 'ђЂћЋџЏљЉњЊјЈ', share: 0.005 },
];

/** Bulgarian has no letter of its own, but writes ъ as a vowel and never ы or э. */
const BULGARIAN_HARD_SIGN_SHARE = 0.01;

const LATIN_RULES: readonly LetterRule[] = [
  // ơ ư and the precomposed tone-marked vowels of the Latin Extended Additional block.
  {
    language: 'vi',
    letters: 'ơƠưƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ',
    share: 0.02,
  },
  { language: 'cs', letters: 'ěĚřŘůŮ', share: 0.005 },
  { language: 'sk', letters: 'ľĽĺĹŕŔ', share: 0.002 },
];

/** Each rule's letters (all in the BMP) as a code unit → rule index table, built once per rule list. */
const RULE_INDEXES = new WeakMap<readonly LetterRule[], ReadonlyMap<number, number>>();

function indexOf(rules: readonly LetterRule[]): ReadonlyMap<number, number> {
  let index = RULE_INDEXES.get(rules);
  if (index === undefined) {
    const built = new Map<number, number>();
    rules.forEach((rule, i) => {
      for (let j = 0; j < rule.letters.length; j += 1) built.set(rule.letters.charCodeAt(j), i);
    });
    RULE_INDEXES.set(rules, built);
    index = built;
  }
  return index;
}

function firstRule(sample: string, rules: readonly LetterRule[], letters: number): string | null {
  const index = indexOf(rules);
  const counts = new Array<number>(rules.length).fill(0);
  // One pass over the sample, whatever the number of rules.
  for (let i = 0; i < sample.length; i += 1) {
    const rule = index.get(sample.charCodeAt(i));
    if (rule !== undefined) counts[rule] = (counts[rule] ?? 0) + 1;
  }
  for (const [i, rule] of rules.entries()) {
    const count = counts[i] ?? 0;
    if (count >= MIN_DISTINCTIVE && count >= letters * rule.share) return rule.language;
  }
  return null;
}

function countMatches(sample: string, pattern: RegExp): number {
  return sample.match(pattern)?.length ?? 0;
}

/**
 * The language of text in Arabic script: `ps`, `ur` or `fa` on their distinctive letters, else
 * `ar`. `letters` is the number of Arabic-script letters in `sample`.
 *
 * @example
 * ```ts
 * arabicScriptLanguage('یہ ایک اردو متن ہے جو زبان کی شناخت کے لیے ہے', 30); // 'ur'
 * arabicScriptLanguage('عادت للواجهة مرة أخرى الأحاديث عن إبرام اتفاق', 38); // 'ar'
 * ```
 */
export function arabicScriptLanguage(sample: string, letters: number): 'ar' | 'fa' | 'ur' | 'ps' {
  const words = countMatches(sample, /[\u0600-\u06ff]+/g);
  const withArticle = countMatches(sample, /(?<![\u0600-\u06ff])ال/g);
  if (words > 0 && withArticle >= words * ARABIC_ARTICLE_SHARE) return 'ar';
  const language = firstRule(sample, ARABIC_SCRIPT_RULES, letters);
  if (language === 'ps' || language === 'ur' || language === 'fa') return language;
  // Persian typed with the Arabic ي and ك and no پ چ ژ گ: only the missing article tells.
  return words >= MIN_WORDS_WITHOUT_ARTICLE && withArticle < words * RARE_ARTICLE_SHARE ? 'fa' : 'ar';
}

/**
 * The language of text in Cyrillic script, when its letters tell (Belarusian, Ukrainian,
 * Macedonian, Serbian, Kazakh, Bulgarian); null otherwise (Russian, or too little to tell).
 *
 * @example
 * ```ts
 * cyrillicLanguage('Синоптики обіцяють українцям сильну спеку', 37); // 'uk'
 * cyrillicLanguage('Правительство объявило о новых мерах', 31);       // null
 * ```
 */
export function cyrillicLanguage(sample: string, letters: number): string | null {
  const language = firstRule(sample, CYRILLIC_RULES, letters);
  if (language !== null) return language;
  const hardSigns = countMatches(sample, /[ъЪ]/g);
  const russianVowels = countMatches(sample, /[ыЫэЭ]/g);
  if (
    hardSigns >= MIN_DISTINCTIVE &&
    hardSigns >= letters * BULGARIAN_HARD_SIGN_SHARE &&
    russianVowels === 0
  ) {
    return 'bg';
  }
  return null;
}

/**
 * Latin-script languages the light n-gram model does not know but their letters give away
 * (Vietnamese, Czech, Slovak); null otherwise.
 *
 * @example
 * ```ts
 * latinLanguage('Pět vítězných soutěžních duelů v řadě', 31); // 'cs'
 * latinLanguage('The government announced new measures', 33); // null
 * ```
 */
export function latinLanguage(sample: string, letters: number): string | null {
  return firstRule(sample, LATIN_RULES, letters);
}
