/**
 * One `start` = one connection lifecycle: refusals and drops end in `down` with the relay's signal and no hidden
 * reconnect; `stop` drains in-flight requests; a crashed worker is reported and can be started again.
 */
import { startTestEmulator, emulatorAdmin, type RelayEmulator } from "../support/emulator";
import { startTestTarget, type TestTarget } from "../support/target";
import { RecordingDataPlane, countingProxy, delay, emulatorSpec, eventually, sendThroughRelay } from "./harness";

let emu: RelayEmulator;
let target: TestTarget;
let dp: RecordingDataPlane;

beforeAll(async () => {
  emu = await startTestEmulator();
  target = await startTestTarget("/");
});

beforeEach(async () => {
  dp = new RecordingDataPlane();
  await dp.plane.start();
});

afterEach(async () => {
  await dp.plane.stop(1000);
});

afterAll(async () => {
  await target.close();
  await emu.stop();
});

const downOf = (id: string) => dp.waitFor((e) => e.type === "down" && e.listenerId === id);

it("reports a relay drop as `down` with the close code, and does not reconnect", async () => {
  const proxy = await countingProxy(emu.port);
  try {
    const spec = emulatorSpec(emu, target.url, { namespace: `127.0.0.1:${proxy.port}` });
    await dp.online(spec);
    const res = await emulatorAdmin(emu, "POST", "faults/drop-listeners", { hybridConnection: "ecs-core", code: 1011 });
    expect(res.status).toBe(200);
    expect(await downOf(spec.listenerId)).toEqual({ type: "down", listenerId: spec.listenerId, signal: { kind: "close", code: 1011, reason: "Dropped by fault injection" } });
    await delay(1500); // hyco-https on its own reconnects after 0 s, then 1 s
    expect(proxy.connections()).toBe(1);
    expect(dp.of(spec.listenerId).map((e) => e.type)).toEqual(["connecting", "online", "traffic", "down"]);
  } finally {
    await proxy.close();
  }
});

it("renews a short-lived token before it expires: the same connection stays up and serves across the expiry", async () => {
  const proxy = await countingProxy(emu.port);
  dp.plane.send({ type: "configure", options: { tokenLifetimeSeconds: 2 } });
  try {
    const spec = emulatorSpec(emu, target.url, { namespace: `127.0.0.1:${proxy.port}` });
    await dp.online(spec);
    // The emulator closes a channel with 1008 one second after its token's expiry unless a renewToken arrived:
    // only time passing shows that (three lifetimes here).
    await delay(6_000);
    expect((await sendThroughRelay(emu, "/ecs-core/status/200")).status).toBe(200);
    expect(dp.of(spec.listenerId).filter((e) => e.type !== "traffic").map((e) => e.type)).toEqual(["connecting", "online"]);
    expect(proxy.connections()).toBe(1);
    await dp.stopListener(spec.listenerId);
  } finally {
    dp.plane.send({ type: "configure", options: { tokenLifetimeSeconds: 7_200 } });
    await proxy.close();
  }
}, 20_000);

it("reports a wrong key as a refused handshake (401) after exactly one attempt", async () => {
  const proxy = await countingProxy(emu.port);
  try {
    const spec = emulatorSpec(emu, target.url, { namespace: `127.0.0.1:${proxy.port}`, key: "V3JvbmdLZXlXcm9uZ0tleVdyb25nS2V5V3JvbmdLZXk=" });
    dp.plane.send({ type: "start", listener: spec });
    expect(await downOf(spec.listenerId)).toEqual({ type: "down", listenerId: spec.listenerId, signal: { kind: "handshake", status: 401 } });
    await delay(3500); // hyco-https would have tried again at 0 s, 1 s and 2 s
    expect(proxy.connections()).toBe(1);
    expect(dp.of(spec.listenerId).some((e) => e.type === "online")).toBe(false);
  } finally {
    await proxy.close();
  }
});

it("reports an unknown hybrid connection as a refused handshake (404)", async () => {
  const spec = emulatorSpec(emu, target.url, { hybridConnectionName: "no-such-hc" });
  dp.plane.send({ type: "start", listener: spec });
  expect(await downOf(spec.listenerId)).toMatchObject({ signal: { kind: "handshake", status: 404 } });
});

it("reports an unreachable relay as a network signal", async () => {
  const proxy = await countingProxy(emu.port);
  const port = proxy.port;
  await proxy.close();
  const spec = emulatorSpec(emu, target.url, { namespace: `127.0.0.1:${port}` });
  dp.plane.send({ type: "start", listener: spec });
  expect(await downOf(spec.listenerId)).toMatchObject({ signal: { kind: "network", code: "ECONNREFUSED" } });
});

it.each([
  ["over the control channel", undefined],
  ["over a rendezvous socket (> 64 kB body)", Buffer.alloc(70 * 1024, 1)],
])("stop drains a slow request in flight %s: it completes, then `down`", async (_how, body) => {
  const spec = emulatorSpec(emu, target.url);
  await dp.online(spec);
  const pending = sendThroughRelay(emu, "/ecs-core/slow?ms=700", { method: body ? "POST" : "GET", body });
  expect(await eventually(() => target.inFlight() > 0)).toBe(true);
  dp.plane.send({ type: "stop", listenerId: spec.listenerId, drainMs: 5000 });
  const res = await pending;
  expect(res.status).toBe(200);
  expect(res.body.toString()).toBe("slow done");
  expect(await downOf(spec.listenerId)).toEqual({ type: "down", listenerId: spec.listenerId });
  // Once draining began the relay stopped routing here: nobody listens any more.
  const after = await sendThroughRelay(emu, "/ecs-core/slow?ms=1");
  expect(after.status).toBe(502);
});

it("stop cuts requests that outlast drainMs", async () => {
  const spec = emulatorSpec(emu, target.url);
  await dp.online(spec);
  const pending = sendThroughRelay(emu, "/ecs-core/slow?ms=10000").catch((error: Error) => error);
  expect(await eventually(() => target.inFlight() > 0)).toBe(true);
  await dp.stopListener(spec.listenerId, 200);
  expect(await eventually(() => target.inFlight() === 0)).toBe(true);
  const traffic = dp.of(spec.listenerId).filter((e) => e.type === "traffic").pop();
  expect(traffic).toMatchObject({ traffic: { failed: { aborted: 1 } } });
  // Cut, not completed: the relay answers the sender in its own way (error or 5xx), never the target's late answer.
  const outcome = await pending;
  expect(outcome instanceof Error || (outcome.status >= 500 && outcome.body.toString() !== "slow done")).toBe(true);
});

it("acknowledges a stop of an unknown listener with `down`", async () => {
  dp.plane.send({ type: "stop", listenerId: "never-started", drainMs: 10 });
  expect(await downOf("never-started")).toEqual({ type: "down", listenerId: "never-started" });
});

it("a worker crash is reported through onExit, and a new start() serves again", async () => {
  const spec = emulatorSpec(emu, target.url);
  await dp.online(spec);
  const exited = new Promise<number>((resolve) => dp.plane.onExit(resolve));
  await dp.plane.crash();
  expect(await exited).toBe(1);
  expect(dp.plane.state).toBe("idle");
  expect(dp.plane.send({ type: "stop", listenerId: spec.listenerId, drainMs: 0 })).toBe(false);
  await dp.plane.start();
  const again = emulatorSpec(emu, target.url);
  await dp.online(again);
  const res = await sendThroughRelay(emu, "/ecs-core/status/204");
  expect(res.status).toBe(204);
});

it("stop() of the data plane drains its listeners and is idempotent", async () => {
  const spec = emulatorSpec(emu, target.url);
  await dp.online(spec);
  const pending = sendThroughRelay(emu, "/ecs-core/slow?ms=500");
  expect(await eventually(() => target.inFlight() > 0)).toBe(true);
  const first = dp.plane.stop(5000);
  const second = dp.plane.stop(5000);
  await Promise.all([first, second]);
  expect((await pending).status).toBe(200);
  expect(dp.plane.state).toBe("stopped");
  expect(dp.of(spec.listenerId).pop()).toEqual({ type: "down", listenerId: spec.listenerId });
});
