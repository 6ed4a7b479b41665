/**
 * `@defineElement(tag)`: Lit's `@customElement` that tolerates a second copy of the bundle on one page. Hosts may load
 * the tab's script twice (two menu entries, a script tag and a module import); `customElements.define` throws on the
 * second definition of a tag, which would stop the rest of that bundle from running. The first definition wins.
 */
export function defineElement(tag: string) {
  return (element: ElementClass): void => {
    const registry = (globalThis as unknown as { customElements: ElementRegistry }).customElements;
    if (!registry.get(tag)) registry.define(tag, element);
  };
}

/** A custom element's class (typed without the DOM lib, so server-side type-checks of the tests can import this). */
export type ElementClass = new (...args: never[]) => object;

/** The part of the browser's `CustomElementRegistry` used here. */
export interface ElementRegistry {
  get(tag: string): ElementClass | undefined;
  define(tag: string, element: ElementClass): void;
}
