/**
 * The worker survives hyco-https's own throws (and recycles the listener they happened in; the native engine ignores
 * what it cannot use), and a listener stopped before it connected leaves nothing behind. The engine-specific cases
 * pin their engine; the rest run on the engine of RELAY_TEST_ENGINE (else the default).
 */
import net, { type AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import type { RelayEmulator } from "../support/emulator";
import type { TestTarget } from "../support/target";
import { ENGINE, useRelayRig, type RecordingDataPlane, delay, emulatorSpec, eventually, sendThroughRelay } from "./harness";

let emu: RelayEmulator;
let target: TestTarget;
let dp: RecordingDataPlane;

useRelayRig((rig) => ({ emu, target, dp } = rig));

/** A misbehaving relay on a free port: `onConnection` decides what each listener connecting to it receives. */
async function rogueRelay(onConnection: (ws: WebSocket) => void): Promise<{ port: number; close(): Promise<void> }> {
  const rogue = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => rogue.once("listening", () => resolve()));
  rogue.on("connection", onConnection);
  return {
    port: (rogue.address() as AddressInfo).port,
    close: async () => {
      for (const client of rogue.clients) client.terminate();
      await new Promise<void>((resolve) => rogue.close(() => resolve()));
    },
  };
}

// hyco-https's own behaviour: pinned to that engine whatever RELAY_TEST_ENGINE says, so both engines stay covered.
describe("hyco-https engine", () => {
  let emu: RelayEmulator;
  let target: TestTarget;
  let dp: RecordingDataPlane;
  useRelayRig((rig) => ({ emu, target, dp } = rig), "/", "hyco-https");

  it("a throw inside hyco-https recycles that listener (fault, then `down` with a fault signal); the others keep serving", async () => {
    // hyco-https parses every control message with JSON.parse and throws on one that is not JSON. Before the guard the
    // throw escaped into ws, whose parser then stopped: the listener stayed "online" and every request timed out.
    const rogue = await rogueRelay((ws) => ws.send("this is not JSON"));
    try {
      const healthy = emulatorSpec(emu, target.url);
      await dp.online(healthy);
      const rogueSpec = emulatorSpec(emu, target.url, { namespace: `127.0.0.1:${rogue.port}` });
      dp.plane.send({ type: "start", listener: rogueSpec });
      const down = await dp.waitFor((e) => e.type === "down" && e.listenerId === rogueSpec.listenerId);
      expect(down).toMatchObject({ signal: { kind: "fault", message: expect.stringMatching(/SyntaxError/) } });
      expect(dp.of(rogueSpec.listenerId)).toContainEqual(expect.objectContaining({ type: "fault", message: expect.stringMatching(/JSON/) }));
      expect(dp.plane.state).toBe("running");
      const res = await sendThroughRelay(emu, "/ecs-core/status/200");
      expect(res.status).toBe(200);
      await dp.stopListener(healthy.listenerId);
    } finally {
      await rogue.close();
    }
  });

  it("an `accept` (WebSocket sender) never reaches hyco-https: it is rejected at its address with 501, the listener stays up", async () => {
    const dials: string[] = [];
    const rejections = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => rejections.once("listening", () => resolve()));
    rejections.on("connection", (ws, req) => {
      dials.push(req.url ?? "");
      ws.close();
    });
    const address = `ws://127.0.0.1:${(rejections.address() as AddressInfo).port}/$hc/x?sb-hc-action=accept&sb-hc-id=1`;
    const rogue = await rogueRelay((ws) =>
      ws.send(JSON.stringify({ accept: { address, id: "1", connectHeaders: { "Sec-WebSocket-Key": "a2V5", "Sec-WebSocket-Version": "13" } } })),
    );
    try {
      const spec = emulatorSpec(emu, target.url, { namespace: `127.0.0.1:${rogue.port}` });
      await dp.online(spec);
      expect(await eventually(() => dials.length > 0)).toBe(true);
      const dialled = new URL(`ws://x${dials[0]}`);
      expect(dialled.searchParams.get("sb-hc-action")).toBe("accept");
      expect(dialled.searchParams.get("sb-hc-statusCode")).toBe("501");
      expect(dialled.searchParams.get("sb-hc-statusDescription")).toMatch(/WebSocket senders are not supported/);
      await delay(50); // an absence: nothing to wait for, only a short window for a late fault to show
      expect(dp.of(spec.listenerId).filter((e) => e.type === "fault" || e.type === "down")).toEqual([]);
      await dp.stopListener(spec.listenerId);
    } finally {
      await rogue.close();
      for (const client of rejections.clients) client.terminate();
      await new Promise<void>((resolve) => rejections.close(() => resolve()));
    }
  });
});


describe("native engine", () => {
  let emu: RelayEmulator;
  let target: TestTarget;
  let dp: RecordingDataPlane;
  useRelayRig((rig) => ({ emu, target, dp } = rig), "/", "native");

  it("a rogue relay's garbage text, stray binary, bad request and unreachable accept are ignored; the listener keeps serving", async () => {
    const rogue = await rogueRelay((ws) => {
      ws.send(JSON.stringify({ accept: { address: "ws://127.0.0.1:1/$hc/x?sb-hc-action=accept&sb-hc-id=1", id: "1", connectHeaders: {} } }));
      ws.send("not json");
      ws.send(Buffer.from("stray body"));
      ws.send(JSON.stringify({ request: { id: 5 } }));
    });
    try {
      const rogueSpec = emulatorSpec(emu, target.url, { namespace: `127.0.0.1:${rogue.port}` });
      const faultsBefore = dp.events.filter((e) => e.type === "fault").length;
      await dp.online(rogueSpec);
      await delay(200);
      expect(dp.events.filter((e) => e.type === "fault").length).toBe(faultsBefore);
      expect(dp.of(rogueSpec.listenerId).map((e) => e.type)).toEqual(["connecting", "online"]);
      await dp.stopListener(rogueSpec.listenerId);
    } finally {
      await rogue.close();
    }
  });
});

it("a stop while the handshake is still pending ends the attempt: `down` without a signal, connection closed", async () => {
  const open = new Set<net.Socket>();
  let accepted = 0;
  const silent = net.createServer((socket) => {
    accepted++;
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => undefined);
    socket.resume(); // read (and ignore) the upgrade request, so the end of the connection is noticed
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  try {
    const spec = emulatorSpec(emu, target.url, { namespace: `127.0.0.1:${(silent.address() as AddressInfo).port}` });
    dp.plane.send({ type: "start", listener: spec });
    expect(await eventually(() => accepted > 0)).toBe(true);
    await dp.stopListener(spec.listenerId, 100);
    expect(dp.of(spec.listenerId).filter((e) => e.type !== "traffic")).toEqual([
      { type: "connecting", listenerId: spec.listenerId },
      { type: "down", listenerId: spec.listenerId },
    ]);
    expect(await eventually(() => open.size === 0)).toBe(true);
    await delay(1200); // hyco-https's backoff would have tried again by now
    expect(accepted).toBe(1);
  } finally {
    for (const s of open) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});

it("answers a bad command with a fault, naming the problem but no secret", async () => {
  const before = dp.events.filter((e) => e.type === "fault").length;
  dp.plane.send({ type: "configure", options: { targetTimeoutMs: -1 } });
  const spec = emulatorSpec(emu, target.url);
  await dp.online(spec);
  dp.plane.send({ type: "start", listener: spec }); // the same id again
  await dp.waitFor(() => dp.events.filter((e) => e.type === "fault").length >= before + 2);
  const faults = dp.events.filter((e) => e.type === "fault").slice(before);
  expect(faults[0]).toMatchObject({ message: expect.stringMatching(/targetTimeoutMs/) });
  expect(faults[1]).toMatchObject({ listenerId: spec.listenerId, message: expect.stringMatching(/already running/) });
  expect(JSON.stringify(dp.events)).not.toContain(spec.key);
  expect((await sendThroughRelay(emu, "/ecs-core/status/200")).status).toBe(200); // the first one still serves
  await dp.stopListener(spec.listenerId);
});

// hyco-https sends unsolicited pongs; the native engine pings (and the relay's pongs prove the channel alive).
it(`keeps the control channel alive with ${ENGINE === "native" ? "pings" : "pongs"} at keepAliveMs, and reports the relay's close code`, async () => {
  const relay = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => relay.once("listening", () => resolve()));
  let pongs = 0;
  relay.on("connection", (ws) => ws.on(ENGINE === "native" ? "ping" : "pong", () => pongs++));
  dp.plane.send({ type: "configure", options: { keepAliveMs: 50 } });
  try {
    const spec = emulatorSpec(emu, target.url, { namespace: `127.0.0.1:${(relay.address() as AddressInfo).port}` });
    await dp.online(spec);
    expect(await eventually(() => pongs >= 3)).toBe(true);
    for (const client of relay.clients) client.close(1008, "token expired");
    expect(await dp.waitFor((e) => e.type === "down" && e.listenerId === spec.listenerId)).toMatchObject({
      signal: { kind: "close", code: 1008, reason: "token expired" },
    });
    const seen = pongs;
    await delay(200); // an absence: several keep-alive periods (50 ms) without a pong
    expect(pongs).toBe(seen); // the keep-alive timer went with the channel
    expect(await eventually(() => relay.clients.size === 0)).toBe(true);
  } finally {
    dp.plane.send({ type: "configure", options: { keepAliveMs: 30_000 } });
    for (const client of relay.clients) client.terminate();
    await new Promise<void>((resolve) => relay.close(() => resolve()));
  }
});

it("a spec that cannot make a connection ends in `down` with a signal, and its id can be started again", async () => {
  const spec = emulatorSpec(emu, target.url, { namespace: "not a host name" });
  dp.plane.send({ type: "start", listener: spec });
  const down = await dp.waitFor((e) => e.type === "down" && e.listenerId === spec.listenerId);
  expect(down).toMatchObject({ signal: { kind: "network" } });
  const broken = emulatorSpec(emu, target.url, { listenerId: "broken#1", hybridConnectionName: undefined as unknown as string });
  dp.plane.send({ type: "start", listener: broken });
  expect(await dp.waitFor((e) => e.type === "down" && e.listenerId === "broken#1")).toMatchObject({ signal: { kind: "network" } });
  await dp.online({ ...emulatorSpec(emu, target.url), listenerId: spec.listenerId });
  expect((await sendThroughRelay(emu, "/ecs-core/status/200")).status).toBe(200);
  await dp.stopListener(spec.listenerId);
});
