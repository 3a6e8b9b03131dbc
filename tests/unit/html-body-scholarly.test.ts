import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../lib/article/html/parse-html.js';

const bodyTexts = (html: string): string[] =>
  parseHtml(`<!DOCTYPE html><html><body>${html}</body></html>`, { sourceUrl: null })
    .blocks.filter((b) => b.type === 'paragraph' || b.type === 'heading')
    .map((b) => b.text);

const references = (entry: (n: number) => string, count = 30): string =>
  `<section><div class="article-section"><h2>References</h2><div class="article-section-content"><div><ol>${Array.from(
    { length: count },
    (_, n) =>
      `<li itemprop="citation" itemscope itemtype="http://schema.org/ScholarlyArticle"><span>${n + 1}.</span><p>${entry(n + 1)}</p><p><a href="/scholar?${n}">Google Scholar</a></p></li>`,
  ).join('')}</ol></div></div></div></section>`;

describe('parseHtml scholarly pages', () => {
  it('takes the abstract, not the reference list marked up as cited works, in both scripts', () => {
    const abstract =
      'The purpose of the review is to summarise the drugs used in practice that are implicated in the syndrome, and to describe how often they cause it.';
    const english = bodyTexts(
      `<article><h1>Drug reactions in practice</h1><div class="article-body"><section><div class="article-section"><h2>Abstract</h2><div class="article-section-content">
       <h3>Purpose</h3><p>${abstract}</p><h3>Findings</h3><p>The most commonly reported drugs are three, followed by two others that pose a lower, but real, risk for patients.</p><h3>Methods</h3><p>We searched the literature for case reports, case series and registries, and we counted the reactions per drug.</p><h3>Summary</h3><p>The syndrome is a serious reaction, with a potentially fatal outcome, and must be considered in any patient with a rash.</p></div></div></section>
       ${references((n) => `Author A, Author B, Author C. Study number ${n} of reactions, in vitro assessment of risk. J Clin Investig. 1988;82(6):1826.`)}</div></article>`,
    );
    expect(english).toContain(abstract);

    const arabicAbstract =
      'تهدف هذه المراجعة إلى تلخيص الأدوية المستخدمة في الممارسة السريرية، التي ترتبط بظهور المتلازمة، ووصف مدى تكرار ذلك.';
    const arabic = bodyTexts(
      `<article><h1>التفاعلات الدوائية</h1><div class="article-body"><section><div class="article-section"><h2>الملخص</h2><div class="article-section-content">
       <h3>الهدف</h3><p>${arabicAbstract}</p><h3>النتائج</h3><p>أكثر الأدوية ذكرًا ثلاثة، يليها دواءان آخران، وخطرهما أقل، لكنه حقيقي على المرضى.</p><h3>المنهج</h3><p>بحثنا في الأدبيات عن تقارير الحالات، وسلاسل الحالات والسجلات، وأحصينا التفاعلات لكل دواء على حدة.</p><h3>الخلاصة</h3><p>المتلازمة تفاعل خطير، قد يكون قاتلًا، ويجب التفكير فيها عند كل مريض يظهر عليه طفح جلدي.</p></div></div></section>
       ${references((n) => `الكاتب أ، الكاتب ب، الكاتب ج. الدراسة رقم ${n} عن التفاعلات، تقييم الخطر في المختبر. مجلة البحوث السريرية، 1988، 82(6).`)}</div></article>`,
    );
    expect(arabic).toContain(arabicAbstract);
  });

  it('drops a purchase box set beside the article', () => {
    const paragraph = (n: number): string =>
      `<p>Paragraph ${n} of the article, with enough words, commas, and detail to read like real text about the study, its method and its findings.</p>`;
    const english = bodyTexts(
      `<article>${[1, 2, 3, 4].map(paragraph).join('')}<div class="c-buybox"><h3>Buy article</h3><p>Instant access to the full article PDF.</p><p>Price includes VAT.</p></div></article>`,
    );
    expect(english).toHaveLength(4);

    const arabic = bodyTexts(
      `<article>${[1, 2, 3, 4].map((n) => `<p>الفقرة ${n} من المقال، وفيها ما يكفي من الكلمات والتفاصيل، عن الدراسة ومنهجها ونتائجها التي نشرت هذا العام.</p>`).join('')}<div id="article-buybox"><h3>اشترِ المقال</h3><p>وصول فوري إلى نسخة المقال الكاملة.</p></div></article>`,
    );
    expect(arabic).toHaveLength(4);
  });
});
