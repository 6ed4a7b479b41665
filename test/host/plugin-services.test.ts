/** A plugin gets only the services its manifest declares (plugin-services.ts), and the schema offers exactly those names. */
import * as fs from "node:fs";
import * as path from "node:path";
import { HOST_SERVICE_NAMES } from "../../server/host/reference/plugin-services";
import { startTestHost, type TestHost } from "../support/host";

const FIXTURES = path.join(__dirname, "fixtures");
const REPO_ROOT = path.resolve(__dirname, "../..");

let host: TestHost;

beforeAll(async () => {
  host = await startTestHost({ pluginDirs: [path.join(FIXTURES, "fixture-plugin"), path.join(FIXTURES, "fixture-b")] });
});
afterAll(() => host?.stop());

test("activate(host) of a plugin declaring only `store` receives the contract version and its store, nothing else", async () => {
  const received = await host.services.forPlugin("fixture-b").store.get<string[]>("received");
  expect(received).toEqual(["contractVersion", "store"]);
});

test("an undeclared service is absent from the plugin's view, not merely unused", () => {
  const services = host.services.forPlugin("fixture-b");
  for (const name of HOST_SERVICE_NAMES.filter((n) => n !== "store")) expect(name in services).toBe(false);
  expect(Object.isFrozen(services)).toBe(true);
});

test("a plugin declaring every service gets every one", () => {
  const services = host.services.forPlugin("fixture");
  expect(Object.keys(services).sort()).toEqual(["contractVersion", ...HOST_SERVICE_NAMES].sort());
});

test("plugin.schema.json's host.services enum names exactly the services the host can hand over", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "schema/plugin.schema.json"), "utf8"));
  expect([...schema.properties.host.properties.services.items.enum].sort()).toEqual([...HOST_SERVICE_NAMES].sort());
});
