/**
 * A small web service standing in for ECS Core's SAP web services, so `npm start` shows a relayed request end to end.
 *   GET  /                         what this service offers
 *   GET  /api/materials/{id}       a JSON answer shaped like an SAP function result
 *   ANY  /echo[/…]                 method, path, query, headers and body size/hash of the request (streamed, any size)
 *   GET  /bytes?n=N                N bytes of data, streamed (for large downloads)
 *   GET  /slow?ms=N                answers after N ms (for timeouts)
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

export interface SampleService {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

const routes: Array<[RegExp, Handler]> = [
  [/^\/$/, (_req, res) => json(res, 200, { service: "ECS Core sample web service", endpoints: ["/api/materials/{id}", "/echo", "/bytes?n=N", "/slow?ms=N"] })],
  [/^\/api\/materials\/([^/]+)$/, (_req, res, url) => json(res, 200, material(decodeURIComponent(url.pathname.split("/").pop() ?? "")))],
  [/^\/echo(\/.*)?$/, echo],
  [/^\/bytes$/, bytes],
  [/^\/slow$/, slow],
];

export async function startSampleService(port = 0, host = "127.0.0.1"): Promise<SampleService> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sample.invalid");
    const route = routes.find(([pattern]) => pattern.test(url.pathname));
    if (route) route[1](req, res, url);
    else json(res, 404, { error: `No such endpoint ${url.pathname}` });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  const actual = (server.address() as AddressInfo).port;
  return { port: actual, url: `http://${host}:${actual}/`, stop: () => close(server) };
}

function material(id: string): unknown {
  return { function: "BAPI_MATERIAL_GET_DETAIL", material: id, description: `Sample material ${id}`, baseUnit: "PC", plant: "1000", servedAt: new Date().toISOString() };
}

function echo(req: IncomingMessage, res: ServerResponse, url: URL): void {
  const hash = createHash("sha256");
  let size = 0;
  req.on("data", (chunk: Buffer) => { size += chunk.length; hash.update(chunk); });
  req.on("end", () => json(res, 200, { method: req.method, path: url.pathname, query: url.search, headers: req.headers, bodyBytes: size, bodySha256: hash.digest("hex") }));
}

function bytes(_req: IncomingMessage, res: ServerResponse, url: URL): void {
  let left = Math.max(0, Number(url.searchParams.get("n") ?? 0));
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(left) });
  Readable.from((function* () {
    while (left > 0) { const n = Math.min(left, chunk.length); left -= n; yield chunk.subarray(0, n); }
  })()).pipe(res);
}

function slow(_req: IncomingMessage, res: ServerResponse, url: URL): void {
  const ms = Number(url.searchParams.get("ms") ?? 0);
  const timer = setTimeout(() => json(res, 200, { waitedMs: ms }), ms);
  res.on("close", () => clearTimeout(timer)); // a caller that gave up leaves no timer behind
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
