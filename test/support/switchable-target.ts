/**
 * A local target that can be stopped and started again on the same port (target health tests): answers every
 * request 200 `ok` while up; refuses connections while down.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface SwitchableTarget {
  url: string;
  /** Requests seen since start (health checks included). */
  readonly seen: Array<{ method: string; url: string }>;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startSwitchableTarget(): Promise<SwitchableTarget> {
  const seen: Array<{ method: string; url: string }> = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "" });
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const down = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url: `http://127.0.0.1:${port}/`,
    seen,
    down,
    up: () => new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    }),
    close: down,
  };
}
