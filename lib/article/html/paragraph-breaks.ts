import { foldWhitespace } from '../text.js';

/**
 * Private-use characters the block emitter writes into its text buffer: `<br>`, and the start
 * and end of bold (`<strong>`, `<b>`) text. Page text never keeps them (the emitter strips them).
 */
export const BR = '\uE000';
export const BOLD_OPEN = '\uE001';
export const BOLD_CLOSE = '\uE002';
export const MARKERS = /[\uE000-\uE002]/g;
const MARKERS_TEST = /[\uE000-\uE002]/;

const BR_PAIR = /\uE000\s*\uE000/;
const BOLD_MARKS = /[\uE001\uE002]/g;
/** Sentence-final punctuation, looked for after closing quotes and brackets. */
const SENTENCE_END = /[.!?؟…۔。:;؛]["'»”’)\]]*$/u;
/** A bold run that leads into its line and is a label or dateline, not a subhead: "Note:", "Cairo -". */
const LEAD_IN_END = /[:：,،;؛\-–—]$/u;

/** One paragraph of a text run: its folded text, and whether all of its letters are bold. */
export interface Segment {
  readonly text: string;
  readonly bold: boolean;
}

function plain(raw: string): string {
  return foldWhitespace(raw.replaceAll(BR, ' ').replace(BOLD_MARKS, ''));
}

/** Whether every letter and digit of the run sits inside bold markup (`depth` open at its start). */
function isAllBold(raw: string, depth = 0): boolean {
  let open = depth;
  let letters = 0;
  for (let k = 0; k < raw.length; k += 1) {
    const code = raw.charCodeAt(k);
    if (code === 0xe001) open += 1;
    else if (code === 0xe002) open = Math.max(0, open - 1);
    else if (isWordCode(code, raw, k)) {
      if (open === 0) return false;
      letters += 1;
    }
  }
  return letters > 0;
}

function isWordCode(code: number, raw: string, k: number): boolean {
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  if (code <= 0xbf || (code >= 0x2000 && code <= 0x2bff) || (code >= 0xe000 && code <= 0xf8ff)) return false;
  return /[\p{L}\p{N}]/u.test(raw.charAt(k));
}

// Bold-only paragraphs this short, not ending a sentence, are subheads (a Q&A question may end in "?").
const MAX_SUBHEAD = 200;

/** A bold-only line that does not end a sentence: a subhead (or an interview question). */
export function isSubhead(segment: Segment): boolean {
  return (
    segment.bold &&
    segment.text.length <= MAX_SUBHEAD &&
    /\p{L}/u.test(segment.text) &&
    !/[.!:;,،؛…]["'»”’)\]]*$/u.test(segment.text)
  );
}

/** Each line with the bold depth open at its start: `<b>Title<br>Subtitle</b>` is two bold lines. */
function withBoldDepth(lines: readonly string[]): { line: string; depth: number }[] {
  let depth = 0;
  return lines.map((line) => {
    const opened = depth;
    for (let k = 0; k < line.length; k += 1) {
      const code = line.charCodeAt(k);
      if (code === 0xe001) depth += 1;
      else if (code === 0xe002) depth = Math.max(0, depth - 1);
    }
    return { line, depth: opened };
  });
}

/**
 * Where a bold subhead or interview question that opens a line ends, when the line goes on with
 * ordinary text: "**Why now?** Because…", "**The plan** The council…". A bold lead-in that ends
 * in a colon or a dash ("Note:", "Cairo –") is part of its paragraph, and so is a bold name
 * followed by a lower-case verb ("**Smith** said…"); in scripts without case only a question splits.
 */
function boldLeadEnd(line: string): number {
  const start = line.search(/\S/u);
  if (start < 0 || line[start] !== BOLD_OPEN) return -1;
  let depth = 0;
  for (let k = start; k < line.length; k += 1) {
    const character = line[k];
    if (character === BOLD_OPEN) depth += 1;
    else if (character === BOLD_CLOSE) {
      depth -= 1;
      if (depth > 0) continue;
      const lead = plain(line.slice(start, k));
      const rest = plain(line.slice(k + 1));
      if (lead === '' || rest === '' || !/\p{L}/u.test(rest)) return -1;
      if (/[?؟]$/u.test(lead)) return k + 1;
      if (LEAD_IN_END.test(lead) || lead.split(' ').length < 2) return -1;
      const first = /\p{L}/u.exec(rest)?.[0] ?? '';
      const cased = first.toLowerCase() !== first.toUpperCase();
      return cased && first === first.toUpperCase() && !SENTENCE_END.test(lead) ? k + 1 : -1;
    } else if (depth === 0 && /\S/u.test(character ?? '')) return -1;
  }
  return -1;
}

export interface SplitOptions {
  /** Text straight inside a container (`<div>`, `<td>`), not in a `<p>`: its breaks may be paragraphs. */
  readonly blockless: boolean;
  /** Whether a bold subhead opening a line may stand apart (not in a list item, whose term it is). */
  readonly splitLead: boolean;
}

/**
 * Splits the text of one block into paragraphs. `<br><br>` always separates paragraphs. In
 * block-less text that never doubles its breaks, a single `<br>` separates paragraphs when the
 * line before it ends a sentence (prose written one paragraph per line), never inside a verse or
 * an address, whose lines run on; inside a `<p>` a single `<br>` is a line break of that
 * paragraph. A bold line, and (with `splitLead`) a bold subhead opening a line, stand apart from
 * the text around them.
 *
 * @example
 * ```ts
 * splitParagraphs(`One sentence.${BR}Another one.`, { blockless: true, splitLead: true }).map((s) => s.text);
 * // ["One sentence.", "Another one."]
 * ```
 */
export function splitParagraphs(raw: string, options: SplitOptions): Segment[] {
  if (!MARKERS_TEST.test(raw)) {
    const text = foldWhitespace(raw);
    return text === '' ? [] : [{ text, bold: false }];
  }
  const segments: Segment[] = [];
  const lineParagraphs = options.blockless && !BR_PAIR.test(raw);
  for (const chunk of raw.split(BR_PAIR)) {
    // The paragraph being gathered, kept as running facts so that each line is read once.
    let texts: string[] = [];
    let bold = true;
    const push = (): void => {
      if (texts.length > 0) segments.push({ text: texts.join(' '), bold });
      texts = [];
      bold = true;
    };
    for (const { line, depth } of withBoldDepth(chunk.split(BR))) {
      const lead = options.splitLead && depth === 0 ? boldLeadEnd(line) : -1;
      for (const part of lead > 0 ? [line.slice(0, lead), line.slice(lead)] : [line]) {
        const text = plain(part);
        if (text === '') continue;
        const partBold = isAllBold(part, part === line || lead < 0 ? depth : 0);
        if (texts.length > 0) {
          const last = texts[texts.length - 1] ?? '';
          const sentenceEnded = lineParagraphs && SENTENCE_END.test(last);
          // A subhead ends where plain text starts; a bold line after plain text starts a new block.
          const boldChanged =
            bold !== partBold && (partBold || isSubhead({ text: texts.join(' '), bold: true }));
          if (sentenceEnded || boldChanged) push();
        }
        texts.push(text);
        bold &&= partBold;
      }
    }
    push();
  }
  return segments;
}
