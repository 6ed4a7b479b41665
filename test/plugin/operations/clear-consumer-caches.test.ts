/**
 * Clear consumer website caches has one way in: the host's system-operation registry. The tab's GraphQL mutation is
 * a thin call into it, so the permission check and the report are the registry's, the same as for
 * *Settings > System Operations* (`runSystemOperation`).
 */
import type { Caller } from "../../../server/host/contract";
import { CLEAR_CONSUMER_CACHES_ID } from "../../../server/plugin/operations/clear-consumer-caches";
import { REPO_ROOT, startTestHost, type TestHost } from "../../support/host";

const MUTATION =
  "mutation { clearConsumerWebsiteCaches { durationMs caches { name entriesCleared } listeners { registrationId name restarted } hosts { hostId durationMs caches { name entriesCleared } listeners { registrationId name restarted } error { code message } } notAnswering deadlineMs summary { code params text } lines { code params text } } }";

let host: TestHost;

beforeAll(async () => {
  host = await startTestHost({ pluginDirs: [REPO_ROOT] });
});
afterAll(() => host?.stop());

test("the operation is registered under its namespaced id with the declared permission", async () => {
  const { body } = await host.gql<{ systemOperations: Array<{ id: string; permission: string }> }>("{ systemOperations { id permission } }");
  expect(CLEAR_CONSUMER_CACHES_ID).toBe("azure-relay.clear-consumer-website-caches");
  expect(body.data?.systemOperations).toContainEqual({ id: CLEAR_CONSUMER_CACHES_ID, permission: "azure-relay.operations:run" });
});

test("the GraphQL mutation runs through the host's registry, as the caller", async () => {
  const registry = host.services.systemOperations;
  const run = registry.run;
  const calls: Array<{ id: string; caller: Caller }> = [];
  registry.run = (id, caller) => (calls.push({ id, caller }), run(id, caller));
  try {
    const { body } = await host.gql<{ clearConsumerWebsiteCaches: { caches: unknown[] } }>(MUTATION);
    expect(body.errors).toBeUndefined();
    expect(body.data?.clearConsumerWebsiteCaches.caches.length).toBeGreaterThan(0);
  } finally {
    registry.run = run;
  }
  expect(calls).toEqual([{ id: CLEAR_CONSUMER_CACHES_ID, caller: expect.objectContaining({ kind: "token", roles: ["admin"] }) }]);
});

test("the registry's permission check answers the mutation: FORBIDDEN for a reader, UNAUTHENTICATED for nobody", async () => {
  const reader = await host.gql(MUTATION, undefined, { token: host.readerToken });
  expect(reader.body.errors?.[0]).toMatchObject({
    message: `running "${CLEAR_CONSUMER_CACHES_ID}" needs the permission azure-relay.operations:run`,
    extensions: { code: "FORBIDDEN" },
  });
  const anonymous = await host.gql(MUTATION, undefined, { token: null });
  expect(anonymous.body.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
});

test("the mutation and the System Operations run return the same report", async () => {
  const viaTab = (await host.gql<{ clearConsumerWebsiteCaches: Record<string, unknown> }>(MUTATION)).body.data!.clearConsumerWebsiteCaches;
  const run = await host.gql<{ runSystemOperation: { ok: boolean; summary: string; details: string } }>(
    `mutation { runSystemOperation(id: "${CLEAR_CONSUMER_CACHES_ID}") { ok summary details } }`,
  );
  const { ok, summary, details } = run.body.data!.runSystemOperation;
  expect(ok).toBe(true);
  expect(summary).toMatch(/^Cleared \d+ consumer caches \(\d+ entries\) and restarted 0 of 0 relay listeners in [\d.]+ ms\.$/);
  const report = JSON.parse(details);
  expect(Object.keys(report).sort()).toEqual(Object.keys(viaTab).sort());
  expect(report.caches.map((c: { name: string }) => c.name)).toEqual((viaTab.caches as Array<{ name: string }>).map((c) => c.name));
  expect(report.listeners).toEqual(viaTab.listeners);
  // Summary and lines by code + params, so the tab and the host page say them in their language.
  expect(viaTab.summary).toEqual({ code: "CLEAR_CACHES_SUMMARY", params: expect.objectContaining({ restarted: 0, listeners: 0 }), text: expect.stringMatching(/^Cleared /) });
  expect(viaTab.lines).toContainEqual({ code: "CLEAR_CACHES_NO_LISTENERS", params: {}, text: "No relay listener was running." });
});
