/**
 * Local Azure Relay (Hybrid Connections) emulator: faithful enough that the unmodified hyco-https listener and plain
 * HTTP/WebSocket senders behave as against Azure. See README.md here (conformance table) and the protocol
 * notes in docs/relay-protocol-notes.md.
 */
import http from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { buildNamespace } from "./config";
import { connectionStrings, EmulatorConnectionString } from "./connection-strings";
import type { EmulatorContext } from "./context";
import { createContext } from "./create-context";
import type { EmulatorNamespace, NamespaceConfig } from "./namespace";
import { routeRequest, routeUpgrade } from "./router";
import { resolveTls } from "./tls";
import { startEmulatorArm, type EmulatorArm, type EmulatorArmOption } from "./arm/emulator-arm";

export type { EmulatorNamespace, NamespaceConfig } from "./namespace";
export type { EmulatorConnectionString } from "./connection-strings";
export type { EmulatorArm, EmulatorArmOption } from "./arm/emulator-arm";

export interface EmulatorOptions {
  /** TCP port; 0 = a random free port. Default 0. */
  port?: number;
  /** Interface to bind. Default 127.0.0.1 (the admin API answers loopback peers only anyway). */
  host?: string;
  /** Serve https/wss with this certificate, or a generated self-signed one (see `caCert`). Default: plain http/ws. */
  tls?: { cert: string; key: string } | "self-signed";
  /** Namespace definition. Default: `ecs-core` + `ecs-core-listen` (Listen) + `ecs-core-send` (Send) + root rule. */
  config?: NamespaceConfig;
  /** How long a listener may take to produce the response head before the sender gets 504. Default 60000 (Azure's). */
  responseTimeoutMs?: number;
  /** Status an HTTP sender gets when no listener is connected. Default 502 (Azure's doc; unverified in the field). */
  noListenerStatus?: number;
  /** Drop a listener channel silent this long (both ways), as Azure's load balancers do after ~4 min. Default 0 = off. */
  listenerIdleTimeoutMs?: number;
  /** Close every listener channel with 1001 after this long, like Azure's ~24 h recycle. Default 0 = off. */
  listenerRecycleMs?: number;
  /** Diagnostic lines (never contain keys or tokens). Default: silent. */
  log?: (line: string) => void;
  /**
   * Called when a listener's control channel closes, with the requests it still had in flight (they fail unless a
   * rendezvous socket carries them on): what the farm bench and tests count a killed host's losses against. Default: none.
   */
  onListenerLeft?: (left: ListenerLeft) => void;
  /** Also serve the Azure Resource Manager surface (arm/) over TLS on its own port. Default: off. */
  arm?: EmulatorArmOption;
}

export interface ListenerLeft {
  hybridConnection: string;
  /** The control channel's tracking id. */
  listenerId: string;
  /** Requests the relay had handed to this listener and not yet seen answered when its channel closed. */
  inFlight: number;
  /** The WebSocket close code (1006: the connection just dropped, e.g. a killed process). */
  code: number;
}

export interface RelayEmulator {
  readonly port: number;
  readonly host: string;
  /** "127.0.0.1:PORT": what goes in connection strings and token audiences. */
  readonly namespaceHost: string;
  /** http(s)://127.0.0.1:PORT */
  readonly httpUrl: string;
  readonly tls: boolean;
  /** PEM to trust when `tls: "self-signed"`. */
  readonly caCert?: string;
  readonly namespace: EmulatorNamespace;
  /** The ARM endpoint (url, caCert, subscriptionId, resourceGroup, namespaceName) when started with `arm`. */
  readonly arm?: EmulatorArm;
  connectionStrings(): EmulatorConnectionString[];
  /** Idempotent; closes every socket and timer. */
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RelayEmulator> {
  const host = options.host ?? "127.0.0.1";
  const tls = options.tls ? await resolveTls(options.tls) : undefined;
  const ns = buildNamespace(options.config);
  const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }) : http.createServer();
  let port = 0;
  const ctx = createContext(ns, { ...options, host, tls: !!tls, port: () => port });
  wireNamespaceEvents(ctx);
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.once("close", () => sockets.delete(s));
  });
  // Relayed uploads may stream for long (Azure sets no limit on rendezvous traffic): no Node request deadline.
  server.requestTimeout = 0;
  server.on("request", (req, res) => routeRequest(ctx, req, res));
  server.on("upgrade", (req, socket, head) => routeUpgrade(ctx, req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  ctx.log(`relay emulator on ${tls ? "https" : "http"}://${ctx.namespaceHost()}`);
  const arm = await startEmulatorArm(options.arm, ns, ctx.namespaceHost, ctx.log);
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= Promise.all([arm?.stop(), shutdown(ctx, server, sockets)]).then(() => undefined));
  return {
    port,
    host,
    namespaceHost: ctx.namespaceHost(),
    httpUrl: `${tls ? "https" : "http"}://${ctx.namespaceHost()}`,
    tls: !!tls,
    caCert: tls?.caCert,
    namespace: ns,
    arm,
    connectionStrings: () => connectionStrings(ns, ctx.namespaceHost()),
    stop,
  };
}

/** Deleting or disabling an entity closes its listeners with 1001 (checklist 21); counts stay live (22). */
function wireNamespaceEvents(ctx: EmulatorContext): void {
  ctx.ns.listenerCountOf = (name) => ctx.listeners.count(name);
  ctx.ns.on("hybridConnectionRemoved", (name: string) => {
    ctx.listeners.closeAll(name, 1001, "Entity deleted");
    ctx.rendezvousPool.closeWhere((s) => s.hybridConnection === name);
    ctx.stats.forget(name);
  });
  ctx.ns.on("hybridConnectionUpdated", (hc: { name: string; enabled: boolean }) => {
    if (hc.enabled) return;
    ctx.listeners.closeAll(hc.name, 1001, "Entity disabled");
    ctx.rendezvousPool.closeWhere((s) => s.hybridConnection === hc.name);
  });
}

async function shutdown(ctx: EmulatorContext, server: http.Server, sockets: Set<Socket>): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  ctx.rendezvous.clear();
  ctx.rendezvousPool.clear();
  for (const l of ctx.listeners.all()) {
    ctx.listeners.remove(l);
    l.disposed();
  }
  for (const ws of ctx.wss.clients) ws.terminate();
  for (const s of sockets) s.destroy();
  await closed;
  await new Promise<void>((resolve) => ctx.wss.close(() => resolve()));
  ctx.ns.removeAllListeners();
}
