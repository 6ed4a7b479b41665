/**
 * Listener lifecycle: load spreading, the 25-listener quota, token expiry and renewal, entity deletion/disabling,
 * fault injection (drop -> hyco-https reconnects, refuse, expire, response drop/delay), stats, inline vs rendezvous.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type WebSocket from "ws";
import { createSasToken } from "../../server/relay/sas-token";
import { emulatorAdmin, listenToken, sendToken, startTestEmulator, type RelayEmulator } from "../support/emulator";
import { closed, delay, dialListener, pattern, send, startHycoListener, type HycoListener } from "./helpers";

let emu: RelayEmulator;
const hycos: HycoListener[] = [];
const raws: WebSocket[] = [];
const auth = (hc = "ecs-core") => ({ ServiceBusAuthorization: sendToken(emu, hc) });
const tagged = (tag: string) => (req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  req.on("end", () => res.end(tag));
};
async function hyco(handler = tagged("a"), hc = "ecs-core", token?: () => string) {
  const l = await startHycoListener(emu, handler, hc, token);
  hycos.push(l);
  return l;
}
async function raw(hc = "ecs-core", token = listenToken(emu, hc)) {
  const r = await dialListener(emu, hc, token);
  if (!r.ws) throw new Error(`listener refused: ${r.status} ${r.reason}`);
  raws.push(r.ws);
  return r.ws;
}
const shortToken = (seconds: number) =>
  createSasToken({ namespace: emu.namespaceHost, hybridConnectionName: "ecs-core", keyName: "ecs-core-listen", key: emu.namespace.getKeys("ecs-core-listen").primaryKey, lifetimeSeconds: seconds });

beforeEach(async () => {
  emu = await startTestEmulator({ responseTimeoutMs: 500 });
});
afterEach(async () => {
  raws.splice(0).forEach((ws) => ws.terminate());
  await Promise.all(hycos.splice(0).map((l) => l.close()));
  await emu.stop();
});

test("two hyco-https listeners on one entity both receive traffic", async () => {
  await hyco(tagged("one"));
  await hyco(tagged("two"));
  const seen = new Set<string>();
  for (let i = 0; i < 40 && seen.size < 2; i++) seen.add((await send(emu, { path: "/ecs-core/", headers: auth() })).body.toString());
  expect(seen).toEqual(new Set(["one", "two"]));
  expect(emu.namespace.listenerCount("ecs-core")).toBe(2);
});

test("25 listeners per entity; the 26th is refused with the quota error", async () => {
  for (let i = 0; i < 25; i++) await raw();
  const r = await dialListener(emu, "ecs-core", listenToken(emu));
  expect(r.status).toBe(403);
  expect(r.reason).toContain("MaximumListenersPerEndpoint");
  const hcs = await emulatorAdmin(emu, "GET", "hybrid-connections");
  expect(hcs.body.find((h: { name: string }) => h.name === "ecs-core").listenerCount).toBe(25);
  raws.pop()!.close();
  await delay(50);
  expect((await dialListener(emu, "ecs-core", listenToken(emu))).ws).toBeDefined();
});

test("token expiry closes 1008; renewToken keeps the channel past the first expiry; a bad renewal closes 1008", async () => {
  const expiringToken = shortToken(2);
  const expiring = await raw("ecs-core", expiringToken);
  const firstToken = shortToken(2);
  const firstExpiryMs = Number(/se=(\d+)/.exec(firstToken)![1]) * 1000;
  const renewed = await raw("ecs-core", firstToken);
  const badRenewal = await raw("ecs-core", shortToken(60));
  renewed.send(JSON.stringify({ renewToken: { token: shortToken(60) } }));
  badRenewal.send(JSON.stringify({ renewToken: { token: shortToken(60).replace(/sig=[^&]+/, "sig=AAAA") } }));
  expect((await closed(badRenewal)).code).toBe(1008);
  expect((await closed(expiring)).code).toBe(1008);
  // Not before `se` (a small grace may follow it).
  expect(Date.now()).toBeGreaterThanOrEqual(Number(/se=(\d+)/.exec(expiringToken)![1]) * 1000);
  await delay(Math.max(0, firstExpiryMs - Date.now()) + 300);
  expect(renewed.readyState).toBe(renewed.OPEN);
});

test("hyco-https with a function token reconnects right after its channel expires (1008)", async () => {
  const l = await hyco(tagged("x"), "ecs-core", () => shortToken(2));
  await l.nextListening(4000);
  expect((await send(emu, { path: "/ecs-core/", headers: auth() })).body.toString()).toBe("x");
});

test("deleting the entity closes listeners 1001 and later listens get 404; disabling closes 1001 too", async () => {
  await emulatorAdmin(emu, "POST", "hybrid-connections", { name: "temp" });
  const a = await raw("temp", createSasToken({ namespace: emu.namespaceHost, hybridConnectionName: "temp", keyName: "RootManageSharedAccessKey", key: emu.namespace.getKeys("RootManageSharedAccessKey").primaryKey }));
  const b = await raw();
  const closingA = closed(a);
  expect((await emulatorAdmin(emu, "DELETE", "hybrid-connections/temp")).status).toBe(200);
  expect((await closingA).code).toBe(1001);
  expect((await dialListener(emu, "temp", listenToken(emu))).status).toBe(404);
  const closingB = closed(b);
  expect((await emulatorAdmin(emu, "PATCH", "hybrid-connections/ecs-core", { enabled: false })).body.enabled).toBe(false);
  expect((await closingB).code).toBe(1001);
  expect((await dialListener(emu, "ecs-core", listenToken(emu))).status).toBe(404);
  await emulatorAdmin(emu, "PATCH", "hybrid-connections/ecs-core", { enabled: true });
  expect((await dialListener(emu, "ecs-core", listenToken(emu))).ws).toBeDefined();
});

test("fault drop-listeners: channels close (1011 default) and the hyco-https listener reconnects and serves", async () => {
  const l = await hyco(tagged("back"));
  const w = await raw();
  const reconnected = l.nextListening();
  const r = await emulatorAdmin(emu, "POST", "faults/drop-listeners", { hybridConnection: "ecs-core" });
  expect(r.body.dropped).toBe(2);
  expect((await closed(w)).code).toBe(1011);
  await reconnected;
  expect((await send(emu, { path: "/ecs-core/", headers: auth() })).body.toString()).toBe("back");
});

test("faults refuse-listeners, expire-tokens and clear", async () => {
  const w = await raw();
  await emulatorAdmin(emu, "POST", "faults/refuse-listeners", { hybridConnection: "ecs-core", seconds: 30, status: 503 });
  expect((await dialListener(emu, "ecs-core", listenToken(emu))).status).toBe(503);
  const closing = closed(w);
  expect((await emulatorAdmin(emu, "POST", "faults/expire-tokens", {})).body.expired).toBe(1);
  expect((await closing).code).toBe(1008);
  await emulatorAdmin(emu, "POST", "faults/clear");
  expect((await dialListener(emu, "ecs-core", listenToken(emu))).ws).toBeDefined();
});

test("fault responses: drop gives the sender 504, delay holds the response, count limits them", async () => {
  await hyco(tagged("ok"));
  await emulatorAdmin(emu, "POST", "faults/responses", { hybridConnection: "ecs-core", drop: true, count: 1 });
  expect((await send(emu, { path: "/ecs-core/", headers: auth() })).status).toBe(504);
  expect((await send(emu, { path: "/ecs-core/", headers: auth() })).status).toBe(200);
  await emulatorAdmin(emu, "POST", "faults/responses", { hybridConnection: "ecs-core", delayMs: 250, count: 1 });
  const started = Date.now();
  expect((await send(emu, { path: "/ecs-core/", headers: auth() })).body.toString()).toBe("ok");
  expect(Date.now() - started).toBeGreaterThanOrEqual(240);
});

test("requests up to 64 kB go inline, larger or chunked ones via rendezvous; stats count them", async () => {
  const l = await hyco(tagged("r"));
  let rendezvous = 0;
  l.server.on("requestchannel", () => rendezvous++);
  await send(emu, { method: "POST", path: "/ecs-core/", headers: auth(), body: pattern(65_536) });
  expect(rendezvous).toBe(0);
  await send(emu, { method: "POST", path: "/ecs-core/", headers: auth(), body: pattern(65_537) });
  expect(rendezvous).toBe(1);
  await send(emu, { method: "POST", path: "/ecs-core/", headers: auth(), chunks: [pattern(10)] });
  expect(rendezvous).toBe(2);
  const stats = (await emulatorAdmin(emu, "GET", "stats")).body.hybridConnections["ecs-core"];
  expect(stats).toEqual({ listeners: 1, requests: 3, bytesIn: 65_536 + 65_537 + 10, bytesOut: 3, errors: 0 });
});

describe("optional Azure-like connection limits", () => {
  let limited: RelayEmulator;
  const mine: WebSocket[] = [];
  afterEach(async () => {
    mine.splice(0).forEach((w) => w.terminate());
    await limited.stop();
  });

  test("idle drop: a silent channel is cut (no close frame); one sending pongs survives", async () => {
    limited = await startTestEmulator({ listenerIdleTimeoutMs: 300 });
    const silent = (await dialListener(limited, "ecs-core", listenToken(limited))).ws!;
    const chatty = (await dialListener(limited, "ecs-core", listenToken(limited))).ws!;
    mine.push(silent, chatty);
    const pongs = setInterval(() => chatty.pong(), 100);
    try {
      expect((await closed(silent)).code).toBe(1006);
      await delay(300);
      expect(chatty.readyState).toBe(chatty.OPEN);
    } finally {
      clearInterval(pongs);
    }
  });

  test("recycle: channels close with 1001 after the configured lifetime", async () => {
    limited = await startTestEmulator({ listenerRecycleMs: 200 });
    const w = (await dialListener(limited, "ecs-core", listenToken(limited))).ws!;
    mine.push(w);
    expect((await closed(w)).code).toBe(1001);
  });
});

test("reconnect storm: hyco-https with a bad string token retries (0 s, 1 s, ...) and each try gets 401; after close() nothing lingers", async () => {
  const { createRelayedServer } = await import("hyco-https");
  const badToken = createSasToken({ namespace: emu.namespaceHost, hybridConnectionName: "ecs-core", keyName: "ecs-core-listen", key: "d3Jvbmc=" });
  const server = createRelayedServer({ server: `ws://${emu.namespaceHost}/$hc/ecs-core?sb-hc-action=listen`, token: badToken }, () => undefined);
  const errors: string[] = [];
  server.on("error", (e: { message?: string }) => errors.push(String(e.message)));
  server.listen();
  const deadline = Date.now() + 4000;
  while (errors.length < 2 && Date.now() < deadline) await delay(50);
  expect(errors.slice(0, 2)).toEqual(["Unexpected server response: 401", "Unexpected server response: 401"]);
  expect(emu.namespace.listenerCount("ecs-core")).toBe(0);
  // close() does not cancel the armed backoff timer: one more (refused) attempt follows, then it stops for good.
  server.close();
  const internals = server as unknown as { _connecting: boolean; controlChannel: { readyState: number } };
  const until = Date.now() + 4000;
  while ((internals._connecting || internals.controlChannel.readyState !== 3) && Date.now() < until) await delay(50);
  expect(internals._connecting).toBe(false);
  const settled = errors.length;
  await delay(300);
  expect(errors.length).toBe(settled);
  expect(emu.namespace.listenerCount("ecs-core")).toBe(0);
});

test("hyco-https serves a keep-alive connection's later requests on the same rendezvous", async () => {
  const l = await hyco(tagged("k"));
  let rendezvous = 0;
  l.server.on("requestchannel", () => rendezvous++);
  const http = await import("node:http");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const post = (size: number) =>
      new Promise<string>((resolve, reject) => {
        const req = http.request(`${emu.httpUrl}/ecs-core/`, { method: "POST", headers: { ...auth(), "Content-Length": size }, agent }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve(`${res.statusCode} ${text}`));
        });
        req.on("error", reject);
        req.end(pattern(size));
      });
    expect([await post(70_000), await post(80_000), await post(5)]).toEqual(["200 k", "200 k", "200 k"]);
    expect(rendezvous).toBe(1);
  } finally {
    agent.destroy();
  }
});
