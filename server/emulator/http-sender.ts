/** HTTP senders at `/{path}[/...]` (checklist 7-9, 17): resolve, authorize, pick a listener, relay. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { EmulatorContext, findEntity, systemTracker } from "./context";
import { ExchangeRoute, HttpExchange } from "./http-exchange";
import { failHttp, newTrackingId, REASONS, relayReason } from "./relay-errors";
import { verifySasToken } from "./sas-verify";
import { fitsInline, forwardedHeaders, requestTarget, senderCredentials } from "./sender-request";

export function handleHttpSender(ctx: EmulatorContext, req: IncomingMessage, res: ServerResponse): void {
  const rawUrl = req.url ?? "/";
  const path = rawUrl.split("?")[0];
  const hc = findEntity(ctx, path);
  const tracker = systemTracker(ctx, hc?.name ?? path.replace(/^\//, ""));
  const fail = (status: number, text: string) => {
    if (hc) ctx.stats.of(hc.name).errors++;
    ctx.log(`sender ${req.method} ${path} refused ${status}: ${text}`);
    failHttp(res, status, relayReason(text, tracker));
  };
  if (!hc || !hc.enabled) return fail(404, REASONS.endpointNotFound);
  const creds = senderCredentials(req, hc.requiresClientAuthorization);
  if (hc.requiresClientAuthorization) {
    const auth = verifySasToken(ctx.ns, creds.token, { hybridConnection: hc.name, right: "Send", hosts: ctx.audienceHosts() });
    if (!auth.ok) return fail(auth.status, auth.reason);
  }
  // Later requests of a connection that already has a request rendezvous go over it (relay-protocol-notes.md §3).
  const session = ctx.rendezvousPool.take(req.socket, hc.name);
  const listener = session?.listener ?? ctx.listeners.pick(hc.name);
  if (!listener) return fail(ctx.noListenerStatus, REASONS.noListeners);
  const headers = forwardedHeaders(req, creds.fromAuthorization);
  const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
  const route: ExchangeRoute = session ? { kind: "reuse", session } : fitsInline(req, headers) ? { kind: "inline" } : { kind: "fetch" };
  const exchange = new HttpExchange(ctx, hc.name, listener, req, res, {
    id: exchangeId(ctx, rawUrl),
    requestTarget: requestTarget(rawUrl),
    method: req.method ?? "GET",
    requestHeaders: headers,
    remoteEndpoint: { address: req.socket.remoteAddress, port: req.socket.remotePort },
    body: hasBody,
  }, route);
  exchange.start();
}

/** The sender's `sb-hc-id` if given and free, else a generated `{guid}_G{n}` (relay-protocol-notes.md §3). */
function exchangeId(ctx: EmulatorContext, rawUrl: string): string {
  const q = rawUrl.indexOf("?");
  const given = q < 0 ? null : new URLSearchParams(rawUrl.slice(q + 1)).get("sb-hc-id");
  return given && !ctx.rendezvous.has(given) ? given : newTrackingId();
}
