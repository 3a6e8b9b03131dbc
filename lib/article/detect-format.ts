import type { ArticleFormat } from './article-record.js';

export interface FormatHints {
  /** Declared content type, e.g. `text/html; charset=utf-8`. */
  readonly contentType?: string | undefined;
  /** File name or object key. */
  readonly fileName?: string | undefined;
}

const BY_MEDIA_TYPE: Readonly<Record<string, ArticleFormat>> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/plain': 'text',
};

const BY_EXTENSION: Readonly<Record<string, ArticleFormat>> = {
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  shtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  txt: 'text',
  text: 'text',
};

/** Bytes checked when sniffing; the signals are all near the start or dense. */
const SNIFF_CHARS = 16 * 1024;

/**
 * The article's format: a specific content type (HTML, Markdown) or file extension decides;
 * otherwise the text itself (a document that opens as HTML is HTML even when called `.txt`;
 * Markdown needs clear signals, since plain text also has `#` and `-` lines).
 *
 * @example
 * ```ts
 * detectFormat('<!doctype html><p>Hi</p>', {}); // 'html'
 * detectFormat('Hi', { fileName: 'notes.md' });   // 'markdown'
 * detectFormat('22-مايو-2017\n\nنص', {});          // 'text'
 * ```
 */
export function detectFormat(text: string, hints: FormatHints = {}): ArticleFormat {
  const head = text.slice(0, SNIFF_CHARS);
  const byType = formatFromContentType(hints.contentType);
  const byName = formatFromFileName(hints.fileName);
  // A specific type or extension beats a generic one: uploaders often send `.md` as text/plain.
  for (const declared of [byType, byName])
    if (declared === 'html' || declared === 'markdown') return declared;
  if (opensAsHtml(head)) return 'html';
  if (byType === 'text' || byName === 'text') return 'text';
  if (looksLikeHtml(head)) return 'html';
  if (looksLikeMarkdown(head)) return 'markdown';
  return 'text';
}

function formatFromContentType(contentType: string | undefined): ArticleFormat | null {
  if (contentType === undefined) return null;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return BY_MEDIA_TYPE[mediaType] ?? null;
}

function formatFromFileName(fileName: string | undefined): ArticleFormat | null {
  if (fileName === undefined) return null;
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  return BY_EXTENSION[base.slice(dot + 1).toLowerCase()] ?? null;
}

function opensAsHtml(head: string): boolean {
  const start = head.replace(/^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*/u, '').slice(0, 64);
  return /^<!doctype\s+html|^<html[\s>]/iu.test(start);
}

const HTML_TAG =
  /<\/?(?:html|head|body|p|div|span|br|a|h[1-6]|ul|ol|li|table|tr|td|img|meta|link|script|style|article|section|header|footer|nav|main|figure|figcaption|blockquote|em|strong|b|i)\b[^<>]*>/giu;

function looksLikeHtml(head: string): boolean {
  const tags = head.match(HTML_TAG)?.length ?? 0;
  if (/<(?:head|body)[\s>]/iu.test(head) && tags >= 2) return true;
  // Dense tags: real HTML fragments have a tag every few hundred characters.
  return tags >= 3 && tags * 200 >= head.length;
}

function looksLikeMarkdown(head: string): boolean {
  if (/^---\r?\n[\s\S]{0,4000}?\r?\n(?:---|\.\.\.)\r?\n/u.test(head)) return true;
  if (/\[[^\]\n]{1,300}\]\((?:https?:\/\/|\/|\.{0,2}\/|#|mailto:)[^)\s]*\)/u.test(head)) return true;
  if (/^```/mu.test(head)) return true;
  const headings = head.match(/^#{1,6} \S/gmu)?.length ?? 0;
  const listItems = head.match(/^\s{0,3}(?:[-*+]|\d{1,3}[.)]) \S/gmu)?.length ?? 0;
  const emphasis = head.match(/(?:\*\*|__)\S[^*_\n]{0,200}\S(?:\*\*|__)/gu)?.length ?? 0;
  const setext = countSetextUnderlines(head);
  const signals = [headings > 0, listItems >= 2, emphasis > 0, setext > 0].filter(Boolean).length;
  return headings >= 2 || signals >= 2;
}

/** Lines of only "=" or "-" right under a non-blank line (anchoring on the underline keeps it linear). */
function countSetextUnderlines(head: string): number {
  let count = 0;
  for (const match of head.matchAll(/\n(?:=+|-+)[ \t]*(?=\r?\n|$)/gu)) {
    const before = head.slice(Math.max(0, head.lastIndexOf('\n', match.index - 1) + 1), match.index);
    if (before.trim() !== '') count += 1;
  }
  return count;
}
