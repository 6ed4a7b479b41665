/** Helpers for the emulator's own tests: hyco-https listeners that close cleanly, and a plain HTTP(S) sender. */
import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import tls from "node:tls";
import { createRelayedServer, type RelayedServer } from "hyco-https";
import type { IncomingMessage, ServerResponse } from "node:http";
import WebSocket from "ws";
import { listenToken, listenUri, type RelayEmulator } from "../support/emulator";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface HycoListener {
  server: RelayedServer;
  errors: unknown[];
  /** Resolves at the next (re)connect. */
  nextListening(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function connected(server: RelayedServer): boolean {
  const cc = (server as unknown as { controlChannel?: { readyState: number } }).controlChannel;
  return cc?.readyState === 1;
}

/** An unmodified hyco-https listener on `hc`, resolved once `listening` fired. */
export async function startHycoListener(emu: RelayEmulator, handler: Handler, hc = "ecs-core", token?: () => string): Promise<HycoListener> {
  const server = createRelayedServer({ server: listenUri(emu, hc), token: token ?? (() => listenToken(emu, hc)) }, handler);
  const errors: unknown[] = [];
  server.on("error", (e: unknown) => errors.push(e));
  const nextListening = (timeoutMs = 5000) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("hyco-https listener did not (re)connect")), timeoutMs);
      server.once("listening", () => (clearTimeout(t), resolve()));
    });
  const first = nextListening();
  server.listen();
  await first;
  return {
    server,
    errors,
    nextListening,
    // hyco-https's close() does not cancel a pending reconnect timer: only close while connected, and wait for `close`.
    async close() {
      if (!connected(server)) await nextListening(15000).catch(() => undefined);
      const closed = new Promise<void>((resolve) => server.once("close", () => resolve()));
      server.close();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000).unref())]);
    },
  };
}

export interface SendOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string | string[]>;
  /** Written with end() in one piece (Content-Length set). */
  body?: Buffer | string;
  /** Written in many writes without Content-Length (chunked). */
  chunks?: Buffer[];
}
export interface SendResult {
  status: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with a fresh connection (no keep-alive agent: nothing lingers after the test). */
export function send(emu: RelayEmulator, opts: SendOptions): Promise<SendResult> {
  const url = new URL(opts.path ?? "/ecs-core/", emu.httpUrl);
  const headers: http.OutgoingHttpHeaders = { ...opts.headers };
  if (opts.body !== undefined) headers["Content-Length"] = Buffer.byteLength(opts.body);
  return new Promise((resolve, reject) => {
    const req = (emu.tls ? https : http).request(url, { method: opts.method ?? "GET", headers, agent: false, ca: emu.caCert }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? "", headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    if (opts.chunks) {
      for (const c of opts.chunks) req.write(c);
      req.end();
    } else {
      req.end(opts.body);
    }
  });
}

export function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Deterministic bytes, so corruption or reordering shows up in the hash. */
export function pattern(size: number, seed = 0): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
}

export function split(buf: Buffer, parts: number): Buffer[] {
  const size = Math.max(1, Math.ceil(buf.length / parts));
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

/**
 * hyco-https cannot be given a `ca` (it builds its ws client itself), so for the TLS suite the test process adds the
 * emulator's CA to TLS connections to that one port only. Verification stays on. Returns the undo function.
 */
export function trustEmulatorCa(emu: RelayEmulator): () => void {
  const original = tls.connect;
  const patched = function (this: unknown, ...args: unknown[]) {
    const opts = args[0] as tls.ConnectionOptions | undefined;
    if (opts && typeof opts === "object" && Number(opts.port) === emu.port) {
      if (!opts.ca) opts.ca = emu.caCert;
      // ws 6 sends the IP as SNI, which Node deprecates (DEP0123); the certificate is still checked against the host.
      if (opts.servername && isIP(opts.servername)) delete opts.servername;
    }
    return (original as (...a: unknown[]) => tls.TLSSocket).apply(this, args);
  };
  (tls as { connect: unknown }).connect = patched;
  return () => void ((tls as { connect: unknown }).connect = original);
}

export interface Dialed {
  ws?: WebSocket;
  status?: number;
  reason?: string;
}

/** Opens a raw `ws` connection (listener or sender) and reports either the socket or the refused status line. */
export function dial(emu: RelayEmulator, pathAndQuery: string, token?: string, options: WebSocket.ClientOptions = {}): Promise<Dialed> {
  const url = `${emu.tls ? "wss" : "ws"}://${emu.namespaceHost}${pathAndQuery}`;
  const headers = { ...(token ? { ServiceBusAuthorization: token } : {}), ...options.headers };
  const ws = new WebSocket(url, { perMessageDeflate: false, ca: emu.caCert, ...options, headers });
  return new Promise((resolve) => {
    ws.once("open", () => resolve({ ws }));
    ws.once("unexpected-response", (req, res) => {
      resolve({ status: res.statusCode, reason: res.statusMessage });
      req.destroy();
    });
    ws.once("error", (err) => resolve({ reason: err.message }));
  });
}

/** A raw listener control channel for `hc`. */
export function dialListener(emu: RelayEmulator, hc: string, token?: string, options?: WebSocket.ClientOptions): Promise<Dialed> {
  return dial(emu, `/$hc/${hc}?sb-hc-action=listen`, token, options);
}

export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve({ code: -1, reason: "already closed" });
  return new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
