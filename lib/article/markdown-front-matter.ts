import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';

/** The article metadata a Markdown front matter block can declare, as written. */
export interface FrontMatter {
  readonly title: string | null;
  readonly date: string | null;
  readonly authors: readonly string[];
  readonly language: string | null;
  readonly direction: 'rtl' | 'ltr' | null;
  readonly description: string | null;
  readonly canonicalUrl: string | null;
  readonly image: string | null;
  readonly siteName: string | null;
}

/** Front matter metadata and the Markdown body that follows it. */
export interface SplitFrontMatter {
  readonly frontMatter: FrontMatter | null;
  readonly body: string;
}

type Fields = Readonly<Record<string, unknown>>;

const YAML_OPEN = /^---[ \t]*$/u;
const YAML_CLOSE = /^(?:---|\.\.\.)[ \t]*$/u;
const TOML_FENCE = /^\+\+\+[ \t]*$/u;
/**
 * Front matter is a few hundred bytes of metadata; a block beyond this is not worth parsing
 * (9 MB of YAML took 20 s and can overflow the stack), so it is dropped unread.
 */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;
const MAPPING_START = /^\s*(?:["']?[\p{L}\p{N}_$@.-][^:\n]*["']?[ \t]*:(?:\s|$)|#)/u;

interface FencedBlock {
  readonly content: string;
  readonly end: number;
}

/**
 * Separates a leading YAML (`---`) or TOML (`+++`) front matter block from the Markdown body.
 * A `---` block that is not a YAML mapping is left in the body: it is Markdown (a rule or a
 * setext heading), not metadata. A block over {@link MAX_FRONT_MATTER_CHARS} is not parsed:
 * it is dropped when it starts like a mapping (`key: value`), else left in the body.
 *
 * @example
 * ```ts
 * const { frontMatter, body } = splitFrontMatter('---\ntitle: Hi\n---\nText');
 * frontMatter?.title; // 'Hi'
 * body; // 'Text'
 * ```
 */
export function splitFrontMatter(text: string): SplitFrontMatter {
  const yaml = fencedBlock(text, YAML_OPEN, YAML_CLOSE);
  if (yaml) {
    if (yaml.content.length > MAX_FRONT_MATTER_CHARS) {
      if (MAPPING_START.test(yaml.content.slice(0, 1000)))
        return { frontMatter: null, body: text.slice(yaml.end) };
    } else {
      const fields = readYaml(yaml.content);
      if (fields) return { frontMatter: toFrontMatter(fields), body: text.slice(yaml.end) };
    }
  }
  const toml = fencedBlock(text, TOML_FENCE, TOML_FENCE);
  if (toml) {
    const fields = toml.content.length > MAX_FRONT_MATTER_CHARS ? null : readToml(toml.content);
    return { frontMatter: fields && toFrontMatter(fields), body: text.slice(toml.end) };
  }
  return { frontMatter: null, body: text.replace(/^\uFEFF/u, '') };
}

/**
 * The lines between an opening fence on the first line and the first closing fence. Scanned
 * line by line because a lazy regex over megabytes of front matter overflowed the stack.
 */
function fencedBlock(text: string, open: RegExp, close: RegExp): FencedBlock | null {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstEnd = text.indexOf('\n', start);
  if (firstEnd < 0 || !open.test(withoutCr(text.slice(start, firstEnd)))) return null;
  const contentStart = firstEnd + 1;
  for (let at = contentStart; at < text.length; ) {
    const next = text.indexOf('\n', at);
    const lineEnd = next < 0 ? text.length : next;
    // Only a line that starts like a fence is worth slicing and testing.
    const first = text.charCodeAt(at);
    if ((first === 0x2d || first === 0x2e || first === 0x2b) && at > contentStart) {
      if (close.test(withoutCr(text.slice(at, lineEnd)))) {
        return {
          content: withoutCr(text.slice(contentStart, at - 1)),
          end: next < 0 ? text.length : next + 1,
        };
      }
    }
    if (next < 0) break;
    at = next + 1;
  }
  return null;
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function readYaml(source: string): Fields | null {
  try {
    // Core schema: dates stay strings, as written. `json: true`: a repeated key keeps its last value.
    const value: unknown = loadYaml(source, { schema: CORE_SCHEMA, json: true });
    return isFields(value) ? value : null;
  } catch {
    // Not YAML: the block is ordinary Markdown that happens to start with a rule.
    return null;
  }
}

/**
 * Reads the top-level `key = value` pairs of TOML front matter (strings, arrays of strings,
 * bare dates). Hand-written because Hugo-style front matter needs only this much, which is
 * not worth a TOML dependency; tables (`[params]`) end the top level.
 */
function readToml(source: string): Fields {
  const fields: Record<string, unknown> = {};
  for (const line of source.split(/\r?\n/u)) {
    if (/^\s*\[/u.test(line)) break;
    const match = /^\s*([A-Za-z0-9_-]+)\s*=\s*(.+?)\s*$/u.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    fields[match[1]] = readTomlValue(match[2]);
  }
  return fields;
}

function readTomlValue(raw: string): unknown {
  if (raw.startsWith('[')) {
    const items = raw.slice(1, raw.lastIndexOf(']')).match(/"(?:[^"\\]|\\.)*"|'[^']*'/gu) ?? [];
    return items.map(readTomlString);
  }
  if (raw.startsWith('"') || raw.startsWith("'")) return readTomlString(raw);
  return raw.replace(/\s+#.*$/u, '');
}

function readTomlString(raw: string): string {
  const quote = raw[0];
  const end = raw.lastIndexOf(quote ?? '"');
  const inner = raw.slice(1, end > 0 ? end : undefined);
  return quote === '"' ? inner.replace(/\\(["\\])/gu, '$1').replace(/\\n/gu, '\n') : inner;
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toFrontMatter(fields: Fields): FrontMatter {
  const direction = firstString(fields, ['dir', 'direction'])?.toLowerCase();
  return {
    title: firstString(fields, ['title', 'headline']),
    date: firstString(fields, [
      'date',
      'published',
      'publishDate',
      'publish_date',
      'published_at',
      'publishedAt',
      'pubDate',
      'datePublished',
      'created',
    ]),
    authors: readAuthors(fields),
    language: firstString(fields, ['lang', 'language', 'locale', 'inLanguage']),
    direction: direction === 'rtl' || direction === 'ltr' ? direction : null,
    description: firstString(fields, ['description', 'summary', 'excerpt', 'abstract']),
    canonicalUrl: firstString(fields, [
      'canonical',
      'canonical_url',
      'canonicalUrl',
      'canonicalURL',
      'url',
      'permalink',
    ]),
    image: readImage(fields),
    siteName: firstString(fields, ['site_name', 'siteName', 'site', 'publisher']),
  };
}

function firstString(fields: Fields, keys: readonly string[]): string | null {
  for (const key of keys) {
    const text = asText(fields[key]);
    if (text) return text;
  }
  return null;
}

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value.replace(/\s+/gu, ' ').trim() || null;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  if (isFields(value)) return asText(value.name) ?? asText(value.url) ?? asText(value.src);
  return null;
}

function readAuthors(fields: Fields): string[] {
  for (const key of ['authors', 'author', 'byline', 'creator', 'creators']) {
    const value = fields[key];
    const list = Array.isArray(value) ? value : [value];
    const names = list.map(asText).filter((name): name is string => name !== null);
    if (names.length > 0) return [...new Set(names)];
  }
  return [];
}

function readImage(fields: Fields): string | null {
  for (const key of [
    'image',
    'cover',
    'cover_image',
    'coverImage',
    'featured_image',
    'featuredImage',
    'thumbnail',
  ]) {
    const value = fields[key];
    const text = asText(Array.isArray(value) ? value[0] : value);
    if (text) return text;
  }
  return null;
}
