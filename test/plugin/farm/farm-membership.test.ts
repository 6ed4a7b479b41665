/**
 * Farm membership (docs/farm.md): every host announces itself with a heartbeat that expires; `farmHosts` lists the
 * live ones with their listeners, a registration shows its listener on every host with onlineHosts/totalHosts, and a
 * host killed without a goodbye leaves the list once its record's TTL runs out.
 */
import * as path from "node:path";
import { eventually } from "../../support/eventually";
import { startChildHost, startFarm, type TestFarm } from "../../support/farm";
import { REPO_ROOT, type TestHost } from "../../support/host";
import { useRedis } from "../../support/redis";
import { waitForState } from "../../support/stack";

const redis = useRedis();
let farm: TestFarm;
let a: TestHost;
let registrationId: string;

beforeAll(async () => {
  farm = await startFarm(redis.url, ["farm-a", "farm-b"]);
  a = farm.hosts[0];
  registrationId = await farm.addRegistration(a);
  for (const host of farm.hosts) await waitForState(host, registrationId, "ONLINE", 20_000);
}, 60_000);
afterAll(async () => {
  await farm?.stop();
});

interface FarmHostsAnswer {
  farmHosts: Array<{ hostId: string; startedAt: string; lastHeartbeat: string; listeners: Array<{ hostId: string; registrationId: string; state: string; lastError: unknown }> }>;
}
interface RegistrationAnswer {
  relayRegistration: { onlineHosts: number; totalHosts: number; listeners: Array<{ hostId: string; state: string }> };
}

const hostsOf = async (host: TestHost) =>
  (await host.gql<FarmHostsAnswer>(`{ farmHosts { hostId startedAt lastHeartbeat listeners { hostId registrationId state lastError { code } } } }`)).body.data?.farmHosts ?? [];
const registrationOf = async (host: TestHost) =>
  (await host.gql<RegistrationAnswer>(`query($id: ID!) { relayRegistration(id: $id) { onlineHosts totalHosts listeners { hostId state } } }`, { id: registrationId })).body.data?.relayRegistration;

it("farmHosts lists both hosts with their ONLINE listener; the registration counts 2 of 2 hosts online", async () => {
  expect(await eventually(async () => {
    const hosts = await hostsOf(farm.hosts[1]);
    return JSON.stringify(hosts.map((h) => [h.hostId, h.listeners.map((l) => l.state)])) === JSON.stringify([["farm-a", ["ONLINE"]], ["farm-b", ["ONLINE"]]]);
  }, 10_000)).toBe(true);
  const hosts = await hostsOf(a);
  expect(hosts[0].listeners[0]).toEqual({ hostId: "farm-a", registrationId, state: "ONLINE", lastError: null });
  expect(Date.parse(hosts[0].lastHeartbeat)).toBeGreaterThanOrEqual(Date.parse(hosts[0].startedAt));
  expect(await registrationOf(a)).toEqual({ onlineHosts: 2, totalHosts: 2, listeners: [{ hostId: "farm-a", state: "ONLINE" }, { hostId: "farm-b", state: "ONLINE" }] });
}, 30_000);

it("a host killed without a goodbye counts while its heartbeat lasts and leaves the list after its TTL", async () => {
  // It runs another plugin only (the fixture): a member of the farm without this registration's listener.
  const child = startChildHost(farm, "farm-killed", { ECS_PLUGIN_DIRS: path.join(REPO_ROOT, "test/host/fixtures/fixture-plugin") });
  try {
    expect(await eventually(async () => (await hostsOf(a)).some((h) => h.hostId === "farm-killed"), 30_000, 100)).toBe(true);
    expect(await registrationOf(a)).toMatchObject({ onlineHosts: 2, totalHosts: 3 });
    child.kill("SIGKILL");
    expect(await eventually(async () => !(await hostsOf(a)).some((h) => h.hostId === "farm-killed"), 10_000, 100)).toBe(true);
    expect(await registrationOf(a)).toMatchObject({ onlineHosts: 2, totalHosts: 2 });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}, 60_000);

it("a host that stops leaves the list at once", async () => {
  await farm.hosts[1].stop();
  expect(await eventually(async () => JSON.stringify((await hostsOf(a)).map((h) => h.hostId)) === JSON.stringify(["farm-a"]), 10_000)).toBe(true);
  expect(await registrationOf(a)).toEqual({ onlineHosts: 1, totalHosts: 1, listeners: [{ hostId: "farm-a", state: "ONLINE" }] });
}, 30_000);
