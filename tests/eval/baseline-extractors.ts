import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
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

export type BaselineName = 'readability' | 'metascraper';

/** The two reference tools' extractions of one page. */
export type BaselineExtractions = Readonly<Record<BaselineName, Extraction | null>>;

/**
 * Runs Readability (on jsdom, as Firefox's reader view does) and metascraper on one page.
 * jsdom decodes the bytes (BOM, `<meta charset>`); metascraper gets that same decoded HTML,
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
    return { readability: readabilityOf(dom), metascraper: scraped };
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
