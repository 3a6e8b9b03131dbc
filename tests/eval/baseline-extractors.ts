import { extractFromHtml } from '@extractus/article-extractor';
import { Readability } from '@mozilla/readability';
import { Defuddle } from 'defuddle/node';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import createMetascraper from 'metascraper';
import metascraperAuthor from 'metascraper-author';
import metascraperDate from 'metascraper-date';
import metascraperDescription from 'metascraper-description';
import metascraperPublisher from 'metascraper-publisher';
import metascraperTitle from 'metascraper-title';
import type { EvalPage } from './corpora.js';
import type { Extraction } from './matching.js';

/** A URL for pages whose own URL is unknown: metascraper and jsdom both need one. */
const UNKNOWN_PAGE_URL = 'http://unknown.invalid/page.html';

const FALLBACK_PUBLIC_URL = 'https://example.com/test/page.html';

const metascraper = createMetascraper([
  metascraperAuthor(),
  metascraperDate(),
  metascraperDescription(),
  metascraperPublisher(),
  metascraperTitle(),
]);

export type BaselineName = 'readability' | 'metascraper' | 'defuddle' | 'articleExtractor';

export const BASELINES: readonly BaselineName[] = [
  'readability',
  'metascraper',
  'defuddle',
  'articleExtractor',
];

/** The reference tools' extractions of one page. */
export type BaselineExtractions = Readonly<Record<BaselineName, Extraction | null>>;

/**
 * Runs Readability (on jsdom, as Firefox's reader view does), metascraper, Defuddle (on linkedom)
 * and `@extractus/article-extractor` (Readability on linkedom, with its own metadata rules) on one
 * page. jsdom decodes the bytes (BOM, `<meta charset>`); the others get that same decoded HTML,
 * serialized before Readability mutates the document.
 */
export async function extractWithBaselines(page: EvalPage): Promise<BaselineExtractions> {
  const url = page.url ?? UNKNOWN_PAGE_URL;
  const dom = new JSDOM(Buffer.from(page.bytes), {
    url,
    contentType: 'text/html',
    virtualConsole: new VirtualConsole(),
  });
  try {
    const html = dom.serialize();
    const scraped = await metascraperOf(html, url);
    const defuddled = await defuddleOf(html, url);
    const extracted = await articleExtractorOf(html, url);
    return {
      readability: readabilityOf(dom),
      metascraper: scraped,
      defuddle: defuddled,
      articleExtractor: extracted,
    };
  } finally {
    dom.window.close();
  }
}

function readabilityOf(dom: JSDOM): Extraction | null {
  try {
    const article = new Readability(dom.window.document).parse();
    return {
      title: article?.title || null,
      authors: article?.byline ? [article.byline] : [],
      date: article?.publishedTime || null,
      language: article?.lang || null,
      direction: article?.dir || null,
      siteName: article?.siteName || null,
      description: article?.excerpt || null,
      text: article?.textContent ?? '',
    };
  } catch {
    // A page Readability throws on scores as a miss on every field, like any other failure.
    return null;
  }
}

async function metascraperOf(html: string, url: string): Promise<Extraction | null> {
  try {
    const meta = await metascraper({ html, url }).catch((error: unknown) => {
      // metascraper refuses hosts without a public suffix (Readability's `fakehost`): same page, public host.
      if ((error as { code?: unknown }).code !== 'INVALID_URL') throw error;
      return metascraper({ html, url: FALLBACK_PUBLIC_URL });
    });
    return {
      title: meta.title ?? null,
      authors: meta.author ? [meta.author] : [],
      date: meta.date ?? null,
      language: null,
      direction: null,
      siteName: meta.publisher ?? null,
      description: meta.description ?? null,
      text: null,
    };
  } catch {
    return null;
  }
}

/** Defuddle's output is HTML: its text, with block ends as line breaks so paragraphs stay apart. */
function textOfHtml(html: string): string {
  const spaced = html.replace(
    /<\/(?:p|div|h[1-6]|li|blockquote|pre|tr|figcaption|section|article)>|<br\s*\/?>/gi,
    '$&\n',
  );
  return parseHTML(`<!doctype html><html><body>${spaced}</body></html>`).document.body?.textContent ?? '';
}

async function defuddleOf(html: string, url: string): Promise<Extraction | null> {
  try {
    const { document } = parseHTML(html);
    // No async extractors: they fetch from third-party APIs (Reddit, YouTube…) when the page alone
    // gives nothing, and an evaluation reads the stored page only, never the network.
    const result = await Defuddle(document as unknown as Document, url, { useAsync: false });
    return {
      title: result.title || null,
      authors: result.author ? [result.author] : [],
      date: result.published || null,
      language: result.language || null,
      direction: null,
      siteName: result.site || null,
      description: result.description || null,
      text: textOfHtml(result.content ?? ''),
    };
  } catch {
    return null;
  }
}

async function articleExtractorOf(html: string, url: string): Promise<Extraction | null> {
  try {
    const article = await extractFromHtml(html, url);
    if (article === null) return null;
    return {
      title: article.title || null,
      authors: article.author ? [article.author] : [],
      date: article.published || null,
      language: null,
      direction: null,
      // `source` is the host name, not the site's name: not comparable, so not scored.
      siteName: null,
      description: article.description || null,
      text: textOfHtml(article.content ?? ''),
    };
  } catch {
    return null;
  }
}
