/**
 * SAS verification and relay-made failures (checklist 1-4, 9, 17, and requiresClientAuthorization, relay-protocol-notes.md §4).
 * Listener handshakes are dialled with plain `ws` so the refused status line can be read; senders are plain HTTP.
 */
import { createHmac } from "node:crypto";
import { createRelayToken } from "hyco-https";
import { createSasToken } from "../../server/relay/sas-token";
import { emulatorAdmin, listenToken, sendToken, startTestEmulator, type RelayEmulator } from "../support/emulator";
import { dial, dialListener, send, startHycoListener, type HycoListener } from "./helpers";

const TRACKING = /^.+ TrackingId:[0-9a-f-]{36}_G\d+, SystemTracker:sb:\/\/127\.0\.0\.1:\d+\/[\w-]+, Timestamp:\d{4}-\d\d-\d\dT[\d:]+$/;

/** A token over an arbitrary, already-encoded `sr`. */
function signRaw(srEncoded: string, keyName: string, key: string, se = Math.floor(Date.now() / 1000) + 600): string {
  const sig = createHmac("sha256", key).update(`${srEncoded}\n${se}`).digest("base64");
  return `SharedAccessSignature sr=${srEncoded}&sig=${encodeURIComponent(sig)}&se=${se}&skn=${keyName}`;
}

/** The token with its signature replaced by `bytes` (base64, percent-encoded). */
function withSignature(t: string, bytes: Buffer): string {
  return t.replace(/sig=[^&]+/, `sig=${encodeURIComponent(bytes.toString("base64"))}`);
}

let emu: RelayEmulator;
let listener: HycoListener;
let openListener: HycoListener;
const key = (rule: string) => emu.namespace.getKeys(rule).primaryKey;
const token = (rule: string, o: { hc?: string; lifetime?: number; key?: string } = {}) =>
  createSasToken({ namespace: emu.namespaceHost, hybridConnectionName: o.hc ?? "ecs-core", keyName: rule, key: o.key ?? key(rule), lifetimeSeconds: o.lifetime });

beforeAll(async () => {
  emu = await startTestEmulator({ responseTimeoutMs: 400 });
  await emulatorAdmin(emu, "POST", "hybrid-connections", { name: "open", requiresClientAuthorization: false });
  await emulatorAdmin(emu, "POST", "hybrid-connections", { name: "nobody" });
  const echo = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
    if (req.url?.includes("/never")) return; // never answers: the sender gets 504
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ url: req.url, headers: req.headers }));
  };
  listener = await startHycoListener(emu, echo);
  openListener = await startHycoListener(emu, echo, "open");
});
afterAll(async () => {
  await listener.close();
  await openListener.close();
  await emu.stop();
});

describe("listener handshake", () => {
  test.each([
    ["wrong key", () => token("ecs-core-listen", { key: "bm90IHRoZSBrZXk=" }), 401, "The token has an invalid signature."],
    ["unknown key name", () => token("ecs-core-listen").replace("skn=ecs-core-listen", "skn=nope"), 401, "The token has an invalid signature."],
    ["expired token", () => token("ecs-core-listen", { lifetime: -5 }), 401, "ExpiredToken:"],
    ["token lacking Listen", () => token("ecs-core-send"), 403, "Unauthorized access. 'Listen' claim(s) are required to perform this operation."],
    ["token for another entity", () => token("ecs-core-listen", { hc: "other" }), 401, "InvalidAudience:"],
    ["no token", () => undefined, 401, "MissingToken:"],
    ["garbage token", () => "Bearer abc", 401, "MalformedToken:"],
    ["signature of the wrong length (16 bytes)", () => withSignature(token("ecs-core-listen"), Buffer.alloc(16, 1)), 401, "The token has an invalid signature."],
    ["signature of the wrong length (64 bytes)", () => withSignature(token("ecs-core-listen"), Buffer.alloc(64, 1)), 401, "The token has an invalid signature."],
    ["a field given twice", () => `${token("ecs-core-listen")}&skn=ecs-core-listen`, 401, "MalformedToken:"],
    ["expiry beyond 365 days", () => token("ecs-core-listen", { lifetime: 400 * 86400 }), 401, "InvalidToken: The token expiry (se) is more than 365 days ahead."],
  ])("%s is refused with its status and reason", async (_case, make, status, text) => {
    const r = await dialListener(emu, "ecs-core", make());
    expect(r.ws).toBeUndefined();
    expect(r.status).toBe(status);
    expect(r.reason?.startsWith(text)).toBe(true);
    expect(r.reason).toMatch(TRACKING);
  });

  test("unknown hybrid connection: 404 Endpoint does not exist.", async () => {
    const r = await dialListener(emu, "ghost", token("RootManageSharedAccessKey", { hc: "ghost" }));
    expect(r.status).toBe(404);
    expect(r.reason).toMatch(/^Endpoint does not exist\. TrackingId:.*SystemTracker:sb:\/\/127\.0\.0\.1:\d+\/ghost/);
  });

  test("audience match ignores scheme, port, case and trailing slash; root tokens cover all; sb-hc-token works", async () => {
    const enc = encodeURIComponent;
    const accepted = [
      createRelayToken(`ws://127.0.0.1:443/$hc/ecs-core?sb-hc-action=listen`, "ecs-core-listen", key("ecs-core-listen")),
      signRaw(enc("https://LOCALHOST:9/ECS-Core/"), "ecs-core-listen", key("ecs-core-listen")),
      signRaw(enc("sb://emulator.servicebus.windows.net/ecs-core"), "ecs-core-listen", key("ecs-core-listen")),
      signRaw(enc("http://127.0.0.1/"), "RootManageSharedAccessKey", key("RootManageSharedAccessKey")),
      // Lower-case percent-encoding (PHP sample style): the signature is over the raw `sr`, so it still verifies.
      signRaw(enc("http://127.0.0.1/ecs-core").replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()), "ecs-core-listen", key("ecs-core-listen")),
    ];
    for (const t of accepted) {
      const r = await dialListener(emu, "ecs-core", t);
      expect(r.status).toBeUndefined();
      r.ws!.close();
    }
    const q = await dial(emu, `/$hc/ecs-core?sb-hc-action=listen&sb-hc-token=${encodeURIComponent(listenToken(emu))}`);
    expect(q.ws).toBeDefined();
    q.ws!.close();
    const prefixOnly = await dialListener(emu, "ecs-core", signRaw(enc("http://127.0.0.1/ecs"), "ecs-core-listen", key("ecs-core-listen")));
    expect(prefixOnly.status).toBe(401); // "ecs" is a string prefix but not a segment prefix
  });

  test("permessage-deflate is refused", async () => {
    const r = await dialListener(emu, "ecs-core", listenToken(emu), { perMessageDeflate: true });
    expect(r.ws!.extensions).toBe("");
    r.ws!.close();
  });
});

describe("HTTP sender authorization", () => {
  const get = (headers: Record<string, string>, path = "/ecs-core/x") => send(emu, { path, headers });

  test.each([
    ["wrong key", () => token("ecs-core-send", { key: "d3Jvbmc=" }), 401, "The token has an invalid signature."],
    ["expired token", () => token("ecs-core-send", { lifetime: -1 }), 401, "ExpiredToken:"],
    ["token lacking Send", () => token("ecs-core-listen"), 403, "Unauthorized access. 'Send' claim(s) are required"],
    ["signature of the wrong length", () => withSignature(token("ecs-core-send"), Buffer.alloc(31, 7)), 401, "The token has an invalid signature."],
  ])("%s is refused with its status and reason", async (_c, make, status, text) => {
    const r = await get({ ServiceBusAuthorization: make() });
    expect(r.status).toBe(status);
    expect(r.statusMessage.startsWith(text)).toBe(true);
    expect(r.statusMessage).toMatch(TRACKING);
    expect(r.headers.via).toBeUndefined();
  });

  test("unknown hybrid connection: 404", async () => {
    const r = await get({ ServiceBusAuthorization: sendToken(emu) }, "/ghost/x");
    expect(r.status).toBe(404);
    expect(r.statusMessage).toMatch(/^Endpoint does not exist\. TrackingId:/);
  });

  test("no listener: 502 There are no listeners connected for the endpoint.", async () => {
    const r = await get({ ServiceBusAuthorization: sendToken(emu, "nobody") }, "/nobody/x");
    expect(r.status).toBe(502);
    expect(r.statusMessage).toMatch(/^There are no listeners connected for the endpoint\. TrackingId:.*SystemTracker:sb:\/\/127\.0\.0\.1:\d+\/nobody/);
  });

  test("listener timeout: 504 with the field text", async () => {
    const started = Date.now();
    const r = await get({ ServiceBusAuthorization: sendToken(emu) }, "/ecs-core/never");
    expect(r.status).toBe(504);
    expect(r.statusMessage).toMatch(/^The request was routed to the listener but the listener did not respond in the required time\. TrackingId:/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  test("token in sb-hc-token query or in Authorization (then not forwarded); Authorization passes if another form is used", async () => {
    const viaQuery = await get({}, `/ecs-core/q?sb-hc-token=${encodeURIComponent(sendToken(emu))}&z=1`);
    expect(JSON.parse(viaQuery.body.toString()).url).toBe("/ecs-core/q?z=1");
    const viaAuthorization = await get({ Authorization: sendToken(emu) });
    expect(viaAuthorization.status).toBe(200);
    expect(JSON.parse(viaAuthorization.body.toString()).headers.authorization).toBeUndefined();
    const appAuth = await get({ ServiceBusAuthorization: sendToken(emu), Authorization: "Bearer app-token" });
    expect(JSON.parse(appAuth.body.toString()).headers.authorization).toBe("Bearer app-token");
  });

  test("requiresClientAuthorization=false: no token needed; Authorization passes; relay token forms still stripped", async () => {
    const r = await get({ Authorization: "Bearer app", ServiceBusAuthorization: "whatever" }, "/open/x?sb-hc-token=junk&k=v");
    expect(r.status).toBe(200);
    const seen = JSON.parse(r.body.toString());
    expect(seen.headers.authorization).toBe("Bearer app");
    expect(seen.headers.servicebusauthorization).toBeUndefined();
    expect(seen.url).toBe("/open/x?k=v");
    const listenerStill = await dialListener(emu, "open", undefined);
    expect(listenerStill.status).toBe(401); // listeners always need Listen
  });

  test("WebSocket sender without a listener: 404 There are no listeners connected for the endpoint.", async () => {
    const r = await dial(emu, "/$hc/nobody?sb-hc-action=connect", sendToken(emu, "nobody"));
    expect(r.status).toBe(404);
    expect(r.reason).toMatch(/^There are no listeners connected for the endpoint\. TrackingId:/);
  });
});

test("noListenerStatus is configurable", async () => {
  const other = await startTestEmulator({ noListenerStatus: 503 });
  try {
    const r = await send(other, { path: "/ecs-core/", headers: { ServiceBusAuthorization: sendToken(other) } });
    expect(r.status).toBe(503);
  } finally {
    await other.stop();
  }
});
