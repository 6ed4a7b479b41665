/**
 * One relay listener: a hyco-https server on one hybrid connection, reduced to exactly ONE connection lifecycle
 * (protocol.ts): connecting → online → down. hyco-https would reconnect forever on its own (0,1,2,5,10,30 s, even
 * after 401/404) and its close() does not cancel a pending reconnect; retrying is the supervisor's decision, so we
 * set the server's `closeRequested` flag from listeners placed BEFORE hyco-https's own on the control channel — its
 * handlers then never schedule a reconnect — and close at once any connection that still opens late.
 */
import moment from "moment";
import type { IncomingMessage } from "node:http";
import { createTargetAgents, forwardRequest } from "./forwarder";
import type { HycoResponse, HycoServer, RelayWebSocket } from "./hyco-internals";
import { InFlight } from "./in-flight";
import { listenUri } from "./listen-uri";
import type { ResolvedDataPlaneOptions } from "./options";
import type { ListenerSpec, RelaySignal, TrafficSnapshot, WorkerEvent } from "./protocol";
import { signalFromClose, signalFromError } from "./relay-signal";
import { answerViaRendezvous } from "./relay-response";
import { RemoteEndpoints } from "./remote-endpoints";
import { createSasToken } from "./sas-token";
import { TrafficCounter } from "./traffic";

/** hyco-https's `createRelayedServer`, injected so that only the worker entry ever loads the library. */
export type CreateRelayedServer = (
  options: { server: string; token: () => string; keepAliveTimeout: unknown },
  handler: (req: IncomingMessage, res: never) => void,
) => unknown;

type Phase =
  | { name: "idle" }
  | { name: "connecting"; server: HycoServer }
  | { name: "online"; server: HycoServer }
  | { name: "draining"; server: HycoServer; done: Promise<void> }
  | { name: "down" };

/** After a teardown, rendezvous sockets get this long to finish their close handshake before being cut. */
const SOCKET_CLOSE_GRACE_MS = 1000;

export class RelayListener {
  private phase: Phase = { name: "idle" };
  private readonly traffic = new TrafficCounter();
  private readonly inFlight = new InFlight();
  private readonly endpoints = new RemoteEndpoints();
  private readonly agents = createTargetAgents();

  constructor(
    readonly spec: ListenerSpec,
    private readonly options: () => ResolvedDataPlaneOptions,
    private readonly emit: (event: WorkerEvent) => void,
    private readonly createServer: CreateRelayedServer,
  ) {}

  get id(): string {
    return this.spec.listenerId;
  }

  get isDown(): boolean {
    return this.phase.name === "down";
  }

  start(): void {
    if (this.phase.name !== "idle") return;
    const { namespace, hybridConnectionName, keyName, key, secure } = this.spec;
    const server = this.createServer(
      {
        server: listenUri(namespace, hybridConnectionName, secure),
        // A function, so hyco-https renews the token in place (hourly) instead of presenting an expired one.
        token: () => createSasToken({ namespace, hybridConnectionName, keyName, key, lifetimeSeconds: this.options().tokenLifetimeSeconds }),
        keepAliveTimeout: moment.duration(this.options().keepAliveMs),
      },
      (req, res) => this.onRequest(req, res as unknown as HycoResponse),
    ) as HycoServer;
    server.on("listening", () => this.onListening(server));
    server.on("requestchannel", (ws: RelayWebSocket) => {
      this.inFlight.trackSocket(ws);
      this.endpoints.watch(ws);
    });
    this.phase = { name: "connecting", server };
    this.emit({ type: "connecting", listenerId: this.id });
    try {
      server.listen();
    } catch (error) {
      return this.fail(signalFromError(error)); // e.g. a namespace that makes an invalid URL
    }
    this.watchControlChannel(server);
  }

  /** Drains (bounded by `drainMs`) and closes; idempotent. Resolves once `down` was posted. */
  stop(drainMs: number): Promise<void> {
    const phase = this.phase;
    switch (phase.name) {
      case "idle":
        this.phase = { name: "down" };
        this.emit({ type: "down", listenerId: this.id });
        return Promise.resolve();
      case "connecting":
        this.finish(phase.server);
        return Promise.resolve();
      case "online": {
        const done = this.drain(phase.server, drainMs);
        this.phase = { name: "draining", server: phase.server, done };
        return done;
      }
      case "draining":
        return phase.done;
      case "down":
        return Promise.resolve();
      default:
        return assertNever(phase);
    }
  }

  /** The counters, if they changed since the last call. */
  takeTraffic(): TrafficSnapshot | undefined {
    return this.traffic.changed ? this.traffic.snapshot() : undefined;
  }

  private watchControlChannel(server: HycoServer): void {
    const channel = server.controlChannel;
    if (!channel) return;
    // prependListener: ours must run before hyco-https's onerror/onclose, which would schedule the reconnect.
    channel.prependListener("error", (error: unknown) => {
      server.closeRequested = true;
      if (this.isCurrent(server)) this.fail(signalFromError(error));
    });
    channel.prependListener("close", (code: number, reason: unknown) => {
      server.closeRequested = true;
      if (this.isCurrent(server)) this.fail(signalFromClose(code, reason));
    });
    this.endpoints.watch(channel);
  }

  /** True while this server's connection lifecycle is live (not draining, not down). */
  private isCurrent(server: HycoServer): boolean {
    return (this.phase.name === "connecting" || this.phase.name === "online") && this.phase.server === server;
  }

  private onListening(server: HycoServer): void {
    if (this.phase.name === "connecting" && this.phase.server === server) {
      this.phase = { name: "online", server };
      this.emit({ type: "online", listenerId: this.id });
      return;
    }
    // A connection hyco-https opened although we are done with it (zombie): close it at once, for good.
    server.closeRequested = true;
    server.controlChannel?.terminate();
  }

  private onRequest(req: IncomingMessage, res: HycoResponse): void {
    const phase = this.phase;
    if (phase.name !== "online" && phase.name !== "draining") return refuse(res);
    this.traffic.started();
    const flight = this.inFlight.begin(req, res, phase.server.controlChannel);
    if (phase.name === "draining") answerViaRendezvous(res); // the control channel is closed or closing
    const clientAddress = this.endpoints.take(res.requestId);
    forwardRequest(req, res, { target: this.spec, options: this.options(), agents: this.agents, clientAddress, signal: flight.signal })
      .then((outcome) => this.traffic.finished(outcome))
      .finally(() => flight.end());
  }

  private async drain(server: HycoServer, drainMs: number): Promise<void> {
    server.closeRequested = true;
    // In-flight answers not yet sent would otherwise go to the closed control channel and be lost.
    for (const res of this.inFlight.responses()) answerViaRendezvous(res);
    server.controlChannel?.close(1000, "listener stopping"); // the relay stops routing new requests here
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.inFlight.whenIdle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)))]);
    clearTimeout(timer);
    this.finish(server);
  }

  private fail(signal: RelaySignal): void {
    if (this.phase.name !== "connecting" && this.phase.name !== "online") return;
    this.finish(this.phase.server, signal);
  }

  /** Tears everything down and posts the last traffic and `down`. No socket or timer of this listener survives. */
  private finish(server: HycoServer, signal?: RelaySignal): void {
    this.phase = { name: "down" };
    server.closeRequested = true;
    this.inFlight.abortAll();
    server.close(() => undefined); // callback form: never throws (it would if the channel never existed)
    server.controlChannel?.terminate();
    this.inFlight.closeSockets();
    setTimeout(() => this.inFlight.terminateSockets(), SOCKET_CLOSE_GRACE_MS).unref();
    this.agents.http.destroy();
    this.agents.https.destroy();
    this.emit({ type: "traffic", listenerId: this.id, traffic: this.traffic.snapshot() });
    this.emit(signal ? { type: "down", listenerId: this.id, signal } : { type: "down", listenerId: this.id });
  }
}

/** A request reaching a listener that is already down (a late rendezvous): answer 503 rather than leave it hanging. */
function refuse(res: HycoResponse): void {
  try {
    res.writeHead(503);
    res.end(Buffer.from("Service Unavailable: this relay listener is stopping.\n"));
  } catch {
    // nothing more we can do for it
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
