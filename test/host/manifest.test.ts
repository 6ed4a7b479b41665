/** Manifest validation: the real plugin.json passes; bad manifests fail with errors naming the field. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadManifest, ManifestError, validateManifest } from "../../server/host/reference/manifest";
import { startTestHost } from "../support/host";

const REPO_ROOT = path.resolve(__dirname, "../..");
const realManifest = (): Record<string, any> => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "plugin.json"), "utf8"));

function problemsOf(data: unknown, contractVersion?: string): string[] {
  try {
    validateManifest(data, "plugin.json", contractVersion);
  } catch (error) {
    expect(error).toBeInstanceOf(ManifestError);
    return (error as ManifestError).problems;
  }
  throw new Error("manifest unexpectedly valid");
}

describe("plugin.json", () => {
  it("the repo's manifest is valid and matches package.json's version", () => {
    const { manifest } = loadManifest(REPO_ROOT);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    expect(manifest.id).toBe("azure-relay");
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.contributes?.settingsTabs?.[0]).toMatchObject({ parent: "settings", title: "Azure Relay", weight: 4, element: "azure-relay-settings" });
  });

  const cases: Array<[string, (m: Record<string, any>) => void, RegExp]> = [
    ["a non-integer weight", (m) => (m.contributes.settingsTabs[0].weight = "4"), /^plugin\.json: \/contributes\/settingsTabs\/0\/weight must be integer$/],
    ["an unknown top-level property", (m) => (m.colour = "blue"), /^plugin\.json: \/ has unknown property "colour"$/],
    ["a missing server entry", (m) => delete m.server.entry, /^plugin\.json: \/server\/entry is required$/],
    ["a plugin id that is not kebab-case", (m) => (m.id = "Azure_Relay"), /^plugin\.json: \/id must match pattern/],
    ["a permission id without resource:action", (m) => (m.contributes.permissions[0].id = "azure-relay.read"), /^plugin\.json: \/contributes\/permissions\/0\/id must match pattern/],
    ["an event id without a version", (m) => (m.contributes.events[0].id = "azure-relay/status-changed"), /^plugin\.json: \/contributes\/events\/0\/id must match pattern/],
    ["an unknown host service", (m) => m.host.services.push("database"), /^plugin\.json: \/host\/services\/\d+ must be one of/],
    ["a settings tab under another parent", (m) => (m.contributes.settingsTabs[0].parent = "tools"), /^plugin\.json: \/contributes\/settingsTabs\/0\/parent must be "settings"$/],
    ["an element not prefixed with the plugin id", (m) => (m.components.elements = ["relay-settings"]), /\/components\/elements\/0 "relay-settings" must start with "azure-relay-"/],
    ["a permission of another plugin", (m) => (m.contributes.permissions[2].id = "other.operations:run"), /\/contributes\/permissions\/2\/id "other\.operations:run" must start with "azure-relay\."/],
    ["a tab whose permission is not declared", (m) => (m.contributes.settingsTabs[0].permission = "azure-relay.nothing:read"), /\/contributes\/settingsTabs\/0\/permission "azure-relay\.nothing:read" is not declared/],
    ["a system operation id without the plugin's namespace", (m) => (m.contributes.systemOperations[0].id = "clear-consumer-website-caches"), /^plugin\.json: \/contributes\/systemOperations\/0\/id must match pattern/],
    ["a system operation of another plugin", (m) => (m.contributes.systemOperations[0].id = "other.clear-caches"), /\/contributes\/systemOperations\/0\/id "other\.clear-caches" must start with "azure-relay\."/],
    ["an extra property on a system operation", (m) => (m.contributes.systemOperations[0].dangerous = true), /\/contributes\/systemOperations\/0 has unknown property "dangerous"/],
    ["a path escaping the plugin folder", (m) => (m.server.entry = "../elsewhere/index.ts"), /^plugin\.json: \/server\/entry must match pattern/],
    ["an invalid payload schema", (m) => (m.contributes.events[0].payloadSchema.properties.attempt.type = "whole-number"), /\/contributes\/events\/0\/payloadSchema is not a valid JSON Schema/],
  ];

  it.each(cases)("refuses %s, naming the field", (_label, mutate, expected) => {
    const manifest = realManifest();
    mutate(manifest);
    const problems = problemsOf(manifest);
    expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  it("reports every problem, not only the first", () => {
    const manifest = realManifest();
    manifest.contributes.settingsTabs[0].weight = 1.5;
    delete manifest.name;
    expect(problemsOf(manifest)).toEqual(expect.arrayContaining(["plugin.json: /name is required", "plugin.json: /contributes/settingsTabs/0/weight must be integer"]));
  });

  it("refuses a contract range this host does not satisfy, saying both versions", () => {
    const manifest = realManifest();
    manifest.host.contract = "^3.0.0";
    expect(problemsOf(manifest)).toEqual([expect.stringMatching(/\/host\/contract "\^3\.0\.0" does not accept this host's contract version 2\.\d+\.\d+/)]);
    expect(problemsOf(realManifest(), "1.1.0")[0]).toMatch(/"\^2\.2\.0" does not accept this host's contract version 1\.1\.0/);
    manifest.host.contract = "banana";
    expect(problemsOf(manifest)[0]).toMatch(/\/host\/contract "banana" is not a semver range/);
  });

  it("names unreadable and malformed files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-manifest-"));
    try {
      expect(() => loadManifest(dir)).toThrow(/plugin\.json: cannot read .*ENOENT/);
      fs.writeFileSync(path.join(dir, "plugin.json"), "{ not json");
      expect(() => loadManifest(dir)).toThrow(/plugin\.json: not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the host refuses to start with a manifest whose contract range does not match", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ecs-plugin-"));
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures/gated-plugin/plugin.json"), "utf8"));
      manifest.host.contract = "^9.0.0";
      fs.writeFileSync(path.join(dir, "plugin.json"), JSON.stringify(manifest));
      await expect(startTestHost({ pluginDirs: [dir] })).rejects.toThrow(/\/host\/contract "\^9\.0\.0" does not accept this host's contract version/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
