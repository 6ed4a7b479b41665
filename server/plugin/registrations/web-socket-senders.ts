/**
 * Per-registration handling of WebSocket senders (issue 10 item 3). `default` follows the installation's data-plane
 * option `webSockets` (ECS_PLUGIN_AZURE_RELAY_WEBSOCKETS, server/relay/options.ts); `pass` or `refuse` overrides it
 * for this registration only. Stored only when overridden, so records stored before keep following the installation.
 */
import { inputProblem } from "./input-problem-texts";

export type WebSocketSenders = "default" | "pass" | "refuse";

const CHOICES: readonly WebSocketSenders[] = ["default", "pass", "refuse"];

/** Checks a caller's choice (scripts may bypass GraphQL's enum); `undefined` = follow the installation. */
export function validWebSocketSenders(raw: unknown): "pass" | "refuse" | undefined {
  if (raw == null || raw === "default") return undefined;
  if (raw === "pass" || raw === "refuse") return raw;
  throw inputProblem("webSockets", "WEB_SOCKETS_CHOICE", { value: JSON.stringify(String(raw)).slice(0, 40) });
}

/** What a record says, for views: an override or `default`. */
export function webSocketSendersOf(record: { webSockets?: "pass" | "refuse" }): WebSocketSenders {
  return record.webSockets ?? "default";
}
