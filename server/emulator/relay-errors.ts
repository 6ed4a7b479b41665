/**
 * Relay-made failures. Azure puts a sentence plus a tracking suffix in the status line (relay-protocol-notes.md §2):
 * `Endpoint does not exist. TrackingId:{guid}_G{n}, SystemTracker:{tracker}, Timestamp:{utc}`.
 */
import { randomUUID } from "node:crypto";
import type { Duplex } from "node:stream";
import type { ServerResponse } from "node:http";

export const REASONS = {
  endpointNotFound: "Endpoint does not exist.",
  invalidSignature: "The token has an invalid signature.",
  missingToken: "MissingToken: The request contains no SharedAccessSignature token.",
  malformedToken: "MalformedToken: The credentials contained in the authorization header are not in the SharedAccessSignature format.",
  expiredToken: "ExpiredToken: The token is expired.",
  invalidAudience: "InvalidAudience: The token audience does not match the requested entity.",
  noListeners: "There are no listeners connected for the endpoint.",
  listenerTimeout: "The request was routed to the listener but the listener did not respond in the required time.",
  tooManyListeners: "The number of listeners on the endpoint reached the quota of 25 (MaximumListenersPerEndpoint).",
  listenersRefused: "ServerBusy: The endpoint refuses new listeners for now (emulator fault injection).",
  rendezvousExpired: "The rendezvous address is expired, unknown or was already used.",
  badRequest: "Bad request: unsupported sb-hc-action or URL.",
  listenerGone: "The listener went away before answering.",
  rendezvousClosedEarly: "The listener went away before answering (it closed the rendezvous connection).",
} as const;

export function claimMissing(right: string): string {
  return `Unauthorized access. '${right}' claim(s) are required to perform this operation.`;
}

let gatewaySeq = 0;
export function newTrackingId(): string {
  return `${randomUUID()}_G${gatewaySeq++ % 32}`;
}

/** The full reason phrase: sentence + TrackingId/SystemTracker/Timestamp. */
export function relayReason(text: string, systemTracker: string, trackingId = newTrackingId()): string {
  const ts = new Date().toISOString().replace(/\.\d+Z$/, "");
  return `${text} TrackingId:${trackingId}, SystemTracker:${systemTracker}, Timestamp:${ts}`;
}

/** Reason phrases must stay on one line of visible characters. */
function safeReason(reason: string): string {
  return reason.replace(/[^\t\x20-\x7e]/g, " ");
}

/** Fails a WebSocket handshake (listener, sender or rendezvous) with the reason in the status line. */
export function rejectUpgrade(socket: Duplex, status: number, reason: string): void {
  const body = `${reason}\n`;
  if (!socket.writable) return void socket.destroy();
  socket.end(
    `HTTP/1.1 ${status} ${safeReason(reason)}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Fails an HTTP sender request; relay-made errors carry no `Via` (relay-protocol-notes.md §4). */
export function failHttp(res: ServerResponse, status: number, reason: string): void {
  if (res.headersSent) return void res.destroy();
  const body = `${reason}\n`;
  res.writeHead(status, safeReason(reason), { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}
