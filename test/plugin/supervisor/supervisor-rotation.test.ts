import { isRelayPluginError } from "../../../server/plugin/errors";
import type { WorkerCommand } from "../../../server/relay/protocol";
import { desired } from "./scripted-data-plane";
import { startHarness, stopHarness, type Harness } from "./harness";

const NEW = desired("r1", { key: "FAKEKEY-new-1111111111111111111111111111111=", settingsVersion: "v2" });
const isStop = (id: string) => (c: WorkerCommand) => c.type === "stop" && c.listenerId === id;
const isStart = (id: string) => (c: WorkerCommand) => c.type === "start" && c.listener.listenerId === id;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  h.supervisor.apply([desired("r1")]);
  h.port.online("r1#1");
});
afterEach(() => stopHarness(h));

/** Lets promise callbacks run. */
const flush = () => Promise.resolve().then(() => undefined);

describe("Supervisor key rotation", () => {
  test("success: the new listener comes online first, then the old one drains; the status stays ONLINE", async () => {
    const eventsBefore = h.changes.length;
    let resolved = false;
    const rotation = h.supervisor.rotate("r1", NEW).then(() => (resolved = true));
    const [, second] = h.port.starts("r1");
    expect(second).toMatchObject({ listenerId: "r1#2", key: NEW.key });
    expect(h.port.stops()).toEqual([]); // the old one keeps serving meanwhile
    await flush();
    expect(resolved).toBe(false);

    h.port.online("r1#2");
    await rotation;
    expect(h.port.indexOf(isStop("r1#1"))).toBeGreaterThan(h.port.indexOf(isStart("r1#2")));
    expect(h.port.commands.find(isStop("r1#1"))).toMatchObject({ drainMs: 10_000 });
    expect(h.supervisor.status("r1").state).toBe("ONLINE");
    expect(h.changes.length).toBe(eventsBefore); // no flicker for subscribers
    h.port.down("r1#1");
    expect(h.supervisor.status("r1").state).toBe("ONLINE");

    // The service then stores the key and applies the same desired state: nothing more happens.
    h.supervisor.apply([NEW]);
    expect(h.port.starts("r1")).toHaveLength(2);
    // Later drops reconnect with the NEW key.
    h.port.down("r1#2", { kind: "close", code: 1011, reason: "" });
    expect(h.port.starts("r1")[2]).toMatchObject({ key: NEW.key });
  });

  test("refused: the old listener keeps serving and the promise rejects with RELAY_REFUSED and the advice", async () => {
    const rotation = h.supervisor.rotate("r1", NEW);
    h.port.down("r1#2", { kind: "handshake", status: 401 });
    const error = await rotation.catch((e: unknown) => e);
    expect(isRelayPluginError(error)).toBe(true);
    expect(error).toMatchObject({ code: "RELAY_REFUSED", message: expect.stringContaining("Copy the Primary Connection String again") });
    expect((error as Error).message).not.toContain("FAKEKEY");
    expect(h.port.stops()).toEqual([]);
    expect(h.supervisor.status("r1").state).toBe("ONLINE");
    // The old key is still the one used on reconnect.
    h.port.down("r1#1", { kind: "close", code: 1008, reason: "" });
    expect(h.port.starts("r1")[2]!.key).toBe(desired("r1").key);
  });

  test("timeout: the new listener is stopped, the old one keeps serving, the promise rejects", async () => {
    const rotation = h.supervisor.rotate("r1", NEW);
    const outcome = rotation.catch((e: unknown) => e);
    jest.advanceTimersByTime(14_999);
    expect(h.port.stops()).toEqual([]);
    jest.advanceTimersByTime(1);
    const error = await outcome;
    expect(error).toMatchObject({ code: "RELAY_REFUSED", message: expect.stringContaining("within 15 s"), params: { relayErrorCode: "RELAY_ROTATION_TIMEOUT", seconds: 15 } });
    expect(h.port.stops()).toEqual(["r1#2"]);
    h.port.online("r1#2"); // too late: ignored
    h.port.down("r1#2");
    expect(h.supervisor.status("r1").state).toBe("ONLINE");
    expect(h.port.stops()).toEqual(["r1#2"]);
  });

  test("rotating a failing registration proves the new key and replaces the failing one", async () => {
    h.port.down("r1#1", { kind: "handshake", status: 401 });
    expect(h.supervisor.status("r1").state).toBe("UNAUTHORIZED");
    const rotation = h.supervisor.rotate("r1", NEW);
    h.port.online("r1#2");
    await rotation;
    expect(h.supervisor.status("r1").state).toBe("ONLINE");
    jest.advanceTimersByTime(600_000); // the fatal retry of the old key was cancelled
    expect(h.port.starts("r1")).toHaveLength(2);
  });

  test("a newer rotation supersedes a pending one; unknown registrations are NOT_FOUND", async () => {
    const first = h.supervisor.rotate("r1", NEW).catch((e: unknown) => e);
    const second = h.supervisor.rotate("r1", { ...NEW, key: "FAKEKEY-newer", settingsVersion: "v3" });
    expect(await first).toMatchObject({ code: "CONFLICT" });
    expect(h.port.stops()).toEqual(["r1#2"]);
    h.port.online("r1#3");
    await second;
    await expect(h.supervisor.rotate("nope", NEW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("Supervisor settings changes on an online listener", () => {
  test("a new target URL is brought up before the old listener is stopped", () => {
    h.supervisor.apply([desired("r1", { targetUrl: "http://127.0.0.1:9090/", settingsVersion: "v2" })]);
    expect(h.port.starts("r1")[1]).toMatchObject({ listenerId: "r1#2", targetUrl: "http://127.0.0.1:9090/" });
    expect(h.port.stops()).toEqual([]);
    h.port.online("r1#2");
    expect(h.port.stops()).toEqual(["r1#1"]);
    expect(h.supervisor.status("r1").state).toBe("ONLINE");
  });

  test("if the new settings are refused, they still win: the old listener stops and the status says why", () => {
    h.supervisor.apply([desired("r1", { hybridConnectionName: "other", settingsVersion: "v2" })]);
    h.port.down("r1#2", { kind: "handshake", status: 404 });
    expect(h.port.stops()).toEqual(["r1#1"]);
    expect(h.supervisor.status("r1")).toMatchObject({ state: "NOT_FOUND", attempt: 1 });
  });
});

describe("Supervisor changes that meet each other", () => {
  test("the old settings' listener dropping during a settings change hands over to the new one", () => {
    h.supervisor.apply([desired("r1", { targetUrl: "http://127.0.0.1:9090/", settingsVersion: "v2" })]);
    h.port.down("r1#1", { kind: "close", code: 1011, reason: "" });
    expect(h.port.starts("r1")).toHaveLength(2); // no retry with the old settings
    expect(h.supervisor.status("r1")).toMatchObject({ state: "CONNECTING", attempt: 1 });
    h.port.online("r1#2");
    expect(h.supervisor.status("r1").state).toBe("ONLINE");
    expect(h.port.stops()).toEqual([]);
  });

  test("apply() during a rotation: the rotated-to version is no change; another version supersedes it", async () => {
    const rotation = h.supervisor.rotate("r1", NEW);
    h.supervisor.apply([NEW]);
    h.supervisor.apply([desired("r1")]);
    expect(h.port.starts("r1")).toHaveLength(2);
    h.port.online("r1#2");
    await rotation;
    const next = h.supervisor.rotate("r1", { ...NEW, key: "FAKEKEY-3", settingsVersion: "v3" }).catch((e: unknown) => e);
    h.supervisor.apply([{ ...NEW, targetUrl: "http://127.0.0.1:1/", settingsVersion: "v4" }]);
    expect(await next).toMatchObject({ code: "CONFLICT" });
    expect(h.port.starts("r1").at(-1)).toMatchObject({ targetUrl: "http://127.0.0.1:1/" });
  });

  test("rotation while the worker is down is refused at once; removing during a rotation refuses it", async () => {
    const during = h.supervisor.rotate("r1", NEW).catch((e: unknown) => e);
    h.supervisor.apply([]);
    expect(await during).toMatchObject({ code: "CONFLICT" });
    h.supervisor.apply([desired("r2")]);
    h.port.crash(1);
    await expect(h.supervisor.rotate("r2", desired("r2", { key: "FAKEKEY-x", settingsVersion: "v2" }))).rejects.toMatchObject({
      code: "RELAY_REFUSED",
      message: expect.stringContaining("restarting"),
    });
  });

  test("restart of a failing listener retries at once with a fresh count", async () => {
    h.port.down("r1#1", { kind: "close", code: 1011, reason: "" });
    h.port.down("r1#2", { kind: "handshake", status: 404 });
    expect(h.supervisor.status("r1").state).toBe("NOT_FOUND");
    await h.supervisor.restart("r1");
    expect(h.port.starts("r1")).toHaveLength(3);
    expect(h.supervisor.status("r1")).toMatchObject({ state: "CONNECTING", attempt: 1 });
  });

  test("a removed registration added again (same settings) starts again", () => {
    h.supervisor.apply([]);
    h.supervisor.apply([desired("r1")]);
    expect(h.port.starts("r1").map((s) => s.listenerId)).toEqual(["r1#1", "r1#2"]);
    h.port.down("r1#1"); // the old generation finishes draining: the new registration is not forgotten
    h.port.online("r1#2");
    expect(h.supervisor.status("r1").state).toBe("ONLINE");
  });
});
