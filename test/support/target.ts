/**
 * A small local web service standing in for ECS Core's services in relay tests: real HTTP on 127.0.0.1, random port.
 *
 *   GET  /echo…      → JSON { method, url, headers } of what arrived (any path under /echo, query included)
 *   POST /hash…      → JSON { bytes, sha256 } of the request body (streamed, never buffered whole)
 *   POST /slowread?pauseMs=P → like /hash, but pauses P ms (default 10) after every chunk it reads
 *   GET  /bytes?n=N  → N pseudo-random bytes (`x-sha256` header carries their hash)
 *   GET  /slow?ms=M  → waits M ms before answering "slow done" (ms default 1000)
 *   GET  /hop        → 200 with hop-by-hop headers set (Connection: x-private, X-Private, Keep-Alive, Trailer)
 *   GET  /cookies    → 200 with two Set-Cookie headers (a=1, b=2)
 *   GET  /broken?n=N → starts a 200 with N bytes of body, then cuts the connection mid-body
 *   any  /status/NNN → that status with a tiny body
 *   WebSocket upgrade (option `webSocketEcho`) → accepted; every message echoed back as it came (text or binary)
 * `requests` records each request's method, url and headers; `close()` ends open connections too.
 */
import { createHash, randomBytes } from "node:crypto";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface TestTarget {
  port: number;
  /** `http://127.0.0.1:PORT` + base path given to `startTestTarget` (default `/`). */
  url: string;
  requests: SeenRequest[];
  /** Requests currently being answered (e.g. /slow). */
  inFlight(): number;
  close(): Promise<void>;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function hashBody(req: http.IncomingMessage, res: http.ServerResponse): void {
  const hash = createHash("sha256");
  let bytes = 0;
  req.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    hash.update(chunk);
  });
  req.on("end", () => json(res, 200, { bytes, sha256: hash.digest("hex") }));
}

/** Reads the body with a pause after every chunk: a slow consumer, so backpressure reaches the sender. */
function slowRead(req: http.IncomingMessage, res: http.ServerResponse, pauseMs: number): void {
  const hash = createHash("sha256");
  let bytes = 0;
  req.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    hash.update(chunk);
    req.pause();
    setTimeout(() => req.resume(), pauseMs);
  });
  req.on("end", () => json(res, 200, { bytes, sha256: hash.digest("hex") }));
}

function sendBytes(res: http.ServerResponse, n: number): void {
  const data = randomBytes(n);
  res.writeHead(200, { "content-type": "application/octet-stream", "x-sha256": createHash("sha256").update(data).digest("hex") });
  res.end(data);
}

function route(req: http.IncomingMessage, res: http.ServerResponse, path: string, query: URLSearchParams): void {
  if (path.startsWith("/echo")) return json(res, 200, { method: req.method, url: req.url, headers: req.headers });
  if (path.startsWith("/hash")) return hashBody(req, res);
  if (path.startsWith("/slowread")) return slowRead(req, res, Number(query.get("pauseMs") ?? "10"));
  if (path.startsWith("/bytes")) return sendBytes(res, Number(query.get("n") ?? "0"));
  if (path.startsWith("/slow")) {
    req.resume(); // read the body: an unread socket would not notice its client going away
    const timer = setTimeout(() => res.end("slow done"), Number(query.get("ms") ?? "1000"));
    res.on("close", () => clearTimeout(timer));
    return;
  }
  if (path.startsWith("/hop")) {
    res.writeHead(200, { connection: "x-private", "x-private": "secret", "keep-alive": "timeout=5", trailer: "x-t", "x-kept": "yes" });
    return void res.end("hop");
  }
  if (path.startsWith("/cookies")) return void res.writeHead(200, { "set-cookie": ["a=1; Path=/", "b=2; Path=/"] }).end("cookies");
  if (path.startsWith("/broken")) {
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": 10 * 1024 * 1024 });
    res.write(Buffer.alloc(Number(query.get("n") ?? "100000"), 7), () => setTimeout(() => res.destroy(), 50));
    return;
  }
  const status = /^\/status\/(\d{3})/.exec(path);
  if (status) return void res.writeHead(Number(status[1]), { "content-type": "text/plain" }).end(`status ${status[1]}`);
  json(res, 404, { error: "no such route", path });
}

export interface TestTargetOptions {
  /** Accept every WebSocket upgrade and echo each message back (text stays text, binary binary). Default false. */
  webSocketEcho?: boolean;
}

export async function startTestTarget(basePath = "/", options: TestTargetOptions = {}): Promise<TestTarget> {
  const requests: SeenRequest[] = [];
  let active = 0;
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    active++;
    res.on("close", () => active--);
    const url = new URL(req.url ?? "/", "http://x");
    const path = url.pathname.startsWith(basePath) ? `/${url.pathname.slice(basePath.length)}`.replace(/^\/\//, "/") : url.pathname;
    route(req, res, path, url.searchParams);
  });
  const echo = options.webSocketEcho ? echoWebSockets(server) : undefined;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    inFlight: () => active,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of echo?.clients ?? []) client.terminate();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function echoWebSockets(server: http.Server): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary }))),
  );
  return wss;
}
