/**
 * Listener control channel: `/$hc/{path}?sb-hc-action=listen` (checklist 1-6, 20, 21).
 * Handshake failures go into the status line; afterwards the channel carries requests to the listener and
 * `response` / `renewToken` messages back.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type WebSocket from "ws";
import { EmulatorContext, systemTracker } from "./context";
import { MAX_LISTENERS_PER_ENDPOINT, RelayListener } from "./listeners";
import type { HybridConnection } from "./namespace";
import { REASONS, rejectUpgrade, relayReason } from "./relay-errors";
import { ResponseReader } from "./response-reader";
import { verifySasToken } from "./sas-verify";

/** The listener's token: `ServiceBusAuthorization` header (hyco-https, .NET) or `sb-hc-token` query. */
export function relayToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers["servicebusauthorization"];
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("sb-hc-token") ?? undefined;
}

export function handleListen(ctx: EmulatorContext, req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, hc: HybridConnection | undefined): void {
  const tracker = systemTracker(ctx, hc?.name ?? url.pathname.replace(/^\/\$hc\//, ""));
  const refuse = (status: number, text: string) => {
    ctx.log(`listen refused ${status} on ${tracker}: ${text}`);
    rejectUpgrade(socket, status, relayReason(text, tracker));
  };
  if (!hc || !hc.enabled) return refuse(404, REASONS.endpointNotFound);
  const refusal = ctx.faults.listenerRefusal(hc.name);
  if (refusal) return refuse(refusal, REASONS.listenersRefused);
  const auth = verifySasToken(ctx.ns, relayToken(req, url), { hybridConnection: hc.name, right: "Listen", hosts: ctx.audienceHosts() });
  if (!auth.ok) return refuse(auth.status, auth.reason);
  if (ctx.listeners.count(hc.name) >= MAX_LISTENERS_PER_ENDPOINT) return refuse(403, REASONS.tooManyListeners);
  ctx.wss.handleUpgrade(req, socket, head, (ws) => attachListener(ctx, hc.name, ws, auth.expiresAtMs));
}

function attachListener(ctx: EmulatorContext, hcName: string, ws: WebSocket, expiresAtMs: number): void {
  const listener = new RelayListener(hcName, ws, expiresAtMs, ctx.listenerTimers);
  ctx.listeners.add(listener);
  ctx.log(`listener ${listener.id} connected to ${hcName} (${ctx.listeners.count(hcName)} now)`);
  const reader = new ResponseReader((id) => listener.pending.get(id));
  reader.attach(
    ws,
    (msg) => {
      if (msg && typeof msg === "object" && "renewToken" in msg) return renew(ctx, listener, msg.renewToken);
      ctx.log(`listener ${listener.id}: ignored unknown message`);
    },
    () => ctx.log(`listener ${listener.id}: ignored non-JSON text message`),
  );
  ws.on("message", () => listener.touch());
  ws.on("pong", () => listener.touch());
  ws.on("ping", () => listener.touch());
  // Unsolicited pongs (hyco-https keepAliveTimeout) are legal and only count as traffic.
  ws.on("error", (err) => ctx.log(`listener ${listener.id} socket error: ${err.message}`));
  ws.on("close", (code) => {
    ctx.listeners.remove(listener);
    ctx.onListenerLeft({ hybridConnection: hcName, listenerId: listener.id, inFlight: listener.pending.size, code });
    listener.disposed();
    ctx.rendezvousPool.closeWhere((s) => s.listener === listener);
    ctx.log(`listener ${listener.id} left ${hcName} (code ${code})`);
  });
}

/** `renewToken` needs Listen for the same entity; a bad one closes the channel with 1008 (relay-protocol-notes.md §2). */
function renew(ctx: EmulatorContext, listener: RelayListener, body: unknown): void {
  const token = (body as { token?: unknown } | null)?.token;
  const auth = verifySasToken(ctx.ns, typeof token === "string" ? token : undefined, {
    hybridConnection: listener.hybridConnection,
    right: "Listen",
    hosts: ctx.audienceHosts(),
  });
  if (!auth.ok) {
    ctx.log(`listener ${listener.id}: renewToken refused (${auth.reason})`);
    return listener.close(1008, "renewToken refused");
  }
  listener.setExpiry(auth.expiresAtMs);
}
