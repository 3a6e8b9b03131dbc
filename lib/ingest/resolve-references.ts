import { normalizeForMatching } from '../article/arabic.js';
import type { ArticleLink, ExtractedFields } from '../article/article-record.js';
import type { ArticleRepository } from '../ports/article-repository.js';

/** Keys stay far below DynamoDB's 2048-byte index key limit; both sides cut them the same way. */
const MAX_KEY_BYTES = 1_000;

function truncateUtf8(text: string, maxBytes: number): string {
  const encoded = new TextEncoder().encode(text);
  if (encoded.length <= maxBytes) return text;
  // Dropping a trailing partial code point: `fatal: false` decodes it to U+FFFD, which we trim.
  return new TextDecoder('utf-8', { fatal: false })
    .decode(encoded.slice(0, maxBytes))
    .replace(/\uFFFD+$/u, '');
}

/**
 * The key a title is matched by: Arabic-normalized, case-folded, cut to a bounded length.
 *
 * @example matchingKey('  اقرأ أيضاً  ') === matchingKey('اقرأ أيضا') // true once arabic.ts folds tanween
 */
export function matchingKey(text: string | null): string | null {
  if (text === null) return null;
  const key = truncateUtf8(normalizeForMatching(text), MAX_KEY_BYTES);
  return key.length === 0 ? null : key;
}

/** The matching key of a record's own title: only processed records can be referred to. */
export function titleKeyOf(record: ExtractedFields): string | null {
  return record.status === 'processed' ? matchingKey(record.title) : null;
}

/** The matching key of each URL-less `related` link ("اقرأ أيضًا: TITLE"), by link index. */
export function referenceKeysOf(links: readonly ArticleLink[]): ReadonlyMap<number, string> {
  const keys = new Map<number, string>();
  links.forEach((link, index) => {
    if (link.kind !== 'related' || link.url !== null) return;
    const key = matchingKey(link.text);
    if (key !== null) keys.set(index, key);
  });
  return keys;
}

/**
 * Points this article's URL-less references at stored articles with a matching title (the
 * referenced article arrived first). Links without a match keep `targetArticleId: null`.
 * `registeredTitles`: the registry entries read with the applied state, if they were.
 */
export async function resolveOwnReferences(
  repository: ArticleRepository,
  articleId: string,
  links: readonly ArticleLink[],
  referenceKeys: ReadonlyMap<number, string>,
  registeredTitles?: ReadonlyMap<string, string>,
): Promise<readonly ArticleLink[]> {
  if (referenceKeys.size === 0) return links;
  // One batched lookup for every title, instead of one index query each (none at all when the
  // registry entries came with the applied state).
  const targets = await repository.findArticlesByTitles([...referenceKeys.values()], registeredTitles);
  return links.map((link, index) => {
    const key = referenceKeys.get(index);
    const target = key === undefined ? null : (targets.get(key) ?? null);
    return target === null || target === articleId ? link : { ...link, targetArticleId: target };
  });
}

/**
 * Points earlier, still unresolved references to `titleKey` at the article that now carries
 * that title (the referencing article arrived first). Returns how many links were updated.
 */
export async function announceTitle(
  repository: ArticleRepository,
  articleId: string,
  titleKey: string,
): Promise<number> {
  let updated = 0;
  for (const reference of await repository.findReferences(titleKey)) {
    if (reference.targetArticleId !== null || reference.articleId === articleId) continue;
    if (await repository.setReferenceTarget(reference, titleKey, articleId)) updated += 1;
  }
  return updated;
}

/**
 * After an article lost `titleKey` (deleted, or retitled), re-points the references that
 * targeted it: at another article with that title if one exists, else at none.
 */
export async function withdrawTitle(
  repository: ArticleRepository,
  articleId: string,
  titleKey: string,
): Promise<number> {
  await repository.unregisterTitle(titleKey, articleId);
  const references = (await repository.findReferences(titleKey)).filter(
    (reference) => reference.targetArticleId === articleId,
  );
  if (references.length === 0) return 0;
  const replacement = await repository.findArticleByTitle(titleKey);
  const target = replacement === articleId ? null : replacement;
  let updated = 0;
  for (const reference of references) {
    if (await repository.setReferenceTarget(reference, titleKey, target)) updated += 1;
  }
  return updated;
}
