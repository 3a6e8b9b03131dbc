/**
 * Article prose for HTML fixtures: four paragraphs long enough for the body scorer to take them
 * for the article, in English or Arabic, so a test's own markup is what decides its outcome.
 */
export const articleProse = (lang: 'en' | 'ar'): string =>
  [1, 2, 3, 4]
    .map((n) =>
      lang === 'en'
        ? `<p>Paragraph ${n} of the story, with enough words, commas, and detail to read like real article text about the harbour and the council.</p>`
        : `<p>الفقرة ${n} من الخبر، وفيها ما يكفي من الكلمات والتفاصيل عن الميناء والمجلس البلدي والسكان الذين يعيشون بالقرب منه.</p>`,
    )
    .join('');

/** A page whose `<article>` holds `header` (a headline, a date line…) followed by the prose. */
export const articlePage = (head: string, header: string, lang: 'en' | 'ar' = 'en'): string =>
  `<!doctype html><html lang="${lang}"><head>${head}</head><body><article>${header}${articleProse(lang)}</article></body></html>`;
