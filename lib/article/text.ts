/** Folds runs of white space to one space and trims. (Implementation in progress.) */
export function foldWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
