/**
 * A large upload through the relay as a cloud sender makes it, without holding the body in memory: `bytes` of
 * pseudo-random data written in 1 MiB pieces at the connection's pace, framed by Content-Length (`declared`) or
 * chunked. Resolves as soon as a response has arrived (the sender's view; the rest of the body may never be sent,
 * and the connection may be cut after the answer), or with `{ status: 0, error }` if none did.
 *
 * The connection is keep-alive, as browsers and most clients make it: with `Connection: close` (Node's `agent:
 * false`) the relay's HTTP server closes the connection right after an early answer while the body is still being
 * written, and the client's next write meets a reset that discards the unread answer (EPIPE, no response).
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { sendToken, type RelayEmulator } from "./emulator";

export interface UploadOutcome {
  status: number;
  body: string;
  /** Body bytes handed to the socket before the upload stopped. */
  sent: number;
  error?: string;
}

const PIECE = randomBytes(1024 * 1024);

export interface UploadOptions {
  /** The sender gives up (destroys its connection) once this many body bytes were handed to the socket. */
  abortAfterBytes?: number;
}

export function uploadThroughRelay(emu: RelayEmulator, path: string, bytes: number, framing: "declared" | "chunked", options: UploadOptions = {}): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    let sent = 0;
    let settled = false;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const settle = (outcome: UploadOutcome): void => {
      if (settled) return;
      settled = true;
      req.destroy();
      agent.destroy();
      resolve(outcome);
    };
    const req = http.request(`${emu.httpUrl}${path}`, {
      method: "POST",
      agent,
      headers: {
        ServiceBusAuthorization: sendToken(emu),
        "content-type": "application/octet-stream",
        ...(framing === "declared" ? { "content-length": String(bytes) } : { "transfer-encoding": "chunked" }),
      },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      const done = (): void => settle({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), sent });
      res.on("end", done);
      res.on("error", done); // cut after the answer: what arrived is what the sender saw
      res.on("aborted", done);
    });
    req.on("error", (error) => settle({ status: 0, body: "", sent, error: error.message }));
    const write = (): void => {
      while (sent < bytes && !settled) {
        if (options.abortAfterBytes !== undefined && sent >= options.abortAfterBytes) {
          return void setTimeout(() => settle({ status: 0, body: "", sent, error: "aborted by the sender" }), 50);
        }
        const piece = PIECE.subarray(0, Math.min(PIECE.length, bytes - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", write);
      }
      if (!settled) req.end();
    };
    write();
  });
}
