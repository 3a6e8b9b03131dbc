/** What `h` takes as children: text is inserted as text (never parsed as HTML). */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

type Attributes = Readonly<Record<string, string | number | boolean | null | undefined | EventListener>>;

/**
 * Creates an element. Attributes whose value is null, undefined or false are left out; `on…`
 * functions become event listeners. Strings are text nodes, so data from the API can never
 * become markup.
 *
 * @example h('a', { href: '#/', class: 'back' }, 'Timeline')
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** The attributes that let a text be read in its own language and direction. */
export function textDirection(language: string | null, direction: 'rtl' | 'ltr' | null): Attributes {
  return { lang: language ?? null, dir: direction ?? 'auto' };
}
