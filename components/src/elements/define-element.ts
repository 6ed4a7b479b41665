/**
 * `@defineElement(tag)`: Lit's `@customElement` that tolerates a second copy of the bundle on one page. Hosts may load
 * the tab's script twice (two menu entries, a script tag and a module import); `customElements.define` throws on the
 * second definition of a tag, which would stop the rest of that bundle from running. The first definition wins.
 */
export function defineElement(tag: string) {
  return (element: CustomElementConstructor): void => {
    if (!customElements.get(tag)) customElements.define(tag, element);
  };
}
