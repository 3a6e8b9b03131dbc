import type { CorpusName, EvalPage } from './corpora.js';
import { CORPUS_FIELDS, checkField, type Extraction, type Field } from './matching.js';

export type ToolName = 'ours' | 'readability' | 'metascraper' | 'defuddle' | 'articleExtractor';

/** The fields each tool can produce at all; the others are shown as "—", not as 0 %. */
export const TOOL_FIELDS: Readonly<Record<ToolName, ReadonlySet<Field>>> = {
  ours: new Set(Object.values(CORPUS_FIELDS).flat()),
  readability: new Set(Object.values(CORPUS_FIELDS).flat()),
  metascraper: new Set<Field>(['title', 'author', 'date', 'siteName', 'description']),
  defuddle: new Set<Field>([
    'title',
    'author',
    'date',
    'language',
    'siteName',
    'description',
    'body-with',
    'body-without',
  ]),
  articleExtractor: new Set<Field>(['title', 'author', 'date', 'description', 'body-with', 'body-without']),
};

export interface Miss {
  readonly page: string;
  readonly expected: string;
  readonly got: string;
}

export interface Tally {
  hits: number;
  total: number;
  readonly misses: Miss[];
}

/** Rate of one field in one corpus: checks passed over checks made. */
export interface FieldRate {
  readonly n: number;
  readonly rate: number;
}

export type CorpusRates = Readonly<Record<string, Readonly<Record<string, FieldRate>>>>;

const EMPTY: Extraction = {
  title: null,
  authors: [],
  date: null,
  language: null,
  direction: null,
  siteName: null,
  description: null,
  text: '',
};

/** Per-tool tallies over corpora and fields. */
export class Scoreboard {
  readonly #tallies = new Map<string, Tally>();

  /** Scores one tool on one page; a null extraction (the tool threw) misses every check. */
  add(tool: ToolName, page: EvalPage, extraction: Extraction | null): void {
    for (const field of CORPUS_FIELDS[page.corpus]) {
      if (!TOOL_FIELDS[tool].has(field)) continue;
      const check = checkField(field, page.expected, extraction ?? EMPTY);
      if (!check) continue;
      const tally = this.tally(tool, page.corpus, field);
      tally.total += check.total;
      tally.hits += check.hits;
      if (check.miss) tally.misses.push({ page: page.id, ...check.miss });
    }
  }

  tally(tool: ToolName, corpus: CorpusName, field: Field): Tally {
    const key = `${tool}\u0000${corpus}\u0000${field}`;
    let tally = this.#tallies.get(key);
    if (!tally) {
      tally = { hits: 0, total: 0, misses: [] };
      this.#tallies.set(key, tally);
    }
    return tally;
  }

  /** `{ corpus: { field: { n, rate } } }` for one tool, over the corpora seen. */
  rates(tool: ToolName, corpora: readonly CorpusName[]): CorpusRates {
    const out: Record<string, Record<string, FieldRate>> = {};
    for (const corpus of corpora) {
      const fields: Record<string, FieldRate> = {};
      for (const field of CORPUS_FIELDS[corpus]) {
        if (!TOOL_FIELDS[tool].has(field)) continue;
        const tally = this.tally(tool, corpus, field);
        if (tally.total > 0) fields[field] = { n: tally.total, rate: tally.hits / tally.total };
      }
      out[corpus] = fields;
    }
    return out;
  }
}
