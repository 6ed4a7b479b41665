/**
 * The tab's farm model (components/src/farm/farm-store.ts): knows which host answers, applies every host's status
 * events to that host's listener (never an older one over a newer), and keeps a newer event over a slower refresh.
 */
import { FarmStore, type HostListener, type RelayFarm } from "../../components/src/farm/farm-store";
import type { RelayStatusEvent } from "../../components/src/registrations-client";

const farm: RelayFarm = { hostId: "a", shared: true, available: true, hostCount: 2, warning: null };
const listener = (hostId: string, state: HostListener["state"], since: string): HostListener => ({ hostId, registrationId: "r1", state, since, lastError: null });
const event = (hostId: string, state: RelayStatusEvent["status"]["state"], since: string): RelayStatusEvent => ({
  hostId, registrationId: "r1", previousState: null,
  status: { state, since, attempt: null, nextRetryAt: null, lastError: state === "RECONNECTING" ? { code: "RELAY_UNREACHABLE", message: "gone", advice: "wait", params: {} } : null },
});

it("tells this host's events from other hosts' once loaded, and none before", async () => {
  const store = new FarmStore({ load: async () => ({ farm, listeners: [] }) });
  expect(store.isLocal({ hostId: "a" })).toBe(false);
  await store.refresh();
  expect(store.isLocal({ hostId: "a" })).toBe(true);
  expect(store.isLocal({ hostId: "b" })).toBe(false);
});

it("applies each host's events to its own listener, sorted by host, and ignores an older event", async () => {
  const store = new FarmStore({ load: async () => ({ farm, listeners: [listener("b", "ONLINE", "2026-11-30T12:00:00Z"), listener("a", "ONLINE", "2026-11-30T12:00:00Z")] }) });
  await store.refresh();
  expect(store.applyEvent(event("b", "RECONNECTING", "2026-11-30T12:00:05Z"))).toBe(true);
  expect(store.listenersOf("r1").map((l) => [l.hostId, l.state, l.lastError?.code ?? null])).toEqual([["a", "ONLINE", null], ["b", "RECONNECTING", "RELAY_UNREACHABLE"]]);
  expect(store.applyEvent(event("b", "CONNECTING", "2026-11-30T12:00:01Z"))).toBe(false);
  expect(store.listenersOf("r1")[1]!.state).toBe("RECONNECTING");
  expect(store.applyEvent(event("c", "ONLINE", "2026-11-30T12:00:06Z"))).toBe(true); // a host that joined since
  expect(store.listenersOf("r1").map((l) => l.hostId)).toEqual(["a", "b", "c"]);
});

it("keeps an event newer than what a refresh brings back", async () => {
  let answer = [listener("b", "ONLINE", "2026-11-30T12:00:00Z")];
  const store = new FarmStore({ load: async () => ({ farm, listeners: answer }) });
  await store.refresh();
  store.applyEvent(event("b", "RECONNECTING", "2026-11-30T12:00:05Z"));
  await store.refresh();
  expect(store.listenersOf("r1")[0]!.state).toBe("RECONNECTING");
  answer = [listener("b", "ONLINE", "2026-11-30T12:00:09Z")];
  await store.refresh();
  expect(store.listenersOf("r1")[0]!.state).toBe("ONLINE");
});
