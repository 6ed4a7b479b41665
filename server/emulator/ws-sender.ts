/**
 * WebSocket senders (`/$hc/{path}?sb-hc-action=connect`, checklist 7, 17, 18): the listener gets an `accept` message,
 * dials the single-use accept address, and the two legs are spliced. A listener may reject by dialing the address
 * with `sb-hc-statusCode`/`statusCode`: it gets 410, the sender gets the listener's status and text.
 * A bare hyco-https listener throws on `accept` (relay-protocol-notes.md §5); the plugin's listener answers accepts itself (it
 * rejects them with 501: server/relay/websocket-accept.ts), so a WebSocket sender against it is safe.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type WebSocket from "ws";
import { EmulatorContext, findEntity, rendezvousAddress, systemTracker } from "./context";
import { relayToken } from "./control-channel";
import { newTrackingId, REASONS, rejectUpgrade, relayReason } from "./relay-errors";
import { verifySasToken } from "./sas-verify";

/** Sub-protocol the sender leg must answer with: the one the listener chose (read by the WebSocketServer). */
export const PROTOCOL_CHOICE = new WeakMap<IncomingMessage, string>();
const ACCEPT_TIMEOUT_TEXT = "The listener did not accept the connection in the required time.";
const FORWARDED = ["host", "sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions", "origin", "user-agent"];

interface Upgrade {
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
}

export function handleConnect(ctx: EmulatorContext, sender: Upgrade, url: URL, entityPath: string): void {
  const hc = findEntity(ctx, entityPath);
  const tracker = systemTracker(ctx, hc?.name ?? entityPath);
  const refuse = (status: number, text: string) => {
    if (hc) ctx.stats.of(hc.name).errors++;
    rejectUpgrade(sender.socket, status, relayReason(text, tracker));
  };
  if (!hc || !hc.enabled) return refuse(404, REASONS.endpointNotFound);
  if (hc.requiresClientAuthorization) {
    const auth = verifySasToken(ctx.ns, relayToken(sender.req, url), { hybridConnection: hc.name, right: "Send", hosts: ctx.audienceHosts() });
    if (!auth.ok) return refuse(auth.status, auth.reason);
  }
  const listener = ctx.listeners.pick(hc.name);
  if (!listener) return refuse(404, REASONS.noListeners);
  const given = url.searchParams.get("sb-hc-id");
  const id = given && !ctx.rendezvous.has(given) ? given : newTrackingId();
  const address = rendezvousAddress(ctx, hc.name, "accept", id);
  ctx.stats.of(hc.name).requests++;
  ctx.rendezvous.register(id, {
    kind: "accept",
    hybridConnection: hc.name,
    onUpgrade: (req, socket, head, lurl) => onListenerDial(ctx, sender, { req, socket, head }, lurl, hc.name),
    onExpire: () => refuse(504, ACCEPT_TIMEOUT_TEXT),
  });
  sender.socket.once("close", () => ctx.rendezvous.release(id));
  listener.send(JSON.stringify({ accept: { address, id, connectHeaders: connectHeaders(sender.req), remoteEndpoint: remote(sender.req) } }));
}

function connectHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) if (FORWARDED.includes(raw[i].toLowerCase())) out[raw[i]] = raw[i + 1];
  return out;
}
function remote(req: IncomingMessage) {
  return { address: req.socket.remoteAddress, port: req.socket.remotePort };
}

function onListenerDial(ctx: EmulatorContext, sender: Upgrade, listener: Upgrade, url: URL, hc: string): void {
  const p = url.searchParams;
  const status = p.get("sb-hc-statusCode") ?? p.get("statusCode");
  if (status !== null) {
    const text = p.get("sb-hc-statusDescription") ?? p.get("statusDescription") ?? "Rejected";
    rejectUpgrade(listener.socket, 410, "Gone");
    const code = Number(status);
    return rejectUpgrade(sender.socket, code >= 400 && code <= 599 ? code : 400, text);
  }
  if (sender.socket.destroyed) return rejectUpgrade(listener.socket, 410, "Gone");
  ctx.wss.handleUpgrade(listener.req, listener.socket, listener.head, (lws) => {
    const chosen = lws.protocol;
    if (chosen) PROTOCOL_CHOICE.set(sender.req, chosen);
    ctx.wss.handleUpgrade(sender.req, sender.socket, sender.head, (sws) => splice(ctx, hc, sws, lws));
  });
}

/** Frames pass untouched both ways; a close on one side closes the other with the same code. */
function splice(ctx: EmulatorContext, hc: string, a: WebSocket, b: WebSocket): void {
  const counters = ctx.stats.of(hc);
  const pipe = (from: WebSocket, to: WebSocket, count: (n: number) => void) => {
    from.on("message", (data, isBinary) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      count(buf.length);
      if (to.readyState === to.OPEN) to.send(buf, { binary: isBinary });
    });
    from.on("close", (code, reason) => {
      const sendable = code >= 1000 && code < 5000 && ![1004, 1005, 1006, 1015].includes(code);
      if (to.readyState === to.OPEN || to.readyState === to.CONNECTING) to.close(sendable ? code : 1001, reason);
    });
    from.on("error", (err) => ctx.log(`websocket relay error: ${err.message}`));
  };
  pipe(a, b, (n) => (counters.bytesIn += n));
  pipe(b, a, (n) => (counters.bytesOut += n));
}
