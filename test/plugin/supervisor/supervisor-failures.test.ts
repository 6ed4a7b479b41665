import type { RelaySignal } from "../../../server/relay/protocol";
import { desired } from "./scripted-data-plane";
import { startHarness, stopHarness, T0, type Harness } from "./harness";

const E401: RelaySignal = { kind: "handshake", status: 401 };
const E404: RelaySignal = { kind: "handshake", status: 404 };
const REFUSED: RelaySignal = { kind: "network", code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1" };
const close = (code: number): RelaySignal => ({ kind: "close", code, reason: "" });

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => stopHarness(h));

describe("Supervisor failures", () => {
  test("add → CONNECTING (attempt 1) → ONLINE, with the spec the worker needs", () => {
    h.supervisor.apply([desired("r1")]);
    expect(h.supervisor.status("r1")).toEqual({ state: "CONNECTING", since: T0, attempt: 1 });
    const [spec] = h.port.starts("r1");
    expect(spec).toMatchObject({ listenerId: "r1#1", namespace: "contoso.servicebus.windows.net", hybridConnectionName: "ecs-core", keyName: "listen-rule" });
    jest.advanceTimersByTime(250);
    h.port.online("r1#1");
    expect(h.supervisor.status("r1")).toEqual({ state: "ONLINE", since: new Date(T0.getTime() + 250) });
    expect(h.transitions("r1")).toEqual(["null→CONNECTING", "CONNECTING→ONLINE"]);
  });

  test("wrong key → UNAUTHORIZED with advice; a bounded number of attempts over a minute; retried after the long interval", () => {
    h.supervisor.apply([desired("r1")]);
    h.port.down("r1#1", E401);
    const status = h.supervisor.status("r1");
    expect(status).toMatchObject({
      state: "UNAUTHORIZED",
      attempt: 1,
      nextRetryAt: new Date(T0.getTime() + 600_000),
      lastError: { code: "RELAY_UNAUTHORIZED", advice: expect.stringContaining("Primary Connection String") },
    });
    // Every attempt the relay refuses again: still no spinning.
    for (let s = 0; s < 60; s++) {
      jest.advanceTimersByTime(1000);
      const last = h.port.lastStart("r1");
      if (h.port.starts("r1").length > 1) h.port.down(last, E401);
    }
    expect(h.port.starts("r1").length).toBeLessThanOrEqual(2);
    expect(h.port.starts("r1")).toHaveLength(1);
    jest.advanceTimersByTime(600_000 - 60_000);
    expect(h.port.starts("r1")).toHaveLength(2);
    expect(h.supervisor.status("r1")).toMatchObject({ state: "UNAUTHORIZED", attempt: 2, nextRetryAt: null, since: T0 });
  });

  test("unknown hybrid connection → NOT_FOUND", () => {
    h.supervisor.apply([desired("r1")]);
    h.port.down("r1#1", E404);
    expect(h.supervisor.status("r1")).toMatchObject({ state: "NOT_FOUND", lastError: { code: "RELAY_NOT_FOUND" } });
  });

  test.each([1008, 1011])("close %i while online → RECONNECTING (immediate retry) → ONLINE", (code) => {
    h.supervisor.apply([desired("r1")]);
    h.port.online("r1#1");
    h.port.down("r1#1", close(code));
    expect(h.port.starts("r1").map((s) => s.listenerId)).toEqual(["r1#1", "r1#2"]);
    expect(h.supervisor.status("r1")).toMatchObject({ state: "RECONNECTING", attempt: 1, nextRetryAt: null });
    h.port.online("r1#2");
    expect(h.transitions("r1")).toEqual(["null→CONNECTING", "CONNECTING→ONLINE", "ONLINE→RECONNECTING", "RECONNECTING→ONLINE"]);
  });

  test("1001 (entity deleted) then a 404 on reconnect → NOT_FOUND", () => {
    h.supervisor.apply([desired("r1")]);
    h.port.online("r1#1");
    h.port.down("r1#1", close(1001));
    expect(h.supervisor.status("r1").state).toBe("RECONNECTING");
    h.port.down("r1#2", E404);
    expect(h.supervisor.status("r1")).toMatchObject({ state: "NOT_FOUND", attempt: 1 });
  });

  test("transient failures back off (first retry immediate, then growing, capped) and never spin", () => {
    h.supervisor.apply([desired("r1")]);
    const gaps: number[] = [];
    let last = Date.now();
    for (let s = 0; s < 5 * 60; s++) {
      const before = h.port.starts("r1").length;
      const st = h.supervisor.status("r1");
      // An attempt is under way: the relay refuses it.
      if (st.state === "CONNECTING" || (st.state === "RECONNECTING" && st.nextRetryAt === null)) {
        h.port.down(h.port.lastStart("r1"), REFUSED);
      }
      if (h.port.starts("r1").length > before) {
        gaps.push(Date.now() - last);
        last = Date.now();
      }
      jest.advanceTimersByTime(1000);
    }
    expect(gaps[0]).toBe(0); // the immediate first retry
    expect(Math.max(...gaps)).toBeLessThanOrEqual(31_000);
    expect(h.port.starts("r1").length).toBeLessThan(25); // five minutes of refusals
    const status = h.supervisor.status("r1");
    expect(status).toMatchObject({ state: "RECONNECTING", lastError: { code: "RELAY_UNREACHABLE" } });
  });

  test("the backoff resets only after a stable online period (60 s)", () => {
    h.supervisor.apply([desired("r1")]);
    h.port.down("r1#1", REFUSED); // immediate retry r1#2
    h.port.online("r1#2");
    jest.advanceTimersByTime(5000);
    h.port.down("r1#2", close(1011)); // flapping: must wait
    const flap = h.supervisor.status("r1");
    expect(flap).toMatchObject({ state: "RECONNECTING", nextRetryAt: expect.any(Date) });
    expect(h.port.starts("r1")).toHaveLength(2);
    jest.advanceTimersByTime(30_000);
    expect(h.port.starts("r1")).toHaveLength(3);
    h.port.online("r1#3");
    jest.advanceTimersByTime(60_000);
    h.port.down("r1#3", close(1011)); // stable: immediate again
    expect(h.port.starts("r1")).toHaveLength(4);
    expect(h.supervisor.status("r1")).toMatchObject({ state: "RECONNECTING", attempt: 1, nextRetryAt: null });
  });

  test("a settings change on a fatal registration retries at once with the new settings", () => {
    h.supervisor.apply([desired("r1")]);
    h.port.down("r1#1", E401);
    h.supervisor.apply([desired("r1")]); // same version: nothing
    expect(h.port.starts("r1")).toHaveLength(1);
    h.supervisor.apply([desired("r1", { key: "FAKEKEY-new", settingsVersion: "v2" })]);
    expect(h.port.starts("r1")).toHaveLength(2);
    expect(h.port.starts("r1")[1]!.key).toBe("FAKEKEY-new");
    expect(h.supervisor.status("r1")).toMatchObject({ state: "CONNECTING", attempt: 1 });
    h.port.online(h.port.lastStart("r1"));
    expect(h.supervisor.status("r1").state).toBe("ONLINE");
    jest.advanceTimersByTime(600_000); // the old fatal retry timer is gone
    expect(h.port.starts("r1")).toHaveLength(2);
  });

  test("no status, event or error carries the key", () => {
    h.supervisor.apply([desired("r1")]);
    h.port.down("r1#1", { kind: "network", code: "EWEIRD", message: "FAKEKEY-old in a message" });
    h.port.online(h.port.lastStart("r1"));
    h.port.down(h.port.lastStart("r1"), E401);
    expect(JSON.stringify(h.changes)).not.toContain("FAKEKEY");
  });
});
