import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectLanguage, directionOf } from '../../lib/article/language.js';

const seed = readFileSync(new URL('../../../shared/seed/seed-article.txt', import.meta.url), 'utf8');

describe('detectLanguage', () => {
  it.each([
    [
      'ar',
      'عادت للواجهة مرة أخرى الأحاديث عن إبرام اتفاق بين عناصر تنظيم الدولة الإسلامية المتواجدين جنوب دمشق',
    ],
    ['fa', 'این یک متن فارسی است که برای آزمایش تشخیص زبان نوشته شده است و باید به درستی تشخیص داده شود.'],
    ['ur', 'یہ ایک اردو متن ہے جو زبان کی شناخت کی جانچ کے لیے لکھا گیا ہے۔ پاکستان کے لوگ اردو بولتے ہیں۔'],
    ['he', 'הממשלה הודיעה היום על צעדים חדשים למאבק במשבר הכלכלי.'],
    ['en', 'The government announced new measures today to fight the economic crisis across the country.'],
    [
      'fr',
      "Le gouvernement a annoncé aujourd'hui de nouvelles mesures pour lutter contre la crise économique.",
    ],
    ['de', 'Die Regierung hat heute neue Maßnahmen angekündigt, um die wirtschaftliche Krise zu bekämpfen.'],
    ['es', 'El gobierno anunció hoy nuevas medidas para combatir la crisis económica en todo el país.'],
    ['tr', 'Hükümet bugün ekonomik krizle mücadele için yeni önlemler açıkladı.'],
    ['ru', 'Правительство сегодня объявило о новых мерах по борьбе с экономическим кризисом.'],
    ['ja', '政府は今日、経済危機に対処するための新しい措置を発表しました。'],
  ])('recognizes %s', (language, text) => {
    expect(detectLanguage(text, null)).toBe(language);
  });

  it.each([
    [
      'ps',
      'د افغانستان خلک په ښارونو کې ژوند کوي او ډېر کارونه کوي. زه په کابل کې اوسېږم او هره ورځ ښوونځي ته ځم.',
    ],
    [
      'fa',
      'اين يك متن فارسي است كه براي آزمايش تشخيص زبان نوشته شده است و بايد به درستي تشخيص داده شود و همه چيز درست باشد.',
    ],
    [
      'uk',
      'Синоптики обіцяють українцям з наступного тижня сильну спеку, яка в частині областей сягне сорока градусів.',
    ],
    [
      'bg',
      'Българското правителство прие във вторник пълен пакет от мерки, които ще влязат в сила от първи юли.',
    ],
    ['sr', 'Влада Србије је данас најавила нове мере за борбу против економске кризе у целој земљи.'],
    ['kk', 'Қазақстан үкіметі бүгін елдегі экономикалық дағдарыспен күресу үшін жаңа шаралар жариялады.'],
    [
      'cs',
      'Pět vítězných soutěžních duelů v řadě, během nich jediný inkasovaný gól. Vláda dnes oznámila nová opatření.',
    ],
    [
      'vi',
      'Chính phủ hôm nay đã công bố các biện pháp mới để chống lại cuộc khủng hoảng kinh tế trên cả nước.',
    ],
    ['it', 'Il governo ha annunciato oggi nuove misure per combattere la crisi economica in tutto il paese.'],
    ['pt', 'O governo anunciou hoje novas medidas para combater a crise econômica em todo o país.'],
    ['zh', '政府今天宣布了应对经济危机的新措施，以帮助全国各地的企业和家庭度过难关。'],
  ])('tells %s from the other languages of its script', (language, text) => {
    expect(detectLanguage(text, null)).toBe(language);
  });

  it('keeps Arabic typed with the Persian yeh and kaf Arabic', () => {
    const arabic =
      'عادت للواجهة مرة أخرى الأحاديث عن إبرام اتفاق بين عناصر تنظيم الدولة الإسلامية في المنطقة';
    expect(detectLanguage(arabic.replaceAll('ي', 'ی').replaceAll('ك', 'ک'), null)).toBe('ar');
  });

  it('keeps Arabic with a foreign name in Persian letters Arabic', () => {
    expect(
      detectLanguage('أعلنت شركة گوگل اليوم عن منتج جديد في السوق العالمية بعد سنوات من البحث', null),
    ).toBe('ar');
  });

  it('recognizes the seed article as Arabic', () => {
    expect(detectLanguage(seed, null)).toBe('ar');
  });

  it('trusts script over a declared language of another script', () => {
    expect(detectLanguage(seed, 'en-US')).toBe('ar');
  });

  it('uses a declared language written in the text’s script', () => {
    expect(detectLanguage(seed, 'AR-sy')).toBe('ar');
    expect(detectLanguage('این یک متن فارسی است که برای آزمایش تشخیص زبان نوشته شده است', 'fa-IR')).toBe(
      'fa',
    );
  });

  it('uses a valid declared language when the text is too short to detect', () => {
    expect(detectLanguage('Hi', 'en-US')).toBe('en');
    expect(detectLanguage('', 'fr')).toBe('fr');
    expect(detectLanguage('12345 !!', 'de_DE')).toBe('de');
    expect(detectLanguage('Hi', 'iw')).toBe('he');
  });

  it('answers short text by its script when nothing is declared', () => {
    expect(detectLanguage('سلام', null)).toBe('ar');
    expect(detectLanguage('שלום', null)).toBe('he');
  });

  it('ignores declared values that are not ISO 639-1 codes', () => {
    expect(detectLanguage('', 'english')).toBeNull();
    expect(detectLanguage('', 'x')).toBeNull();
    expect(detectLanguage('12345', null)).toBeNull();
  });

  it('reads only the opening of a huge text', () => {
    const text = `${seed.slice(0, 3000)}${' the English tail of the text'.repeat(100_000)}`;
    expect(detectLanguage(text, null)).toBe('ar');
  });
});

describe('directionOf', () => {
  it('lets the declared direction win', () => {
    expect(directionOf('ar', seed, 'ltr')).toBe('ltr');
    expect(directionOf('en', 'hello', 'rtl')).toBe('rtl');
  });

  it.each(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'sd', 'ug'])('makes %s right-to-left', (language) => {
    expect(directionOf(language, 'latin letters only', null)).toBe('rtl');
  });

  it.each(['ku-Arab', 'pa-Arab-PK', 'ar-EG', 'FA'])('makes the tag %s right-to-left', (tag) => {
    expect(directionOf(tag, 'latin letters only', null)).toBe('rtl');
  });

  it('keeps Latin-script tags of RTL-capable languages left-to-right by their text', () => {
    expect(directionOf('ku-Latn', 'Kurdî bi tîpên latînî', null)).toBe('ltr');
  });

  it('follows the majority of strong letters otherwise', () => {
    expect(directionOf(null, seed, null)).toBe('rtl');
    expect(directionOf(null, 'سلام hi', null)).toBe('rtl');
    expect(directionOf('en', 'hello سلام', null)).toBe('ltr');
    expect(directionOf(null, '12345', null)).toBe('ltr');
  });
});
