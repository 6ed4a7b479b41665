/**
 * The tab's DOM events can be bound in a Lit template (`@azure-relay-edit-requested-v1=${…}`): Lit reads the binding
 * from an attribute name, so a name with `/` (the old `azure-relay/edit-requested/v1`) could not be bound. And a
 * second definition of an element (a host loading the bundle twice) is skipped instead of throwing.
 */
import { EVENTS } from "../../components/src/events";
import { defineElement, type ElementClass, type ElementRegistry } from "../../components/src/elements/define-element";

test("every event name is a lowercase attribute name, namespaced and versioned", () => {
  for (const name of Object.values(EVENTS)) expect(name).toMatch(/^azure-relay-[a-z]+(-[a-z]+)*-v\d+$/);
});

describe("defineElement", () => {
  const defined = new Map<string, ElementClass>();
  beforeAll(() => {
    // Node has no DOM: a registry with the browser's semantics (define throws on a tag defined before).
    const registry: ElementRegistry = {
      get: (tag) => defined.get(tag),
      define: (tag, element) => {
        if (defined.has(tag)) throw new Error(`NotSupportedError: "${tag}" has already been defined`);
        defined.set(tag, element);
      },
    };
    (globalThis as { customElements?: unknown }).customElements = registry;
  });
  afterAll(() => {
    delete (globalThis as { customElements?: unknown }).customElements;
  });

  test("the first definition wins; a second copy of the element does not throw", () => {
    class First {}
    class Second {}
    defineElement("azure-relay-test-element")(First);
    expect(() => defineElement("azure-relay-test-element")(Second)).not.toThrow();
    expect(defined.get("azure-relay-test-element")).toBe(First);
  });
});
