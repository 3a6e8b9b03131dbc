import type { ParsedDocument } from '../parsed-document.js';
import { readAuthors } from './authors.js';
import { readDescriptions } from './description.js';
import type { DomIndex } from './dom-index.js';
import { readJsonLd } from './json-ld.js';
import { collectPageSignals, firstValue, hostLabel, resolveUrl } from './page-signals.js';
import { type DeclaredDates, readDeclaredDates, readTimes } from './published-date.js';
import { readTitleEvidence, type TitleEvidence } from './title.js';

/**
 * What the page declares about itself, before the body is read: the document-level fields of
 * `ParsedDocument` (`publishedAt` from machine-readable sources only: JSON-LD, `<meta>`,
 * `itemprop`), the title's evidence (decided by `chooseTitle` once the body is known), plus what
 * the body walk needs.
 */
export interface HtmlMetadata
  extends Pick<
    ParsedDocument,
    | 'siteName'
    | 'canonicalUrl'
    | 'publishedAt'
    | 'authors'
    | 'declaredLanguage'
    | 'declaredDirection'
    | 'baseUrl'
  > {
  readonly titles: TitleEvidence;
  /** Every declared description, most trusted first; `chooseDescription` picks once the body is read. */
  readonly descriptions: readonly string[];
  readonly leadImage: string | null;
  /** `<time>` elements with a machine-readable date, by element index. */
  readonly times: readonly { readonly index: number; readonly iso: string }[];
  /** Every declared publication date and whether the most trusted one is only a generic key's. */
  readonly declaredDates: DeclaredDates;
}

const SITE_KEYS = ['og:site_name', 'application-name', 'al:android:app_name', 'al:ios:app_name', 'publisher'];
const IMAGE_KEYS = ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'];

/**
 * Reads the page-level metadata: JSON-LD first, then OpenGraph, Twitter cards and `<meta>`,
 * then microdata and the markup (`<h1>`, bylines, `<time>`). Each field has its own reader.
 *
 * @example
 * ```ts
 * readHtmlMetadata(indexDom(parseDocument(html)), 'https://example.org/a').siteName;
 * ```
 */
export function readHtmlMetadata(index: DomIndex, sourceUrl: string | null): HtmlMetadata {
  const found = collectPageSignals(index);
  const jsonLd = readJsonLd(found.jsonLd);
  const baseUrl = resolveUrl(found.base, sourceUrl);
  const canonicalUrl =
    resolveUrl(found.canonical, baseUrl ?? sourceUrl) ??
    resolveUrl(firstValue(found.meta, ['og:url']), baseUrl ?? sourceUrl);
  const pageUrl = canonicalUrl ?? sourceUrl;
  // The article's own JSON-LD publisher names the outlet; `og:site_name` is often the platform's
  // ("Medium") or carries a slogan ("Outlet - Your daily news"). Readability reads them so too.
  const siteName = jsonLd?.publisher ?? firstValue(found.meta, SITE_KEYS) ?? null;
  const rawLang =
    found.lang ??
    firstValue(found.meta, ['content-language', 'dc.language', 'og:locale']) ??
    jsonLd?.inLanguage ??
    null;
  const lang =
    rawLang === null
      ? null
      : (rawLang
          .trim()
          .split(/[-_\s,;]/)[0]
          ?.toLowerCase() ?? null);
  const dir = found.dir?.trim().toLowerCase();
  const image = firstValue(found.meta, IMAGE_KEYS) ?? jsonLd?.image ?? null;

  const titles = readTitleEvidence(index, found, jsonLd, siteName, hostLabel(pageUrl), pageUrl);
  const declaredDates = readDeclaredDates(index, found, jsonLd);
  const headline = titles.fromDeclared.element >= 0 ? titles.fromDeclared.element : (titles.h1s[0]?.i ?? -1);
  return {
    titles,
    siteName: siteName === null || /^https?:/.test(siteName) ? null : siteName,
    canonicalUrl,
    publishedAt: declaredDates.best,
    authors: readAuthors(index, found, jsonLd, siteName, pageUrl, headline),
    descriptions: readDescriptions(found, jsonLd),
    declaredLanguage: lang === '' ? null : lang,
    declaredDirection: dir === 'rtl' || dir === 'ltr' ? dir : null,
    baseUrl,
    leadImage: resolveUrl(image, baseUrl ?? pageUrl),
    times: readTimes(index, found),
    declaredDates,
  };
}
