/**
 * Two WebSockets joined: every message passes unchanged (text stays text, binary stays binary), a close on one side
 * closes the other with the same code where a close frame may carry it (else 1001 going away), and a side that
 * cannot keep up pauses the other (bounded by HIGH_WATER bytes queued).
 */
import type WebSocket from "ws";

const HIGH_WATER = 1024 * 1024;
const POLL_MS = 5;
/** Codes that exist but may not be sent in a close frame (RFC 6455 §7.4.1). */
const UNSENDABLE = new Set([1004, 1005, 1006, 1015]);

export function sendableCloseCode(code: number): number {
  return code >= 1000 && code < 5000 && !UNSENDABLE.has(code) ? code : 1001;
}

export function splice(a: WebSocket, b: WebSocket): void {
  pipe(a, b);
  pipe(b, a);
}

function pipe(from: WebSocket, to: WebSocket): void {
  from.on("message", (data, isBinary) => {
    if (to.readyState !== to.OPEN) return;
    to.send(data as Buffer, { binary: isBinary });
    if (to.bufferedAmount > HIGH_WATER) waitForRoom(from, to);
  });
  from.on("close", (code, reason) => {
    if (to.readyState === to.OPEN || to.readyState === to.CONNECTING) to.close(sendableCloseCode(code), reason.subarray(0, 123));
  });
  from.on("error", () => undefined); // its close follows and is passed on
}

function waitForRoom(from: WebSocket, to: WebSocket): void {
  from.pause();
  const check = (): void => {
    if (to.readyState !== to.OPEN || to.bufferedAmount <= HIGH_WATER) return from.resume();
    setTimeout(check, POLL_MS);
  };
  setTimeout(check, POLL_MS);
}
