/**
 * The relay connections of the native engine (control channel, rendezvous, accept dials) through an HTTP CONNECT
 * proxy (issue 10 item 7, first part): on-premise servers often reach the internet only through one. The proxy comes
 * from the environment as curl and most tools read it — `HTTPS_PROXY` for wss:// (Azure), `HTTP_PROXY` for ws:// (the
 * emulator), lower-case forms too — and `NO_PROXY` (comma list of host names, `.suffix` / `*.suffix` domains, `*`).
 * Credentials in the proxy URL (`http://user:pass@proxy:3128`) go only into `Proxy-Authorization`; no message repeats
 * the URL. A proxy that refuses the tunnel fails the connection with `PROXY_AUTH_REQUIRED` (407) or `PROXY_REFUSED`.
 */
import http from "node:http";
import net from "node:net";
import tls from "node:tls";
import type { Duplex } from "node:stream";

type Env = Record<string, string | undefined>;

/** The plugin's own proxy settings (azure-relay.proxyUrl / proxyBypass), which override the environment. */
let configured: { url?: string; noProxy?: string } = {};

/** Called by the worker on each `configure` (like the target guard). */
export function configureProxy(settings: { url?: string; noProxy?: string } | undefined): void {
  configured = { ...settings };
}

/** The proxy URL for a relay URL, or undefined for a direct connection. */
export function proxyFor(relayUrl: string, env: Env = process.env, settings = configured): URL | undefined {
  const target = new URL(relayUrl);
  const secure = target.protocol === "wss:" || target.protocol === "https:";
  const raw = settings.url ?? (secure ? (env.HTTPS_PROXY ?? env.https_proxy) : (env.HTTP_PROXY ?? env.http_proxy));
  const noProxy = settings.noProxy ?? env.NO_PROXY ?? env.no_proxy ?? "";
  if (!raw || bypassed(target.hostname, noProxy)) return undefined;
  const proxy = new URL(raw.includes("://") ? raw : `http://${raw}`);
  if (proxy.protocol !== "http:") throw new ProxyError("PROXY_UNSUPPORTED", `only http:// proxies are supported (got ${proxy.protocol}//${proxy.host})`);
  return proxy;
}

function bypassed(hostname: string, noProxy: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return noProxy
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase().replace(/:\d+$/, ""))
    .filter(Boolean)
    .some((entry) => entry === "*" || host === entry.replace(/^\*?\./, "") || host.endsWith(entry.startsWith(".") ? entry : entry.startsWith("*.") ? entry.slice(1) : `.${entry}`));
}

export class ProxyError extends Error {
  constructor(
    readonly code: "PROXY_AUTH_REQUIRED" | "PROXY_REFUSED" | "PROXY_UNSUPPORTED",
    message: string,
  ) {
    super(message);
    this.name = "ProxyError";
  }
}

/** Options for `new WebSocket(url, …)`: `{ agent }` when `url` goes through a proxy, else nothing. */
export function proxyOptions(relayUrl: string): { agent?: http.Agent } {
  const proxy = proxyFor(relayUrl);
  return proxy ? { agent: new ConnectTunnelAgent(proxy) } : {};
}

/** An agent whose every connection is a CONNECT tunnel through `proxy` (TLS on top for wss://). */
export class ConnectTunnelAgent extends http.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: false });
  }

  override createConnection(options: http.ClientRequestArgs & tls.ConnectionOptions, done: (error: Error | null, socket?: Duplex) => void): undefined {
    const host = String(options.host ?? options.hostname ?? "localhost");
    const port = Number(options.port);
    const socket = net.connect(Number(this.proxy.port || 80), this.proxy.hostname);
    const authorization = this.proxy.username ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(this.proxy.username)}:${decodeURIComponent(this.proxy.password)}`).toString("base64")}\r\n` : "";
    const authority = host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      done(error);
    };
    socket.once("error", fail);
    socket.once("close", () => fail(new ProxyError("PROXY_REFUSED", `the proxy ${this.proxy.host} closed the connection before answering the tunnel request`)));
    socket.once("connect", () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${authorization}\r\n`));
    readResponseHead(socket, (status, rest) => {
      if (settled) return;
      if (status !== 200) {
        const code = status === 407 ? "PROXY_AUTH_REQUIRED" : "PROXY_REFUSED";
        return fail(new ProxyError(code, `the proxy ${this.proxy.host} answered the tunnel request with HTTP ${status || "(no valid answer)"}`));
      }
      settled = true;
      if (rest.length > 0) socket.unshift(rest);
      socket.removeAllListeners("error");
      socket.removeAllListeners("close");
      if (options.protocol !== "https:") return done(null, socket);
      done(null, tls.connect({ ...options, socket, servername: options.servername ?? (net.isIP(host) ? undefined : host) }));
    });
    return undefined;
  }
}

/** Reads the proxy's answer head (up to 16 KiB) and calls back with its status and whatever followed it. */
function readResponseHead(socket: net.Socket, done: (status: number, rest: Buffer) => void): void {
  let buffered = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf("\r\n\r\n");
    if (end < 0 && buffered.length < 16 * 1024) return;
    socket.off("data", onData);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(buffered.toString("latin1", 0, Math.min(buffered.length, 64)));
    done(status ? Number(status[1]) : 0, end < 0 ? Buffer.alloc(0) : buffered.subarray(end + 4));
  };
  socket.on("data", onData);
}
