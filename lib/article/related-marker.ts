/**
 * The labels that introduce related-article references ("اقرأ/ي أيضًا", "Read also", "بیشتر
 * بخوانید", "Lesen Sie auch" …): one list for every parser, so a label the text parser knows is
 * known in HTML and Markdown too. Patterns are sources to embed in anchored, case-insensitive
 * Unicode regular expressions (`iu`).
 */

/** Arabic short vowels and tanween, which news sites write or leave out at will. */
const MARKS = '[\\u064B-\\u065F\\u0670]*';
/** "أيضًا" / "أيضاً" / "ايضا", marks or none. */
export const ALSO_AR = `[اأإآ]${MARKS}ي${MARKS}ض${MARKS}[اً]${MARKS}`;
const READ_VERB_AR = `[اأإ]${MARKS}ق${MARKS}ر${MARKS}[أاء]${MARKS}(?:\\s*\\/\\s*ي${MARKS})?`;
/** "اقرأ", "اقرأ/ي", "شاهد", "طالع", "تابع": verbs that start an Arabic "read also" label. */
export const READ_AR = `(?:[اأإ]${MARKS}ق${MARKS}ر${MARKS}[أاء]${MARKS}|شاهد|طالع|تابع)${MARKS}(?:\\s*\\/\\s*ي${MARKS})?`;

const ARABIC = [
  `${READ_AR}\\s+(?:${ALSO_AR}|كذلك|المزيد)`,
  READ_VERB_AR,
  '(?:مواضيع|مقالات|أخبار|اخبار|موضوعات)\\s+(?:ذات\\s+صلة|متعلقة)',
  '(?:خبر\\s+)?ذات\\s+صلة',
  'المزيد(?:\\s+من\\s+الأخبار)?',
  'للمزيد',
];
const PERSIAN = ['(?:ب[یي]شتر|همچن[یي]ن)\\s+بخوان[یي]د', '(?:مطالب|اخبار|خبرها[یي])\\s+مرتبط'];
const ENGLISH = [
  '(?:read|see)\\s+(?:also|more|next)',
  'also\\s+read',
  'related(?:\\s+(?:articles?|stories|story|posts?|coverage|content|reading|news))?',
  'more\\s+on\\s+this(?:\\s+(?:story|topic))?',
  'further\\s+reading',
  'you\\s+(?:might|may)\\s+also\\s+like',
  'recommended(?:\\s+for\\s+you)?',
  // "More from Sport:" or a line of its own, never the opening of a sentence.
  'more\\s+from\\s+(?:[^:：.!?\\n]|\\.(?=\\S)){1,40}(?=\\s*(?:[:：]|$))',
];
const OTHER = [
  'lea\\s+(?:también|además|más)',
  'lee\\s+(?:también|más)',
  'leia\\s+(?:também|mais)',
  '(?:le|te)\\s+puede\\s+interesar',
  'vea\\s+también',
  'ver\\s+(?:también|más)',
  'mira\\s+(?:también|más)',
  'lesen\\s+sie\\s+(?:auch|mehr)',
  'mehr\\s+zum\\s+thema(?:\\s+(?:[^:：.!?\\n]|\\.(?=\\S)){1,40}(?=\\s*(?:[:：]|$)))?',
  'auch\\s+interessant',
  'siehe\\s+auch',
  'weiterlesen',
  'weitere\\s+(?:artikel|beiträge|nachrichten)',
  'das\\s+könnte\\s+sie\\s+auch\\s+interessieren',
  'à\\s+lire\\s+(?:aussi|également)',
  'a\\s+lire\\s+aussi',
  'lire\\s+aussi',
  'voir\\s+aussi',
  'leggi\\s+anche',
];

/** Any related-article label, as an alternation (no anchors, no separator). */
export const RELATED_LABELS = [...ARABIC, ...PERSIAN, ...ENGLISH, ...OTHER].join('|');

/** "اقرأ أيضًا TITLE" / "Read also TITLE" with the colon lost: the label, then the title. */
export const RELATED_LABELS_LOOSE = [
  `${READ_AR}\\s+${ALSO_AR}`,
  '(?:ب[یي]شتر|همچن[یي]ن)\\s+بخوان[یي]د',
  'read\\s+also',
  'see\\s+also',
  'also\\s+read',
].join('|');

/**
 * Labels that are also people's names ("Lea:", "Mira:" open a speaker's turn in a transcript):
 * a reference only when what follows is a link.
 */
export const RELATED_LABELS_IF_LINKED = 'lea|mira';
