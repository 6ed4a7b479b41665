/**
 * WebSocket senders (`accept`, docs/relay-protocol-notes.md §3; issue 10 item 3). The sender's WebSocket is passed through to
 * the target: the `ws://`/`wss://` form of the registration's target URL plus the sender's path with the hybrid
 * connection stripped. The target is asked FIRST; only once it accepted does the listener dial the accept address
 * (echoing the sub-protocol the target chose), and the two are spliced. A target that refuses the upgrade makes the
 * relay refuse the sender with the target's status; an unreachable target gives 502.
 */
import WebSocket from "ws";
import type { ForwardTarget, TargetAgents } from "../forward-context";
import { isHopByHop } from "../hop-by-hop";
import type { RelayWebSocket } from "../hyco-internals";
import { buildTargetLocation } from "../target-url";
import { proxyOptions } from "./outbound-proxy";
import { sendableCloseCode, splice } from "./ws-splice";
import { clientAddressOf, nodeHeaders, type AcceptCommand } from "./wire";
import { rejectionAddress } from "../websocket-accept";

/** Headers the WebSocket client makes itself, or that belong to the relay hop. */
const NOT_TO_TARGET = new Set(["host", "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol", "servicebusauthorization", "x-forwarded-host", "x-forwarded-proto"]);

export interface AcceptContext {
  target: ForwardTarget;
  agents: TargetAgents;
  /** How long the target may take to answer the upgrade. */
  timeoutMs: number;
  /** Sockets to close when the listener goes (in-flight tracking). */
  track(ws: RelayWebSocket): void;
}

/** Refuses the sender with `status` and `text` (the relay answers our dial with 410 Gone). */
export function rejectSender(command: AcceptCommand, status: number, text: string): void {
  const url = rejectionAddress(command.address, { status, description: text });
  if (!url) return; // not a ws(s) address: nothing to dial
  const ws = new WebSocket(url, { ...proxyOptions(url), perMessageDeflate: false });
  ws.on("error", () => undefined); // 410 is the expected answer
  ws.on("unexpected-response", (req) => req.destroy());
}

/** The sender's path and query from the accept address: `/$hc/{hc}/rest?a=1&sb-hc-…` → `/{hc}/rest?a=1`. */
export function senderTarget(address: string): string {
  const url = new URL(address);
  const path = url.pathname.replace(/^\/\$hc(?=\/)/, "");
  // As the relay filters an HTTP sender's query (docs/relay-protocol-notes.md §1): only `sb-hc-…=` pairs go, all else stays.
  const query = url.search.slice(1).split("&").filter((pair) => !(/^sb-hc-/i.test(pair) && pair.includes("=")));
  const kept = query.join("&");
  return kept !== "" ? `${path}?${kept}` : path;
}

export function handleAccept(command: AcceptCommand, ctx: AcceptContext): void {
  let targetUrl: string;
  try {
    const location = buildTargetLocation(ctx.target.targetUrl, senderTarget(command.address), ctx.target.hybridConnectionName);
    const host = location.hostname.includes(":") ? `[${location.hostname}]` : location.hostname;
    targetUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${host}:${location.port}${location.path}`;
  } catch {
    return rejectSender(command, 502, "Bad Gateway: the target URL of this relay registration is not usable");
  }
  const offered = nodeHeaders(command.connectHeaders);
  const protocols = (offered["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  const target = new WebSocket(targetUrl, protocols, {
    headers: targetHeaders(offered, ctx.target, clientAddressOf(command)),
    agent: targetUrl.startsWith("wss:") ? ctx.agents.https : ctx.agents.http,
    perMessageDeflate: false,
    maxPayload: 0,
    handshakeTimeout: ctx.timeoutMs,
  });
  let settled = false;
  target.on("unexpected-response", (req, res) => {
    settled = true;
    rejectSender(command, ...refusalOf(res.statusCode, res.statusMessage));
    res.resume();
    req.destroy();
  });
  target.on("error", () => {
    if (settled) return;
    settled = true;
    rejectSender(command, 502, "Bad Gateway: the local service could not be reached");
  });
  target.once("open", () => {
    settled = true;
    connectSender(command, target, ctx);
  });
}

function connectSender(command: AcceptCommand, target: WebSocket, ctx: AcceptContext): void {
  const sender = new WebSocket(command.address, target.protocol ? [target.protocol] : [], { ...proxyOptions(command.address), perMessageDeflate: false, maxPayload: 0 });
  ctx.track(target as unknown as RelayWebSocket);
  ctx.track(sender as unknown as RelayWebSocket);
  let spliced = false;
  sender.on("error", () => undefined);
  sender.once("open", () => {
    spliced = true;
    splice(sender, target);
  });
  // The sender left before we could accept (or the address expired): the target's connection goes too.
  sender.once("close", (code) => spliced || target.close(sendableCloseCode(code), "sender gone"));
}

function targetHeaders(offered: Record<string, string>, from: ForwardTarget, clientAddress: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(offered)) if (!NOT_TO_TARGET.has(name) && !isHopByHop(name)) headers[name] = value;
  const prior = offered["x-forwarded-for"];
  if (clientAddress) headers["x-forwarded-for"] = prior ? `${prior}, ${clientAddress}` : clientAddress;
  headers["x-forwarded-proto"] = from.secure ? "https" : "http";
  headers["x-forwarded-host"] = from.namespace;
  return headers;
}

/**
 * How the sender is refused when the target did not switch protocols: with the target's own error status, or, for an
 * answer that is no refusal (a 200 page where no WebSocket endpoint is), 502 saying so — the relay has no way to pass
 * such an answer on, and would turn a non-error status into a bare 400.
 */
export function refusalOf(status: number | undefined, reason: string | undefined): [number, string] {
  if (status !== undefined && status >= 400 && status <= 599) return [status, reason || "Refused by the local service"];
  return [502, `The local service has no WebSocket endpoint here (it answered the upgrade with ${status ?? "nothing"})`];
}
