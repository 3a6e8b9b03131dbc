import { describe, expect, it } from 'vitest';
import { foldWhitespace, normalizeForMatching, toAsciiDigits } from '../../lib/article/arabic.js';

describe('normalizeForMatching', () => {
  it('gives a reference line and the title it names the same key', () => {
    const reference = 'اقرأ أيضًا: حلب وتدمر.. حسابات داعش';
    const title = 'حلب وتدمر..حسابات داعش';
    expect(normalizeForMatching(reference).endsWith(normalizeForMatching(title))).toBe(true);
  });

  it.each([
    ['أحمد', 'احمد'],
    ['إسلام', 'اسلام'],
    ['آذار', 'اذار'],
    ['ٱلله', 'الله'],
    ['مستشفى', 'مستشفي'],
    ['مدرسة', 'مدرسه'],
    ['مؤتمر', 'موتمر'],
    ['رئيس', 'رييس'],
    ['کتاب', 'كتاب'],
    ['فارسی', 'فارسي'],
  ])('folds the letter variants of %s', (variant, plain) => {
    expect(normalizeForMatching(variant)).toBe(normalizeForMatching(plain));
  });

  it('removes harakat, tanween, superscript alef, Quranic marks and tatweel', () => {
    expect(normalizeForMatching('أُلغِيَ')).toBe(normalizeForMatching('الغي'));
    expect(normalizeForMatching('مرًة')).toBe(normalizeForMatching('مرة'));
    expect(normalizeForMatching('هٰذا')).toBe(normalizeForMatching('هذا'));
    expect(normalizeForMatching('الرَّحِيمِ ۝')).toBe(normalizeForMatching('الرحيم'));
    expect(normalizeForMatching('ســـوريا')).toBe(normalizeForMatching('سوريا'));
  });

  it('turns digits to ASCII, lower-cases and folds presentation forms (NFKC)', () => {
    expect(normalizeForMatching('عام ٢٠١٧ و۲۰۱۸')).toBe('عام 2017 و2018');
    expect(normalizeForMatching('Syria NEWS')).toBe('syria news');
    expect(normalizeForMatching('ﻻ')).toBe('لا');
  });

  it('treats punctuation and quotes as word boundaries', () => {
    expect(normalizeForMatching('«سوريا.. هدنة "الحوادث الفردية"»؟')).toBe('سوريا هدنه الحوادث الفرديه');
    expect(normalizeForMatching('حلب،حمص؛ دمشق')).toBe('حلب حمص دمشق');
  });

  it('ignores bidi marks and zero-width characters', () => {
    expect(normalizeForMatching('\u200fحلب\u200e \u200bوتدمر')).toBe(normalizeForMatching('حلب وتدمر'));
  });

  it('is idempotent', () => {
    const once = normalizeForMatching('اقرأ/ي أيضًا: «لأجل من قُتلت سوريا؟»');
    expect(normalizeForMatching(once)).toBe(once);
  });
});

describe('toAsciiDigits', () => {
  it('replaces Arabic-Indic and Persian digits and keeps everything else', () => {
    expect(toAsciiDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ abc 42')).toBe('0123456789 0123456789 abc 42');
  });

  it('keeps the length, so offsets stay valid', () => {
    const text = '٢٢-مايو-٢٠١٧';
    expect(toAsciiDigits(text)).toHaveLength(text.length);
  });
});

describe('foldWhitespace', () => {
  it('folds runs of Unicode white space to one space and trims', () => {
    expect(foldWhitespace(' \t حلب\u00a0\u00a0و\n\nتدمر\u2003 ')).toBe('حلب و تدمر');
  });

  it('keeps the article’s own characters, bidi marks included', () => {
    expect(foldWhitespace('أُلغِيَ \u200fنص')).toBe('أُلغِيَ \u200fنص');
  });
});
