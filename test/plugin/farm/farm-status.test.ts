/**
 * Status across the farm (docs/farm.md): a subscriber on host A hears host B's listener changes with B's host id and
 * its own host's once each; the membership A reads right after an event already shows it; the host event bus
 * carries this host's changes with its id. A Redis outage shows a farm warning (relayFarm, every registration,
 * /healthz's body — 200 all along) that goes when Redis returns. A Redis that comes back empty is not applied:
 * listeners keep running, changes are refused with FARM_STORE_RESET, and the warning clears once the data is back.
 * Host A runs in this process, host B in its own (the CLI).
 */
import { STATUS_CHANGED_EVENT, type RelayStatusChangedV1 } from "../../../server/plugin/status-events";
import { startChildHost, type ChildHost } from "../../support/child-host";
import { eventually, waitUntil } from "../../support/eventually";
import { sendThroughEmulator, startFarm, type TestFarm } from "../../support/farm";
import { wsClient } from "../../support/graphql-ws";
import type { TestHost } from "../../support/host";
import { useRedis } from "../../support/redis";
import { waitForState } from "../../support/stack";

const redis = useRedis();
let farm: TestFarm;
let a: TestHost;
let b: ChildHost;
let id: string;

interface StatusEvent { hostId: string; registrationId: string; status: { state: string; since: string } }
interface FarmAnswer { relayFarm: { hostId: string; shared: boolean; available: boolean; hostCount: number; warning: { code: string; message: string; advice: string } | null } }

type AnyHost = Pick<ChildHost, "gql">;
const stateOn = async (host: AnyHost) =>
  (await host.gql<{ relayRegistration: { status: { state: string } } }>(`query($id: ID!) { relayRegistration(id: $id) { status { state } } }`, { id })).body.data?.relayRegistration.status.state;
const farmOf = async (host: AnyHost) => (await host.gql<FarmAnswer>(`{ relayFarm { hostId shared available hostCount warning { code message advice } } }`)).body.data?.relayFarm;
const healthz = async (url: string) => {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as { status: string; farm?: { state: string; warning?: string } } };
};
const rename = (host: AnyHost, name: string) => host.gql(`mutation($id: ID!, $name: String!) { updateRelayRegistration(id: $id, input: { name: $name }) { id } }`, { id, name });

beforeAll(async () => {
  farm = await startFarm(redis.url, ["status-a"]);
  a = farm.hosts[0]!;
  b = await startChildHost({ ...farm.env, ECS_HOST_ID: "status-b" });
  id = await farm.addRegistration(a);
  await waitForState(a, id, "ONLINE", 20_000);
  await waitUntil("B online", async () => (await stateOn(b)) === "ONLINE", 30_000, 100);
}, 120_000);
afterAll(async () => {
  await b?.stop();
  await farm?.stop();
});

interface ListenerView { hostId: string; state: string; since: string }
const listenerOf = async (host: AnyHost, hostId: string) =>
  (await host.gql<{ relayRegistration: { listeners: ListenerView[] } }>(`query($id: ID!) { relayRegistration(id: $id) { listeners { hostId state since } } }`, { id }))
    .body.data?.relayRegistration.listeners.find((l) => l.hostId === hostId);

/**
 * Subscribes on `host` and collects every event until stopped; for each event of another host, reads that host's
 * listener from `host`'s membership view at once (what a tab would show on hearing the event).
 */
function collect(host: TestHost) {
  const client = wsClient(host, host.adminToken);
  const events: StatusEvent[] = [];
  const readBack: Array<Promise<[StatusEvent, ListenerView | undefined]>> = [];
  const stop = client.subscribe<{ relayStatusChanged: StatusEvent }>(
    { query: `subscription($id: ID) { relayStatusChanged(registrationId: $id) { hostId registrationId status { state since } } }`, variables: { id } },
    {
      next: (r) => {
        const event = r.data?.relayStatusChanged;
        if (!event) return;
        events.push(event);
        if (event.hostId !== "status-a") readBack.push(listenerOf(host, event.hostId).then((l) => [event, l]));
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return { events, readBack, client, stop };
}

const key = (e: StatusEvent) => `${e.hostId}/${e.status.state}/${e.status.since}`;
const lastOf = (events: StatusEvent[], hostId: string) => events.filter((e) => e.hostId === hostId).at(-1)?.status.state;

it("a subscriber on A hears B's listener changes with B's host id and A's own, once each; A's membership view is never behind an event", async () => {
  const feed = collect(a);
  const bus: RelayStatusChangedV1[] = [];
  const onBus = a.services.events.subscribe<RelayStatusChangedV1>(STATUS_CHANGED_EVENT, (p) => void bus.push(p));
  let enabled = true;
  const toggleOnB = async () => {
    enabled = !enabled;
    const { body } = await b.gql(`mutation($id: ID!, $on: Boolean!) { updateRelayRegistration(id: $id, input: { enabled: $on }) { id } }`, { id, on: enabled });
    expect(body.errors).toBeUndefined();
  };
  try {
    // A restart that stays ONLINE publishes nothing; disabling and enabling on B (applied on both hosts) does.
    // The subscription starts asynchronously: toggle until A has heard B.
    await waitUntil("A hears B", async () => {
      if (feed.events.some((e) => e.hostId === "status-b")) return true;
      await toggleOnB();
      return false;
    }, 30_000, 300);
    if (!enabled) await toggleOnB();
    await waitUntil("both listeners back ONLINE as heard on A", () => lastOf(feed.events, "status-b") === "ONLINE" && lastOf(feed.events, "status-a") === "ONLINE", 30_000);

    for (const hostId of ["status-a", "status-b"]) {
      const mine = feed.events.filter((e) => e.hostId === hostId);
      expect([hostId, new Set(mine.map(key)).size]).toEqual([hostId, mine.length]); // each change once: no echo, no duplicate
      expect(mine.map((e) => e.status.state)).toContain("DISABLED");
    }
    // The membership record goes out before the event: read right after hearing, B's listener is at least as new.
    const pairs = await Promise.all(feed.readBack);
    expect(pairs.length).toBeGreaterThan(0);
    for (const [event, listener] of pairs) expect(Date.parse(listener!.since)).toBeGreaterThanOrEqual(Date.parse(event.status.since));
    // The host bus: A's own changes only (each change is published once in the farm, where it happened), with A's id.
    expect(bus.map((p) => `${p.hostId}/${p.state}/${p.since}`)).toEqual(feed.events.filter((e) => e.hostId === "status-a").map(key));
  } finally {
    onBus.dispose();
    feed.stop();
    await feed.client.dispose();
  }
}, 90_000);

it("relayFarm tells which host answers and counts the live hosts", async () => {
  expect(await farmOf(a)).toEqual({ hostId: "status-a", shared: true, available: true, hostCount: 2, warning: null });
  expect(await farmOf(b)).toMatchObject({ hostId: "status-b", hostCount: 2, warning: null });
  expect(await healthz(a.url)).toEqual({ status: 200, body: { status: "ok", farm: { state: "ok" } } });
});

it("Redis down: a FARM_UNAVAILABLE warning in relayFarm, on every registration and in /healthz (still 200) while traffic flows; gone when Redis returns", async () => {
  await redis.pause();
  try {
    await waitUntil("A's warning", async () => (await farmOf(a))?.warning?.code === "FARM_UNAVAILABLE", 15_000, 100);
    await waitUntil("B's warning", async () => (await farmOf(b))?.warning?.code === "FARM_UNAVAILABLE", 15_000, 100);
    const { body } = await a.gql<{ relayRegistration: { farmWarning: { code: string; advice: string } } }>(`query($id: ID!) { relayRegistration(id: $id) { farmWarning { code advice } } }`, { id });
    expect(body.data?.relayRegistration.farmWarning).toEqual({ code: "FARM_UNAVAILABLE", advice: expect.stringContaining("keeps serving") });
    const health = await healthz(a.url);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: "ok", farm: { state: "unreachable", warning: expect.stringContaining("keeps serving") } });
    expect(JSON.stringify(health.body)).not.toContain(String(redis.port)); // /healthz answers anyone: no store address
    expect((await sendThroughEmulator(farm, "/echo/during-outage")).status).toBe(200);
  } finally {
    await redis.resume();
  }
  await waitUntil("A's warning gone", async () => (await farmOf(a))?.warning === null, 20_000, 100);
  await waitUntil("B's warning gone", async () => (await farmOf(b))?.warning === null, 20_000, 100);
  expect((await healthz(a.url)).body.farm).toEqual({ state: "ok" });
}, 90_000);

it("Redis flushed: no host applies the empty store — listeners keep running, changes are refused with FARM_STORE_RESET — and the warning clears once the data is restored", async () => {
  const client = await redis.client();
  // What a backup would hold (membership and locks are not data).
  const keys = (await client.keys("*")).filter((k) => !k.startsWith("ecs-farm:host:") && !k.startsWith("ecs-farm:lock:"));
  const backup = await Promise.all(keys.map(async (k) => [k, await client.type(k), await client.get(k).catch(() => null)] as const));
  expect(backup.filter(([, type]) => type !== "string")).toEqual([]); // keyv and the farm keep strings only
  await client.flushAll();
  await waitUntil("A's warning", async () => (await farmOf(a))?.warning?.code === "FARM_STORE_RESET", 15_000, 100);
  await waitUntil("B's warning", async () => (await farmOf(b))?.warning?.code === "FARM_STORE_RESET", 15_000, 100);
  const warning = (await farmOf(a))!.warning!;
  expect(warning.message).toMatch(/lost its data/);
  expect(warning.advice).toMatch(/Restore Redis/);
  expect((await healthz(b.url)).body).toMatchObject({ status: "ok", farm: { state: "store-reset" } });
  // Several periodic checks later (resync every 200 ms), both hosts still serve the registration.
  for (const host of [a, b]) expect((await rename(host, "into the void")).body.errors?.[0]?.extensions?.code).toBe("FARM_STORE_RESET");
  await new Promise((resolve) => setTimeout(resolve, 1500)); // lets several resync periods pass (not a timing assertion)
  expect(await stateOn(a)).toBe("ONLINE");
  expect(await stateOn(b)).toBe("ONLINE");
  expect(farm.emulator.namespace.listenerCount("ecs-core")).toBe(2);
  const statuses = await Promise.all(Array.from({ length: 6 }, (_, i) => sendThroughEmulator(farm, `/echo/flushed-${i}`).then((r) => r.status)));
  expect(statuses).toEqual(Array(6).fill(200));

  // The admin restores the backup: the hosts recognise their store, the warning goes and changes work again.
  for (const [k, , value] of backup) if (value !== null) await client.set(k, value);
  await waitUntil("A's warning gone", async () => (await farmOf(a))?.warning === null, 20_000, 100);
  await waitUntil("B's warning gone", async () => (await farmOf(b))?.warning === null, 20_000, 100);
  expect(await eventually(async () => (await rename(b, "restored")).body.errors === undefined, 10_000, 200)).toBe(true);
  await waitUntil("the rename reaches A", async () => {
    const { body } = await a.gql<{ relayRegistration: { name: string } }>(`query($id: ID!) { relayRegistration(id: $id) { name } }`, { id });
    return body.data?.relayRegistration.name === "restored";
  }, 10_000, 100);
}, 120_000);
