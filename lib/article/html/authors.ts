import { foldWhitespace } from '../text.js';
import { classAndId, type DomIndex } from './dom-index.js';
import type { JsonLdArticle } from './json-ld.js';
import type { PageSignals } from './page-signals.js';
import { decodeLeftoverEntities, elementText, squash } from './text.js';

// Scholarly `citation_author` first: a plain `author` key also gathers `<meta itemprop=author>`
// of the cited works in a reference list.
const AUTHOR_KEYS = [
  'citation_author',
  'dc:creator',
  'dcterm:creator',
  'dcterms:creator',
  'author',
  'article:author',
  'og:article:author',
  'dc.creator',
  'dcterms.creator',
  'sailthru.author',
  'parsely-author',
  'byl',
  'creator',
];
const BY_PREFIX =
  /^\s*(?:(?:alle\s+artikel|all\s+(?:posts|articles|stories)|more|mehr|articles|artikel|beiträge|posts)\s+(?=(?:by|von|de|par|por)\s)|(?:written|posted|published|reported|story|words|text|reporting|photos?|publiziert|veröffentlicht|eingestellt|geschrieben|verfasst|artikel|beitrag|publicado|escrito|publié|écrit|pubblicato|scritto)\s+)?(?:(?:on|am|el|le|il)\s+[^,|]{0,30}?\s+)?(?:by|von|par|por|de|di|door|av|af|från|od|από|автор|بقلم|كتب|كتبت|كتبه|تأليف|إعداد|اعداد|تقرير|حوار|متابعة|ترجمة|گزارش|گزارشگر|خبرنگار|نویسنده|author|autor|auteur|autore|autorin|text|texto|redakteur|redakteurin)(?:\s*[:：\-–—]\s*|\s+)(?=\S)/i;
const BY_SUFFIX =
  /\s+(?:says|said|sagt|schreibt|writes|dice|dit|zuletzt(?:\s.*)?|(?:last\s+)?(?:veröffentlicht|aktualisiert|bearbeitet|publiziert|published|posted|updated)(?:\s.*)?|alle artikel|all posts|view all posts|more posts|shares?|(?:am|on|el|le|il)\s+\d.*|\|.*|[•·].*|\(https?:[^)]*\))$/i;
const AUTHOR_SPLIT =
  /\s*(?:,|;|،|؛|\||\s&\s|\s+and\s+|\s+und\s+|\s+et\s+|\s+y\s+|\s+e\s+|\s+و\s+|\s+en\s+|\s+og\s+|\s+och\s+)\s*/i;
const ROLE_WORDS =
  /^(?:staff|staff writer|author|autor|autorin|auteur|autore|verfasser|editor|editors|reporter|correspondent|contributor|columnist|guest author|admin|administrator|redaktion|editorial|senior .*|.* (?:correspondent|editor|writer|reporter)|updated|published|posted|more|view all posts|all posts|follow|email|twitter)$/i;
/** Arabic titles before a name ("الكاتب الصحفي", "الإعلامي") stay out of the name. */
const RTL_TITLE =
  /^\s*(?:(?:الكاتب|الكاتبة|الصحفي|الصحفية|الإعلامي|الإعلامية|الأستاذ|الأستاذة)\s+)+(?=\S+\s+\S)/u;
/** Arabic and Persian roles after a name ("أحمد علي، مراسل الجزيرة", "مریم احمدی، خبرنگار ایسنا"). */
const ROLE_WORDS_RTL =
  /^(?:مراسل|مراسلة|مراسلنا|محرر|محررة|صحفي|صحفية|الصحفي|الصحفية|كاتب|كاتبة|الكاتب|الكاتبة|رئيس التحرير|مدير التحرير|خبرنگار|خبرنگاران|دبیر|سردبیر|نویسنده|گزارشگر)(?:\s|$)/u;

const PUBLISHED_LABEL =
  /^(?:veröffentlicht|publiziert|aktualisiert|erstellt|eingestellt|gespeichert|geschrieben|posted|published|updated|written|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)(?:\s+(?:am|um|on|at|by|von|le|el|il|por|par))?$/i;

/** A newsroom desk signing a piece: a credit like an agency's, used when no person signs. */
const DESK =
  /^(?:(?:the\s+)?(?:staff|staff writer|editors|editorial(?: team| staff)?|newsroom|redaktion|die redaktion|rédaction|la rédaction|redacción|redazione|هيئة التحرير|التحرير|فريق التحرير|أسرة التحرير|قسم التحرير|محرر الموقع|مدير الموقع|إدارة الموقع|تحریریه|سردبیری|مدیر سایت))$/iu;

/** A time after the name: "am Samstag", "on Monday", "vor 5 Stunden", "3 hours ago". */
const TIME_TAIL =
  /\s*(?:(?:am|on|le|el|il)\s+(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b.*|vor\s+\d+\s+\p{L}+.*|\d+\s+(?:minutes?|hours?|days?)\s+ago.*)$/iu;

/**
 * Keys of the publisher's own names: the site name, each segment of it ("Daily News | Local"),
 * and the host with and without its suffix (`orf.at`, `orf`).
 */
function publisherKeys(
  siteName: string | null,
  pageUrl: string | null,
  organizations: readonly string[] = [],
): ReadonlySet<string> {
  const keys = new Set<string>(organizations.map(squash));
  if (siteName !== null) {
    keys.add(squash(siteName));
    for (const segment of siteName.split(/\s+[|\-–—:·•]\s+/)) keys.add(squash(segment));
  }
  const host = pageUrl === null ? '' : (URL.parse(pageUrl)?.hostname ?? '');
  if (host !== '') {
    const bare = host.replace(/^(?:www\d?|m|amp)\./, '');
    keys.add(squash(bare));
    const labels = bare.split('.');
    keys.add(squash(labels.length >= 2 ? (labels[labels.length - 2] ?? '') : bare));
  }
  keys.delete('');
  return keys;
}

/**
 * Turns raw author strings into a clean list: no "By", no roles, no dates or URLs, no site name,
 * no duplicates.
 *
 * @example
 * ```ts
 * cleanAuthors(['By Jane Doe and John Roe', 'jane doe'], null); // ["Jane Doe", "John Roe"]
 * ```
 */
export function cleanAuthors(raw: readonly string[], siteName: string | null): string[] {
  const result: string[] = [];
  const seen = new Set<string>();
  const site = siteName === null ? '' : squash(siteName);
  for (const value of raw) {
    const folded = foldWhitespace(decodeLeftoverEntities(value));
    // A bare social handle ("@DailyNews") names an account, usually the site's, not a person.
    if (
      folded === '' ||
      folded.length > 200 ||
      /^(?:https?:\/\/|@\S+$)/i.test(folded) ||
      PHOTO_CREDIT.test(folded)
    )
      continue;
    const line =
      folded
        // "(القاهرة - الموقع)", "(Berlin - dpa)": a dateline, not a name.
        .replace(/\s*\([^()]{1,30}\s[-–—/]\s[^()]{1,30}\)\s*/g, ' ')
        .replace(BY_PREFIX, '')
        .replace(BY_SUFFIX, '')
        // "Name - City", "الاسم - القاهرة": names carry no spaced dash; what follows is a place or role.
        .split(/\s+[-–—]\s+/)[0] ?? '';
    const parts = line.split(AUTHOR_SPLIT);
    const alone = parts.filter((p) => p.trim() !== '').length === 1;
    for (let [n, part] of parts.entries()) {
      // A role after the name ("أحمد علي، مراسل الجزيرة"), before its label would be stripped.
      if (n > 0 && ROLE_WORDS_RTL.test(part.trim())) continue;
      // "الكاتب الصحفي محمد حسن": a title before the name.
      part = part.replace(RTL_TITLE, '');
      // The site's own name in a list of people ("Jane Doe, Daily News") is no co-author.
      part = part
        .replace(BY_PREFIX, '')
        .replace(BY_SUFFIX, '')
        .replace(/^[\s:\-–—@»«›‹]+|[\s:\-–—,»«›‹]+$/g, '')
        // A lone trailing full stop ends a sentence, "Jr." keeps its own.
        .replace(/(?<!\b(?:jr|sr|dr|st|\p{Lu}))\.$/iu, '')
        .trim();
      // "Sara Zinnecker Sara Zinnecker": a name printed twice (visible text and a hidden copy).
      part = part.replace(/^(.{4,40}?)\s+\1$/u, '$1');
      part = part.replace(TIME_TAIL, '').trim();
      // "Peter Maahn/SP-X", "أحمد علي/ رويترز": a person, then the agency that distributed the text.
      part = part.replace(/^(\S+(?:\s+\S+){1,3}?)\s*\/\s*[\p{Lu}\p{Script=Arabic}][\p{L}\-&]{0,11}$/u, '$1');
      if (part.length < 2 || part.length > 60 || part.includes(':')) continue;
      // Digits glued to letters are a user name ("freeman1984"), digits standing alone a date.
      if (/@|\bhttps?\b|www\.|(?:^|[^\p{L}\d])\d|\d{1,2}[:/.]\d{1,2}/u.test(part)) continue;
      // A desk ("Redaktion", "Staff Writer") signs only a whole line; readAuthors ranks it last.
      if (part.split(/\s+/).length > 5 || (ROLE_WORDS.test(part) && !(DESK.test(part) && alone))) continue;
      // "Artikel von", "Written by": a label whose name is missing.
      if (/(?:^|\s)(?:by|von|par|por|door|di)$/i.test(part)) continue;
      // "Veröffentlicht am", "Posted on": a date's label whose date was cut.
      if (PUBLISHED_LABEL.test(part)) continue;
      // "About us", "À propos de la DW": a navigation link, not a name.
      if (
        /^(?:about|à propos|a propos|über|acerca|sobre|informazioni)\s|^(?:who we are|qui sommes-nous|quiénes somos|chi siamo|من نحن|درباره ما)$/iu.test(
          part,
        )
      )
        continue;
      const key = squash(part);
      if (key === '' || seen.has(key) || (key === site && raw.length > 1)) continue;
      seen.add(key);
      result.push(part);
    }
  }
  return result;
}

/**
 * Whether element `i` sits in comments, a sidebar or a widget. A box that holds an anchor (the
 * headline, the microdata article body) is the article's own column whatever its class says
 * (Blogger wraps every post in `div.widget.Blog`).
 */
function insideComments(index: DomIndex, i: number, anchors: readonly number[] = []): boolean {
  for (let a = i, hops = 0; a >= 0 && hops < 30; a = index.parent[a] ?? -1, hops += 1) {
    const element = index.elements[a];
    if (element === undefined || element.name === 'body') break;
    const hints = classAndId(element);
    if (/comment|respond|repl(?:y|ies)/.test(hints)) return true;
    const holdsHeadline = anchors.some((anchor) => anchor >= a && anchor < (index.end[a] ?? a));
    // "content-sidebar-wrap" is the page's main column, not a sidebar.
    if (/sidebar|widget/.test(hints) && !holdsHeadline && !/content|main|wrap|container|layout/.test(hints))
      return true;
  }
  return false;
}

function authorFromItemprop(index: DomIndex, i: number): string | null {
  const element = index.elements[i];
  if (element === undefined) return null;
  const content = element.attribs.content;
  if (content !== undefined) return content;
  const end = index.end[i] ?? i + 1;
  for (let j = i + 1; j < end; j += 1) {
    const child = index.elements[j];
    if (child !== undefined && (child.attribs.itemprop ?? '').toLowerCase().split(/\s+/).includes('name')) {
      return child.attribs.content ?? elementText(child, 200);
    }
  }
  return elementText(element, 200);
}

/** Wire agencies, as they sign: a credit, kept apart from people (used only when no person signs). */
const AGENCY =
  /^(?:afp|ap|reuters|dpa|epd|kna|apa|sda|ats|efe|agencia efe|ansa|anp|belga|tass|xinhua|kyodo|yonhap|pti|ians|ani|wam|spa|qna|kuna|mena|irna|isna|agencies|agencias|agenturen|agences|wires?|أ ف ب|ا ف ب|رويترز|وكالات|واس|وام|قنا|كونا|أ ش أ|ایرنا|ایسنا|ایلنا)(?:\s*[/,-]\s*\S+)*$/iu;

/**
 * Byline labels at the start of a visible line, in the languages the pipeline reads: "By",
 * "Von", "Par", "Por", "Door", "Di", "Autor", "بقلم", "كتب", "كتبت", "حوار", "إعداد", "تقرير",
 * "متابعة", "ترجمة", Persian "گزارش", "خبرنگار", "نویسنده"; "Text:" and "Text & Fotos:" only with
 * their colon ("Text Size" is a control).
 */
const BYLINE_LABEL =
  /^\s*(?:(?:by|von|par|por|door|di|written by|autor|author|auteur|بقلم|كتب|كتبت|حوار|إعداد|اعداد|تقرير|متابعة|ترجمة|گزارش|گزارشگر|خبرنگار|نویسنده)(?:\s*[:：\-–—]\s*|\s+)|(?:text(?:\s*(?:&|und|and|\+|\/)\s*(?:fotos?|bilder?|photos?|interview|recherche))?|texto)\s*[:：\-–—]\s*)(?=\S)/iu;
/** "ByJ.R. Stone": the label and the name in two elements with no space between. */
const GLUED_LABEL = /^\s*(?:By|Von|Par|Por)(?=\p{Lu}[\p{Ll}.])/u;
/**
 * What may stand before the label on a byline line: a dateline ("(القاهرة - الموقع) كتب …"), a
 * date or time ("06.11.2023 13:30 von …", "Dezember 10, 2019 · von …"), or a verb or noun of authorship ("Ein Artikel von", "Gespeichert
 * von", "Posted by", "Blog Beitrag von", "Un article de").
 */
const BYLINE_LEAD =
  /^\s*(?:\([^()]{1,40}\)\s*[-–—:]?\s*|(?:[\d.:/,\-–— ]|\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4})+\s*[·•|–—-]?\s*|(?:(?:ein|eine|un|une|a|an|el|la|der|die|das|blog|gast)\s+)?(?:artikel|beitrag|bericht|text|interview|gastbeitrag|kommentar|gespeichert|eingestellt|geschrieben|verfasst|veröffentlicht|erstellt|posted|written|published|reported|story|article|post|artículo|escrito|publicado|publié|écrit|rédigé|scritto|pubblicato)\s+)/iu;
/** A label that needs its colon ("Redaktion: …", "Autor: …") and may follow other fields on the line. */
const COLON_LABEL =
  /(?:^|[\s|·•,;\-–—])(?:autor|autorin|autoren|author|authors|auteur|autore|redaktion|redakteur|redakteurin|von|by|text|verfasser|verfasserin|written by|نویسنده|الكاتب|الكاتبة|الكاتب الصحفي|المحرر|作者|记者|责任编辑|编辑)\s*[:：]\s*(?=\S)/iu;
/**
 * "11.12.2019 - Amelie Loevenich", "2023/11/06 - أحمد علي": a date, a dash and a short name (two to
 * four capitalized or Arabic-script words), the byline of many CMS templates.
 */
const DATE_THEN_NAME =
  /^\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s*[-–—]\s*(\p{Lu}[\p{L}'’.]*(?:-\p{L}[\p{L}'’.]*)?(?:\s+\p{Lu}[\p{L}'’.]*(?:-\p{L}[\p{L}'’.]*)?){1,3}|\p{Script=Arabic}+(?:\s+\p{Script=Arabic}+){1,3})\s*$/u;
/** Lines that credit a picture, never the article. */
const PHOTO_CREDIT =
  /^\s*(?:fotos?|photos?|bild(?:er)?|image|picture|crédit|tasvir|تصوير|عکس|صورة)\s*[:：]/iu;
/** Elements read around the headline for a byline line. */
const BYLINE_REACH = { before: 15, after: 120 };
/** How close to the headline a bare "date - name" line must be. */
const DATE_NAME_REACH = 25;

/**
 * The byline in one short line of text, or null: "Von Claudia Lindner", "Ein Artikel von Pamela
 * Sladky | 27.01.2022", "06.11.2023 13:30 von Olga", "Datum: 03.11.2021 Autor: Peter Maahn",
 * "11.12.2019 - Amelie Loevenich", "بقلم: أحمد علي", "گزارش: مریم احمدی".
 */
export function bylineInLine(text: string, nearHeadline = true): string | null {
  if (text.length < 4 || text.length > 120 || PHOTO_CREDIT.test(text)) return null;
  const dated = nearHeadline ? DATE_THEN_NAME.exec(text) : null;
  if (dated?.[1] !== undefined) return dated[1];
  let rest: string | null = null;
  if (BYLINE_LABEL.test(text)) rest = text;
  else if (GLUED_LABEL.test(text)) rest = text.replace(GLUED_LABEL, '');
  else {
    const lead = BYLINE_LEAD.exec(text);
    const after = lead === null ? '' : text.slice(lead[0].length);
    // "Posted on September 21, 2020 by Adi Tzlil": the label follows the verb's date.
    const dated =
      lead === null
        ? null
        : /^(?:on|am|le|el|il|at)\s[^|·•]{1,30}?\s(?=(?:by|von|par|por|di)\s)/iu.exec(after);
    if (lead !== null && lead[0].trim() !== '' && BYLINE_LABEL.test(after)) {
      rest = after;
    } else if (dated !== null) {
      rest = after.slice(dated[0].length);
    } else {
      const colon = COLON_LABEL.exec(text);
      if (colon !== null) rest = text.slice(colon.index + colon[0].length);
    }
  }
  if (rest === null) return null;
  return (
    rest
      .replace(BYLINE_LABEL, '')
      // "Auteur : A Edition : B", "Text von A   Illustration von B": the next credit of the line
      // is someone else's.
      .replace(/\s+\p{L}+\s*[:：]\s.*$/u, '')
      .replace(/\s+\p{L}+\s+(?:von|by|par|por|de|di)\s.*$/iu, '')
      // A date or time after the name ("am 24. Juli 2017", "| 27.01.2022", "March 25, 2015").
      .replace(
        /\s*(?:,|\bam\b|\bum\b|\bon\b|\ble\b|\bel\b|\bat\b)?\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mär|mai|okt|dez|janv|févr|avr|juil|août|sept|déc|ene|abr|ago|dic)\p{L}*\.?\s+)?\d.*$/iu,
        '',
      )
      .replace(/\s*(?:[|·•(~]|\/\/|\s[-–—]\s).*$/u, '')
      .trim() || null
  );
}

/**
 * A byline line shown near the headline ("Von Claudia Lindner", "بقلم: أحمد علي",
 * "گزارش: مریم احمدی"): for pages whose markup names no author.
 */
function visibleBylines(index: DomIndex, declaredHeadline: number, siteName: string | null): string[] {
  // No headline found: the first heading of the page stands in for it.
  const headline = declaredHeadline >= 0 ? declaredHeadline : firstHeading(index);
  if (headline < 0) return [];
  const from = Math.max(0, headline - BYLINE_REACH.before);
  const to = Math.min(index.elements.length, headline + BYLINE_REACH.after);
  for (let i = from; i < to; i += 1) {
    const element = index.elements[i];
    if (element === undefined || index.excluded[i] === 1 || i === headline) continue;
    // A small element: a byline is a line, not a section.
    if ((index.end[i] ?? i) - i > 8) continue;
    // The limit counts raw text: templates indent a short line with hundreds of spaces.
    const text = elementText(element, 1000);
    // "date - name" is a byline right under the headline, a programme or list further down.
    const name = bylineInLine(text, Math.abs(i - headline) <= DATE_NAME_REACH);
    if (name === null) continue;
    // A line that looked like a byline but names nobody ("By email: …") does not end the search,
    // nor does a phrase in lower case ("by the way"); a single lower-case word is a user name.
    const names = cleanAuthors([name], siteName);
    if (names.some((n) => !/^\p{Ll}+(?:\s+\p{Ll}+)+$/u.test(n))) return [name];
  }
  return [];
}

/**
 * An account name rather than a person's: one token with digits, dots or underscores in it
 * ("CC7567", "christian.stadtfeld", "wp_admin"), or a CMS default ("admin", "wordpressadmin").
 * A person's name written elsewhere on the page wins over it; alone, it is kept.
 */
function isHandle(name: string): boolean {
  const trimmed = name.trim();
  if (/\s/.test(trimmed)) return false;
  return /\p{L}[._]\p{L}|\p{L}\d|_/u.test(trimmed) || /admin|webmaster|^(?:root|user|editor)$/i.test(trimmed);
}

/** A later source's name that starts with the one-word name `first` ("Todd" → "Todd Bates"), or null. */
function fullerName(
  first: string,
  later: readonly (() => readonly string[])[],
  siteName: string | null,
  publisher: ReadonlySet<string>,
): string | null {
  const key = first.toLowerCase();
  for (const source of later) {
    for (const name of cleanAuthors(source(), siteName)) {
      const words = name.split(/\s+/);
      if (
        words.length >= 2 &&
        words.length <= 4 &&
        words[0]?.toLowerCase() === key &&
        looksLikeName(name) &&
        !words.some((word) => publisher.has(squash(word)))
      )
        return name;
    }
  }
  return null;
}

/** A colon label ending an element's own text: "Autor:", "Text:", "责任编辑：", "نویسنده:". */
const CREDIT_LABEL =
  /(?:^|[\s|·•,;\-–—】])(?:autor|autorin|author|auteur|autore|text|verfasser|verfasserin|written by|نویسنده|الكاتب|الكاتبة|作者|记者|责任编辑)\s*[:：]/iu;
/** How many elements a labelled credit line may span (label, link, separators). */
const LABELLED_LINE_SIZE = 16;

/**
 * A colon-labelled credit anywhere in the article's column, for pages that sign at the end
 * ("Autor: Klausmartin Friedrich Tags: …", "【纠错】 责任编辑： 焦鹏"): the element whose own text
 * ends with the label, read with its next siblings through its parent. Comments and sidebars are
 * left out; the first line that names someone wins.
 */
function labelledLineAnywhere(
  index: DomIndex,
  anchors: readonly number[],
  siteName: string | null,
): string[] {
  for (let i = 0; i < index.elements.length; i += 1) {
    const element = index.elements[i];
    // A line is a few elements: reading bigger boxes would make nested labels quadratic.
    if (element === undefined || index.excluded[i] === 1 || (index.end[i] ?? i) - i > LABELLED_LINE_SIZE)
      continue;
    let own = '';
    for (const child of element.children) if (child.type === 'text') own += child.data;
    const label = own.length > 80 ? null : CREDIT_LABEL.exec(own);
    if (label === null) continue;
    // "Autor: Name" in one element, or "<b>Autor:</b> <a>Name</a>" read through the parent.
    const named = own.slice(label.index + label[0].length).trim() !== '';
    const parent = index.parent[i] ?? -1;
    const container =
      !named && parent >= 0 && (index.end[parent] ?? parent) - parent <= LABELLED_LINE_SIZE ? parent : i;
    const box = index.elements[container];
    if (box === undefined || insideComments(index, container, anchors)) continue;
    // The line from the label on: what precedes it in the parent is the article's text.
    const text = elementText(box, 2000);
    const from = text.indexOf(label[0].trim());
    const name = from < 0 ? null : bylineInLine(text.slice(from, from + 120), false);
    const names = name === null ? [] : cleanAuthors([name], siteName);
    if (names.length > 0 && names.every(looksLikeName)) return names;
  }
  return [];
}

/**
 * A name's shape, for credits read far from the headline: one to four words, each capitalized
 * or a particle ("von", "de", "al"), or written in a script without case (Arabic, Persian, CJK).
 */
function looksLikeName(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length > 4) return false;
  return words.every(
    (word) =>
      /^(?:\p{Lu}|\p{Lo})/u.test(word) ||
      /^(?:von|van|der|den|de|del|da|di|du|la|le|y|bin|ibn|al)$/i.test(word),
  );
}

/** "Hamburg (dpa/lno) – …", "القاهرة (رويترز) - …": a wire dateline opening the text. */
const WIRE_DATELINE = /^[\p{L}][\p{L}\p{M} .'’/-]{1,40}?\s*\(([^()]{2,30})\)\s*[-–—:]/u;

/**
 * The agency of a wire dateline opening the first paragraph after the headline: a credit, used
 * only when no person signs.
 */
function wireDateline(index: DomIndex, declaredHeadline: number): string[] {
  const headline = declaredHeadline >= 0 ? declaredHeadline : firstHeading(index);
  if (headline < 0) return [];
  const to = Math.min(index.elements.length, headline + BYLINE_REACH.after);
  // The first three paragraphs: a caption or a teaser may come before the text.
  let paragraphs = 0;
  for (let i = headline + 1; i < to && paragraphs < 3; i += 1) {
    const element = index.elements[i];
    if (element?.name !== 'p' || index.excluded[i] === 1) continue;
    const text = elementText(element, 400);
    if (text.length < 40) continue;
    paragraphs += 1;
    const agency = WIRE_DATELINE.exec(text)?.[1]?.trim();
    if (agency !== undefined && AGENCY.test(agency)) return [agency];
  }
  return [];
}

/** The first visible `<h1>`–`<h3>`, or -1. */
function firstHeading(index: DomIndex): number {
  for (let i = 0; i < index.elements.length; i += 1) {
    if (index.excluded[i] === 0 && /^h[1-3]$/.test(index.elements[i]?.name ?? '')) return i;
  }
  return -1;
}

/** Whether every name is a wire agency's credit. */
function agenciesOnly(names: readonly string[]): boolean {
  return names.length > 0 && names.every((name) => AGENCY.test(name.trim()) || DESK.test(name.trim()));
}

/**
 * The article's authors, from the most to the least explicit source: JSON-LD, Twitter's "Written
 * by" card, `<meta name=author>` and kin, microdata, `rel=author`, author-page links, byline
 * elements, a labelled byline line near the headline. A name that is the publisher (the site name,
 * one segment of it, the host) is no author; wire agencies count only when no person signs.
 *
 * @example
 * ```ts
 * readAuthors(index, collectPageSignals(index), readJsonLd(scripts), 'Daily News', null, 12); // ["Jane Doe"]
 * ```
 */
export function readAuthors(
  index: DomIndex,
  found: PageSignals,
  jsonLd: JsonLdArticle | null,
  siteName: string | null,
  pageUrl: string | null = null,
  headline = -1,
): string[] {
  const anchors = [headline, ...(found.itemprops.get('articlebody') ?? []).slice(0, 1)].filter((a) => a >= 0);
  const sources: (() => readonly string[])[] = [
    () => jsonLd?.authors ?? [],
    () => twitterWrittenBy(found),
    () => {
      for (const key of AUTHOR_KEYS) {
        const values = found.meta.get(key) ?? [];
        if (values.length > 0) return values;
      }
      return [];
    },
    () =>
      (found.itemprops.get('author') ?? found.itemprops.get('creator') ?? [])
        .filter((i) => !insideComments(index, i, anchors))
        .map((i) => authorFromItemprop(index, i))
        .filter((name): name is string => name !== null),
    () =>
      found.authorLinks
        .filter((i) => !insideComments(index, i, anchors))
        .map((i) => (index.elements[i] === undefined ? '' : elementText(index.elements[i], 200))),
    ...found.authorHrefs.map((i) => () => {
      const element = index.elements[i];
      if (element === undefined || index.excluded[i] === 1 || insideComments(index, i, anchors)) return [];
      return [elementText(element, 200)];
    }),
    ...found.bylines.map((i) => () => {
      const element = index.elements[i];
      if (element === undefined || insideComments(index, i, anchors)) return [];
      const text = elementText(element, 300);
      return text.length === 0 || text.length >= 120 ? [] : [text];
    }),
    () => visibleBylines(index, headline, siteName),
    () => wireDateline(index, headline),
    () => labelledLineAnywhere(index, anchors, siteName),
  ];
  // An author typed as an organization that is also the article's publisher is the publisher.
  const publisherKey = squash(jsonLd?.publisher ?? '');
  const publisherAuthors = (jsonLd?.authorOrganizations ?? []).filter(
    (name) => squash(name) === publisherKey,
  );
  const publisher = publisherKeys(siteName, pageUrl, publisherAuthors);
  // A name the JSON-LD types as a Person is a person, even when it is also the site's name.
  const people = new Set((jsonLd?.authorPeople ?? []).map(squash));
  const isPublisher = (name: string): boolean => publisher.has(squash(name)) && !people.has(squash(name));
  // Credits that are no person (agencies, the publisher), then account handles: kept, in order,
  // for a page where no person signs.
  let credits: string[] = [];
  let handles: string[] = [];
  for (const source of sources) {
    const raw = source();
    if (raw.length === 0) continue;
    const names = cleanAuthors(raw, siteName);
    if (names.length === 0) continue;
    // "AUTO" after the credit "AUTO ZEITUNG": a piece of the publisher's name, no person.
    const fragment = (name: string): boolean =>
      !/\s/.test(name.trim()) &&
      credits.some((credit) => credit.split(/\s+/).some((w) => squash(w) === squash(name)));
    if (agenciesOnly(names) || names.every(isPublisher) || (credits.length > 0 && names.every(fragment))) {
      if (credits.length === 0) credits = names;
    } else if (names.every(isHandle)) {
      // The same account named by two sources (JSON-LD and the byline link) is the author.
      if (handles.length > 0 && squash(handles.join()) === squash(names.join())) return handles;
      if (handles.length === 0) handles = names;
    } else {
      // "Stefanus" in the metadata, "Stefanus Stahl" in the byline: the fuller name of one person.
      const only = names.length === 1 ? names[0] : undefined;
      if (only !== undefined && !/\s/.test(only)) {
        const fuller = fullerName(only, sources.slice(sources.indexOf(source) + 1), siteName, publisher);
        if (fuller !== null) return [fuller];
      }
      return names;
    }
  }
  return handles.length > 0 ? handles : credits;
}

/** Twitter's "Written by" label card (WordPress/Yoast): `twitter:label1` + `twitter:data1`. */
function twitterWrittenBy(found: PageSignals): string[] {
  const names: string[] = [];
  for (const n of ['1', '2']) {
    const label = found.meta.get(`twitter:label${n}`)?.[0] ?? '';
    const data = found.meta.get(`twitter:data${n}`)?.[0];
    if (
      data !== undefined &&
      /written by|verfasst von|geschrieben von|author|autor|escrito por|écrit par/i.test(label)
    ) {
      names.push(data);
    }
  }
  return names;
}
