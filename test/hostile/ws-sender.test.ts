/**
 * Hostile suite, WebSocket senders (issue 15 items 1 and 8), against the whole product. One WebSocket connection
 * attempt by any holder of a Send key used to make hyco-https throw on its accept path and leave the listener
 * "ONLINE" while every relayed request got 504. Now each such sender is refused with a clear status before
 * hyco-https sees it, HTTP keeps flowing, and the status stays truthful. And whatever throws inside a listener, the
 * listener is recycled: its status says RECONNECTING with the fault's code, never ONLINE while it cannot serve.
 */
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { useStackWithOnlineRegistration } from "../support/stack";
import { connectWebSocketSender } from "../support/websocket-sender";

const rig = useStackWithOnlineRegistration();

interface Status {
  state: string;
  lastError: { code: string; message: string } | null;
}

async function statusOf(id: string): Promise<Status> {
  const { body } = await rig.stack.host.gql(`query($id: ID!) { relayRegistration(id: $id) { status { state lastError { code message } } } }`, { id });
  return (body as { data: { relayRegistration: { status: Status } } }).data.relayRegistration.status;
}

async function waitForStatus(id: string, test: (s: Status) => boolean, timeoutMs = 15_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  let last = await statusOf(id);
  while (!test(last)) {
    if (Date.now() > deadline) throw new Error(`status never matched; last ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await statusOf(id);
  }
  return last;
}

it("a WebSocket sender is refused with 501 and a reason; the next HTTP request succeeds; the status stays ONLINE", async () => {
  const outcome = await connectWebSocketSender(rig.stack.emulator);
  expect(outcome).toEqual({ kind: "refused", status: 501, reason: "WebSocket senders are not supported by this listener engine" });
  const res = await rig.stack.sendThroughRelay("/");
  expect(res.status).toBe(200);
  expect(await statusOf(rig.registrationId)).toEqual({ state: "ONLINE", lastError: null });
});

it("many WebSocket senders, in a row and at once, do not degrade the listener", async () => {
  for (let round = 0; round < 4; round++) {
    const outcomes = await Promise.all(Array.from({ length: 15 }, () => connectWebSocketSender(rig.stack.emulator)));
    expect(outcomes.every((o) => o.kind === "refused" && o.status === 501)).toBe(true);
    const answers = await Promise.all(Array.from({ length: 5 }, () => rig.stack.sendThroughRelay("/")));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
  }
  expect(await statusOf(rig.registrationId)).toEqual({ state: "ONLINE", lastError: null });
}, 60_000);

it("a listener whose control channel saw an exception is recycled: RECONNECTING with RELAY_LISTENER_FAULT, then ONLINE", async () => {
  // A relay that sends garbage on the first connections (hyco-https's JSON.parse throws on it), then behaves.
  let connections = 0;
  const rogue = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => rogue.once("listening", () => resolve()));
  rogue.on("connection", (ws) => {
    if (++connections <= 2) ws.send("{ not json");
  });
  try {
    const port = (rogue.address() as AddressInfo).port;
    const key = Buffer.alloc(32, 7).toString("base64");
    const id = await rig.stack.addRegistration({
      connectionString: `Endpoint=sb://127.0.0.1:${port}/;SharedAccessKeyName=listen;SharedAccessKey=${key};UseDevelopmentEmulator=true`,
      hybridConnectionName: "rogue",
    });
    const faulted = await waitForStatus(id, (s) => s.lastError?.code === "RELAY_LISTENER_FAULT");
    expect(faulted.state).toBe("RECONNECTING");
    await waitForStatus(id, (s) => s.state === "ONLINE");
    expect(connections).toBe(3); // recycled twice, each time with a fresh connection
    // The faults were the listener's own: the other registration never noticed.
    expect(await statusOf(rig.registrationId)).toEqual({ state: "ONLINE", lastError: null });
    expect((await rig.stack.sendThroughRelay("/")).status).toBe(200);
  } finally {
    for (const client of rogue.clients) client.terminate();
    await new Promise<void>((resolve) => rogue.close(() => resolve()));
  }
}, 30_000);
