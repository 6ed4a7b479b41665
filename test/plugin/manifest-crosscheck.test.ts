/** plugin.json and the code must agree: every permission, operation, event and element the manifest names exists in code. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import manifest from "../../plugin.json";
import { Permissions } from "../../server/plugin/graphql/permissions";
import { CLEAR_CONSUMER_CACHES_ID } from "../../server/plugin/operations/clear-consumer-caches";
import { STATUS_CHANGED_EVENT } from "../../server/plugin/status-events";

const root = join(__dirname, "../..");

function componentSources(dir = join(root, "components/src")): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? componentSources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? readFileSync(join(dir, entry.name), "utf8") : ""))
    .join("\n");
}

describe("plugin.json against the code", () => {
  test("declares exactly the permissions the resolvers check", () => {
    expect(manifest.contributes.permissions.map((p) => p.id).sort()).toEqual(Object.values(Permissions).sort());
  });

  test("declares the system operation the plugin registers", () => {
    expect(manifest.contributes.systemOperations.map((op) => op.id)).toEqual([CLEAR_CONSUMER_CACHES_ID]);
    expect(CLEAR_CONSUMER_CACHES_ID).toBe(`${manifest.id}.clear-consumer-website-caches`);
    expect(manifest.contributes.systemOperations[0].permission).toBe(Permissions.runOperations);
  });

  test("declares the status event the plugin publishes", () => {
    expect(manifest.contributes.events.map((e) => e.id)).toEqual([STATUS_CHANGED_EVENT]);
  });

  test("every custom element it names is defined by the components, and the tab mounts one of them", () => {
    const sources = componentSources();
    for (const element of manifest.components.elements) {
      expect(sources).toMatch(new RegExp(`(?:customElement|defineElement)\\(\\s*["'\`]${element}["'\`]|customElements\\.define\\(\\s*["'\`]${element}["'\`]`));
    }
    for (const tab of manifest.contributes.settingsTabs) expect(manifest.components.elements).toContain(tab.element);
  });

  test("every custom element the components define is listed (and namespaced by the plugin id)", () => {
    const defined = [...componentSources().matchAll(/(?:customElement|defineElement)\(\s*["'`]([a-z0-9-]+)["'`]|customElements\.define\(\s*["'`]([a-z0-9-]+)["'`]/g)].map((m) => m[1] ?? m[2]);
    expect(defined.length).toBeGreaterThan(0);
    expect([...new Set(defined)].sort()).toEqual([...manifest.components.elements].sort());
    for (const element of defined) expect(element.startsWith(`${manifest.id}-`)).toBe(true);
  });

  test("the Settings tab sits where the seed page does", () => {
    expect(manifest.contributes.settingsTabs[0]).toMatchObject({ parent: "settings", title: "Azure Relay", weight: 4 });
  });

  test("server entry, SDL and version point at real things", () => {
    expect(manifest.server.entry).toBe("server/plugin/index.ts");
    expect(readFileSync(join(root, manifest.graphql.schema), "utf8")).toContain("relayRegistrations");
    expect(manifest.version).toBe(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version);
  });
});
