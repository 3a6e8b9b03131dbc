import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../lib/article/index.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Pathological inputs must finish (the test timeout catches a hang) and give a sane record. */
describe('extractArticle on pathological input', () => {
  it('finishes on a 3 MB single line and counts its words', () => {
    const { record } = extractArticle(encode('كلمة (قوس [مربع '.repeat(200_000)));
    expect(record.status).toBe('processed');
    expect(record.wordCount).toBe(600_000);
  });

  it('finishes on 100,000 repeated related markers and finds no article text', () => {
    const { record } = extractArticle(encode('اقرأ/ي أيضًا:\n'.repeat(100_000)));
    expect(record.error?.code).toBe('NO_CONTENT');
  });

  it('finishes on 100,000 inline references and keeps one link per distinct title', () => {
    const body = 'هذه فقرة من نص المقال تكفي لتكون محتوى حقيقيًا يمكن استخراجه من الملف.';
    const lines = Array.from({ length: 100_000 }, (_, i) => `اقرأ/ي أيضًا: عنوان ${i % 10}`);
    const { record } = extractArticle(encode(`${body}\n\n${lines.join('\n\n')}\n\n${body}`));
    expect(record.status).toBe('processed');
    expect(record.links.map((link) => [link.kind, link.text])).toEqual(
      Array.from({ length: 10 }, (_, i) => ['related', `عنوان ${i}`]),
    );
  });

  it('finishes on deeply repeated brackets', () => {
    const text = `${'('.repeat(100_000)}نص${')'.repeat(100_000)}\n${'[('.repeat(100_000)}\n${'«['.repeat(50_000)}`;
    const { record } = extractArticle(encode(text));
    expect(['processed', 'rejected']).toContain(record.status);
    expect(record.error?.code).not.toBe('EXTRACTION_FAILED');
  });

  it('handles 300,000 lines without a blank line between them', () => {
    const { record, content } = extractArticle(encode('سطر قصير من النص.\n'.repeat(300_000)));
    expect(record.status).toBe('processed');
    expect(content.blocks).toHaveLength(300_000);
  });

  it('handles a line with 150,000 URLs, keeping one link per distinct URL', () => {
    const urls = Array.from({ length: 150_000 }, (_, i) => `https://example.org/${i % 3}`);
    const { record } = extractArticle(encode(`${urls.join(' ')}.`));
    expect(record.error).toBeNull();
    expect(record.links.map((link) => link.url)).toEqual([0, 1, 2].map((i) => `https://example.org/${i}`));
  });

  it('finishes on a long line of URL-like text', () => {
    const { record } = extractArticle(encode('a.b:c@d.e/'.repeat(20_000)));
    expect(record.error?.code).not.toBe('EXTRACTION_FAILED');
  });
});
