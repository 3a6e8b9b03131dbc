import { extractArticle } from '../../lib/article/article.js';
import type { EvalPage } from './corpora.js';
import type { Extraction } from './matching.js';

/** Runs our pipeline core on a page exactly as the ingest function would (declared HTML, page URL). */
export function extractWithOurs(page: EvalPage): Extraction {
  const { record, content } = extractArticle(page.bytes, {
    contentType: 'text/html',
    fileName: 'page.html',
    sourceUrl: page.url ?? undefined,
  });
  return {
    title: record.title,
    authors: record.authors,
    date: record.publishedAt,
    language: record.language,
    direction: record.direction,
    siteName: record.siteName,
    description: record.description,
    text: content.text,
  };
}
