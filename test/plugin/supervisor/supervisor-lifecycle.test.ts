import { Supervisor } from "../../../server/plugin/supervisor";
import { desired, ScriptedDataPlane } from "./scripted-data-plane";
import { startHarness, stopHarness, T0, type Harness } from "./harness";

let h: Harness | undefined;
afterEach(async () => {
  await stopHarness(h);
  h = undefined;
});

describe("Supervisor desired state", () => {
  test("disable drains and stops (STOPPING until the worker reports down), then DISABLED", async () => {
    h = await startHarness({ drainMs: 2500 });
    h.supervisor.apply([desired("r1"), desired("r2")]);
    h.port.online("r1#1");
    h.supervisor.apply([desired("r1", { enabled: false, settingsVersion: "v2" }), desired("r2")]);
    expect(h.port.commands.at(-1)).toEqual({ type: "stop", listenerId: "r1#1", drainMs: 2500 });
    expect(h.supervisor.status("r1").state).toBe("STOPPING");
    h.port.down("r1#1");
    expect(h.supervisor.status("r1").state).toBe("DISABLED");
    expect(h.transitions("r1").slice(-2)).toEqual(["ONLINE→STOPPING", "STOPPING→DISABLED"]);
    // Enabling again starts a new generation.
    h.supervisor.apply([desired("r1", { settingsVersion: "v3" }), desired("r2")]);
    expect(h.port.lastStart("r1")).toBe("r1#3");
  });

  test("remove drains, stops and forgets; a worker that never answers cannot leave it STOPPING", async () => {
    h = await startHarness();
    h.supervisor.apply([desired("r1"), desired("r2")]);
    h.port.online("r1#1");
    h.supervisor.apply([desired("r2")]);
    expect(h.port.stops()).toEqual(["r1#1"]);
    expect(h.supervisor.status("r1").state).toBe("STOPPING");
    jest.advanceTimersByTime(10_000 + 5_000);
    expect(h.supervisor.status("r1").state).toBe("DISABLED");
    expect((await h.supervisor.restartAll()).map((r) => r.registrationId)).toEqual(["r2"]);
  });

  test("a disabled registration added is never started", async () => {
    h = await startHarness();
    h.supervisor.apply([desired("r1", { enabled: false })]);
    expect(h.port.starts()).toEqual([]);
    expect(h.supervisor.status("r1").state).toBe("DISABLED");
    expect(h.supervisor.status("unknown").state).toBe("DISABLED");
  });

  test("desired state given before start() is started with the worker, after `configure`", async () => {
    jest.useFakeTimers({ now: T0 });
    const port = new ScriptedDataPlane();
    const supervisor = new Supervisor({ dataPlane: port, dataPlaneOptions: { targetTimeoutMs: 5000 } });
    supervisor.apply([desired("r1")]);
    await supervisor.start();
    expect(port.commands.map((c) => c.type)).toEqual(["configure", "start"]);
    expect(port.commands[0]).toEqual({ type: "configure", options: { targetTimeoutMs: 5000 } });
    await supervisor.stop();
  });
});

describe("Supervisor worker crash", () => {
  test("restarts the worker with backoff and re-sends configure + every enabled listener", async () => {
    h = await startHarness();
    h.supervisor.apply([desired("r1"), desired("r2"), desired("off", { enabled: false })]);
    h.port.online("r1#1");
    h.port.online("r2#2");
    h.port.commands.length = 0;
    h.port.crash(1);
    expect(h.supervisor.status("r1")).toMatchObject({ state: "RECONNECTING", lastError: { code: "RELAY_WORKER_RESTARTING" } });
    expect(h.supervisor.status("off").state).toBe("DISABLED");
    // A change while the worker is down is kept and applied once it is back.
    h.supervisor.apply([desired("r1", { targetUrl: "http://127.0.0.1:1/", settingsVersion: "v2" }), desired("r2"), desired("off", { enabled: false })]);
    await jest.advanceTimersByTimeAsync(0); // first restart: immediate
    expect(h.port.startCalls).toBe(2);
    expect(h.port.commands[0]).toEqual({ type: "configure", options: {} });
    expect(h.port.starts().map((s) => s.registrationId).sort()).toEqual(["r1", "r2"]);
    expect(h.port.starts("r1")[0]!.targetUrl).toBe("http://127.0.0.1:1/");
    h.port.online(h.port.lastStart("r1"));
    // Crash; new settings while the worker is down (attempt 0); started once it is back; online.
    expect(h.transitions("r1").slice(-4)).toEqual(["ONLINE→RECONNECTING", "RECONNECTING→CONNECTING", "CONNECTING→CONNECTING", "CONNECTING→ONLINE"]);
    // Without a settings change, a crash reads RECONNECTING until the listener is back.
    h.port.online(h.port.lastStart("r2"));
    h.port.crash(1);
    await jest.advanceTimersByTimeAsync(30_000);
    h.port.online(h.port.lastStart("r2"));
    expect(h.transitions("r2").slice(-3)).toEqual(["ONLINE→RECONNECTING", "RECONNECTING→RECONNECTING", "RECONNECTING→ONLINE"]);
  });

  test("a worker that fails to boot is retried with growing delays", async () => {
    h = await startHarness();
    h.supervisor.apply([desired("r1")]);
    h.port.failStarts = 3;
    h.port.crash(1);
    await jest.advanceTimersByTimeAsync(0);
    expect(h.port.startCalls).toBe(2); // immediate, failed
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.port.startCalls).toBeLessThanOrEqual(3);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(h.port.startCalls).toBe(5);
    expect(h.port.lastStart("r1")).not.toBe("r1#1");
    expect(h.supervisor.status("r1")).toMatchObject({ state: "RECONNECTING", nextRetryAt: null });
  });

  test("a rotation pending when the worker dies is refused, the stored key stays the old one", async () => {
    h = await startHarness();
    h.supervisor.apply([desired("r1")]);
    h.port.online("r1#1");
    const rotation = h.supervisor.rotate("r1", desired("r1", { key: "FAKEKEY-new", settingsVersion: "v2" })).catch((e: unknown) => e);
    h.port.crash(1);
    expect(await rotation).toMatchObject({ code: "RELAY_REFUSED" });
    await jest.advanceTimersByTimeAsync(0);
    expect(h.port.starts("r1").at(-1)!.key).toBe(desired("r1").key);
  });
});

describe("Supervisor lifecycle", () => {
  test("stop drains everything through the data plane once, is idempotent, and reports DISABLED", async () => {
    h = await startHarness();
    h.supervisor.apply([desired("r1")]);
    h.port.online("r1#1");
    const [a, b] = [h.supervisor.stop(), h.supervisor.stop()];
    expect(h.supervisor.status("r1").state).toBe("STOPPING");
    await Promise.all([a, b]);
    await h.supervisor.stop();
    expect(h.port.stopCalls).toEqual([10_000]);
    expect(h.supervisor.status("r1").state).toBe("DISABLED");
    expect(h.port.subscribers).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    await expect(h.supervisor.start()).rejects.toThrow(/stopped/);
    h.supervisor.apply([desired("r1", { settingsVersion: "v9" })]); // after stop: ignored
    expect(h.supervisor.status("r1").state).toBe("DISABLED");
    h.port.crash(1); // after stop: ignored
    expect(h.port.startCalls).toBe(1);
  });

  test("stop cancels pending retries and rotations", async () => {
    h = await startHarness();
    h.supervisor.apply([desired("r1"), desired("r2")]);
    h.port.down("r1#1", { kind: "handshake", status: 401 });
    h.port.online("r2#2");
    const rotation = h.supervisor.rotate("r2", desired("r2", { key: "FAKEKEY-x", settingsVersion: "v2" })).catch((e: unknown) => e);
    await h.supervisor.stop();
    expect(await rotation).toMatchObject({ code: "RELAY_REFUSED" });
    expect(jest.getTimerCount()).toBe(0);
  });

  test("start is idempotent; stop before start is fine", async () => {
    jest.useFakeTimers({ now: T0 });
    const port = new ScriptedDataPlane();
    const supervisor = new Supervisor({ dataPlane: port });
    await Promise.all([supervisor.start(), supervisor.start()]);
    await supervisor.start();
    expect(port.startCalls).toBe(1);
    await supervisor.stop();
    const never = new Supervisor({ dataPlane: new ScriptedDataPlane() });
    await never.stop();
    await never.stop();
  });

  test("a failing first start rejects and leaves no subscription behind", async () => {
    jest.useFakeTimers({ now: T0 });
    const port = new ScriptedDataPlane();
    port.failStarts = 1;
    const supervisor = new Supervisor({ dataPlane: port });
    await expect(supervisor.start()).rejects.toThrow(/boot/);
    expect(port.subscribers).toBe(0);
    await supervisor.start();
    expect(port.running).toBe(true);
    await supervisor.stop();
  });
});

describe("Supervisor services", () => {
  test("traffic is summed over generations; latency comes from the current listener", async () => {
    h = await startHarness();
    h.supervisor.apply([desired("r1")]);
    h.port.online("r1#1");
    h.port.traffic("r1#1", { requests: 3, bytesIn: 30, bytesOut: 300, lastRequestAt: "2026-01-01T00:00:01.000Z", latencyMs: { p50: 5, p95: 9, p99: 9 } });
    h.port.down("r1#1", { kind: "close", code: 1011, reason: "" });
    h.port.traffic("r1#1", { requests: 4, bytesIn: 40, bytesOut: 400, failed: { targetUnreachable: 1, targetTimeout: 0, tooLarge: 0, targetError: 0, aborted: 0 } });
    h.port.online("r1#2");
    h.port.traffic("r1#2", { requests: 2, bytesIn: 2, bytesOut: 20, lastRequestAt: "2026-01-01T00:00:09.000Z", latencyMs: { p50: 1, p95: 2, p99: 3 } });
    expect(h.supervisor.traffic("r1")).toEqual({
      requests: 6,
      failed: { targetUnreachable: 1, targetTimeout: 0, tooLarge: 0, targetError: 0, aborted: 0 },
      bytesIn: 42,
      bytesOut: 420,
      lastRequestAt: "2026-01-01T00:00:09.000Z",
      latencyMs: { p50: 1, p95: 2, p99: 3 },
    });
    expect(h.supervisor.traffic("nope").requests).toBe(0);
  });

  test("restartAll restarts online listeners make-before-break and reports each", async () => {
    h = await startHarness();
    h.supervisor.apply([desired("r1"), desired("r2"), desired("off", { enabled: false })]);
    h.port.online("r1#1");
    h.port.down("r2#2", { kind: "handshake", status: 404 });
    const report = h.supervisor.restartAll();
    expect(h.port.stops()).toEqual([]); // r1's old listener still serves
    h.port.online(h.port.lastStart("r1"));
    expect(await report).toEqual([
      { registrationId: "r1", restarted: true },
      { registrationId: "r2", restarted: true },
      { registrationId: "off", restarted: false },
    ]);
    expect(h.port.stops()).toEqual(["r1#1"]);
    expect(h.supervisor.status("r2")).toMatchObject({ state: "CONNECTING", attempt: 1 });
  });

  test("a throwing status handler does not disturb the supervisor or other handlers", async () => {
    h = await startHarness();
    const seen: string[] = [];
    h.supervisor.onStatusChanged(() => {
      throw new Error("bad subscriber");
    });
    const sub = h.supervisor.onStatusChanged((c) => seen.push(c.status.state));
    h.supervisor.apply([desired("r1")]);
    h.port.online("r1#1");
    sub.dispose();
    h.port.down("r1#1");
    expect(seen).toEqual(["CONNECTING", "ONLINE"]);
  });

  test("waitFor resolves on the state, at once if already there, and rejects on timeout", async () => {
    h = await startHarness();
    h.supervisor.apply([desired("r1")]);
    const online = h.supervisor.waitFor("r1", "ONLINE", 1000);
    h.port.online("r1#1");
    await expect(online).resolves.toMatchObject({ state: "ONLINE" });
    await expect(h.supervisor.waitFor("r1", "ONLINE", 1000)).resolves.toMatchObject({ state: "ONLINE" });
    const never = h.supervisor.waitFor("r1", "NOT_FOUND", 1000);
    jest.advanceTimersByTime(1000);
    await expect(never).rejects.toThrow(/did not reach NOT_FOUND within 1000 ms \(it is ONLINE\)/);
  });
});
