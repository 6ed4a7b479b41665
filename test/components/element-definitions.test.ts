/**
 * The tab's DOM events can be bound in a Lit template (`@azure-relay-edit-requested-v1=${…}`): Lit reads the binding
 * from an attribute name, so a name with `/` (the old `azure-relay/edit-requested/v1`) could not be bound. And a
 * second definition of an element (a host loading the bundle twice) is skipped instead of throwing.
 */
import { EVENTS } from "../../components/src/events";
import { defineElement } from "../../components/src/elements/define-element";

test("every event name is a lowercase attribute name, namespaced and versioned", () => {
  for (const name of Object.values(EVENTS)) expect(name).toMatch(/^azure-relay-[a-z]+(-[a-z]+)*-v\d+$/);
});

describe("defineElement", () => {
  const defined = new Map<string, CustomElementConstructor>();
  beforeAll(() => {
    // Node has no DOM: a registry with the browser's semantics (define throws on a tag defined before).
    (globalThis as { customElements?: unknown }).customElements = {
      get: (tag: string) => defined.get(tag),
      define: (tag: string, element: CustomElementConstructor) => {
        if (defined.has(tag)) throw new Error(`NotSupportedError: "${tag}" has already been defined`);
        defined.set(tag, element);
      },
    };
  });
  afterAll(() => {
    delete (globalThis as { customElements?: unknown }).customElements;
  });

  test("the first definition wins; a second copy of the element does not throw", () => {
    class First {}
    class Second {}
    defineElement("azure-relay-test-element")(First as unknown as CustomElementConstructor);
    expect(() => defineElement("azure-relay-test-element")(Second as unknown as CustomElementConstructor)).not.toThrow();
    expect(defined.get("azure-relay-test-element")).toBe(First);
  });
});
