import { applyFilter, countByState, isFailing, sortForOverview, statesInOrder } from "../../../components/src/overview/overview-model";
import { RELAY_STATES, type RelayRegistration, type RelayState } from "../../../components/src/registrations-client";

function reg(id: string, name: string, state: RelayState, extra: Partial<RelayRegistration> = {}): RelayRegistration {
  return {
    id,
    name,
    namespace: "contoso.servicebus.windows.net",
    hybridConnectionName: `${name}-hc`,
    keyName: "listen",
    keyFingerprint: "sha256:abc",
    targetUrl: "http://127.0.0.1:8080/",
    enabled: state !== "DISABLED",
    createdAt: "2026-11-28T11:00:00Z",
    updatedAt: "2026-11-28T11:00:00Z",
    status: { state, since: "2026-11-28T12:00:00Z", attempt: null, nextRetryAt: null, lastError: null },
    traffic: { requests: 0, failedRequests: { total: 0 }, bytesIn: 0, bytesOut: 0, lastRequestAt: null, latencyMs: null },
    ...extra,
  };
}

const mixed = [reg("1", "alpha", "ONLINE"), reg("2", "bravo", "DISABLED"), reg("3", "charlie", "UNAUTHORIZED"), reg("4", "delta", "RECONNECTING"), reg("5", "echo", "FAILED"), reg("6", "foxtrot", "ONLINE")];

describe("overview model", () => {
  it("counts every state of the schema, zero included", () => {
    const counts = countByState(mixed);
    expect([...counts.keys()].sort()).toEqual([...RELAY_STATES].sort());
    expect(counts.get("ONLINE")).toBe(2);
    expect(counts.get("NOT_FOUND")).toBe(0);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(mixed.length);
  });

  it("sorts failing first, then reconnecting, online, disabled; by name within a state group", () => {
    expect(sortForOverview(mixed).map((r) => r.name)).toEqual(["charlie", "echo", "delta", "alpha", "foxtrot", "bravo"]);
  });

  it("lists the states most urgent first, and calls the ones an admin must fix failing", () => {
    expect(statesInOrder().slice(0, 3).every(isFailing)).toBe(true);
    expect(statesInOrder().at(-1)).toBe("DISABLED");
    expect(isFailing("ONLINE")).toBe(false);
  });

  it("filters by text (name, hybrid connection, namespace, target; any case) and by state", () => {
    expect(applyFilter(mixed, { text: "ECHO", state: "" }).map((r) => r.name)).toEqual(["echo"]);
    expect(applyFilter(mixed, { text: "delta-hc", state: "" }).map((r) => r.name)).toEqual(["delta"]);
    expect(applyFilter(mixed, { text: "contoso", state: "ONLINE" }).map((r) => r.name)).toEqual(["alpha", "foxtrot"]);
    expect(applyFilter(mixed, { text: "  ", state: "" })).toHaveLength(mixed.length);
    expect(applyFilter(mixed, { text: "nothing", state: "" })).toEqual([]);
  });
});
