/** A caption split into what the picture shows and who took or supplied it. */
export interface CaptionParts {
  readonly caption: string | null;
  readonly credit: string | null;
}

const LABELLED_CREDIT =
  /(?:^|[\s.;|,])(?:photo(?:graph)?s?|picture|image|credit|photo credit|source|foto|fotos|bild|quelle|crédit|crédito|صورة|الصورة|تصوير|المصدر|عکس)\s*[:：]\s*([^\n]{2,120}?)\s*$/i;
const LEADING_CREDIT =
  /^(?:photo(?:graph)?s?|picture|image|credit|foto|bild|crédit|صورة|الصورة|تصوير)\s*[:：]\s*([^\n]{2,120}?)\s*(?:[.;|]\s+|$)/i;
const PARENTHESIZED = /\s*[([]([^()[\]]{2,120})[)\]]\s*$/;
const AGENCY =
  /\/|getty|reuters|afp|\bap\b|epa|associated press|shutterstock|istock|alamy|dpa|anadolu|xinhua|رويترز|فرانس|أسوشيتد|الأناضول|وكالة|©/i;
const COPYRIGHT = /\s*(?:©|\(c\)|copyright)\s*([^\n]{2,120})$/i;

/**
 * Splits "Caption (Name / Agency)", "Caption. Photo: Name" or "Caption © Agency" into caption and
 * credit; a caption with no recognizable credit is returned whole.
 *
 * @example
 * ```ts
 * splitCredit('Fighters on parade (Yasser al-Khodr/ Reuters)');
 * // { caption: 'Fighters on parade', credit: 'Yasser al-Khodr/ Reuters' }
 * ```
 */
export function splitCredit(text: string): CaptionParts {
  const folded = text.trim();
  if (folded === '') return { caption: null, credit: null };
  const orNull = (value: string): string | null => {
    const trimmed = value.replace(/^[\s.,;:|\-–—]+|[\s,;:|\-–—]+$/g, '');
    return trimmed === '' ? null : trimmed;
  };
  const labelled = LABELLED_CREDIT.exec(folded);
  if (labelled?.[1] !== undefined) {
    return { caption: orNull(folded.slice(0, labelled.index)), credit: orNull(labelled[1]) };
  }
  const leading = LEADING_CREDIT.exec(folded);
  if (leading?.[1] !== undefined) {
    return { caption: orNull(folded.slice(leading[0].length)), credit: orNull(leading[1]) };
  }
  const copyright = COPYRIGHT.exec(folded);
  if (copyright?.[1] !== undefined) {
    return { caption: orNull(folded.slice(0, copyright.index)), credit: orNull(copyright[1]) };
  }
  const parenthesized = PARENTHESIZED.exec(folded);
  if (parenthesized?.[1] !== undefined && AGENCY.test(parenthesized[1])) {
    return { caption: orNull(folded.slice(0, parenthesized.index)), credit: orNull(parenthesized[1]) };
  }
  // "… in Aleppo. John Smith/AFP": a short last sentence naming an agency.
  const lastSentence = /[.!?؟]\s+([^.!?؟]{2,60})$/.exec(folded);
  if (
    lastSentence?.[1] !== undefined &&
    /\//.test(lastSentence[1]) &&
    lastSentence[1].split(/\s+/).length <= 6
  ) {
    return { caption: orNull(folded.slice(0, lastSentence.index + 1)), credit: orNull(lastSentence[1]) };
  }
  return { caption: folded, credit: null };
}
