import { type Document, DomHandler, Element, isTag, isText, Text } from 'domhandler';
import { Parser } from 'htmlparser2';

/**
 * htmlparser2 keeps its open-element stack top-first and grows it with `Array#unshift`, which
 * moves every open element on each start tag: a 200,000-deep page takes minutes. This stack keeps
 * the same top-first view (`[0]` is the innermost element) over a bottom-first array, so push and
 * pop are O(1), and counts names so that "is `x` open?" is O(1) too.
 */
function topFirstStack(open: readonly string[]): string[] {
  const items: string[] = [...open].reverse();
  const counts = new Map<string, number>();
  for (const name of items) counts.set(name, (counts.get(name) ?? 0) + 1);
  const remove = (name: string | undefined): void => {
    if (name === undefined) return;
    const count = counts.get(name) ?? 0;
    if (count <= 1) counts.delete(name);
    else counts.set(name, count - 1);
  };
  const methods = {
    unshift(name: string): number {
      items.push(name);
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return items.length;
    },
    shift(): string | undefined {
      const name = items.pop();
      remove(name);
      return name;
    },
    indexOf(name: string): number {
      if (!counts.has(name)) return -1;
      const at = items.lastIndexOf(name);
      return at < 0 ? -1 : items.length - 1 - at;
    },
    includes(name: string): boolean {
      return counts.has(name);
    },
  };
  return new Proxy(items, {
    get(target, property) {
      if (typeof property === 'string') {
        if (property === 'length') return target.length;
        if (property in methods) return methods[property as keyof typeof methods];
        const position = property.charCodeAt(0) - 48;
        if (position >= 0 && position <= 9) return target[target.length - 1 - Number(property)];
      }
      return Reflect.get(target, property);
    },
    set(target, property, value) {
      if (property === 'length' && value === 0) {
        target.length = 0;
        counts.clear();
        return true;
      }
      return Reflect.set(target, property, value);
    },
  });
}

/** Past this many open elements the parser's own stack gets slow: it is swapped for the one above. */
const DEEP_NESTING = 256;

/**
 * A tree builder that hands the parser the linear stack once nesting gets deep. Real pages stay
 * far shallower, and there the parser's own array is faster than the proxy (about a tenth of
 * the parse).
 */
class DeepNestingHandler extends DomHandler {
  onDeep: (() => void) | null = null;

  override onopentag(name: string, attribs: { [name: string]: string }): void {
    super.onopentag(name, attribs);
    if (this.onDeep !== null && this.tagStack.length > DEEP_NESTING) {
      const swap = this.onDeep;
      this.onDeep = null;
      swap();
    }
  }
}

/**
 * Parses HTML with htmlparser2 into a domhandler tree (entities decoded, names lower-cased),
 * in time linear in the page even for pathologically deep nesting.
 *
 * @example
 * ```ts
 * parseHtmlDocument('<p>Hi</p>').children.length; // 1
 * ```
 */
export function parseHtmlDocument(html: string): Document {
  const options = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };
  const handler = new DeepNestingHandler();
  const parser = new Parser(handler, options);
  // Replaces the private quadratic stack (see above), with the elements open so far, once the
  // page nests deeply; same observable behaviour.
  handler.onDeep = () => {
    const open: unknown = Reflect.get(parser, 'stack');
    if (Array.isArray(open)) Reflect.set(parser, 'stack', topFirstStack(open.map(String)));
  };
  parser.end(html);
  const document = handler.root;
  wrapFragment(document);
  return document;
}

/**
 * A fragment ("<p>…</p><div>…</div>", as CMS exports often are) gets a `<body>` around its
 * top-level nodes, so its paragraphs share a parent and are scored together like a page's.
 */
function wrapFragment(document: Document): void {
  if (document.children.some((child) => isTag(child) && (child.name === 'html' || child.name === 'body')))
    return;
  const children = document.children.some((child) => isTag(child))
    ? document.children
    : textParagraphs(document);
  if (children.length === 0) return;
  const body = new Element('body', {}, children);
  for (const child of body.children) child.parent = body;
  body.parent = document;
  document.children = [body];
}

/**
 * A page of plain text without a single tag ("text/html" that is really text): its paragraphs,
 * split at blank lines (or at line breaks when there are none), so that it reads as the text a
 * browser shows rather than as no content.
 */
function textParagraphs(document: Document): Element[] {
  const text = document.children
    .filter(isText)
    .map((node) => node.data)
    .join('')
    .replace(/\r\n?/gu, '\n');
  const blocks = /\n[ \t]*\n/u.test(text) ? text.split(/\n[ \t]*\n/u) : text.split('\n');
  return blocks
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const paragraph = new Element('p', {}, [new Text(block)]);
      for (const child of paragraph.children) child.parent = paragraph;
      return paragraph;
    });
}
