/**
 * WebSocket senders (`accept`, relay-protocol.md §3). Until the pass-through exists, a sender's WebSocket is refused
 * properly — the listener dials the accept address with a status — instead of being ignored (the sender would wait
 * ~30 s for a timeout) or crashing the worker (hyco-https).
 */
import WebSocket from "ws";
import type { ResolvedDataPlaneOptions } from "../options";
import type { ListenerSpec } from "../protocol";
import type { AcceptCommand } from "./wire";

/** Refuses the sender with `status` and `text` (the relay answers our dial with 410 Gone). */
export function rejectSender(command: AcceptCommand, status: number, text: string): void {
  const separator = command.address.includes("?") ? "&" : "?";
  const url = `${command.address}${separator}sb-hc-statusCode=${status}&sb-hc-statusDescription=${encodeURIComponent(text)}`;
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.on("error", () => undefined); // 410 is the expected answer
  ws.on("unexpected-response", (req) => req.destroy());
}

export function handleAccept(command: AcceptCommand, _spec: ListenerSpec, _options: () => ResolvedDataPlaneOptions): void {
  rejectSender(command, 501, "WebSocket connections are not passed through by this listener");
}
