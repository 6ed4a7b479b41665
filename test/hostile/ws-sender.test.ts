/**
 * Hostile suite, WebSocket senders (issue 15 items 1 and 8), against the whole product, on both engines ("a
 * WebSocket sender, then an HTTP request, both engines"). One WebSocket connection attempt by any holder of a Send key
 * used to make hyco-https throw on its accept path and leave the listener "ONLINE" while every relayed request got
 * 504. Now:
 * - hyco-https: each such sender is refused with 501 and a reason before hyco-https sees it; whatever throws inside a
 *   listener recycles it (RECONNECTING with the fault's code, never ONLINE while it cannot serve);
 * - native (the default): the sender is passed through to the target (echoed by a target that speaks WebSocket;
 *   refused with the target's error status, or 502 when the target answers the upgrade with a page), or refused with
 *   403 under `webSockets=refuse`; relay garbage it cannot use is ignored, and the listener keeps serving.
 * In every case the next HTTP request succeeds and the status stays truthfully ONLINE.
 */
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import { sendToken } from "../support/emulator";
import { startRelayStack, useStackWithOnlineRegistration, type RelayStack } from "../support/stack";
import { startTestTarget, type TestTarget } from "../support/target";
import { connectWebSocketSender } from "../support/websocket-sender";

interface Status {
  state: string;
  lastError: { code: string; message: string } | null;
}

const ONLINE: Status = { state: "ONLINE", lastError: null };

async function statusOf(stack: RelayStack, id: string): Promise<Status> {
  const { body } = await stack.host.gql(`query($id: ID!) { relayRegistration(id: $id) { status { state lastError { code message } } } }`, { id });
  return (body as { data: { relayRegistration: { status: Status } } }).data.relayRegistration.status;
}

async function waitForStatus(stack: RelayStack, id: string, test: (s: Status) => boolean, timeoutMs = 15_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  let last = await statusOf(stack, id);
  while (!test(last)) {
    if (Date.now() > deadline) throw new Error(`status never matched; last ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await statusOf(stack, id);
  }
  return last;
}

/** A relay that sends garbage on its first `garbageConnections` listener connections, then stays quiet. */
async function startRogueRelay(garbageConnections: number): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  let connections = 0;
  const rogue = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => rogue.once("listening", () => resolve()));
  rogue.on("connection", (ws) => {
    if (++connections <= garbageConnections) ws.send("{ not json");
  });
  return {
    port: (rogue.address() as AddressInfo).port,
    connections: () => connections,
    close: async () => {
      for (const client of rogue.clients) client.terminate();
      await new Promise<void>((resolve) => rogue.close(() => resolve()));
    },
  };
}

function addRogueRegistration(stack: RelayStack, port: number): Promise<string> {
  const key = Buffer.alloc(32, 7).toString("base64");
  return stack.addRegistration({
    connectionString: `Endpoint=sb://127.0.0.1:${port}/;SharedAccessKeyName=listen;SharedAccessKey=${key};UseDevelopmentEmulator=true`,
    hybridConnectionName: "rogue",
  });
}

/** Opens a WebSocket sender through the relay and keeps it open (rejects with "refused NNN" if refused). */
function openSender(stack: RelayStack): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${stack.emulator.namespaceHost}/$hc/ecs-core?sb-hc-action=connect`, {
      headers: { ServiceBusAuthorization: sendToken(stack.emulator, "ecs-core") },
    });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

describe("engine hyco-https", () => {
  const rig = useStackWithOnlineRegistration({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_ENGINE: "hyco-https" } });

  it("a WebSocket sender is refused with 501 and a reason; the next HTTP request succeeds; the status stays ONLINE", async () => {
    const outcome = await connectWebSocketSender(rig.stack.emulator);
    expect(outcome).toEqual({ kind: "refused", status: 501, reason: "WebSocket senders are not supported by this listener engine" });
    expect((await rig.stack.sendThroughRelay("/")).status).toBe(200);
    expect(await statusOf(rig.stack, rig.registrationId)).toEqual(ONLINE);
  });

  it("many WebSocket senders, in a row and at once, do not degrade the listener", async () => {
    for (let round = 0; round < 4; round++) {
      const outcomes = await Promise.all(Array.from({ length: 15 }, () => connectWebSocketSender(rig.stack.emulator)));
      expect(outcomes.every((o) => o.kind === "refused" && o.status === 501)).toBe(true);
      const answers = await Promise.all(Array.from({ length: 5 }, () => rig.stack.sendThroughRelay("/")));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    }
    expect(await statusOf(rig.stack, rig.registrationId)).toEqual(ONLINE);
  }, 60_000);

  it("a listener whose control channel saw an exception is recycled: RECONNECTING with RELAY_LISTENER_FAULT, then ONLINE", async () => {
    // Garbage on the first two connections (hyco-https's JSON.parse throws on it), then the relay behaves.
    const rogue = await startRogueRelay(2);
    try {
      const id = await addRogueRegistration(rig.stack, rogue.port);
      const faulted = await waitForStatus(rig.stack, id, (s) => s.lastError?.code === "RELAY_LISTENER_FAULT");
      expect(faulted.state).toBe("RECONNECTING");
      await waitForStatus(rig.stack, id, (s) => s.state === "ONLINE");
      expect(rogue.connections()).toBe(3); // recycled twice, each time with a fresh connection
      // The faults were the listener's own: the other registration never noticed.
      expect(await statusOf(rig.stack, rig.registrationId)).toEqual(ONLINE);
      expect((await rig.stack.sendThroughRelay("/")).status).toBe(200);
    } finally {
      await rogue.close();
    }
  }, 30_000);
});

describe("engine native, target without a WebSocket endpoint (the sample service)", () => {
  const rig = useStackWithOnlineRegistration({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_ENGINE: "native" } });

  // The emulator's accept address carries no sender path, so the upgrade reaches the sample service's "/", which
  // answers it with a plain 200 page: no WebSocket there, and the sender is told so with 502 (accept.ts refusalOf).
  it("a WebSocket sender reaches the target, which has no WebSocket endpoint: refused 502 saying so; the next HTTP request succeeds; ONLINE", async () => {
    const outcome = await connectWebSocketSender(rig.stack.emulator);
    expect(outcome).toEqual({ kind: "refused", status: 502, reason: "The local service has no WebSocket endpoint here (it answered the upgrade with 200)" });
    expect((await rig.stack.sendThroughRelay("/")).status).toBe(200);
    expect(await statusOf(rig.stack, rig.registrationId)).toEqual(ONLINE);
  });

  it("many WebSocket senders, in a row and at once, do not degrade the listener", async () => {
    for (let round = 0; round < 4; round++) {
      const outcomes = await Promise.all(Array.from({ length: 15 }, () => connectWebSocketSender(rig.stack.emulator)));
      expect(outcomes.filter((o) => !(o.kind === "refused" && o.status === 502))).toEqual([]);
      const answers = await Promise.all(Array.from({ length: 5 }, () => rig.stack.sendThroughRelay("/")));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    }
    expect(await statusOf(rig.stack, rig.registrationId)).toEqual(ONLINE);
  }, 60_000);

  it("garbage on the control channel is ignored, not thrown: ONLINE on the first connection, no fault, the others untouched", async () => {
    const rogue = await startRogueRelay(1);
    try {
      const id = await addRogueRegistration(rig.stack, rogue.port);
      await waitForStatus(rig.stack, id, (s) => s.state === "ONLINE");
      await waitForStatus(rig.stack, id, () => rogue.connections() >= 1);
      // The garbage has arrived on the one connection; the listener is still ONLINE on it and never recycled.
      expect(await statusOf(rig.stack, id)).toEqual(ONLINE);
      expect(rogue.connections()).toBe(1);
      expect(await statusOf(rig.stack, rig.registrationId)).toEqual(ONLINE);
      expect((await rig.stack.sendThroughRelay("/")).status).toBe(200);
    } finally {
      await rogue.close();
    }
  }, 30_000);
});

describe("engine native, target with a WebSocket echo endpoint", () => {
  let stack: RelayStack;
  let target: TestTarget;
  let registrationId: string;

  beforeAll(async () => {
    target = await startTestTarget("/", { webSocketEcho: true });
    stack = await startRelayStack({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_ENGINE: "native" } });
    registrationId = await stack.addRegistration({ targetUrl: target.url });
    await stack.waitForState(registrationId, "ONLINE");
  }, 30_000);
  afterAll(async () => {
    await stack?.stop();
    await target?.close();
  });

  it("a WebSocket sender is passed through to the target (text and binary echoed); the next HTTP request succeeds; ONLINE", async () => {
    const ws = await openSender(stack);
    const replies: Array<{ data: string; binary: boolean }> = [];
    const both = new Promise<void>((resolve) =>
      ws.on("message", (data, isBinary) => {
        replies.push({ data: String(data), binary: isBinary });
        if (replies.length === 2) resolve();
      }),
    );
    ws.send("hello");
    ws.send(Buffer.from("bytes"), { binary: true });
    await both;
    expect(replies).toEqual([{ data: "hello", binary: false }, { data: "bytes", binary: true }]);
    ws.close(1000);
    expect((await stack.sendThroughRelay("/status/200")).status).toBe(200);
    expect(await statusOf(stack, registrationId)).toEqual(ONLINE);
  });
});

describe("engine native, webSockets=refuse", () => {
  const rig = useStackWithOnlineRegistration({ hostEnv: { ECS_PLUGIN_AZURE_RELAY_ENGINE: "native", ECS_PLUGIN_AZURE_RELAY_WEBSOCKETS: "refuse" } });

  it("a WebSocket sender is refused with 403; the next HTTP request succeeds; the status stays ONLINE", async () => {
    await expect(openSender(rig.stack)).rejects.toThrow("refused 403");
    expect((await rig.stack.sendThroughRelay("/")).status).toBe(200);
    expect(await statusOf(rig.stack, rig.registrationId)).toEqual(ONLINE);
  });
});
