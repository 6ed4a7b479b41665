/**
 * System operations across the web farm (docs/farm.md "System operations across the farm"): three hosts share one
 * real Redis — two in this process, one a child process that the test freezes with SIGSTOP. Clear consumer website
 * caches reports every host's work and the frozen one as not answering within the deadline; restartRelayListener
 * with a host id restarts the listener on that host only; an unknown host id gets FARM_HOST_NOT_FOUND.
 */
import { eventually, waitUntil } from "../../support/eventually";
import { startFarm, type TestFarm } from "../../support/farm";
import { connectionPorts, startChildHost, type ChildHost } from "../../support/farm-child-host";
import type { GqlResponse, TestHost } from "../../support/host";
import { useRedis } from "../../support/redis";
import { waitForState } from "../../support/stack";

/** Short enough for a test, long enough for a restart of every listener on a loaded machine. */
const DEADLINE_MS = 5000;
const redis = useRedis();
let farm: TestFarm;
let a: TestHost;
let b: TestHost;
let c: ChildHost;
let id: string;

type Gql = { gql<T>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>> };

beforeAll(async () => {
  // A long host TTL keeps the frozen host a member of the farm (as a stuck server is, until its record expires).
  farm = await startFarm(redis.url, ["farm-a", "farm-b"], { ECS_FARM_HOST_TTL_MS: "120000", ECS_PLUGIN_AZURE_RELAY_FARM_OPERATIONDEADLINEMS: String(DEADLINE_MS) });
  [a, b] = farm.hosts;
  c = await startChildHost(farm, "farm-c");
  id = await farm.addRegistration(a);
  for (const host of [a, b, c]) await waitUntil(`${host === c ? "farm-c" : "in-process host"} ONLINE`, async () => (await statusOf(host)).state === "ONLINE", 30_000, 100);
}, 120_000);
afterAll(async () => {
  c?.thaw();
  await c?.stop();
  await farm?.stop();
});

async function statusOf(host: Gql): Promise<{ state: string; since: string }> {
  const { body } = await host.gql<{ relayRegistration: { status: { state: string; since: string } } | null }>(`query($id: ID!) { relayRegistration(id: $id) { status { state since } } }`, { id });
  return body.data?.relayRegistration?.status ?? { state: "?", since: "" };
}

interface HostPart {
  hostId: string;
  caches: Array<{ name: string; entriesCleared: number }>;
  listeners: Array<{ registrationId: string; restarted: boolean }>;
  durationMs: number;
  error: { code: string } | null;
}
interface Report {
  caches: Array<{ name: string }>;
  listeners: Array<{ registrationId: string; restarted: boolean }>;
  hosts: HostPart[];
  notAnswering: string[];
  deadlineMs: number;
  summary: { code: string; params: Record<string, unknown> };
  lines: Array<{ code: string; params: Record<string, unknown> }>;
}
const CLEAR = `mutation { clearConsumerWebsiteCaches { caches { name } listeners { registrationId restarted } hosts { hostId durationMs caches { name entriesCleared } listeners { registrationId restarted } error { code } } notAnswering deadlineMs summary { code params } lines { code params } } }`;
const RESTART = `mutation($id: ID!, $hostId: String) { restartRelayListener(id: $id, hostId: $hostId) { id } }`;

async function clearCaches(host: TestHost): Promise<Report> {
  const { body } = await host.gql<{ clearConsumerWebsiteCaches: Report }>(CLEAR);
  expect(body.errors).toBeUndefined();
  return body.data!.clearConsumerWebsiteCaches;
}

function expectDidItsPart(part: HostPart | undefined, hostId: string): void {
  expect(part).toMatchObject({ hostId, error: null, listeners: [{ registrationId: id, restarted: true }] });
  expect(part!.caches.map((cache) => cache.name).sort()).toEqual(["consumer-sites", "sap-function-descriptors", "service-metadata"]);
  expect(part!.durationMs).toBeGreaterThanOrEqual(0);
}

it("restartRelayListener with a host id restarts the listener on that host only", async () => {
  // Which process holds which listener connection to the relay (the emulator): farm-c's own, and A's and B's (this process).
  const relayPort = farm.emulator.port;
  const before = { here: connectionPorts("self", relayPort), c: connectionPorts(c.pid, relayPort), statusA: await statusOf(a), statusB: await statusOf(b) };
  expect([before.here.size, before.c.size]).toEqual([2, 1]);
  const { body } = await a.gql(RESTART, { id, hostId: "farm-c" });
  expect(body.errors).toBeUndefined();
  // farm-c's listener reconnected (a new connection replaced its old one) …
  expect(await eventually(() => {
    const now = connectionPorts(c.pid, relayPort);
    return now.size === 1 && ![...now].some((port) => before.c.has(port));
  }, 20_000, 100)).toBe(true);
  expect((await statusOf(c)).state).toBe("ONLINE");
  // … and A's and B's did not: the same connections, ONLINE since the same moment.
  expect(connectionPorts("self", relayPort)).toEqual(before.here);
  expect([await statusOf(a), await statusOf(b)]).toEqual([before.statusA, before.statusB]);
}, 60_000);

it("restartRelayListener names a host id that is not in the farm: FARM_HOST_NOT_FOUND at hostId", async () => {
  const { body } = await a.gql(RESTART, { id, hostId: "farm-gone" });
  expect(body.errors?.[0]).toMatchObject({ extensions: { code: "FARM_HOST_NOT_FOUND", field: "hostId", params: { hostId: "farm-gone" } } });
  expect(body.errors?.[0].message).toContain("farm-a, farm-b, farm-c");
});

it("clear caches runs on all three hosts: each reports what it cleared and restarted", async () => {
  const report = await clearCaches(a);
  expect(report.hosts.map((h) => h.hostId)).toEqual(["farm-a", "farm-b", "farm-c"]);
  for (const part of report.hosts) expectDidItsPart(part, part.hostId);
  expect(report.notAnswering).toEqual([]);
  // The fields older scripts read are this host's part.
  expect(report.listeners).toEqual([{ registrationId: id, restarted: true }]);
  expect(report.caches.map((cache) => cache.name)).toEqual(report.hosts[0].caches.map((cache) => cache.name));
  for (const host of [a, b]) await waitForState(host, id, "ONLINE", 30_000);
  await waitUntil("farm-c ONLINE again", async () => (await statusOf(c)).state === "ONLINE", 30_000, 100);
}, 90_000);

it("with one host frozen, clear caches reports it as not answering within the deadline and the other two with their work", async () => {
  c.freeze();
  try {
    const report = await clearCaches(b);
    expect(report.notAnswering).toEqual(["farm-c"]);
    expect(report.deadlineMs).toBe(DEADLINE_MS);
    expect(report.hosts.map((h) => h.hostId)).toEqual(["farm-a", "farm-b"]);
    expectDidItsPart(report.hosts[0], "farm-a");
    expectDidItsPart(report.hosts[1], "farm-b");
    // Its messages (by code, for every language): farm-wide summary, a line per host, the silent one last.
    expect(report.summary).toMatchObject({ code: "CLEAR_CACHES_FARM_SUMMARY", params: { answered: 2, asked: 3 } });
    expect(report.lines.map((l) => [l.code, l.params.host])).toEqual([["CLEAR_CACHES_HOST", "farm-a"], ["CLEAR_CACHES_HOST", "farm-b"], ["CLEAR_CACHES_HOST_NOT_ANSWERING", "farm-c"]]);
    expect(report.lines[2].params).toMatchObject({ seconds: 5 });

    // The System Operations run: not ok, and its summary names the silent host.
    const run = await a.gql<{ runSystemOperation: { ok: boolean; summary: string } }>(`mutation { runSystemOperation(id: "azure-relay.clear-consumer-website-caches") { ok summary } }`);
    expect(run.body.data?.runSystemOperation).toEqual({ ok: false, summary: expect.stringMatching(/ on 2 of 3 hosts in [\d.]+ ms\.$/) });

    // A restart on the frozen host: FARM_HOST_NOT_ANSWERING.
    const restart = await a.gql(RESTART, { id, hostId: "farm-c" });
    expect(restart.body.errors?.[0]).toMatchObject({ extensions: { code: "FARM_HOST_NOT_ANSWERING", field: "hostId", params: { hostId: "farm-c", seconds: 5 } } });
  } finally {
    c.thaw();
  }
}, 90_000);
