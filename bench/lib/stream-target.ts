/**
 * A target in the bench process itself, for figures that need one clock on both ends: `/sse?n=N&intervalMs=M`
 * writes N Server-Sent Events, each carrying the moment it was written (`performance.timeOrigin + now()`, ms), and
 * any WebSocket upgrade gets an echo server.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { WebSocketServer } from "ws";

export interface StreamTarget {
  url: string;
  close(): Promise<void>;
}

export const nowMs = (): number => performance.timeOrigin + performance.now();

export async function startStreamTarget(): Promise<StreamTarget> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const n = Number(url.searchParams.get("n") ?? "200");
    const intervalMs = Number(url.searchParams.get("intervalMs") ?? "5");
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      res.write(`data: ${nowMs()}\n\n`);
      if (++sent >= n) {
        clearInterval(timer);
        res.end();
      }
    }, intervalMs);
    res.on("close", () => clearInterval(timer));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary }))));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        wss.clients.forEach((c) => c.terminate());
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
