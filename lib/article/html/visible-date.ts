import { findDate, parseDate } from '../dates/dates.js';
import { classAndId, type DomIndex } from './dom-index.js';
import { EARLIEST_WEB_YEAR } from './published-date.js';
import { elementText } from './text.js';

// Class/id fragments of the line that carries the date (`itemPostDate`, `entry-meta`, `dateline`…).
const DATE_HINT = /date|time|publish|posted|dateline|byline|meta|datum|fecha|tarih|zeit|info/;
const CHANGED = /updated|modified|edit/;
const OTHERS = /comment|reply/;
const PUBLISH_HINT = /publish|pubdate/;

/** Labels of a later change, in the languages the date tables read: the date after one is not the publication date. */
const UPDATED_LABEL =
  /(?:updated|modified|edited|aktualisiert|geändert|mis à jour|modifié|actualizado|modificado|aggiornato|güncelleme|تحديث|آخر تعديل|عُدّل|به[\s\u200c]?روز|بروزرسانی|ویرایش)[^\p{L}\p{N}]*(?:\p{L}+[^\p{L}\p{N}]*){0,2}$/iu;
/** Labels of the publication: "Published", "Veröffentlicht", "نشر في", "تاریخ انتشار"… */
const PUBLISHED_LABEL =
  /(?:published|posted|first published|veröffentlicht|erschienen|publié|mis en ligne|mise en ligne|publicado|publicación|pubblicato|yayınlanma|نشر|النشر|تاريخ النشر|انتشار|منتشر)[^\p{L}\p{N}]*(?:\p{L}+[^\p{L}\p{N}]*){0,2}$/iu;
/** A label belongs to the date it stands right before: this far back at most. */
const LABEL_REACH = 40;
/** Dates read in one line at most: a date line has two or three ("published…, updated…"). */
const MAX_DATES_PER_LINE = 4;

/**
 * The publication date in a line of text: the date labelled as published when the line has one,
 * else the first date not labelled as a later change, so "Updated 12 May 2023, published 10 May
 * 2023" gives 10 May. A line with only an update date ("Aktualisiert: 30.12.2016") gives that
 * one: it is the only date the page shows.
 *
 * @example
 * ```ts
 * publishedDateInLine('آخر تحديث: 12 مايو 2023 - نشر في: 10 مايو 2023'); // "2023-05-10"
 * ```
 */
export function publishedDateInLine(text: string, labelledOnly = false): string | null {
  return readDateLine(text, labelledOnly)?.iso ?? null;
}

/** A date the page shows, and whether it is labelled as a later change ("Updated …"). */
export interface VisibleDate {
  readonly iso: string;
  readonly updated: boolean;
}

const shown = (iso: string | null): VisibleDate | null => (iso === null ? null : { iso, updated: false });

function readDateLine(text: string, labelledOnly: boolean): VisibleDate | null {
  let offset = 0;
  let firstPlain: string | null = null;
  let firstUpdated: string | null = null;
  for (let n = 0; n < MAX_DATES_PER_LINE && offset < text.length; n += 1) {
    const found = findDate(text.slice(offset));
    if (found === null) break;
    const start = offset + found.index;
    const label = text.slice(Math.max(offset, start - LABEL_REACH), start);
    if (PUBLISHED_LABEL.test(label)) return shown(found.iso);
    if (UPDATED_LABEL.test(label)) firstUpdated ??= found.iso;
    else firstPlain ??= found.iso;
    offset = start + found.length;
  }
  if (labelledOnly) return null;
  if (firstPlain !== null) return shown(firstPlain);
  return firstUpdated === null ? null : { iso: firstUpdated, updated: true };
}

/** Cheap pre-check before a line is scanned for a labelled date. */
const PUBLISHED_WORD =
  /published|posted|veröffentlicht|erschienen|publié|mis en ligne|mise en ligne|publicado|publicación|pubblicato|yayınlanma|نشر|انتشار|منتشر/i;
/** A label on its own, its value in the next element: `<dt>Published</dt><dd>3 May 2019</dd>`. */
const LABEL_ONLY =
  /^[\s:]*(?:date (?:of )?publi(?:shed|cation)|published(?: on)?|posted(?: on)?|veröffentlicht(?: am)?|erschienen(?: am)?|publié le|mis en ligne|mise en ligne|publicado(?: el)?|pubblicato(?: il)?|تاريخ النشر|نشر في|تاریخ انتشار)[\s:]*$/iu;

/**
 * Anywhere on the page, a date labelled as the publication ("Erschienen am: 01.11.2023" in a
 * footer, "نشر في …" in a side box), for pages whose header shows none: only labelled ones.
 */
function labelledDateAnywhere(index: DomIndex): string | null {
  for (let i = 0; i < index.elements.length; i += 1) {
    if (!isDatable(index, i)) continue;
    const text = ownText(index, i);
    if (text.length > 300 || !PUBLISHED_WORD.test(text)) continue;
    const found =
      publishedDateInLine(text, true) ?? (LABEL_ONLY.test(text) ? dateAfterLabel(index, i) : null);
    if (found !== null) return found;
  }
  return null;
}

/** The date that opens the element right after a label element (its value). */
function dateAfterLabel(index: DomIndex, i: number): string | null {
  let next = index.elements[i]?.next ?? null;
  while (next !== null && next.type === 'text' && 'data' in next && String(next.data).trim() === '')
    next = next.next;
  if (next === null) return null;
  const found = findDate(elementText(next, 120));
  return found !== null && found.index <= 5 ? found.iso : null;
}

/** How far into a paragraph its dateline may start: "BERLIN, 01.02.2022 – …", "27.1.2022 - …". */
const DATELINE_REACH = 40;

/**
 * The date that opens the first paragraph of the body, as agencies and press releases write it
 * ("01.02.2022 – Der Arbeitsmarkt…", "القاهرة، 10 مايو 2023 - …"): never a date further in.
 */
function datelineOf(text: string): string | null {
  const found = findDate(text.slice(0, DATELINE_REACH + 40));
  return found !== null && found.index <= DATELINE_REACH ? found.iso : null;
}

function ownText(index: DomIndex, i: number): string {
  const element = index.elements[i];
  if (element === undefined) return '';
  let text = '';
  for (const child of element.children) {
    if ('data' in child && typeof child.data === 'string' && child.type === 'text') text += child.data;
  }
  return text.length > 400 ? text.slice(0, 400) : text;
}

/** The text right before an element in its parent (its label, as in "Updated <time>"). */
function textBefore(index: DomIndex, i: number): string {
  const element = index.elements[i];
  let text = '';
  for (let node = element?.prev ?? null; node !== null && text.length < LABEL_REACH; node = node.prev) {
    if (node.type === 'comment') continue;
    text = `${'data' in node && typeof node.data === 'string' ? node.data : elementText(node, LABEL_REACH)}${text}`;
  }
  return text.slice(-LABEL_REACH);
}

function isDatable(index: DomIndex, i: number): boolean {
  if (index.excluded[i] === 1) return false;
  const element = index.elements[i];
  if (element === undefined) return false;
  const hints = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.toLowerCase();
  // `ArticleHeaderComment_publishDate`: an opinion column ("Kommentar") still has its publish date.
  return !CHANGED.test(hints) && (!OTHERS.test(hints) || PUBLISH_HINT.test(hints));
}

/**
 * Class tokens of a card or box that presents another article, or of a reader's comment: the
 * date inside is that article's or that comment's.
 */
const CARD_OF_ANOTHER =
  /teaser|related|recommend|more-?(?:news|stories|articles)|also-?read|(?:^|[\s_])(?:comments?|comment-(?:body|meta|metadata|list|content)|commentlist|replies)(?:$|[\s_])/;

/** Whether the element sits in a teaser card, a related-stories box or a comment, a few levels up at most. */
function inCardOfAnother(index: DomIndex, i: number): boolean {
  for (let a = i, depth = 0; a >= 0 && depth < 8; a = index.parent[a] ?? -1, depth += 1) {
    const element = index.elements[a];
    if (element !== undefined && element.name !== 'body' && CARD_OF_ANOTHER.test(classAndId(element)))
      return true;
  }
  return false;
}

/** Whether the element sits in a quoted or embedded post (an Instagram or X embed is a `<blockquote>`). */
function isQuoted(index: DomIndex, i: number): boolean {
  for (
    let a = index.parent[i] ?? -1, depth = 0;
    a >= 0 && depth < 12;
    a = index.parent[a] ?? -1, depth += 1
  ) {
    if (index.elements[a]?.name === 'blockquote') return true;
  }
  return false;
}

/**
 * Finds the publication date the page shows near its headline: a `<time datetime>` of the
 * article, an element classed as a date, or a date written in the lines around the `<h1>`.
 *
 * @example
 * ```ts
 * findVisibleDateEvidence(index, titleIndex, roots, times); // { iso: "2017-05-22", updated: false }
 * ```
 */
export function findVisibleDateEvidence(
  index: DomIndex,
  titleElement: number,
  roots: readonly number[],
  times: readonly { readonly index: number; readonly iso: string }[],
): VisibleDate | null {
  const anchor = titleElement >= 0 ? titleElement : (roots[0] ?? -1);
  const firstRoot = roots[0] ?? anchor;
  const lastRoot = roots[roots.length - 1] ?? anchor;
  const regionStart = Math.max(0, Math.min(anchor, firstRoot) - 40);
  const regionEnd = Math.max(index.end[lastRoot] ?? 0, anchor + 200);

  for (const time of times) {
    if (time.index < regionStart || time.index >= regionEnd || !isDatable(index, time.index)) continue;
    if (isQuoted(index, time.index) || inCardOfAnother(index, time.index)) continue;
    // "Updated <time>…</time>": the label sits in the text before the element, not in it.
    if (UPDATED_LABEL.test(textBefore(index, time.index))) continue;
    return shown(time.iso);
  }
  if (anchor < 0) return shown(labelledDateAnywhere(index));
  const scanStart = Math.max(0, anchor - 30);
  const scanEnd = Math.min(index.elements.length, anchor + 120);
  for (let i = scanStart; i < scanEnd; i += 1) {
    if (!isDatable(index, i)) continue;
    const element = index.elements[i];
    if (element === undefined || !DATE_HINT.test(classAndId(element))) continue;
    if (inCardOfAnother(index, i) || (i < anchor && inMastheadClock(index, i))) continue;
    const end = Math.min(index.end[i] ?? i + 1, i + 20);
    let text = '';
    for (let j = i; j < end; j += 1) text += ` ${ownText(index, j)}`;
    const machine = element?.attribs.content ?? element?.attribs.datetime;
    const direct = machine === undefined ? null : parseDate(machine);
    if (direct !== null) return shown(direct);
    const found = readDateLine(text, false);
    if (found !== null) return found;
  }
  // Written dates in the lines right after (or just before) the headline.
  const order: number[] = [];
  for (let i = anchor + 1; i < scanEnd; i += 1) order.push(i);
  for (let i = anchor - 1; i >= scanStart; i -= 1) order.push(i);
  let budget = 3000;
  let proseReached = false;
  for (const i of order) {
    if (proseReached && i > anchor) continue;
    if (!isDatable(index, i) || inCardOfAnother(index, i)) continue;
    if (i < anchor && inMastheadClock(index, i)) continue;
    const text = ownText(index, i).trim();
    if (text === '') continue;
    if (text.length > 250) {
      if (i <= anchor) continue;
      // The first paragraph of prose ends the lines after the headline: its dateline, else the
      // lines above the headline ("14. Februar 2012" over it), else a labelled date elsewhere.
      const dateline = datelineOf(text);
      if (dateline !== null) return shown(dateline);
      proseReached = true;
      continue;
    }
    budget -= text.length;
    if (budget < 0) break;
    const found = readDateLine(text, false);
    if (found !== null) return found;
  }
  return shown(labelledDateAnywhere(index));
}

/** Containers whose dates belong to someone else's text: comments, replies, sidebars, widgets. */
const OTHERS_DATES = /comment|reply|respon|sidebar|widget|related|footer-?nav|archive|calendar/;
/**
 * Class/id of a site header's clock or top bar ("Donnerstag, 16. Februar 2012" printed on every
 * page): today's date when the page was fetched, the latest date on the page, never the article's.
 */
const MASTHEAD_CLOCK = /masthead|top-?bar|(?:^|[\s_-])uhr(?:$|[\s_-])/;

/** Whether the element sits in a masthead clock or top bar, a few levels up at most. */
function inMastheadClock(index: DomIndex, i: number): boolean {
  for (let a = i, depth = 0; a >= 0 && depth < 4; a = index.parent[a] ?? -1, depth += 1) {
    const element = index.elements[a];
    if (element !== undefined && element.name !== 'body' && MASTHEAD_CLOCK.test(classAndId(element)))
      return true;
  }
  return false;
}
/** A stamp is a short line ("am 14. Dezember 2015 um 14:48"); a date inside prose is an event's. */
const STAMP_LENGTH = 150;
/** Dates read on a whole page at most: enough to count a page's repeated date, bounded on huge pages. */
const MAX_PAGE_DATES = 400;

/**
 * The last resort, for pages that state their date nowhere near the headline and nowhere
 * machine-readable: the date written most often in the page's text (a post footer "am 14.
 * Dezember 2015", a "Stand: 09.10.2017" line, a forum post's stamp), as htmldate falls back to
 * the page's date expressions. Only short lines count (a date inside prose is an event's);
 * comments, sidebars and widgets are skipped; of equally frequent dates the later wins, as in
 * htmldate, whose default favours the page's latest version.
 */
export function findPageDate(index: DomIndex): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  let bestCount = 0;
  let read = 0;
  for (let i = 0; i < index.elements.length && read < MAX_PAGE_DATES; i += 1) {
    const element = index.elements[i];
    if (element === undefined || index.excluded[i] === 1) continue;
    // `<body class="one-sidebar">` names the layout, not a box of its own.
    const names = classAndId(element);
    if (
      element.name !== 'body' &&
      element.name !== 'html' &&
      (OTHERS_DATES.test(names) || MASTHEAD_CLOCK.test(names))
    ) {
      i = (index.end[i] ?? i + 1) - 1;
      continue;
    }
    const length = index.ownText[i] ?? 0;
    if (length < 6 || length > STAMP_LENGTH) continue;
    let text = ownText(index, i);
    for (let n = 0; n < MAX_DATES_PER_LINE; n += 1) {
      const found = findDate(text);
      if (found === null) break;
      read += 1;
      text = text.slice(found.index + found.length);
      if (Number(found.iso.slice(0, 4)) < EARLIEST_WEB_YEAR) continue;
      const count = (counts.get(found.iso) ?? 0) + 1;
      counts.set(found.iso, count);
      if (count > bestCount || (count === bestCount && best !== null && found.iso > best)) {
        best = found.iso;
        bestCount = count;
      }
    }
  }
  return best;
}
