import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The URL Readability's test pages were saved from: the base its expected output resolves against. */
export const READABILITY_PAGE_URL = 'http://fakehost/test/page.html';

export type CorpusName = 'readability' | 'trafilatura' | 'htmldate';

/** What a page is expected to yield; absent fields are unknown and not scored. */
export interface Expected {
  readonly title?: string;
  readonly author?: string;
  readonly date?: string;
  readonly language?: string;
  readonly direction?: string;
  readonly siteName?: string;
  readonly description?: string;
  /** Snippets that belong to the body. */
  readonly with?: readonly string[];
  /** Snippets that must not be in the body. */
  readonly without?: readonly string[];
}

type ScalarField = Exclude<keyof Expected, 'with' | 'without'>;

export interface EvalPage {
  readonly corpus: CorpusName;
  readonly id: string;
  /** The page's own URL when known: passed as `sourceUrl`. */
  readonly url: string | null;
  readonly bytes: Uint8Array;
  readonly expected: Expected;
}

/** `../shared/corpora` relative to the repository root. */
export function corporaRoot(): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return resolve(repoRoot, '..', 'shared', 'corpora');
}

/** Fails loudly: the corpora are part of the test environment (CI has `../shared`). */
export function requireCorpora(): string {
  const root = corporaRoot();
  if (!existsSync(join(root, 'readability')) || !existsSync(join(root, 'trafilatura', 'truth.json'))) {
    throw new Error(
      `evaluation corpora not found at ${root} (expected ../shared/corpora next to the repository)`,
    );
  }
  return root;
}

/** Readability's 130 test pages with its own expected metadata. */
export function loadReadabilityPages(root = requireCorpora()): EvalPage[] {
  const base = join(root, 'readability');
  return readdirSync(base)
    .sort()
    .filter((name) => existsSync(join(base, name, 'source.html')))
    .map((name) => {
      const meta = readJson(join(base, name, 'expected-metadata.json'));
      return {
        corpus: 'readability',
        id: name,
        url: READABILITY_PAGE_URL,
        bytes: readFileSync(join(base, name, 'source.html')),
        expected: pickStrings(meta, {
          title: 'title',
          author: 'byline',
          date: 'publishedTime',
          language: 'lang',
          direction: 'dir',
          siteName: 'siteName',
          description: 'excerpt',
        }),
      };
    });
}

/** Trafilatura's evaluation pages (every other page) with human annotations. */
export function loadTrafilaturaPages(root = requireCorpora()): EvalPage[] {
  const base = join(root, 'trafilatura');
  const truth = readJson(join(base, 'truth.json'));
  return Object.entries(truth).map(([key, value]) => {
    const entry = asRecord(value);
    const expected: Expected = {
      ...pickStrings(entry, { title: 'title', author: 'author', date: 'date', description: 'description' }),
      with: stringList(entry.with),
      without: stringList(entry.without),
    };
    return {
      corpus: 'trafilatura',
      id: key,
      url: /^https?:\/\//u.test(key) ? key : null,
      bytes: gunzipSync(readFileSync(join(base, 'pages', String(entry.file)))),
      expected,
    };
  });
}

/** htmldate's evaluation pages (every other page): publication dates, Arabic and Persian included. */
export function loadHtmldatePages(root = requireCorpora()): EvalPage[] {
  const base = join(root, 'htmldate');
  const truth = readJson(join(base, 'truth.json'));
  return Object.entries(truth).map(([key, value]) => {
    const entry = asRecord(value);
    return {
      corpus: 'htmldate',
      id: key,
      url: /^https?:\/\//u.test(key) ? key : null,
      bytes: gunzipSync(readFileSync(join(base, 'pages', String(entry.file)))),
      expected: pickStrings(entry, { date: 'date' }),
    };
  });
}

/** All three corpora, in a fixed order. */
export function loadAllPages(): EvalPage[] {
  const root = requireCorpora();
  return [...loadReadabilityPages(root), ...loadTrafilaturaPages(root), ...loadHtmldatePages(root)];
}

function readJson(path: string): Record<string, unknown> {
  return asRecord(JSON.parse(readFileSync(path, 'utf8')));
}

function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('corpus file: expected a JSON object');
  }
  return value as Record<string, unknown>;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string' && item !== '')
    : [];
}

function pickStrings(
  source: Record<string, unknown>,
  mapping: Partial<Record<ScalarField, string>>,
): Partial<Record<ScalarField, string>> {
  const out: Partial<Record<ScalarField, string>> = {};
  for (const [field, key] of Object.entries(mapping) as [ScalarField, string][]) {
    const value = source[key];
    if (typeof value === 'string' && value.trim() !== '') out[field] = value;
  }
  return out;
}
