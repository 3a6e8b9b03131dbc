/**
 * The words of dates: month and weekday names by language and calendar, prefixes, connectors,
 * time words and zone names, all folded with the one function (`cachedFold`) that folds the input.
 */
import type { Calendar } from './calendars.js';

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
export const DATE_PREFIXES: ReadonlySet<string> = new Set(['يوم', 'le', 'am', 'el']);
export const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(['st', 'nd', 'rd', 'th', 'er', 'º', 'ª']);
/** Words that may stand between day, month and year: "22nd of May", "22 de mayo de 2017", "22 من مايو". */
export const CONNECTORS: ReadonlySet<string> = new Set(['of', 'de', 'del', 'من']);
/** `هـ` (هجري) after a year, as folded. */
export const HIJRI_SUFFIX = 'ه';
/** "2017م" (ميلادي), "2017 AD", "1438هـ". */
export const YEAR_SUFFIXES: ReadonlySet<string> = new Set(['م', 'ad', HIJRI_SUFFIX]);
/** Words between a date and its time: "at", "الساعة", "um", "à", "a las". */
export const TIME_CONNECTORS: ReadonlySet<string> = new Set(['at', 'ساعه', 'um', 'a', 'las', 'vers']);
export const AM_WORDS: ReadonlySet<string> = new Set(['am', 'ص', 'صباحا']);
export const PM_WORDS: ReadonlySet<string> = new Set(['pm', 'م', 'مساء', 'مساءا']);
export const ZONES: ReadonlyMap<string, number> = new Map([
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
export function cachedFold(word: string): string {
  const cached = foldCache.get(word);
  if (cached !== undefined) return cached;
  if (foldCache.size >= FOLD_CACHE_SIZE) foldCache.clear();
  const folded = foldWord(word);
  foldCache.set(word, folded);
  return folded;
}

export interface MonthEntry {
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

export const MONTH_BY_NAME = buildMonthIndex();
/** First words of two-word month names (كانون الثاني, تشرين الأول…). */
export const TWO_WORD_MONTH_STARTS: ReadonlySet<string> = new Set(
  [...MONTH_BY_NAME.keys()].filter((key) => key.includes(' ')).map((key) => key.split(' ')[0] ?? ''),
);
export const WEEKDAY_NAMES: ReadonlySet<string> = new Set(WEEKDAYS.map(foldWord));
/** Every folded word that can open a date. */
export const DATE_STARTERS: ReadonlySet<string> = new Set([
  ...DATE_PREFIXES,
  ...WEEKDAY_NAMES,
  ...MONTH_BY_NAME.keys(),
  ...TWO_WORD_MONTH_STARTS,
]);

/** "الموافق" ("corresponding to") between a Hijri and a Gregorian date, as folded. */
export const CORRESPONDING: ReadonlySet<string> = new Set(['موافق']);
