import type { LiveFields } from "../../components/src/registrations-client";
import { newerStatus, RegistrationsStore, type RegistrationsSource } from "../../components/src/registrations-store";
import type { RelayRegistration, RelayStatus } from "../../components/src/registrations-client";

const status = (state: RelayStatus["state"], since: string): RelayStatus => ({ state, since, attempt: null, nextRetryAt: null, lastError: null });
const traffic = (requests: number) => ({ requests, failedRequests: { total: 0 }, bytesIn: 0, bytesOut: 0, lastRequestAt: null, latencyMs: null });

function registration(id: string, name: string, s = status("CONNECTING", "2026-11-28T12:00:00Z")): RelayRegistration {
  return {
    id,
    name,
    namespace: "contoso.servicebus.windows.net",
    hybridConnectionName: name,
    keyName: "listen",
    keyFingerprint: "sha256:abc",
    targetUrl: "http://127.0.0.1:8080/",
    enabled: true,
    createdAt: "2026-11-28T11:00:00Z",
    updatedAt: "2026-11-28T11:00:00Z",
    status: s,
    traffic: traffic(0),
  };
}

function source(list: RelayRegistration[], live: LiveFields[] = []): RegistrationsSource & { lists: number } {
  const fake = { lists: 0, list: async () => (fake.lists++, list), live: async () => live };
  return fake;
}

describe("RegistrationsStore", () => {
  it("loads the list sorted by name and tells listeners", async () => {
    const store = new RegistrationsStore(source([registration("2", "zeta"), registration("1", "alpha")]));
    const changes = jest.fn();
    store.onChange(changes);
    await store.refresh();
    expect(store.loaded).toBe(true);
    expect(store.registrations.map((r) => r.name)).toEqual(["alpha", "zeta"]);
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it("applies a status event and reports a real state change once", async () => {
    const store = new RegistrationsStore(source([registration("1", "alpha")]));
    await store.refresh();
    const online = { hostId: "h", registrationId: "1", previousState: "CONNECTING" as const, status: status("ONLINE", "2026-11-28T12:00:05Z") };
    expect(store.applyEvent(online)).toEqual({ id: "1", name: "alpha", state: "ONLINE" });
    expect(store.registrations[0].status.state).toBe("ONLINE");
    expect(store.applyEvent(online)).toBeUndefined();
    expect(store.applyEvent({ ...online, registrationId: "unknown" })).toBeUndefined();
  });

  it("ignores an event older than what it shows", async () => {
    const store = new RegistrationsStore(source([registration("1", "alpha", status("ONLINE", "2026-11-28T12:00:10Z"))]));
    await store.refresh();
    expect(store.applyEvent({ hostId: "h", registrationId: "1", previousState: null, status: status("CONNECTING", "2026-11-28T12:00:00Z") })).toBeUndefined();
    expect(store.registrations[0].status.state).toBe("ONLINE");
  });

  it("merges traffic from the light refresh without undoing a newer event", async () => {
    const live: LiveFields[] = [{ id: "1", status: status("CONNECTING", "2026-11-28T12:00:00Z"), traffic: traffic(7) }];
    const store = new RegistrationsStore(source([registration("1", "alpha")], live));
    await store.refresh();
    store.applyEvent({ hostId: "h", registrationId: "1", previousState: "CONNECTING", status: status("ONLINE", "2026-11-28T12:00:05Z") });
    await store.refreshLive();
    expect(store.registrations[0].traffic.requests).toBe(7);
    expect(store.registrations[0].status.state).toBe("ONLINE");
  });

  it("falls back to a full refresh when the set of registrations changed elsewhere", async () => {
    const fake = source([registration("1", "alpha")], [{ id: "2", status: status("ONLINE", "2026-11-28T12:00:00Z"), traffic: traffic(0) }]);
    const store = new RegistrationsStore(fake);
    await store.refresh();
    await store.refreshLive();
    expect(fake.lists).toBe(2);
  });

  it("upserts and removes", async () => {
    const store = new RegistrationsStore(source([registration("1", "beta")]));
    await store.refresh();
    store.upsert(registration("2", "alpha"));
    store.upsert({ ...registration("1", "beta"), name: "gamma" });
    expect(store.registrations.map((r) => r.name)).toEqual(["alpha", "gamma"]);
    store.remove("2");
    expect(store.registrations.map((r) => r.id)).toEqual(["1"]);
  });

  it("stops telling a listener that unsubscribed", async () => {
    const store = new RegistrationsStore(source([]));
    const listener = jest.fn();
    store.onChange(listener)();
    await store.refresh();
    expect(listener).not.toHaveBeenCalled();
  });
});

describe("newerStatus", () => {
  it("prefers the incoming status when it is as new or newer", () => {
    const a = status("ONLINE", "2026-11-28T12:00:00Z");
    const b = status("RECONNECTING", "2026-11-28T12:00:00Z");
    expect(newerStatus(a, b)).toBe(b);
    expect(newerStatus(b, status("ONLINE", "2026-11-28T11:59:59Z"))).toBe(b);
  });
});

describe("RegistrationsStore.upsert", () => {
  it("keeps a newer status an event brought over an older one in a mutation's answer (restart overtaken by ONLINE)", async () => {
    const store = new RegistrationsStore(source([registration("1", "alpha", status("NOT_FOUND", "2026-11-28T12:00:00Z"))]));
    await store.refresh();
    store.applyEvent({ hostId: "h", registrationId: "1", previousState: "CONNECTING", status: status("ONLINE", "2026-11-28T12:00:02Z") } as never);
    store.upsert({ ...registration("1", "alpha renamed", status("CONNECTING", "2026-11-28T12:00:01Z")) });
    expect(store.registrations[0].name).toBe("alpha renamed");
    expect(store.registrations[0].status.state).toBe("ONLINE");
  });

  it("takes the answer's status when it is the newer one", async () => {
    const store = new RegistrationsStore(source([registration("1", "alpha", status("ONLINE", "2026-11-28T12:00:00Z"))]));
    await store.refresh();
    store.upsert(registration("1", "alpha", status("CONNECTING", "2026-11-28T12:00:05Z")));
    expect(store.registrations[0].status.state).toBe("CONNECTING");
  });
});
