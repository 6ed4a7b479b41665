/**
 * A local HTTP CONNECT proxy for tests of outbound proxy support (native engine relay connections, management
 * client): real sockets on 127.0.0.1, records every tunnel it opens (`host:port`).
 */
import net, { type AddressInfo } from "node:net";

export interface ConnectProxy {
  /** `http://127.0.0.1:PORT` (no credentials). */
  url: string;
  /** The `host:port` of every tunnel it opened, in order. */
  tunnels: string[];
  close(): Promise<void>;
}

/** A CONNECT-only proxy on 127.0.0.1; with `credentials`, a request without them gets 407. */
export async function startConnectProxy(credentials?: string): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => undefined);
    client.once("data", (head: Buffer) => {
      const text = head.toString("latin1");
      const target = /^CONNECT (\S+) HTTP\/1\.1/.exec(text)?.[1];
      const auth = /proxy-authorization: basic (\S+)/i.exec(text)?.[1];
      if (!target) return void client.end("HTTP/1.1 400 Bad Request\r\n\r\n");
      if (credentials && auth !== Buffer.from(credentials).toString("base64")) return void client.end("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n");
      tunnels.push(target);
      const [host, port] = [target.slice(0, target.lastIndexOf(":")), Number(target.slice(target.lastIndexOf(":") + 1))];
      const upstream = net.connect(port, host, () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      upstream.on("error", () => client.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    close: () => new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}
