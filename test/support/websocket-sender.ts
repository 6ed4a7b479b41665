/**
 * A WebSocket sender through the relay (`/$hc/{hc}?sb-hc-action=connect` with a Send token), as any holder of a
 * Send key could open one. Resolves with how the handshake ended; never rejects.
 */
import type { IncomingMessage } from "node:http";
import WebSocket from "ws";
import { sendToken, type RelayEmulator } from "./emulator";

export type WebSocketSenderOutcome =
  /** The relay (or the listener, through it) refused the handshake with this HTTP status and reason. */
  | { kind: "refused"; status: number; reason: string }
  /** The handshake succeeded (the connection is closed again at once). */
  | { kind: "opened" }
  | { kind: "error"; message: string };

export function connectWebSocketSender(emu: RelayEmulator, hybridConnection = "ecs-core"): Promise<WebSocketSenderOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${emu.namespaceHost}/$hc/${hybridConnection}?sb-hc-action=connect`, {
      headers: { ServiceBusAuthorization: sendToken(emu, hybridConnection) },
      handshakeTimeout: 20_000,
    });
    ws.on("unexpected-response", (req, res: IncomingMessage) => {
      res.resume();
      req.destroy();
      resolve({ kind: "refused", status: res.statusCode ?? 0, reason: res.statusMessage ?? "" });
    });
    ws.on("open", () => {
      ws.terminate();
      resolve({ kind: "opened" });
    });
    ws.on("error", (error) => resolve({ kind: "error", message: error.message }));
  });
}
