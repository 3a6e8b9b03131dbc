import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../../lib/article/parse-text.js';
import { foldWhitespace } from '../../../lib/article/text.js';

const line = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '22-مايو-2017',
    'اقرأ/ي أيضًا:',
    'اقرأ أيضًا: عنوان مقال',
    'Read more: https://example.org/x',
    'By Jane Doe',
    'صورة من الحدث (مصور/ رويترز)',
    'سطر قصير بلا نقطة',
    'فقرة كاملة تنتهي بنقطة وتكفي لتكون جزءًا من المتن.',
    '* * *',
    ' \u00a0 ',
    '',
  ),
);
const document = fc
  .array(line, { maxLength: 25 })
  .chain((lines) => fc.constantFrom('\n', '\n\n', '\r\n').map((separator) => lines.join(separator)));

describe('parseText properties', () => {
  it('gives folded, non-empty blocks cut from the input’s own text', () => {
    fc.assert(
      fc.property(document, (text) => {
        const doc = parseText(text, { sourceUrl: null });
        const folded = foldWhitespace(text);
        for (const block of doc.blocks) {
          expect(block.text).not.toBe('');
          expect(block.text).toBe(block.text.trim());
          expect(block.text).not.toMatch(/\s{2}|[\t\n\r]/u);
          // Related titles lose a URL they carried; everything else is the article's own text.
          if (block.type !== 'related') expect(folded).toContain(block.text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never takes a date line or a related marker as the title', () => {
    fc.assert(
      fc.property(document, (text) => {
        const { title } = parseText(`22-مايو-2017\n\n${text}`, { sourceUrl: null });
        expect(title).not.toBe('22-مايو-2017');
        expect(title ?? '').not.toMatch(/^(?:اقرأ|Read more)/u);
      }),
      { numRuns: 200 },
    );
  });
});
