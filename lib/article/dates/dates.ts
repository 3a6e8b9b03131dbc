/**
 * Publication dates in the forms news sites write them, in Arabic, Persian, English, French,
 * German and Spanish. Table-driven: month and weekday names live in tables below, folded with the
 * same function that folds the input. Hand-written rather than a date library because none of the
 * maintained ones reads Arabic/Levantine/Maghrebi month names, Arabic-Indic digits or Jalali dates,
 * and they guess where this module must refuse (phone numbers, month-year without a day).
 *
 * The scanner reads tokens (digit runs, letter runs, everything else) on demand from the input
 * and every pattern looks at a bounded number of tokens, so scanning is linear in the input:
 * no regular expression ever runs over the whole text.
 */

/** A date expression found inside longer text. */
export interface FoundDate {
  /** ISO 8601, as `parseDate` returns it. */
  readonly iso: string;
  /** UTF-16 offset of the expression in the text. */
  readonly index: number;
  /** UTF-16 length of the expression (weekday, date and time, as matched). */
  readonly length: number;
}

/** Hijri (lunar) dates are recognized, so that a date line stays a date line, but never converted. */
type Calendar = 'gregorian' | 'jalali' | 'hijri';

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
/** Solar Hijri years 1300–1499 cover Gregorian 1921–2121; any other 13xx/14xx is out of range anyway. */
const MIN_JALALI_YEAR = 1300;
const MAX_JALALI_YEAR = 1499;
/**
 * A numeric date with a year from here to 1499 is lunar Hijri (today 1446–1447), below it Jalali
 * (today 1403–1404): the two calendars only share years for dates before 1980 or after 2041.
 */
const MIN_NUMERIC_HIJRI_YEAR = 1420;
/** Longer input cannot be only a date; bounding it keeps `parseDate` constant-time on huge input. */
const MAX_DATE_STRING = 200;
const MAX_NAME_LENGTH = 24;

// ---------------------------------------------------------------------------------------------
// Name tables

/**
 * Month names by language: twelve comma-separated months, January first; `|` separates variants.
 * Spelling variants that folding already equates (hamza forms, ى/ي, accents, a leading ال) need no
 * entry of their own.
 */
const GREGORIAN_MONTHS: readonly string[] = [
  // English
  'january|jan, february|feb, march|mar, april|apr, may, june|jun, july|jul, august|aug, september|sep|sept, october|oct, november|nov, december|dec',
  // Egyptian / Gulf Arabic
  'يناير, فبراير, مارس, أبريل|إبريل, مايو, يونيو|يونيه, يوليو|يوليه, أغسطس, سبتمبر, أكتوبر, نوفمبر, ديسمبر',
  // Levantine / Iraqi Arabic
  'كانون الثاني, شباط, آذار, نيسان, أيار, حزيران, تموز, آب, أيلول, تشرين الأول, تشرين الثاني, كانون الأول',
  // Algerian / Tunisian
  'جانفي, فيفري, مارس, أفريل, ماي, جوان, جويلية, أوت, سبتمبر, أكتوبر, نوفمبر, ديسمبر',
  // Moroccan
  'يناير, فبراير, مارس, أبريل, ماي, يونيو, يوليوز, غشت, شتنبر, أكتوبر, نونبر, دجنبر',
  // Persian names of Gregorian months
  'ژانویه, فوریه, مارس, آوریل, مه, ژوئن, ژوئیه, اوت, سپتامبر, اکتبر, نوامبر, دسامبر',
  // French
  'janvier|janv, février|févr, mars, avril|avr, mai, juin, juillet|juil, août, septembre, octobre, novembre, décembre|déc',
  // German
  'januar|jänner, februar, märz|maerz, april, mai, juni, juli, august, september, oktober|okt, november, dezember|dez',
  // Spanish
  'enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre|setiembre, octubre, noviembre, diciembre',
  // Italian
  'gennaio, febbraio, marzo, aprile, maggio, giugno, luglio, agosto, settembre, ottobre, novembre, dicembre',
  // Portuguese
  'janeiro, fevereiro, março, abril, maio, junho, julho, agosto, setembro, outubro, novembro, dezembro',
  // Turkish
  'ocak, şubat, mart, nisan, mayıs, haziran, temmuz, ağustos, eylül, ekim, kasım, aralık',
  // Dutch
  'januari|jan, februari|feb, maart|mrt, april|apr, mei, juni|jun, juli|jul, augustus|aug, september|sep, oktober|okt, november|nov, december|dec',
  // Danish, Norwegian, Swedish
  'januar|januari, februar|februari, marts|mars, april, maj|mai, juni, juli, august|augusti, september, oktober, november, december|desember',
  // Romanian
  'ianuarie, februarie, martie, aprilie, mai, iunie, iulie, august, septembrie, octombrie, noiembrie, decembrie',
  // Indonesian, Malay
  'januari, februari, maret|mac, april, mei, juni|jun, juli|julai, agustus|ogos, september, oktober, november, desember|disember',
  // Russian (genitive, as dates write them, and nominative)
  'января|январь, февраля|февраль, марта|март, апреля|апрель, мая|май, июня|июнь, июля|июль, августа|август, сентября|сентябрь, октября|октябрь, ноября|ноябрь, декабря|декабрь',
  // Ukrainian (genitive)
  'січня, лютого, березня, квітня, травня, червня, липня, серпня, вересня, жовтня, листопада, грудня',
  // Polish (genitive)
  'stycznia, lutego, marca, kwietnia, maja, czerwca, lipca, sierpnia, września, października, listopada, grudnia',
  // Czech (genitive)
  'ledna, února, března, dubna, května, června, července, srpna, září, října, listopadu, prosince',
];

/** Solar Hijri (Jalali) months as Iranian news write them. */
const JALALI_MONTHS = 'فروردین, اردیبهشت, خرداد, تیر, مرداد|امرداد, شهریور, مهر, آبان, آذر, دی, بهمن, اسفند';

/** Lunar Hijri months: recognized, never converted (the Umm al-Qura and tabular calendars differ). */
const HIJRI_MONTHS =
  'محرم, صفر, ربيع الأول|ربيع أول, ربيع الثاني|ربيع الآخر|ربيع ثاني|ربيع آخر, جمادى الأولى|جمادى الأول|جمادى أولى, جمادى الآخرة|جمادى الثانية|جمادى الآخر|جمادى ثانية, رجب, شعبان, رمضان, شوال, ذو القعدة|ذي القعدة, ذو الحجة|ذي الحجة';

function monthTable(months: string, calendar: Calendar): (readonly [string, Calendar, number])[] {
  return months
    .split(',')
    .flatMap((variants, index) =>
      variants.split('|').map((name) => [name.trim(), calendar, index + 1] as const),
    );
}

const MONTHS: readonly (readonly [string, Calendar, number])[] = [
  ...GREGORIAN_MONTHS.flatMap((months) => monthTable(months, 'gregorian')),
  ...monthTable(JALALI_MONTHS, 'jalali'),
  ...monthTable(HIJRI_MONTHS, 'hijri'),
];

const WEEKDAYS: readonly string[] = [
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  ...['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'],
  ...['الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الأحد'],
  ...['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  ...['montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag'],
  ...['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  ...['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'],
  ...['pazartesi', 'salı', 'çarşamba', 'perşembe', 'cuma', 'cumartesi', 'pazar'],
  ...['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'پنج‌شنبه', 'جمعه'],
];

/** Words that may open a date: "يوم الاثنين…", "le 1er mai…", "am 22. Mai…", "el 22 de mayo…". */
const DATE_PREFIXES: ReadonlySet<string> = new Set(['يوم', 'le', 'am', 'el']);
const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(['st', 'nd', 'rd', 'th', 'er', 'º', 'ª']);
/** Words that may stand between day, month and year: "22nd of May", "22 de mayo de 2017", "22 من مايو". */
const CONNECTORS: ReadonlySet<string> = new Set(['of', 'de', 'del', 'من']);
/** `هـ` (هجري) after a year, as folded. */
const HIJRI_SUFFIX = 'ه';
/** "2017م" (ميلادي), "2017 AD", "1438هـ". */
const YEAR_SUFFIXES: ReadonlySet<string> = new Set(['م', 'ad', HIJRI_SUFFIX]);
/** Words between a date and its time: "at", "الساعة", "um", "à", "a las". */
const TIME_CONNECTORS: ReadonlySet<string> = new Set(['at', 'ساعه', 'um', 'a', 'las', 'vers']);
const AM_WORDS: ReadonlySet<string> = new Set(['am', 'ص', 'صباحا']);
const PM_WORDS: ReadonlySet<string> = new Set(['pm', 'م', 'مساء', 'مساءا']);
const ZONES: ReadonlyMap<string, number> = new Map([
  ['z', 0],
  ['gmt', 0],
  ['utc', 0],
  ['ut', 0],
  ['est', -300],
  ['edt', -240],
  ['cst', -360],
  ['cdt', -300],
  ['mst', -420],
  ['mdt', -360],
  ['pst', -480],
  ['pdt', -420],
  ['cet', 60],
  ['cest', 120],
  ['eet', 120],
  ['eest', 180],
  ['msk', 180],
]);

/**
 * Folds a word for table look-up: marks removed after NFD (which also turns أ إ آ ؤ ئ into their
 * bare letters and é into e), tatweel and joiners removed, ٱ ى ی ة ک folded, lower-cased, and a
 * leading ال dropped so that "الأول" and "أول", "الاثنين" and "اثنين" are the same key.
 */
function foldWord(word: string): string {
  const folded = word
    .normalize('NFD')
    .replace(/[\p{M}\u0640\u200c\u200d]/gu, '')
    .replace(/[ٱ]/gu, 'ا')
    .replace(/[ىیئ]/gu, 'ي')
    .replace(/[ةە]/gu, 'ه')
    .replace(/ک/gu, 'ك')
    .toLowerCase();
  return folded.length >= 5 && folded.startsWith('ال') ? folded.slice(2) : folded;
}

const foldCache = new Map<string, string>();
const FOLD_CACHE_SIZE = 4096;

/** Articles repeat the same words; folding (NFD and five replacements) is the scanner's hot spot. */
function cachedFold(word: string): string {
  const cached = foldCache.get(word);
  if (cached !== undefined) return cached;
  if (foldCache.size >= FOLD_CACHE_SIZE) foldCache.clear();
  const folded = foldWord(word);
  foldCache.set(word, folded);
  return folded;
}

interface MonthEntry {
  readonly month: number;
  readonly calendar: Calendar;
}

function buildMonthIndex(): ReadonlyMap<string, MonthEntry> {
  const index = new Map<string, MonthEntry>();
  for (const [name, calendar, month] of MONTHS) {
    const key = name.split(' ').map(foldWord).join(' ');
    const known = index.get(key);
    // Two languages may share a name only for the same month; anything else is a table error.
    if (known !== undefined && (known.month !== month || known.calendar !== calendar)) {
      throw new Error(
        `month name "${name}" is both ${known.calendar} ${known.month} and ${calendar} ${month}`,
      );
    }
    index.set(key, { month, calendar });
  }
  return index;
}

const MONTH_BY_NAME = buildMonthIndex();
/** First words of two-word month names (كانون الثاني, تشرين الأول…). */
const TWO_WORD_MONTH_STARTS: ReadonlySet<string> = new Set(
  [...MONTH_BY_NAME.keys()].filter((key) => key.includes(' ')).map((key) => key.split(' ')[0] ?? ''),
);
const WEEKDAY_NAMES: ReadonlySet<string> = new Set(WEEKDAYS.map(foldWord));
/** Every folded word that can open a date. */
const DATE_STARTERS: ReadonlySet<string> = new Set([
  ...DATE_PREFIXES,
  ...WEEKDAY_NAMES,
  ...MONTH_BY_NAME.keys(),
  ...TWO_WORD_MONTH_STARTS,
]);

// ---------------------------------------------------------------------------------------------
// Tokens

type TokenKind = 'number' | 'word' | 'separator';

interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  readonly truncated: boolean;
}

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const BIDI_MARKS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

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

function kindOf(code: number): TokenKind {
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

interface NumberToken {
  readonly value: number;
  readonly end: number;
}

function numberAt(text: string, pos: number, minDigits: number, maxDigits: number): NumberToken | null {
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

function wordAt(text: string, pos: number): WordToken | null {
  const token = tokenAt(text, pos);
  if (token?.kind !== 'word' || token.end - token.start > MAX_NAME_LENGTH) return null;
  return { folded: cachedFold(text.slice(token.start, token.end)), end: token.end };
}

interface SeparatorToken {
  /** The separator without bidi marks; empty when the next token follows directly. */
  readonly text: string;
  readonly end: number;
}

function separatorAt(text: string, pos: number): SeparatorToken {
  const token = tokenAt(text, pos);
  if (token?.kind !== 'separator') return { text: '', end: pos };
  // Separators this long are never part of a date.
  if (token.end - token.start > 16) return { text: '\u0000', end: token.end };
  return { text: text.slice(token.start, token.end).replace(BIDI_MARKS, ''), end: token.end };
}

// ---------------------------------------------------------------------------------------------
// Patterns

/** Between day, month and year: spaces and at most one of - / . , ، – — (and a closing paren). */
const PART_SEPARATOR = /^\)?\s{0,3}[-/.,،–—]?\s{0,3}$/u;
const PAIRED_MONTH_SEPARATOR = /^\s{0,2}[/(]\s{0,2}$/u;
const WEEKDAY_SEPARATOR = /^\s{0,3}[,،.\-–—]?\s{0,3}$/u;
const TIME_SEPARATOR = /^[\s.,،\-–—|@]{1,6}$/u;
const NUMERIC_SEPARATOR = /^\s?([-/.])\s?$/u;
const OFFSET_SIGN = /^\s{0,2}[+\-−]$/u;

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly calendar: Calendar;
  readonly end: number;
}

interface MonthMatch extends MonthEntry {
  readonly end: number;
}

function matchMonthName(text: string, pos: number): MonthMatch | null {
  const word = wordAt(text, pos);
  if (word === null) return null;
  if (TWO_WORD_MONTH_STARTS.has(word.folded)) {
    const gap = separatorAt(text, word.end);
    if (!/^\s{1,3}$/u.test(gap.text)) return null;
    const second = wordAt(text, gap.end);
    const entry = second === null ? undefined : MONTH_BY_NAME.get(`${word.folded} ${second.folded}`);
    return entry === undefined || second === null ? null : { ...entry, end: second.end };
  }
  const entry = MONTH_BY_NAME.get(word.folded);
  return entry === undefined ? null : { ...entry, end: word.end };
}

/** A month name, or two names of the same month: `نيسان/أبريل`, `آب (أغسطس)`. */
function matchMonth(text: string, pos: number): MonthMatch | null {
  const first = matchMonthName(text, pos);
  if (first === null) return null;
  const gap = separatorAt(text, first.end);
  if (!PAIRED_MONTH_SEPARATOR.test(gap.text)) return first;
  const second = matchMonthName(text, gap.end);
  if (second === null || second.month !== first.month || second.calendar !== first.calendar) return first;
  return { ...first, end: second.end };
}

function skipPartSeparator(text: string, pos: number): number | null {
  const gap = separatorAt(text, pos);
  return PART_SEPARATOR.test(gap.text) ? gap.end : null;
}

function skipConnector(text: string, pos: number, words: ReadonlySet<string>): number {
  const word = wordAt(text, pos);
  if (word === null || !words.has(word.folded)) return pos;
  const gap = separatorAt(text, word.end);
  return /^\s{1,3}$/u.test(gap.text) ? gap.end : pos;
}

function skipOrdinal(text: string, pos: number): number {
  const word = wordAt(text, pos);
  return word !== null && ORDINAL_SUFFIXES.has(word.folded) ? word.end : pos;
}

function skipYearSuffix(text: string, pos: number): number {
  const gap = separatorAt(text, pos);
  if (!/^\s?$/u.test(gap.text)) return pos;
  const word = wordAt(text, gap.end);
  return word !== null && YEAR_SUFFIXES.has(word.folded) ? word.end : pos;
}

function calendarOfYear(year: number): Calendar {
  if (year >= MIN_NUMERIC_HIJRI_YEAR && year <= MAX_JALALI_YEAR) return 'hijri';
  return year >= MIN_JALALI_YEAR && year <= MAX_JALALI_YEAR ? 'jalali' : 'gregorian';
}

/** A numeric date followed by `هـ` is lunar Hijri whatever its year: returns where the mark ends. */
function hijriMarkEnd(text: string, pos: number): number | null {
  const gap = separatorAt(text, pos);
  if (!/^\s?$/u.test(gap.text)) return null;
  const word = wordAt(text, gap.end);
  return word?.folded === HIJRI_SUFFIX ? word.end : null;
}

/** Numeric forms must not be a slice of a longer number chain (phone numbers, versions, IDs). */
function isInsideNumberChain(text: string, start: number, end: number): boolean {
  const before =
    start >= 2 && /[-/.:]/u.test(text.charAt(start - 1)) && kindOf(text.charCodeAt(start - 2)) === 'number';
  const after =
    end + 1 < text.length &&
    /[-/.:]/u.test(text.charAt(end)) &&
    kindOf(text.charCodeAt(end + 1)) === 'number';
  return before || after;
}

/** `2017-05-22`, `2017/5/22`, `2017.05.22`, `۱۴۰۲/۰۵/۱۲` (Jalali). */
function matchYearFirst(text: string, pos: number): DateParts | null {
  const year = numberAt(text, pos, 4, 4);
  if (year === null) return null;
  const gap1 = separatorAt(text, year.end);
  // `2020. 08. 18.` is how Hungarian writes it; other separators take no space.
  if (!/^(?:[-/.]|\. )$/u.test(gap1.text)) return null;
  const month = numberAt(text, gap1.end, 1, 2);
  if (month === null) return null;
  const gap2 = separatorAt(text, month.end);
  if (gap2.text !== gap1.text) return null;
  const day = numberAt(text, gap2.end, 1, 2);
  if (day === null || isInsideNumberChain(text, pos, day.end)) return null;
  const hijriEnd = hijriMarkEnd(text, day.end);
  return {
    year: year.value,
    month: month.value,
    day: day.value,
    calendar: hijriEnd === null ? calendarOfYear(year.value) : 'hijri',
    end: hijriEnd ?? day.end,
  };
}

/** Chinese/Japanese `2017年5月22日` and Korean `2017년 5월 22일`: a unit mark after each number. */
function matchMarkedYearFirst(text: string, pos: number): DateParts | null {
  const marks = ['年년', '月월', '日일'];
  const values: number[] = [];
  let end = pos;
  for (const [index, mark] of marks.entries()) {
    const gap = index === 0 ? { text: '', end } : separatorAt(text, end);
    if (!/^\s?$/u.test(gap.text)) return null;
    const number = numberAt(text, gap.end, index === 0 ? 4 : 1, index === 0 ? 4 : 2);
    if (number === null || !mark.includes(text.charAt(number.end))) return null;
    values.push(number.value);
    end = number.end + 1;
  }
  const [year = 0, month = 0, day = 0] = values;
  return { year, month, day, calendar: 'gregorian', end };
}

/**
 * `22/5/2017`, `22.05.2017`, `22-05-2017`. Day first (the order used everywhere this project
 * reads news from) unless that is impossible and month first, with slashes, is not (`5/22/2017`).
 */
function matchNumericDayFirst(text: string, pos: number): DateParts | null {
  const first = numberAt(text, pos, 1, 2);
  if (first === null) return null;
  const gap1 = separatorAt(text, first.end);
  const separator = NUMERIC_SEPARATOR.exec(gap1.text)?.[1];
  if (separator === undefined) return null;
  const second = numberAt(text, gap1.end, 1, 2);
  if (second === null) return null;
  const gap2 = separatorAt(text, second.end);
  if (NUMERIC_SEPARATOR.exec(gap2.text)?.[1] !== separator) return null;
  const year = numberAt(text, gap2.end, 4, 4);
  if (year === null || isInsideNumberChain(text, pos, year.end)) return null;
  // Month-first is the US habit, which writes slashes; `3.14.2017` is a version, not 14 March.
  const monthFirst = separator === '/' && second.value > 12 && first.value <= 12;
  const hijriEnd = hijriMarkEnd(text, year.end);
  return {
    year: year.value,
    month: monthFirst ? first.value : second.value,
    day: monthFirst ? second.value : first.value,
    calendar: hijriEnd === null ? calendarOfYear(year.value) : 'hijri',
    end: hijriEnd ?? year.end,
  };
}

function yearAfterMonth(text: string, pos: number): NumberToken | null {
  const afterSeparator = skipPartSeparator(text, pos);
  if (afterSeparator === null) return null;
  return numberAt(text, skipConnector(text, afterSeparator, CONNECTORS), 4, 4);
}

/** `22 May 2017`, `22-مايو-2017`, `22nd of May, 2017`, `14 تشرين الأول/أكتوبر 2019`, `22 de mayo de 2017`. */
function matchDayMonthYear(text: string, pos: number): DateParts | null {
  const day = numberAt(text, pos, 1, 2);
  if (day === null) return null;
  const afterDay = skipPartSeparator(text, skipOrdinal(text, day.end));
  if (afterDay === null) return null;
  const month = matchMonth(text, skipConnector(text, afterDay, CONNECTORS));
  if (month === null) return null;
  const year = yearAfterMonth(text, month.end);
  if (year === null) return null;
  return {
    year: year.value,
    month: month.month,
    day: day.value,
    calendar: month.calendar,
    end: skipYearSuffix(text, year.end),
  };
}

/** `May 22, 2017`, `May 22nd 2017`. */
function matchMonthDayYear(text: string, pos: number): DateParts | null {
  const month = matchMonth(text, pos);
  if (month === null) return null;
  const afterMonth = skipPartSeparator(text, month.end);
  if (afterMonth === null || afterMonth === month.end) return null;
  const day = numberAt(text, afterMonth, 1, 2);
  if (day === null) return null;
  const afterDay = skipPartSeparator(text, skipOrdinal(text, day.end));
  if (afterDay === null || afterDay === day.end) return null;
  const year = numberAt(text, afterDay, 4, 4);
  if (year === null) return null;
  return {
    year: year.value,
    month: month.month,
    day: day.value,
    calendar: month.calendar,
    end: skipYearSuffix(text, year.end),
  };
}

/** Skips an optional prefix word (`يوم`, `le`, `am`, `el`) and an optional weekday. */
function skipWeekday(text: string, pos: number): number {
  const start = skipConnector(text, pos, DATE_PREFIXES);
  const word = wordAt(text, start);
  if (word === null || !WEEKDAY_NAMES.has(word.folded)) return start;
  const gap = separatorAt(text, word.end);
  return WEEKDAY_SEPARATOR.test(gap.text) ? gap.end : start;
}

function canStartDate(text: string, kind: TokenKind, start: number, end: number): boolean {
  const length = end - start;
  // Four digits can only open a year-first date, whose separator follows at once.
  if (kind === 'number') return length <= 2 || (length === 4 && /[-/.年년]/u.test(text.charAt(end)));
  if (kind !== 'word' || length > MAX_NAME_LENGTH) return false;
  return DATE_STARTERS.has(cachedFold(text.slice(start, end)));
}

interface TimeParts {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Minutes east of UTC, when the input states it. */
  readonly offset: number | null;
  readonly valid: boolean;
  readonly end: number;
}

function timeStart(text: string, pos: number): number | null {
  const glued = wordAt(text, pos);
  if (glued?.folded === 't') return glued.end;
  const gap = separatorAt(text, pos);
  if (!TIME_SEPARATOR.test(gap.text)) return null;
  let start = gap.end;
  for (let i = 0; i < 2; i += 1) start = skipConnector(text, start, TIME_CONNECTORS);
  return start;
}

/** Returns [end, hour adjustment] for am/pm markers: `10:30 PM`, `10:30 p.m.`, `10:30 م`. */
function meridiem(text: string, pos: number): readonly [number, 'am' | 'pm' | null] {
  const gap = separatorAt(text, pos);
  if (!/^\s{0,2}$/u.test(gap.text)) return [pos, null];
  const word = wordAt(text, gap.end);
  if (word === null) return [pos, null];
  if (AM_WORDS.has(word.folded)) return [word.end, 'am'];
  if (PM_WORDS.has(word.folded)) return [word.end, 'pm'];
  if (word.folded === 'a' || word.folded === 'p') {
    const dot = separatorAt(text, word.end);
    const m = dot.text === '.' ? wordAt(text, dot.end) : null;
    if (m?.folded === 'm') {
      const end = text.charAt(m.end) === '.' ? m.end + 1 : m.end;
      return [end, word.folded === 'a' ? 'am' : 'pm'];
    }
  }
  return [pos, null];
}

/** `+03:00`, `+0300`, `-05`, and after GMT/UTC also `+3`. Returns [end, minutes] or null. */
function numericOffset(text: string, pos: number, allowShort: boolean): readonly [number, number] | null {
  const sign = separatorAt(text, pos);
  if (!OFFSET_SIGN.test(sign.text)) return null;
  const negative = !sign.text.trim().startsWith('+');
  const compact = numberAt(text, sign.end, 4, 4);
  let hours: number;
  let minutes = 0;
  let end: number;
  if (compact !== null) {
    hours = Math.floor(compact.value / 100);
    minutes = compact.value % 100;
    end = compact.end;
  } else {
    const hourToken = numberAt(text, sign.end, allowShort ? 1 : 2, 2);
    if (hourToken === null) return null;
    hours = hourToken.value;
    end = hourToken.end;
    if (text.charAt(end) === ':') {
      const minuteToken = numberAt(text, end + 1, 2, 2);
      if (minuteToken !== null) {
        minutes = minuteToken.value;
        end = minuteToken.end;
      }
    }
  }
  if (hours > 14 || minutes > 59) return [end, Number.NaN];
  const total = hours * 60 + minutes;
  return [end, negative ? -total : total];
}

function zone(text: string, pos: number): readonly [number, number | null] {
  const numeric = numericOffset(text, pos, false);
  if (numeric !== null) return numeric;
  const gap = separatorAt(text, pos);
  if (!/^\s{0,2}$/u.test(gap.text)) return [pos, null];
  const word = wordAt(text, gap.end);
  const base = word === null ? undefined : ZONES.get(word.folded);
  if (word === null || base === undefined) return [pos, null];
  if (base === 0 && word.folded !== 'z') {
    const shifted = numericOffset(text, word.end, true);
    if (shifted !== null) return shifted;
  }
  return [word.end, base];
}

/** `10:30`, `10:30:15.123`, `T10:30:00Z`, `10:30 PM EDT`, `10:30:00 +0300`, `الساعة 10:30 مساءً`. */
function matchTime(text: string, pos: number): TimeParts | null {
  const start = timeStart(text, pos);
  if (start === null) return null;
  const hour = numberAt(text, start, 1, 2);
  if (hour === null || text.charAt(hour.end) !== ':') return null;
  const minute = numberAt(text, hour.end + 1, 2, 2);
  if (minute === null) return null;
  let end = minute.end;
  let second = 0;
  if (text.charAt(end) === ':') {
    const secondToken = numberAt(text, end + 1, 2, 2);
    if (secondToken !== null) {
      second = secondToken.value;
      end = secondToken.end;
      if (/[.,]/u.test(text.charAt(end))) {
        const fraction = numberAt(text, end + 1, 1, 9);
        if (fraction !== null) end = fraction.end;
      }
    }
  }
  const [afterMeridiem, half] = meridiem(text, end);
  const [afterZone, offset] = zone(text, afterMeridiem);
  let hours = hour.value;
  let valid = hours <= 23 && minute.value <= 59 && second <= 59;
  if (half !== null) {
    valid = valid && hours >= 1 && hours <= 12;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  }
  valid = valid && (offset === null || Number.isFinite(offset));
  return { hour: hours, minute: minute.value, second, offset, valid, end: afterZone };
}

// ---------------------------------------------------------------------------------------------
// Calendars

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const div = (a: number, b: number): number => Math.trunc(a / b);
const mod = (a: number, b: number): number => a - Math.trunc(a / b) * b;

/**
 * The Jalali (Solar Hijri) calendar by the break-year algorithm of Borkowski, as in jalaali-js:
 * returns whether `jy` is leap and the March day of Farvardin 1st.
 */
function jalaliYear(jy: number): { readonly leap: boolean; readonly gy: number; readonly march: number } {
  const breaks = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262];
  const gy = jy + 621;
  let leapJ = -14;
  let jp = breaks[0] ?? 0;
  let jump = 0;
  for (let i = 1; i < breaks.length; i += 1) {
    const jm = breaks[i] ?? 0;
    jump = jm - jp;
    if (jy < jm) break;
    leapJ += div(jump, 33) * 8 + div(mod(jump, 33), 4);
    jp = jm;
  }
  let n = jy - jp;
  leapJ += div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
  if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
  const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
  const march = 20 + leapJ - leapG;
  if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
  let leap = mod(mod(n + 1, 33) - 1, 4);
  if (leap === -1) leap = 4;
  return { leap: leap === 0, gy, march };
}

function gregorianToDayNumber(gy: number, gm: number, gd: number): number {
  const d = div((gy + div(gm - 8, 6) + 100100) * 1461, 4) + div(153 * mod(gm + 9, 12) + 2, 5) + gd - 34840408;
  return d - div(div(gy + 100100 + div(gm - 8, 6), 100) * 3, 4) + 752;
}

function dayNumberToGregorian(jdn: number): readonly [number, number, number] {
  let j = 4 * jdn + 139361631;
  j += div(div(4 * jdn + 183187720, 146097) * 3, 4) * 4 - 3908;
  const i = div(mod(j, 1461), 4) * 5 + 308;
  const gd = div(mod(i, 153), 5) + 1;
  const gm = mod(div(i, 153), 12) + 1;
  const gy = div(j, 1461) - 100100 + div(8 - gm, 6);
  return [gy, gm, gd];
}

function jalaliToGregorian(jy: number, jm: number, jd: number): readonly [number, number, number] | null {
  if (jy < MIN_JALALI_YEAR || jy > MAX_JALALI_YEAR || jm < 1 || jm > 12 || jd < 1) return null;
  const year = jalaliYear(jy);
  const length = jm <= 6 ? 31 : jm <= 11 ? 30 : year.leap ? 30 : 29;
  if (jd > length) return null;
  const dayNumber =
    gregorianToDayNumber(year.gy, 3, year.march) + (jm - 1) * 31 - div(jm, 7) * (jm - 7) + jd - 1;
  return dayNumberToGregorian(dayNumber);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function isoDate(parts: DateParts): string | null {
  if (parts.calendar === 'hijri') return null;
  const gregorian =
    parts.calendar === 'jalali'
      ? jalaliToGregorian(parts.year, parts.month, parts.day)
      : ([parts.year, parts.month, parts.day] as const);
  if (gregorian === null) return null;
  const [year, month, day] = gregorian;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

// ---------------------------------------------------------------------------------------------
// Public API

interface DateMatch {
  /** Null when the expression has the shape of a date but names no real day or time. */
  readonly iso: string | null;
  readonly end: number;
}

function matchDateAt(text: string, pos: number): DateMatch | null {
  const start = skipWeekday(text, pos);
  const parts =
    matchYearFirst(text, start) ??
    matchMarkedYearFirst(text, start) ??
    matchNumericDayFirst(text, start) ??
    matchDayMonthYear(text, start) ??
    matchMonthDayYear(text, start);
  if (parts === null) return null;
  const date = isoDate(parts);
  const time = matchTime(text, parts.end);
  // An impossible time (`20:26 PM`) is a page's typo, not a reason to lose its date; as a whole
  // string it still fails, because the time is then left unconsumed.
  if (time === null || !time.valid) return { iso: date, end: parts.end };
  if (date === null) return { iso: null, end: time.end };
  // A time without an offset names no instant, so only the date is known.
  if (time.offset === null) return { iso: date, end: time.end };
  return {
    iso: `${date}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}${formatOffset(time.offset)}`,
    end: time.end,
  };
}

const LINE_EDGE = /^[\s.,،;:|\-–—\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]*$/u;

function matchWhole(input: string): DateMatch | null {
  if (input.length > MAX_DATE_STRING * 2) return null;
  let start = 0;
  while (start < input.length && LINE_EDGE.test(input.charAt(start))) start += 1;
  if (input.length - start > MAX_DATE_STRING) return null;
  const match = matchDateAt(input, start);
  if (match === null) return null;
  if (LINE_EDGE.test(input.slice(match.end))) return match;
  // Gulf and Saudi papers print both calendars: `26 شعبان 1438 هـ - الموافق 22 مايو 2017 م`.
  const gap = separatorAt(input, match.end);
  if (!/^[\s\-–—|/،,(]{1,8}$/u.test(gap.text)) return null;
  const second = matchDateAt(input, skipConnector(input, gap.end, CORRESPONDING));
  if (second === null || !/^[\s).,،;:|\-–—]*$/u.test(input.slice(second.end).replace(BIDI_MARKS, '')))
    return null;
  return { iso: match.iso ?? second.iso, end: second.end };
}

/** "الموافق" ("corresponding to") between a Hijri and a Gregorian date, as folded. */
const CORRESPONDING: ReadonlySet<string> = new Set(['موافق']);

/**
 * Parses a string that is a date — optionally with weekday, time and time zone — into ISO 8601:
 * `YYYY-MM-DD` when no time is known, or when the time has no offset (the instant is unknown);
 * `YYYY-MM-DDTHH:mm:ss±HH:MM` when the input gives an offset or zone (`Z`, `GMT`, `UTC` → `+00:00`,
 * the offset kept as given, fractional seconds dropped). Numeric dates are day-first unless that
 * is impossible (`5/22/2017`); Jalali dates are converted to Gregorian; lunar Hijri dates are
 * recognized but give null (when a Gregorian date follows, as in `26 شعبان 1438 هـ - 22 مايو 2017`,
 * that one is the value). Null for anything else, including month-year without a day, impossible
 * dates and years outside 1900–2100.
 *
 * @example
 * parseDate('22-مايو-2017');                     // '2017-05-22'
 * parseDate('Mon, 22 May 2017 10:30:00 GMT');   // '2017-05-22T10:30:00+00:00'
 * parseDate('۱۴۰۲/۰۵/۱۲');                       // '2023-08-03'
 * parseDate('31 February 2017');                // null
 */
export function parseDate(input: string): string | null {
  return matchWhole(input)?.iso ?? null;
}

/**
 * Whether a line is only a date (weekday, time and separators allowed), as the seed's first line
 * `22-مايو-2017`. Also true for a date-shaped line naming an impossible day (`31-فبراير-2017`):
 * such a line is still no title or paragraph.
 *
 * @example
 * isDateLine('الاثنين 22 مايو 2017 - 10:30'); // true
 * isDateLine('نيسان/أبريل 2015');              // false (no day)
 */
export function isDateLine(line: string): boolean {
  return matchWhole(line) !== null;
}

/** A run of exactly four digits: every accepted form has its year written so. */
const YEAR_NUMBER =
  /(?<![0-9\u0660-\u0669\u06f0-\u06f9])[0-9\u0660-\u0669\u06f0-\u06f9]{4}(?![0-9\u0660-\u0669\u06f0-\u06f9])/gu;
/** Every form starts within this many characters before its year (weekday, day, two month names). */
const YEAR_REACH = 64;

/**
 * The first valid date expression inside longer text, with its position.
 *
 * @example
 * findDate('نشر في ١٤ تشرين الأول ٢٠١٩ بواسطة'); // { iso: '2019-10-14', index: 7, length: 19 }
 */
export function findDate(text: string): FoundDate | null {
  let nextYear = -1;
  let pos = 0;
  while (pos < text.length) {
    if (nextYear < pos) {
      YEAR_NUMBER.lastIndex = pos;
      const found = YEAR_NUMBER.exec(text);
      if (found === null) return null;
      nextYear = found.index;
    }
    // The hot loop of a long text: token bounds as numbers, no token objects.
    const kind = kindOf(text.charCodeAt(pos));
    let end = pos + 1;
    while (end < text.length && kindOf(text.charCodeAt(end)) === kind) end += 1;
    const horizon = nextYear - YEAR_REACH;
    if (end <= horizon) {
      // Nothing this far before the next year can start a date: jump to the year's neighbourhood.
      pos = startOfTokenAt(text, horizon);
      continue;
    }
    if (canStartDate(text, kind, pos, end)) {
      const match = matchDateAt(text, pos);
      if (match?.iso) return { iso: match.iso, index: pos, length: match.end - pos };
    }
    pos = end;
  }
  return null;
}

/** The start of the token that contains `pos` (so that a jump never lands inside a word). */
function startOfTokenAt(text: string, pos: number): number {
  const kind = kindOf(text.charCodeAt(pos));
  let start = pos;
  while (start > 0 && kindOf(text.charCodeAt(start - 1)) === kind) start -= 1;
  return start;
}

const URL_DATE_PATTERNS: readonly RegExp[] = [
  // A one-digit day must end the segment: `/2023/10/3-fragen-an` is a slug, not 3 October.
  /(?:^|\/)((?:19|20)\d{2})\/(\d{1,2})\/(\d{2}(?!\d)|\d(?=[/._]|$))/gu,
  /(?:^|[/_-])((?:19|20)\d{2})([-_])(\d{2})\2(\d{2})(?!\d)/gu,
  /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/gu,
];

/**
 * A publication-date hint from a URL path: `/2017/05/22/`, `/2017-05-22-slug`, `/20170522/`.
 * The earliest valid one in the path wins; year-month paths (`/2017/05/`) give null.
 *
 * @example
 * dateFromUrl('https://example.org/news/2017/05/22/slug.html'); // '2017-05-22'
 */
export function dateFromUrl(url: string): string | null {
  let path = url.slice(0, 4096);
  try {
    path = new URL(path).pathname;
  } catch {
    // Not an absolute URL: read it as a path.
  }
  let best: { readonly index: number; readonly iso: string } | null = null;
  for (const pattern of URL_DATE_PATTERNS) {
    for (const match of path.matchAll(pattern)) {
      const groups = match.length === 5 ? [match[1], match[3], match[4]] : [match[1], match[2], match[3]];
      const [year, month, day] = groups.map((group) => Number(group));
      if (year === undefined || month === undefined || day === undefined) continue;
      const iso = isoDate({ year, month, day, calendar: 'gregorian', end: 0 });
      if (iso !== null) {
        if (best === null || match.index < best.index) best = { index: match.index, iso };
        break;
      }
    }
  }
  return best?.iso ?? null;
}
